using GraphQL;
using GraphQL.Types;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Membership.Members;

internal static class MemberQueries
{
    public static void AddMemberQueries(this ObjectGraphType query)
    {
        query.Field<MemberType>("member")
            .Description("A member by global ID; null when there is none you may see.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(async c =>
            {
                var id = GlobalId.Parse(c.GetArgument<string>("id"), MemberType.TypeName);
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                return await db.Members.AsNoTracking().VisibleTo(db, c.Caller(), c.Today()).SingleOrDefaultAsync(m => m.Id == id, c.CancellationToken);
            });

        query.Field<MemberType>("me")
            .Description("The signed-in member's own record, private fields and membership status included. Needs the membership.self scope.")
            .AuthorizeWithPolicy(Policies.Member)
            .ResolveAsync(async c =>
            {
                // The member portal asks for this on every page: the member comes with its status and state, in one statement.
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                var rows = await MemberVisibility.ByIdWithTermAndStateAsync(db, c.Caller(), [c.Caller().MemberId!.Value], c.CancellationToken);
                return rows is [var row] ? row.PrimeLoaders(c.RequestServices!) : null;
            });

        query.Field<MemberType>("memberByNumber")
            .Description("A member by member number (M-000123, or just 123); null when there is none you may see.")
            .Argument<NonNullGraphType<StringGraphType>>("number")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(async c =>
            {
                if (!MemberNumbers.TryParse(c.GetArgument<string>("number"), out var number))
                {
                    throw new ExecutionError("'number' is not a member number such as M-000123.") { Code = ErrorCodes.InvalidArgument };
                }

                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                return await db.Members.AsNoTracking().VisibleTo(db, c.Caller(), c.Today()).SingleOrDefaultAsync(m => m.Number == number, c.CancellationToken);
            });

        query.Field<MemberConnectionType>("members")
            .Description("Members, filtered and sorted, in pages. Staff see everyone; members see the directory (current, confirmed members who opted in) and themselves. "
                + "Null with a FORBIDDEN error when a caller other than staff filters on status or inGoodStanding: those are private.")
            .PagingArguments()
            .Argument<MemberFilterType>("filter")
            .Argument<MemberOrderType>("orderBy", "Default: by name (last, first), ascending.")
            .AuthorizeWithPolicy(Policies.DirectoryReader)
            .ResolveAsync(async c =>
            {
                var caller = c.Caller();
                var filter = c.GetArgument<MemberFilter?>("filter");
                if (!caller.IsStaff && (filter?.Status is { Count: > 0 } || filter?.InGoodStanding is not null))
                {
                    // Membership status is private: a directory reader's filter on it would reveal it one member at a time.
                    throw new ExecutionError("Only staff filter members by status or good standing.") { Code = ErrorCodes.Forbidden };
                }

                var agencyIds = filter?.AgencyId?.Select(id => GlobalId.Parse(id, AgencyType.TypeName, "filter.agencyId")).ToList();
                var today = c.Today();
                var order = MemberOrders.For(c.GetArgument<MemberOrder?>("orderBy"));
                var nameSearch = MemberSearch.IsNameSearch(filter, caller);
                var countCap = nameSearch ? c.Service<IOptions<GraphQLOptions>>().Value.SearchCountCap : (int?)null;
                return await KeysetPaging.PageAsync(c.Db(), (db, part) => MemberSearch.Apply(db.Members.VisibleTo(db, caller, today), db, filter, agencyIds, caller, today, part),
                    order, PageArgs.From(c), c.CancellationToken, countCap, nameSearch ? MemberSearch.ByNumber : null);
            });
    }
}

