using System.Text.RegularExpressions;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Data;

/// <summary>
/// The SQL of member pages and searches on every provider, shaped so an index answers it: a cursor condition the sort
/// index bounds (a row value on PostgreSQL, a leading-column bound elsewhere), a name search as the union of two prefix
/// ranges found before the sort, and a member number or e-mail address as an equality on its unique index.
/// PostgreSQL's plans for the same queries are in Members.SearchIndexPlanTests.
/// </summary>
public sealed class SearchQueryShapeTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    public static TheoryData<DatabaseProvider, MemberOrderField, SortDirection, bool> Cursors()
    {
        var data = new TheoryData<DatabaseProvider, MemberOrderField, SortDirection, bool>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            foreach (var field in Enum.GetValues<MemberOrderField>())
            {
                foreach (var direction in Enum.GetValues<SortDirection>())
                {
                    data.Add(provider, field, direction, false);
                    data.Add(provider, field, direction, true);
                }
            }
        }

        return data;
    }

    public static TheoryData<DatabaseProvider> Providers => new(Enum.GetValues<DatabaseProvider>());

    [Theory]
    [MemberData(nameof(Cursors))]
    public void A_cursor_is_a_condition_the_sort_index_bounds(DatabaseProvider provider, MemberOrderField field, SortDirection direction, bool before)
    {
        using var db = ProviderModelTests.Context(provider);
        var order = MemberOrders.For(new MemberOrder { Field = field, Direction = direction });
        var values = order.Read(Sample());

        var sql = order.Apply(db.Members.Where(order.Beyond(values, before, KeysetOrder<Member>.SyntaxFor(db))), reverse: before).Take(21).ToQueryString();

        var columns = field switch
        {
            MemberOrderField.Name => new[] { "LastNameKey", "FirstNameKey", "Number" },
            MemberOrderField.CreatedAt => ["CreatedAt", "Number"],
            _ => ["Number"],
        };
        var op = (direction == SortDirection.Asc) != before ? ">" : "<";
        if (provider == DatabaseProvider.PostgreSql && columns.Length > 1)
        {
            // (a, b, c) > (@x, @y, @z): PostgreSQL bounds the index scan with the whole row value.
            Assert.Matches($@"\({string.Join(@",\s*", columns.Select(c => $@"m\.""{c}"""))}\)\s*{op}\s*\(@\w+,", sql);
        }
        else if (columns.Length > 1)
        {
            // a >= @x AND (a > @x OR (a = @x AND …)): the leading bound is a seek predicate on the sort index.
            Assert.Matches($@"WHERE\s+{Column(columns[0])}\s*{op}=\s*@\w+\s+AND\s+\(\s*{Column(columns[0])}\s*{op}\s*@", sql);
        }
        else
        {
            Assert.Matches($@"WHERE\s+{Column(columns[0])}\s*{op}\s*@\w+", sql);
        }

        Assert.DoesNotMatch(@"(?i)\bOFFSET\b", sql);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_name_search_is_two_prefix_ranges_united_before_the_sort(DatabaseProvider provider)
    {
        using var db = ProviderModelTests.Context(provider);
        var staff = ProviderModelTests.Staff();
        var query = MemberSearch.Apply(db.Members.VisibleTo(db, staff, Today), db, new MemberFilter { Search = "  Jo GARCÍA " }, null, staff, Today);

        var sql = MemberOrders.For(null).Apply(query, reverse: false).Take(21).ToQueryString();

        // The longest word ("garcia") finds the matches, one prefix range per name key; the shorter one only filters them.
        Assert.Contains("garcia%", sql, StringComparison.Ordinal);
        Assert.Contains("jo%", sql, StringComparison.Ordinal);
        Assert.Matches(@"(?s)\bLIKE\b.*\bUNION ALL\b.*\bLIKE\b", sql);
        Assert.Matches($@"{Column("LastNameKey")}\s+LIKE\s+@", sql);
        Assert.Matches($@"{Column("FirstNameKey")}\s+LIKE\s+@", sql);
        // The union is a subquery: the sort and the limit apply to its matches only.
        Assert.True(sql.LastIndexOf("UNION", StringComparison.Ordinal) < sql.LastIndexOf("ORDER BY", StringComparison.Ordinal), sql);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_name_search_page_cuts_each_range_at_the_page_end_then_fetches_the_members_by_number(DatabaseProvider provider)
    {
        using var db = ProviderModelTests.Context(provider);
        var staff = ProviderModelTests.Staff();
        var order = MemberOrders.For(null);

        var sql = KeysetPaging.PageQuery<Member>(db, (d, part) => MemberSearch.Apply(d.Members.VisibleTo(d, staff, Today), d, new MemberFilter { Search = "garcia" }, null, staff, Today, part),
            order, order.Read(Sample()), before: null, size: 20, backward: false, MemberSearch.ByNumber).ToQueryString();

        // Four limits: each prefix range (cut at the page's end before the union), the page's keys, and the page.
        Assert.Equal(4, Regex.Count(sql, @"\bLIMIT\b|\bTOP\b|\bFETCH NEXT\b"));
        // The members are fetched by number, with the keys found by the union of the two ranges.
        Assert.Matches($@"(?s)WHERE\s+{Column("Number")}\s+IN\s+\(\s*SELECT\b.*\bUNION ALL\b", sql);
        // The cursor bounds each range, not only the union.
        Assert.True(Regex.Count(sql, provider == DatabaseProvider.PostgreSql ? @"\)\s*>\s*\(@" : $@"{Column("LastNameKey")}\s*>=\s*@") >= 2, sql);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_member_number_or_an_e_mail_address_is_an_equality_on_its_unique_index(DatabaseProvider provider)
    {
        using var db = ProviderModelTests.Context(provider);
        var staff = ProviderModelTests.Staff();
        string Sql(string search) => MemberSearch.Apply(db.Members, db, new MemberFilter { Search = search }, null, staff, Today).ToQueryString();

        var number = Sql("M-000123");
        var email = Sql(" Jo.Garcia@Example.org ");

        Assert.Matches($@"WHERE\s+{Column("Number")}\s*=\s*@", number);
        Assert.Matches($@"WHERE\s+{Column("EmailNormalized")}\s*=\s*@", email);
        Assert.All(new[] { number, email }, sql => Assert.DoesNotMatch(@"\bLIKE\b|\bUNION\b", sql));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void An_agency_search_is_a_LIKE_the_trigram_index_answers_or_an_exact_ORI(DatabaseProvider provider)
    {
        using var db = ProviderModelTests.Context(provider);

        var sql = Membership.Agencies.AgencyQueries.Filter(db, new Membership.Agencies.AgencyFilter { Search = "Sheriff_%" }).ToQueryString();

        // LIKE (not strpos or instr, which no index answers), with the search's own % and _ escaped.
        Assert.Matches($@"{Column("NameKey")}\s+LIKE\s+@\w+\s+ESCAPE", sql);
        Assert.Contains(@"%sheriff\_\%%", sql, StringComparison.Ordinal);
        Assert.Matches($@"{Column("OriCode")}\s*=\s*@", sql);
    }

    [Fact]
    public void A_search_without_a_word_of_two_characters_is_refused()
    {
        Assert.Equal(ErrorCodes.SearchTooShort, Assert.Throws<global::GraphQL.ExecutionError>(() => SearchTerms.Words(" j  ", "filter.search")).Code);
        Assert.Equal(["garcia", "jo", "m"], SearchTerms.Words("m Jo García", "filter.search"));
        Assert.Equal(ErrorCodes.SearchTooShort, Assert.Throws<global::GraphQL.ExecutionError>(() => SearchTerms.Phrase("é", "filter.search")).Code);
    }

    /// <summary>A column of the member table, quoted as any provider quotes it.</summary>
    private static string Column(string name) => $@"[\[""]?\w+[\]""]?\.[\[""]?{name}[\]""]?";

    private static Member Sample()
    {
        var member = new Member { FirstName = "Jo", LastName = "García", Email = "x", EmailNormalized = "x", StateCode = "AL", Number = 12, CreatedAt = DateTimeOffset.UtcNow };
        member.SetName(member.FirstName, member.LastName);
        return member;
    }
}
