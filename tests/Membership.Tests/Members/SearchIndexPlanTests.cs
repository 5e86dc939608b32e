using System.Text.RegularExpressions;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Members;
using Membership.Tests.Data;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Members;

/// <summary>
/// PostgreSQL's plans for the members and agencies queries: the search and the cursor are index conditions, never a
/// filter over a whole index. Sequential scans are switched off because the test tables are small; what is shown is
/// that the index can bound the scan (with the C collation and the row-value cursor), which it could not before.
/// </summary>
public sealed class SearchIndexPlanTests(PostgreSqlApi api) : ApiTest(api), IClassFixture<PostgreSqlApi>
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [SkippableFact]
    public async Task A_name_search_reads_a_prefix_range_of_each_name_index()
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        var staff = ProviderModelTests.Staff();
        var search = MemberSearch.Apply(db.Members.VisibleTo(db, staff, Today), db, new MemberFilter { Search = "garcia jo" }, null, staff, Today);

        var plan = await QueryPlans.ExplainAsync(db, MemberOrders.For(null).Apply(search, reverse: false).Take(21));

        // With the C collation, LIKE 'garcia%' becomes the range ['garcia', 'garcib') of each name index.
        Assert.Matches(@"Index Scan (using|on) ""IX_Members_LastNameKey_FirstNameKey_Number""[^\n]*\n\s*Index Cond: [^\n]*""LastNameKey""[^\n]* >= 'garcia'[^\n]*""LastNameKey""[^\n]* < 'garcib'", plan);
        Assert.Matches(@"Index Scan (using|on) ""IX_Members_FirstNameKey_LastNameKey_Number""[^\n]*\n\s*Index Cond: [^\n]*""FirstNameKey""[^\n]* >= 'garcia'[^\n]*""FirstNameKey""[^\n]* < 'garcib'", plan);
    }

    [SkippableFact]
    public async Task A_name_search_page_reads_each_range_only_to_the_page_end_then_fetches_the_members_by_number()
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        var staff = ProviderModelTests.Staff();
        var order = MemberOrders.For(null);
        var cursor = new Member { FirstName = "Ann", LastName = "Smith", Email = "x", EmailNormalized = "x", StateCode = "AL", Number = 123456 };
        cursor.SetName(cursor.FirstName, cursor.LastName);
        var page = KeysetPaging.PageQuery<Member>(db, (d, part) => MemberSearch.Apply(d.Members.VisibleTo(d, staff, Today), d, new MemberFilter { Search = "smith" }, null, staff, Today, part),
            order, order.Read(cursor), before: null, size: 50, backward: false, MemberSearch.ByNumber);

        var plan = await QueryPlans.ExplainAsync(db, page, settings: "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off");

        // Each part is cut at the page's end right above its index scan (a sort between them where the index's order is
        // not the page's), and the cursor or the prefix bounds each scan: no part hands all its matches to the union.
        var parts = Regex.Matches(plan, @"Limit[^\n]*\n(\s*->\s+Sort[^\n]*\n\s*Sort Key:[^\n]*\n)?\s*->\s+Index (Only )?Scan using ""IX_Members_\w+""[^\n]*\n\s*Index Cond: ([^\n]*)");
        Assert.Equal(2, parts.Count);
        Assert.All(parts, part => Assert.Matches(@"ROW\(""LastNameKey"", ""FirstNameKey"", ""Number""\) > ROW\('smith'|""FirstNameKey"" >= 'smith'", part.Groups[3].Value));
        // The surname part reads the surname index from the cursor, within the prefix range.
        Assert.Matches(@"Index (Only )?Scan using ""IX_Members_LastNameKey_FirstNameKey_Number""[^\n]*\n\s*Index Cond: (?=[^\n]*ROW\()(?=[^\n]*""LastNameKey"" >= 'smith')", plan);
        // Then the page's members, whole, by number.
        Assert.Matches(@"Index Scan using ""IX_Members_Number"" on ""Members""[^\n]*\n\s*Index Cond: \(""Number"" = ", plan);
    }

    [SkippableFact]
    public async Task The_count_of_a_name_search_reads_the_same_ranges_and_stops_at_the_cap()
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        var staff = ProviderModelTests.Staff();
        var search = MemberSearch.Apply(db.Members.VisibleTo(db, staff, Today), db, new MemberFilter { Search = "smith" }, null, staff, Today);

        var plan = await QueryPlans.ExplainAsync(db, search.Take(SearchTerms.DefaultCountCap + 1), count: true);

        Assert.Matches(@"Index Cond: [^\n]*""LastNameKey""[^\n]* >= 'smith'", plan);
        Assert.Matches(@"Index Cond: [^\n]*""FirstNameKey""[^\n]* >= 'smith'", plan);
        Assert.Contains("Limit", plan, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(SortDirection.Asc, ">")]
    [InlineData(SortDirection.Desc, "<")]
    public async Task A_deep_page_cursor_is_a_row_value_the_name_index_seeks_to(SortDirection direction, string op)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        var order = MemberOrders.For(new MemberOrder { Field = MemberOrderField.Name, Direction = direction });
        var cursor = new Member { FirstName = "John", LastName = "Smith", Email = "x", EmailNormalized = "x", StateCode = "AL", Number = 123456 };
        cursor.SetName(cursor.FirstName, cursor.LastName);

        var page = order.Apply(db.Members.Where(order.Beyond(order.Read(cursor), before: false, KeysetOrder<Member>.SyntaxFor(db))), reverse: false).Take(21);
        var plan = await QueryPlans.ExplainAsync(db, page, ordered: true);

        Assert.Matches(@"Index Scan (Backward )?using ""IX_Members_LastNameKey_FirstNameKey_Number""[^\n]*\n\s*Index Cond: \(ROW\([^\n]*""LastNameKey""[^\n]*""FirstNameKey""[^\n]*""Number""\) "
            + op + @" ROW\('smith'", plan);
        Assert.DoesNotContain("Filter:", plan, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_created_at_cursor_is_an_index_condition_too()
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        var order = MemberOrders.For(new MemberOrder { Field = MemberOrderField.CreatedAt, Direction = SortDirection.Desc });
        var values = new object[] { DateTimeOffset.UtcNow, 500L };

        var plan = await QueryPlans.ExplainAsync(db, order.Apply(db.Members.Where(order.Beyond(values, before: false, KeysetOrder<Member>.SyntaxFor(db))), reverse: false).Take(21), ordered: true);

        Assert.Matches(@"Index Cond: \(ROW\(""CreatedAt"", ""Number""\) < ROW\(", plan);
        Assert.DoesNotContain("Filter:", plan, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_agency_search_uses_the_trigram_index()
    {
        await using var db = await Api.Db.CreateDbContextAsync();

        var plan = await QueryPlans.ExplainAsync(db, AgencyQueries.Filter(db, new AgencyFilter { Search = "County Sheriff" }));

        Assert.Matches(@"Bitmap Index Scan on ""IX_Agencies_NameKey_Trigrams""[^\n]*\n\s*Index Cond: [^\n]*""NameKey""[^\n]* ~~ '%county sheriff%'", plan);
        Assert.Contains(@"Bitmap Index Scan on ""IX_Agencies_OriCode""", plan, StringComparison.Ordinal);
    }
}