/// <summary>The members filter as SQL: every condition is an indexed column or the current term's dates.</summary>
internal static class MemberSearch
{
    /// <summary>
    /// The filter applied to <paramref name="members"/>. A name search is a union of two parts, each passed through
    /// <paramref name="part"/> (the paging reads each part only up to the page's end; see KeysetPaging).
    /// </summary>
    public static IQueryable<Member> Apply(IQueryable<Member> members, MembershipDbContext db, MemberFilter? filter, List<Guid>? agencyIds, Caller caller, DateOnly today,
        Func<IQueryable<Member>, IQueryable<Member>>? part = null)
    {
        if (filter is null)
        {
            return members;
        }

        if (filter.Status is { Count: > 0 } statuses)
        {
            members = members.Where(Predicates.Any(statuses.Distinct().Select(s => MembershipStatusRules.HasStatus(s, today))));
        }

        if (filter.InGoodStanding is { } good)
        {
            members = good ? members.Where(MembershipStatusRules.InGoodStanding(today)) : members.Where(Predicates.Any(
                new[] { MembershipStatus.Pending, MembershipStatus.Lapsed, MembershipStatus.Suspended, MembershipStatus.Cancelled }.Select(s => MembershipStatusRules.HasStatus(s, today))));
        }

        if (filter.Category is { Count: > 0 } categories)
        {
            members = members.Where(m => categories.Contains(m.Category));
        }

        if (filter.State is { Count: > 0 } states)
        {
            var codes = states.Select(s => s.Trim().ToUpperInvariant()).ToList();
            members = members.Where(m => codes.Contains(m.StateCode));
        }

        if (filter.Region is { Count: > 0 } regions)
        {
            members = members.Where(m => db.States.Any(s => s.Code == m.StateCode && regions.Contains(s.RegionNumber)));
        }

        if (agencyIds is { Count: > 0 })
        {
            members = members.OfAgencies(agencyIds, caller);
        }

        if (filter.SwornOfficer is { } sworn)
        {
            members = members.Where(m => m.IsSwornOfficer == sworn);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            members = Search(members, filter.Search, caller, part ?? (p => p));
        }

        return members;
    }

    /// <summary>
    /// Whether a name search is given: its totalCount is capped (<see cref="GraphQLOptions.SearchCountCap"/>). Member numbers and
    /// e-mail addresses find one member through a unique index and are counted exactly.
    /// </summary>
    public static bool IsNameSearch(MemberFilter? filter, Caller caller) =>
        !string.IsNullOrWhiteSpace(filter?.Search) && !MemberNumbers.TryParse(filter.Search, out _) && !IsEmailSearch(filter.Search, caller);

    /// <summary>
    /// The members of a page found by a name search, fetched by number: the search reads only the name keys and the
    /// number, which the name indexes hold, so a common surname's page reads its first rows' index entries and then
    /// fetches those members, instead of every match's row.
    /// </summary>
    public static IQueryable<Member> ByNumber(MembershipDbContext db, IQueryable<Member> page)
    {
        var numbers = page.Select(m => m.Number);
        return db.Members.Where(m => numbers.Contains(m.Number));
    }

    private static bool IsEmailSearch(string search, Caller caller) => caller.IsStaff && search.Contains('@', StringComparison.Ordinal);

    /// <summary>A member number, or words that each start the first or last name; staff may also give an e-mail address.</summary>
    private static IQueryable<Member> Search(IQueryable<Member> members, string search, Caller caller, Func<IQueryable<Member>, IQueryable<Member>> part)
    {
        if (MemberNumbers.TryParse(search, out var number))
        {
            return members.Where(m => m.Number == number);
        }

        if (IsEmailSearch(search, caller))
        {
            var email = MemberRules.NormalizeEmail(search);
            return members.Where(m => m.EmailNormalized == email);
        }

        var words = SearchTerms.Words(search, "filter.search");
        // The longest word finds the matches: two prefix ranges of the name indexes, each read (and, for a page, cut at
        // the page's end) before the union, so the database never walks the whole sort index looking for them. UNION ALL
        // with the overlap excluded from the second range: no de-duplication of whole rows. The other words only filter.
        var lead = words[0];
        foreach (var word in words.Skip(1))
        {
            members = members.Where(m => m.FirstNameKey.StartsWith(word) || m.LastNameKey.StartsWith(word));
        }

        return part(members.Where(m => m.LastNameKey.StartsWith(lead)))
            .Concat(part(members.Where(m => m.FirstNameKey.StartsWith(lead) && !m.LastNameKey.StartsWith(lead))));
    }
}

