using System.Net;
using System.Text.Json;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.GraphQL;

/// <summary>
/// A real staff mutation sent in each bad shape the platform promises to refuse: a code, the right status, never a 500,
/// and nothing written (the agencies table keeps its row count and the marker name appears nowhere).
/// </summary>
public abstract class RefusedMutationTests(ApiFixture api) : ApiTest(api)
{
    private const string Accept = GraphQLClient.GraphQLResponse;

    /// <summary>GraphQL.NET's code for a variable that does not coerce to its declared type (ErrorCodes has no constant for it).</summary>
    private const string InvalidValue = "INVALID_VALUE";

    /// <summary>A createAgency call with literal arguments, selecting <paramref name="selection"/> in the payload.</summary>
    private static string CreateAgency(string name, string selection = "agency { id }") =>
        $$"""createAgency(input: { name: "{{name}}", kind: POLICE_DEPARTMENT, city: "Mobile", state: "AL" }) { {{selection}} userErrors { code } }""";

    /// <summary>agency > members > agency > … : each level is a list of the payload's agency, so the document is deep but cheap.</summary>
    private static string Nested(int levels) =>
        string.Concat(Enumerable.Repeat("agency { members(first: 1) { ", levels)) + "id" + string.Concat(Enumerable.Repeat(" } }", levels));

    private static string Body(string query, object? variables = null, string? operationName = null) =>
        JsonSerializer.Serialize(new { query, variables, operationName });

    /// <summary>Each bad shape of the request: how to build its body from a unique agency name, and the refusal expected.</summary>
    private static readonly Dictionary<string, (Func<string, string> Body, HttpStatusCode Status, string Code)> Shapes = new()
    {
        ["malformed JSON"] = (name => Body("mutation { " + CreateAgency(name) + " }")[..^1], HttpStatusCode.BadRequest, ErrorCodes.InvalidJson),
        ["document under 'mutation' instead of 'query'"] = (
            name => JsonSerializer.Serialize(new { mutation = "mutation { " + CreateAgency(name) + " }" }), HttpStatusCode.BadRequest, ErrorCodes.MissingQuery),
        ["null query"] = (
            name => JsonSerializer.Serialize(new { query = (string?)null, variables = new { name }, extensions = new { document = "mutation { " + CreateAgency(name) + " }" } }),
            HttpStatusCode.BadRequest, ErrorCodes.MissingQuery),
        ["unknown operationName of two mutations"] = (
            name => Body($"mutation A {{ {CreateAgency(name)} }} mutation B {{ {CreateAgency(name)} }}", operationName: "C"),
            HttpStatusCode.BadRequest, ErrorCodes.OperationNotFound),
        ["operationName naming the query, not the mutation, in another case"] = (
            name => Body($"query Read {{ regions {{ number }} }} mutation Create {{ {CreateAgency(name)} }}", operationName: "create"),
            HttpStatusCode.BadRequest, ErrorCodes.OperationNotFound),
        ["variable of the wrong type"] = (
            name => Body(
                "mutation($name: String!, $city: String!) { createAgency(input: { name: $name, kind: POLICE_DEPARTMENT, city: $city, state: \"AL\" }) { agency { id } userErrors { code } } }",
                new { name, city = 12 }),
            HttpStatusCode.BadRequest, InvalidValue),
        ["input variable that is a string, not an object"] = (
            name => Body("mutation($input: CreateAgencyInput!) { createAgency(input: $input) { agency { id } userErrors { code } } }", new { input = name }),
            HttpStatusCode.BadRequest, InvalidValue),
        ["enum variable with an unknown value"] = (
            name => Body(
                "mutation($input: CreateAgencyInput!) { createAgency(input: $input) { agency { id } userErrors { code } } }",
                new { input = new { name, kind = "FIRE_DEPARTMENT", city = "Mobile", state = "AL" } }),
            HttpStatusCode.BadRequest, InvalidValue),
        ["document over 15,000 characters (a trailing comment)"] = (
            name => Body(("mutation { " + CreateAgency(name) + " }\n#").PadRight(15_001, 'x')), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.DocumentTooLarge),
        ["document over 15,000 characters (whitespace inside)"] = (
            name => Body("mutation {" + new string(' ', 15_000) + CreateAgency(name) + " }"), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.DocumentTooLarge),
        ["payload selection deeper than the limit"] = (
            name => Body("mutation { " + CreateAgency(name, Nested(5)) + " }"), HttpStatusCode.BadRequest, ErrorCodes.TooDeep),
        ["payload selection over the complexity limit"] = (
            name => Body("mutation { " + CreateAgency(name, "agency { members(first: 100) { agency { members(first: 100) { id firstName lastName } } } }") + " }"),
            HttpStatusCode.BadRequest, ErrorCodes.TooComplex),
        ["31 aliased creates"] = (
            name => Body("mutation { " + string.Join(' ', Enumerable.Range(1, 31).Select(i => $"a{i}: " + CreateAgency(name))) + " }"),
            HttpStatusCode.BadRequest, ErrorCodes.TooManyAliases),
    };

