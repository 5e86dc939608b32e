using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Agencies;

/// <summary>The agency operations the tests send over HTTP, and the inputs they start from.</summary>
internal sealed class AgencyRequests(ApiFixture api)
{
    public const string Fields = "id name kind city oriCode createdAt state { code region { number } }";

    private const string CreateDocument =
        "mutation($input: CreateAgencyInput!) { createAgency(input: $input) { agency { " + Fields + " } userErrors { code field message } } }";

    private const string UpdateDocument =
        "mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { agency { " + Fields + " } userErrors { code field message } } }";

    private const string ListDocument = """
        query($filter: AgencyFilter, $orderBy: AgencyOrder, $first: Int, $after: String, $last: Int, $before: String) {
          agencies(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id name } }
          }
        }
        """;

    /// <summary>A valid ORI of <paramref name="state"/> that no other test uses.</summary>
    public static string NewOri(string state = "AL") => state + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    /// <summary>A valid create input with a unique name; tests change or remove entries to make it invalid.</summary>
    public static Dictionary<string, object?> Input(string? name = null, string state = "AL", string? ori = null, string kind = "POLICE_DEPARTMENT") => new()
    {
        ["name"] = name ?? TestData.Unique("Agency "),
        ["kind"] = kind,
        ["city"] = "Mobile",
        ["state"] = state,
        ["oriCode"] = ori,
    };

    public Task<GraphQLResult> CreateAsync(object input, TestIdentity? identity) =>
        api.Client().PostAsync(CreateDocument, new { input }, identity);

    /// <summary>The createAgency payload of a staff call.</summary>
    public async Task<JsonElement> CreateAsStaffAsync(object input) =>
        (await api.Client().DataAsync(CreateDocument, new { input }, TestIdentity.Staff)).GetProperty("createAgency");

    /// <summary>Creates a valid agency as staff and returns it.</summary>
    public async Task<JsonElement> CreatedAsync(Dictionary<string, object?> input) =>
        MutationAssert.Succeeded(await CreateAsStaffAsync(input), "agency");

    public Task<GraphQLResult> UpdateAsync(object input, TestIdentity? identity) =>
        api.Client().PostAsync(UpdateDocument, new { input }, identity);

    /// <summary>The updateAgency payload of a staff call.</summary>
    public async Task<JsonElement> UpdateAsStaffAsync(object input) =>
        (await api.Client().DataAsync(UpdateDocument, new { input }, TestIdentity.Staff)).GetProperty("updateAgency");

    /// <summary>The agency as anyone reads it, without signing in.</summary>
    public async Task<JsonElement> GetAsync(string id) =>
        (await api.Client().DataAsync("query($id: ID!) { agency(id: $id) { " + Fields + " } }", new { id })).GetProperty("agency");

    /// <summary>How many agencies a search (part of a name, or an exact ORI) finds.</summary>
    public async Task<int> CountAsync(string search) =>
        (await ListAsync(new { search })).At("totalCount").GetInt32();

    /// <summary>One page of <c>agencies</c>, read without signing in.</summary>
    public async Task<JsonElement> ListAsync(object filter, object? orderBy = null, int? first = null, string? after = null, int? last = null, string? before = null) =>
        (await api.Client().DataAsync(ListDocument, new { filter, orderBy, first, after, last, before })).GetProperty("agencies");

    /// <summary>The names on a page, in order.</summary>
    public static IReadOnlyList<string> NamesOf(JsonElement connection) =>
        [.. connection.GetProperty("edges").EnumerateArray().Select(e => e.Str("node.name")!)];
}
