using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Agencies;

/// <summary>Keyset paging of <c>agencies</c>: every agency exactly once, in order, whichever way a client walks.</summary>
public abstract class AgencyPagingTests(ApiFixture api) : ApiTest(api)
{
    private const int PageSize = 3;

    private readonly TestData _data = new(api);

    private AgencyRequests Agencies => new(Api);

    [SkippableTheory]
    [InlineData("NAME", "ASC")]
    [InlineData("NAME", "DESC")]
    [InlineData("CREATED_AT", "ASC")]
    [InlineData("CREATED_AT", "DESC")]
    public async Task Walking_forward_with_first_and_after_visits_each_agency_once(string field, string direction)
    {
        var (filter, expected) = await SevenAgenciesAsync(field, direction);
        var pages = await WalkAsync(filter, new { field, direction }, forward: true);

        Assert.Equal(expected, pages.SelectMany(AgencyRequests.NamesOf));
        Assert.Equal("3 3 1", Sizes(pages));
        Assert.Equal("True True False", Flags(pages, "hasNextPage"));
        Assert.Equal("False True True", Flags(pages, "hasPreviousPage"));
        Assert.All(pages, p => Assert.Equal(7, p.At("totalCount").GetInt32()));
    }

    [SkippableTheory]
    [InlineData("NAME", "ASC")]
    [InlineData("NAME", "DESC")]
    [InlineData("CREATED_AT", "ASC")]
    [InlineData("CREATED_AT", "DESC")]
    public async Task Walking_backward_with_last_and_before_visits_each_agency_once(string field, string direction)
    {
        var (filter, expected) = await SevenAgenciesAsync(field, direction);
        var pages = await WalkAsync(filter, new { field, direction }, forward: false);

        Assert.Equal(expected, pages.SelectMany(AgencyRequests.NamesOf));
        Assert.Equal("1 3 3", Sizes(pages));
        Assert.Equal("False True True", Flags(pages, "hasPreviousPage"));
        Assert.Equal("True True False", Flags(pages, "hasNextPage"));
        Assert.All(pages, p => Assert.Equal(7, p.At("totalCount").GetInt32()));
    }

    [SkippableFact]
    public async Task Paging_on_from_any_edge_cursor_continues_right_beside_that_edge()
    {
        var (filter, expected) = await SevenAgenciesAsync("NAME", "ASC");
        var all = await Agencies.ListAsync(filter, first: 7);
        var cursors = all.GetProperty("edges").EnumerateArray().Select(e => e.Str("cursor")!).ToList();

        for (var i = 0; i < cursors.Count; i++)
        {
            Assert.Equal(expected.Skip(i + 1).Take(2), AgencyRequests.NamesOf(await Agencies.ListAsync(filter, first: 2, after: cursors[i])));
            Assert.Equal(expected.Take(i).TakeLast(2), AgencyRequests.NamesOf(await Agencies.ListAsync(filter, last: 2, before: cursors[i])));
        }
    }

    [SkippableFact]
    public async Task A_cursor_of_another_order_is_refused()
    {
        var (filter, _) = await SevenAgenciesAsync("NAME", "ASC");
        var cursor = (await Agencies.ListAsync(filter, first: 1)).Str("pageInfo.endCursor");

        var result = await Client.PostAsync(
            "query($f: AgencyFilter, $after: String) { agencies(filter: $f, after: $after, orderBy: { field: CREATED_AT }) { totalCount } }",
            new { f = filter, after = cursor });

        Assert.Equal(["INVALID_CURSOR"], result.ErrorCodes);
    }

    [SkippableTheory]
    [InlineData("first: 101", "INVALID_PAGE_SIZE")]
    [InlineData("last: -1", "INVALID_PAGE_SIZE")]
    [InlineData("first: 2, last: 2", "INVALID_ARGUMENT")]
    public async Task Page_sizes_out_of_range_are_refused(string arguments, string code)
    {
        var result = await Client.PostAsync($"{{ agencies({arguments}) {{ totalCount }} }}");

        Assert.Equal([code], result.ErrorCodes);
    }

    /// <summary>
    /// Seven agencies sharing a unique token, created in an order unlike their name order;
    /// returns the filter that finds exactly them and their names in the given order.
    /// </summary>
    private async Task<(object Filter, List<string> Names)> SevenAgenciesAsync(string field, string direction)
    {
        var token = TestData.Unique("Paging");
        var created = new List<string>();
        foreach (var letter in "DGAFCEB")
        {
            var name = $"{token} {(letter % 2 == 0 ? char.ToLowerInvariant(letter) : letter)}";
            created.Add((await _data.AgencyAsync(name)).Name);
        }

        var ordered = (field == "NAME" ? created.Order(StringComparer.OrdinalIgnoreCase) : created.AsEnumerable()).ToList();
        if (direction == "DESC")
        {
            ordered.Reverse();
        }

        return (new { search = token }, ordered);
    }

    /// <summary>Every page, first to last, walked with first/after or with last/before; at most ten pages.</summary>
    private async Task<List<JsonElement>> WalkAsync(object filter, object order, bool forward)
    {
        var pages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            pages.Add(forward
                ? await Agencies.ListAsync(filter, order, first: PageSize, after: cursor)
                : await Agencies.ListAsync(filter, order, last: PageSize, before: cursor));
            cursor = pages[^1].Str(forward ? "pageInfo.endCursor" : "pageInfo.startCursor");
        }
        while (pages[^1].At(forward ? "pageInfo.hasNextPage" : "pageInfo.hasPreviousPage").GetBoolean() && pages.Count < 10);

        if (!forward)
        {
            pages.Reverse();
        }

        return pages;
    }

    private static string Sizes(List<JsonElement> pages) => string.Join(' ', pages.Select(p => p.At("edges").GetArrayLength()));

    private static string Flags(List<JsonElement> pages, string flag) => string.Join(' ', pages.Select(p => p.At($"pageInfo.{flag}").GetBoolean()));
}

public sealed class AgencyPagingTestsOnSqlite(SqliteApi api) : AgencyPagingTests(api), IClassFixture<SqliteApi>;

public sealed class AgencyPagingTestsOnPostgreSql(PostgreSqlApi api) : AgencyPagingTests(api), IClassFixture<PostgreSqlApi>;

public sealed class AgencyPagingTestsOnSqlServer(SqlServerApi api) : AgencyPagingTests(api), IClassFixture<SqlServerApi>;