public sealed class MemberFilter
{
    public List<MembershipStatus>? Status { get; set; }
    public bool? InGoodStanding { get; set; }
    public List<MemberCategory>? Category { get; set; }
    public List<string>? State { get; set; }
    public List<int>? Region { get; set; }
    public List<string>? AgencyId { get; set; }
    public bool? SwornOfficer { get; set; }
    public string? Search { get; set; }
}

internal sealed class MemberFilterType : InputObjectGraphType<MemberFilter>
{
    public MemberFilterType()
    {
        Name = "MemberFilter";
        Description = "Every given condition must hold; a list matches any of its values.";
        Field<ListGraphType<NonNullGraphType<MembershipStatusType>>>("status").Description("Membership status today. Staff only.");
        Field<BooleanGraphType>("inGoodStanding").Description("Staff only.");
        Field<ListGraphType<NonNullGraphType<MemberCategoryType>>>("category");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("state").Description("Two-letter state codes.");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("region").Description("Region numbers.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("agencyId").Description("Agency global IDs.");
        Field<BooleanGraphType>("swornOfficer");
        Field<StringGraphType>("search").Description("A member number, or the start of first and last names (case and accents ignored; every word must start one of them; "
            + $"at most {SearchTerms.MaxWords} words). Staff may give an exact e-mail address. A name search needs a word of at least {SearchTerms.MinimumLength} "
            + $"characters, or the field fails with SEARCH_TOO_SHORT; its totalCount stops at a cap, {SearchTerms.DefaultCountCap} unless configured (see totalCountCapped).");
    }
}

public enum MemberOrderField
{
    Name,
    MemberNumber,
    CreatedAt,
}

public sealed class MemberOrder : OrderBy<MemberOrderField>;

internal sealed class MemberOrderType() : OrderByType<MemberOrder, MemberOrderField>("MemberOrder");

internal static class MemberOrders
{
    private static readonly KeysetOrders<Member, MemberOrderField> Orders = new(MemberOrderField.Name, new Dictionary<(MemberOrderField, SortDirection), KeysetOrder<Member>>
    {
        [(MemberOrderField.Name, SortDirection.Asc)] = new("member:name:asc",
            KeyColumn<Member>.Ascending(m => m.LastNameKey), KeyColumn<Member>.Ascending(m => m.FirstNameKey), KeyColumn<Member>.Ascending(m => m.Number)),
        [(MemberOrderField.Name, SortDirection.Desc)] = new("member:name:desc",
            KeyColumn<Member>.Descending(m => m.LastNameKey), KeyColumn<Member>.Descending(m => m.FirstNameKey), KeyColumn<Member>.Descending(m => m.Number)),
        [(MemberOrderField.MemberNumber, SortDirection.Asc)] = new("member:number:asc", KeyColumn<Member>.Ascending(m => m.Number)),
        [(MemberOrderField.MemberNumber, SortDirection.Desc)] = new("member:number:desc", KeyColumn<Member>.Descending(m => m.Number)),
        [(MemberOrderField.CreatedAt, SortDirection.Asc)] = new("member:created:asc", KeyColumn<Member>.Ascending(m => m.CreatedAt), KeyColumn<Member>.Ascending(m => m.Number)),
        [(MemberOrderField.CreatedAt, SortDirection.Desc)] = new("member:created:desc", KeyColumn<Member>.Descending(m => m.CreatedAt), KeyColumn<Member>.Descending(m => m.Number)),
    });

    public static KeysetOrder<Member> For(MemberOrder? order) => Orders.For(order);
}