    public static TheoryData<string> ShapeNames => [.. Shapes.Keys];

    [SkippableTheory]
    [MemberData(nameof(ShapeNames))]
    public async Task Bad_request_with_a_mutation_is_refused_with_a_code_and_writes_nothing(string shape)
    {
        var (body, status, code) = Shapes[shape];
        var name = TestData.Unique("Refused Agency ");
        var before = await AgencyRowsAsync();

        var result = await Client.SendAsync(RawRequests.Post(body(name)), TestIdentity.Staff);

        Expect.RequestError(result, status, code, Accept);
        Assert.Equal(before, await AgencyRowsAsync());
        Assert.Equal(0, await AgencyRowsAsync(name));
    }

    /// <summary>The twin of the shapes above, well formed: it writes, so the row checks above can fail.</summary>
    [SkippableFact]
    public async Task The_same_mutation_well_formed_writes_one_agency()
    {
        var name = TestData.Unique("Written Agency ");
        var before = await AgencyRowsAsync();

        var result = await Client.SendAsync(RawRequests.Post(Body("mutation A { " + CreateAgency(name) + " } mutation B { " + CreateAgency(name) + " }", operationName: "B")), TestIdentity.Staff);

        Assert.Empty(Expect.Success(result).GetProperty("createAgency").UserErrorCodes());
        Assert.Equal(before + 1, await AgencyRowsAsync());
        Assert.Equal(1, await AgencyRowsAsync(name));
    }

    /// <summary>The padded shapes are still the mutation: under a raised length limit they write.</summary>
    [SkippableTheory]
    [InlineData("document over 15,000 characters (a trailing comment)")]
    [InlineData("document over 15,000 characters (whitespace inside)")]
    public async Task The_padded_mutation_writes_when_the_length_limit_allows_it(string shape)
    {
        await using var factory = Api.CreateFactory(builder => builder.UseSetting("GraphQL:MaxDocumentLength", "20000"));
        var name = TestData.Unique("Padded Agency ");

        var result = await factory.Client().SendAsync(RawRequests.Post(Shapes[shape].Body(name)), TestIdentity.Staff);

        Assert.Empty(Expect.Success(result).GetProperty("createAgency").UserErrorCodes());
        Assert.Equal(1, await AgencyRowsAsync(name));
    }

    [SkippableFact]
    public async Task An_agency_s_key_under_a_plan_ID_is_INVALID_ID_and_renames_nothing()
    {
        var agency = await new TestData(Api).AgencyAsync();
        var name = TestData.Unique("Renamed Agency ");
        var planId = TestData.Id("MembershipPlan", agency.Id); // the agency's own key, typed as another kind of node

        var result = await Client.PostAsync(
            "mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { agency { id } userErrors { code field message } } }",
            new { input = new { id = planId, name } }, TestIdentity.Staff);

        MutationAssert.Failed(Expect.Success(result).GetProperty("updateAgency"), "agency", UserErrorCodes.InvalidId, "input", "id");
        Assert.Equal(0, await AgencyRowsAsync(name));
        await using var db = await Api.Db.CreateDbContextAsync();
        Assert.Equal(agency.Name, (await db.Agencies.SingleAsync(a => a.Id == agency.Id)).Name);
    }

