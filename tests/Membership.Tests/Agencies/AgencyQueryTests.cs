using Membership.Agencies;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Agencies;

/// <summary>The public reads: agency(id), agencies with filters and orders, node and nodes.</summary>
public abstract class AgencyQueryTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    private AgencyRequests Agencies => new(Api);

    [SkippableFact]
    public async Task Anyone_reads_an_agency_by_ID_without_signing_in()
    {
        var agency = await _data.AgencyAsync(state: "GA", kind: AgencyKind.SchoolDistrictPolice);

        var read = await Agencies.GetAsync(TestData.AgencyId(agency));

        Assert.Equal(agency.Name, read.Str("name"));
        Assert.Equal("SCHOOL_DISTRICT_POLICE", read.Str("kind"));
        Assert.Equal("GA", read.Str("state.code"));
        Assert.Equal(5, read.At("state.region.number").GetInt32());
    }

    [SkippableFact]
    public async Task A_plan_ID_is_not_an_agency_ID()
    {
        var plan = await _data.PlanAsync();

        var result = await Client.PostAsync("query($id: ID!) { agency(id: $id) { name } }", new { id = TestData.PlanId(plan) });

        Assert.Equal(["INVALID_ID"], result.ErrorCodes);
    }

    [SkippableFact]
    public async Task Filters_by_state_region_and_kind_each_narrow_the_search()
    {
        var token = TestData.Unique("Filter");
        var alabama = await _data.AgencyAsync($"{token} Alabama PD", "AL");
        var texas = await _data.AgencyAsync($"{token} Texas ISD", "TX", AgencyKind.SchoolDistrict);
        var georgia = await _data.AgencyAsync($"{token} Georgia Sheriff", "GA", AgencyKind.SheriffsOffice);

        async Task<IReadOnlyList<string>> Names(string[]? state = null, int[]? region = null, string[]? kind = null) =>
            AgencyRequests.NamesOf(await Agencies.ListAsync(new { search = token, state, region, kind }));

        Assert.Equal([alabama.Name, georgia.Name, texas.Name], await Names());
        Assert.Equal([texas.Name], await Names(state: ["tx"]));
        Assert.Equal([alabama.Name, georgia.Name], await Names(state: ["GA", "AL"]));
        Assert.Equal([georgia.Name, texas.Name], await Names(region: [5, 7]));
        Assert.Equal([georgia.Name], await Names(kind: ["SHERIFFS_OFFICE"]));
        Assert.Equal([alabama.Name, georgia.Name], await Names(kind: ["POLICE_DEPARTMENT", "SHERIFFS_OFFICE"]));
        Assert.Empty(await Names(state: ["TX"], kind: ["SHERIFFS_OFFICE"]));
    }

    [SkippableFact]
    public async Task Search_ignores_case_and_accents()
    {
        var suffix = TestData.Unique("z");
        var nunez = await _data.AgencyAsync($"Núñez County Sheriff {suffix}");
        await _data.AgencyAsync($"Nunn County Sheriff {suffix}");

        Assert.Equal([nunez.Name], AgencyRequests.NamesOf(await Agencies.ListAsync(new { search = $"NUNEZ county sheriff {suffix}" })));
        Assert.Equal([nunez.Name], AgencyRequests.NamesOf(await Agencies.ListAsync(new { search = $"  núñez  COUNTY sheriff {suffix.ToUpperInvariant()} " })));
        Assert.Contains(nunez.Name, AgencyRequests.NamesOf(await Agencies.ListAsync(new { search = "nunez" }, first: 100)));
    }

    [SkippableFact]
    public async Task Search_finds_an_agency_by_its_exact_ORI()
    {
        var ori = AgencyRequests.NewOri("TX");
        var agency = await Agencies.CreatedAsync(AgencyRequests.Input(state: "TX", ori: ori));

        Assert.Equal([agency.Str("name")!], AgencyRequests.NamesOf(await Agencies.ListAsync(new { search = ori.ToLowerInvariant() })));
    }

    [SkippableFact]
    public async Task Search_text_is_not_a_pattern()
    {
        var token = TestData.Unique("Pattern");
        var percent = await _data.AgencyAsync($"{token}% Safe Schools");
        await _data.AgencyAsync($"{token}0 Safe Schools");
        var underscore = await _data.AgencyAsync($"{token}_ Safe Schools");

        Assert.Equal([percent.Name], AgencyRequests.NamesOf(await Agencies.ListAsync(new { search = token + "%" })));
        Assert.Equal([underscore.Name], AgencyRequests.NamesOf(await Agencies.ListAsync(new { search = token + "_" })));
    }

    [SkippableFact]
    public async Task Agencies_sort_by_name_either_way_ignoring_case()
    {
        var token = TestData.Unique("Sort");
        var charlie = await _data.AgencyAsync($"{token} Charlie");
        var alpha = await _data.AgencyAsync($"{token} alpha");
        var bravo = await _data.AgencyAsync($"{token} Bravo");
        var filter = new { search = token };

        Assert.Equal([alpha.Name, bravo.Name, charlie.Name], AgencyRequests.NamesOf(await Agencies.ListAsync(filter)));
        Assert.Equal([alpha.Name, bravo.Name, charlie.Name], AgencyRequests.NamesOf(await Agencies.ListAsync(filter, new { field = "NAME", direction = "ASC" })));
        Assert.Equal([charlie.Name, bravo.Name, alpha.Name], AgencyRequests.NamesOf(await Agencies.ListAsync(filter, new { field = "NAME", direction = "DESC" })));
    }

    [SkippableFact]
    public async Task Agencies_sort_by_creation_time_either_way()
    {
        var token = TestData.Unique("Created");
        var first = await _data.AgencyAsync($"{token} Charlie");
        var second = await _data.AgencyAsync($"{token} alpha");
        var third = await _data.AgencyAsync($"{token} Bravo");
        var filter = new { search = token };

        Assert.Equal([first.Name, second.Name, third.Name], AgencyRequests.NamesOf(await Agencies.ListAsync(filter, new { field = "CREATED_AT" })));
        Assert.Equal([third.Name, second.Name, first.Name], AgencyRequests.NamesOf(await Agencies.ListAsync(filter, new { field = "CREATED_AT", direction = "DESC" })));
    }

    [SkippableFact]
    public async Task Node_fetches_an_agency_without_signing_in()
    {
        var agency = await _data.AgencyAsync();

        var data = await Client.DataAsync("query($id: ID!) { node(id: $id) { __typename id ... on Agency { name } } }", new { id = TestData.AgencyId(agency) });

        Assert.Equal("Agency", data.Str("node.__typename"));
        Assert.Equal(TestData.AgencyId(agency), data.Str("node.id"));
        Assert.Equal(agency.Name, data.Str("node.name"));
    }

    [SkippableFact]
    public async Task Nodes_fetch_an_agency_and_a_plan_in_the_order_asked()
    {
        var agency = await _data.AgencyAsync();
        var plan = await _data.PlanAsync();
        var missing = TestData.Id("Agency", Guid.CreateVersion7());

        var data = await Client.DataAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Agency { name } ... on MembershipPlan { code } } }",
            new { ids = new[] { TestData.PlanId(plan), missing, TestData.AgencyId(agency) } });

        Assert.Equal("MembershipPlan", data.Str("nodes.0.__typename"));
        Assert.Equal(plan.Code, data.Str("nodes.0.code"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.At("nodes.1").ValueKind);
        Assert.Equal("Agency", data.Str("nodes.2.__typename"));
        Assert.Equal(agency.Name, data.Str("nodes.2.name"));
    }
}

public sealed class AgencyQueryTestsOnSqlite(SqliteApi api) : AgencyQueryTests(api), IClassFixture<SqliteApi>;

public sealed class AgencyQueryTestsOnPostgreSql(PostgreSqlApi api) : AgencyQueryTests(api), IClassFixture<PostgreSqlApi>;

public sealed class AgencyQueryTestsOnSqlServer(SqlServerApi api) : AgencyQueryTests(api), IClassFixture<SqlServerApi>;
