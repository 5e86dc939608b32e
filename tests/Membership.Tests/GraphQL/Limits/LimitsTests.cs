using System.Net;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Membership.Tests.GraphQL.Limits;

/// <summary>Size, depth, complexity and alias limits: expensive documents are refused before they run, realistic ones pass.</summary>
public abstract class LimitsTests(ApiFixture api) : ApiTest(api)
{
    private const string RegionsQuery = "{ regions { number } }";

    [SkippableFact]
    public async Task Document_over_15000_characters_is_refused_with_413()
    {
        var result = await Client.PostAsync(RegionsQuery.PadRight(15_001));

        Expect.RequestError(result, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.DocumentTooLarge);
    }

    [SkippableFact]
    public async Task Document_of_exactly_15000_characters_is_accepted()
    {
        Expect.Success(await Client.PostAsync(RegionsQuery.PadRight(15_000)));
    }

    [SkippableFact]
    public async Task Nesting_deeper_than_the_limit_is_refused_with_QUERY_TOO_DEEP()
    {
        // regions > states > region > states > … : public fields, 12 levels.
        var query = "{ regions { states { region { states { region { states { region { states { region { states { region { number } } } } } } } } } } } }";

        var result = await Client.PostAsync(query);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooDeep);
    }

    [SkippableFact]
    public async Task Lists_nested_in_lists_are_refused_with_QUERY_TOO_COMPLEX()
    {
        var query = "{ members(first: 100) { edges { node { agency { members(first: 100) { id firstName lastName } } } } } }";

        var result = await Client.PostAsync(query, identity: TestIdentity.Staff);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooComplex);
    }

    [SkippableFact]
    public async Task Nodes_counts_its_ids_so_100_agencies_each_listing_100_members_is_QUERY_TOO_COMPLEX()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => TestData.Id("Agency", Guid.CreateVersion7())).ToArray();
        const string query = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Agency { name members(first: 100) { id memberNumber firstName lastName } } } }";

        var result = await Client.PostAsync(query, new { ids }, TestIdentity.Staff);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooComplex);
        // The same selection for the 5 agencies a front end shows on one screen passes.
        Expect.Success(await Client.PostAsync(query, new { ids = ids[..5] }, TestIdentity.Staff));
    }

    [SkippableFact]
    public async Task Nodes_written_inline_counts_its_ids_too()
    {
        var ids = string.Join(", ", Enumerable.Range(0, 100).Select(_ => $"\"{TestData.Id("Agency", Guid.CreateVersion7())}\""));

        var result = await Client.PostAsync($"{{ nodes(ids: [{ids}]) {{ ... on Agency {{ members(first: 100) {{ id memberNumber firstName lastName }} }} }} }}", identity: TestIdentity.Staff);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooComplex);
    }

    [SkippableFact]
    public async Task More_than_30_aliases_are_refused_with_TOO_MANY_ALIASES()
    {
        var result = await Client.PostAsync(Aliases(31));

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooManyAliases);
    }

    [SkippableFact]
    public async Task Thirty_aliases_are_accepted()
    {
        var data = Expect.Success(await Client.PostAsync(Aliases(30)));

        Assert.Equal("Query", data.Str("a30"));
    }

    [SkippableFact]
    public async Task Limits_come_from_configuration()
    {
        await using var factory = Api.CreateFactory(builder => builder.UseSetting("GraphQL:MaxAliases", "2"));
        var client = factory.Client();

        Expect.Success(await client.PostAsync(Aliases(2)));
        Expect.RequestError(await client.PostAsync(Aliases(3)), HttpStatusCode.BadRequest, ErrorCodes.TooManyAliases);
    }

    [SkippableFact]
    public async Task Member_list_page_of_a_front_end_passes_the_limits()
    {
        var data = new TestData(Api);
        var plan = await data.PlanAsync(price: 9000);
        var agency = await data.AgencyAsync();
        await data.MembersAsync(3, plan, agency);

        var result = await Client.PostAsync(MemberListPage, new { agency = TestData.AgencyId(agency) }, TestIdentity.Staff);

        var members = Expect.Success(result).GetProperty("members");
        Assert.Equal(3, members.GetProperty("totalCount").GetInt32());
        var first = members.At("edges.0.node");
        Assert.Equal(agency.Name, first.Str("agency.name"));
        Assert.Equal("AL", first.Str("state.code"));
        Assert.Equal("Test plan", first.Str("currentTerm.plan.name"));
        Assert.Equal(9000, first.At("currentTerm.plan.price.amount").GetInt32());
    }

    /// <summary>What the staff portal's member list asks for: one page of 50 with what each row shows.</summary>
    private const string MemberListPage = """
        query MemberList($agency: ID!, $after: String) {
          members(first: 50, after: $after, filter: { agencyId: [$agency] }) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges {
              cursor
              node {
                id memberNumber firstName lastName fullName email phone jobTitle category swornOfficer
                sroSince directoryOptIn membershipStatus inGoodStanding createdAt
                agency { id name city }
                state { code name }
                region { number name }
                currentTerm { startsOn endsOn graceEndsOn status plan { name price { amount currency } } }
              }
            }
          }
        }
        """;

    private static string Aliases(int count) =>
        "{ " + string.Join(' ', Enumerable.Range(1, count).Select(i => $"a{i}: __typename")) + " }";
}

public sealed class LimitsTestsOnSqlite(SqliteApi api) : LimitsTests(api), IClassFixture<SqliteApi>;

public sealed class LimitsTestsOnPostgreSql(PostgreSqlApi api) : LimitsTests(api), IClassFixture<PostgreSqlApi>;

public sealed class LimitsTestsOnSqlServer(SqlServerApi api) : LimitsTests(api), IClassFixture<SqlServerApi>;