    [SkippableFact]
    public async Task An_agency_ID_where_a_plan_is_expected_registers_no_member()
    {
        var data = new TestData(Api);
        var agency = await data.AgencyAsync();
        var email = TestData.Unique("wrong-plan-") + "@example.org";

        var result = await Client.PostAsync(
            "mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id } userErrors { code field } } }",
            new
            {
                input = new
                {
                    firstName = "Pat", lastName = "Lee", email, category = "REGULAR", swornOfficer = true, state = "AL",
                    agencyId = TestData.AgencyId(agency), planId = TestData.AgencyId(agency),
                },
            },
            TestIdentity.Staff);

        var payload = Expect.Success(result).GetProperty("registerMember");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("member").ValueKind);
        Assert.Contains(MutationAssert.Describe(UserErrorCodes.InvalidId, "input", "planId"), MutationAssert.ErrorsOf(payload));
        await using var db = await Api.Db.CreateDbContextAsync();
        var normalized = Membership.Members.MemberRules.NormalizeEmail(email);
        Assert.False(await db.Members.AnyAsync(m => m.EmailNormalized == normalized));
    }

    [SkippableFact]
    public async Task Page_size_over_100_inside_the_payload_writes_nothing()
    {
        var name = TestData.Unique("Refused Agency ");
        var before = await AgencyRowsAsync();

        var result = await Client.SendAsync(RawRequests.Post(Body("mutation { " + CreateAgency(name, "agency { members(first: 1000) { id } }") + " }")), TestIdentity.Staff);

        // Refused before it runs (validation: 400), not after the agency was written.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, result.Status);
        Assert.Equal([ErrorCodes.InvalidPageSize], result.ErrorCodes);
        Assert.Equal(before, await AgencyRowsAsync());
        Assert.Equal(0, await AgencyRowsAsync(name));
    }

    [SkippableFact]
    public async Task Forged_cursor_inside_the_payload_cancels_nothing()
    {
        var data = new TestData(Api);
        var member = await data.MemberAsync(await data.PlanAsync());
        var forged = System.Buffers.Text.Base64Url.EncodeToString(Guid.NewGuid().ToByteArray());

        var result = await Client.PostAsync(
            "mutation($input: CancelMembershipInput!, $after: String) { cancelMembership(input: $input) { member { membershipStatus verifications(first: 5, after: $after) { totalCount } } userErrors { code } } }",
            new { input = new { memberId = TestData.MemberId(member), reason = "Forged cursor" }, after = forged }, TestIdentity.Staff);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, result.Status);
        Assert.Equal([ErrorCodes.InvalidCursor], result.ErrorCodes);
        await using var db = await Api.Db.CreateDbContextAsync();
        Assert.Null((await db.MembershipTerms.SingleAsync(t => t.MemberId == member.Id)).CancelledAt);
    }

    /// <summary>Agencies in the database: all of them, or those with exactly this name.</summary>
    private async Task<int> AgencyRowsAsync(string? name = null)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return name is null ? await db.Agencies.CountAsync() : await db.Agencies.CountAsync(a => a.Name == name);
    }
}

public sealed class RefusedMutationTestsOnSqlite(SqliteApi api) : RefusedMutationTests(api), IClassFixture<SqliteApi>;

public sealed class RefusedMutationTestsOnPostgreSql(PostgreSqlApi api) : RefusedMutationTests(api), IClassFixture<PostgreSqlApi>;

public sealed class RefusedMutationTestsOnSqlServer(SqlServerApi api) : RefusedMutationTests(api), IClassFixture<SqlServerApi>;
