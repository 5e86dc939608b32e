using System.Net;
using Membership.GraphQL;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.GraphQL.Documents;

/// <summary>
/// A repeated document is neither parsed nor validated in full again, and what depends on the request (the caller, the
/// variables) is still decided per request. Each test sends a text of its own (a comment makes it unique).
/// </summary>
public abstract class DocumentCacheTests(ApiFixture api) : ApiTest(api)
{
    private static string Unique(string document) => $"{document}\n# {Guid.NewGuid():N}";

    [SkippableFact]
    public async Task A_repeated_document_is_parsed_and_validated_in_full_once()
    {
        var query = Unique("{ membershipPlans { code price { amount currency } } }");
        using var counters = new DocumentCounters(Api.Services);

        var first = Expect.Success(await Client.PostAsync(query));
        var second = Expect.Success(await Client.PostAsync(query));
        var third = Expect.Success(await Client.PostAsync(query));

        Assert.Equal(first.GetRawText(), second.GetRawText());
        Assert.Equal(first.GetRawText(), third.GetRawText());
        Assert.Equal((1, 2), (counters.Parsed, counters.FromCache));
        Assert.Equal((1, 2), (counters.FullyValidated, counters.ValidatedPerRequest));
    }

    [SkippableFact]
    public async Task A_refused_document_is_not_cached()
    {
        var query = Unique("{ membershipPlans { code nope } }");
        using var counters = new DocumentCounters(Api.Services);

        Expect.RequestError(await Client.PostAsync(query), HttpStatusCode.BadRequest, "FIELDS_ON_CORRECT_TYPE");
        Expect.RequestError(await Client.PostAsync(query), HttpStatusCode.BadRequest, "FIELDS_ON_CORRECT_TYPE");

        Assert.Equal((2, 0), (counters.Parsed, counters.FromCache));
    }

    [SkippableFact]
    public async Task A_document_cached_for_staff_still_keeps_private_fields_from_others()
    {
        var data = new TestData(Api);
        var listed = await data.MemberAsync(await data.PlanAsync(), shape: m => m.DirectoryOptIn = true);
        var reader = await data.MemberAsync(await data.PlanAsync());
        var query = Unique("query($id: ID!) { member(id: $id) { fullName email phone } }");
        var id = new { id = TestData.MemberId(listed) };
        using var counters = new DocumentCounters(Api.Services);

        var asStaff = Expect.Success(await Client.PostAsync(query, id, TestIdentity.Staff));
        var asMember = await Client.PostAsync(query, id, TestIdentity.Member(reader.Id));
        var asAnonymous = await Client.PostAsync(query, id, TestIdentity.Anonymous);

        Assert.Equal(listed.Email, asStaff.Str("member.email"));
        Expect.FieldError(asMember, ErrorCodes.Forbidden);
        Assert.Equal($"{listed.FirstName} {listed.LastName}", asMember.Data.Str("member.fullName"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asMember.Data.At("member.email").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asMember.Data.At("member.phone").ValueKind);
        Expect.RequestError(asAnonymous, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        Assert.Equal((1, 2), (counters.FullyValidated, counters.ValidatedPerRequest)); // the member and the stranger ran the cached document
    }

    [SkippableFact]
    public async Task A_document_cached_for_an_anonymous_caller_is_refused_to_another_without_a_token()
    {
        var query = Unique("query($first: Int) { regions { number } members(first: $first) { totalCount } }");
        using var counters = new DocumentCounters(Api.Services);

        Expect.Success(await Client.PostAsync(query, new { first = 1 }, TestIdentity.Staff));
        var anonymous = await Client.PostAsync(query, new { first = 1 }, TestIdentity.Anonymous);

        Expect.RequestError(anonymous, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        Assert.Equal(1, counters.ValidatedPerRequest);
    }

    [SkippableFact]
    public async Task Variables_are_applied_and_priced_afresh_on_each_run_of_a_cached_document()
    {
        var data = new TestData(Api);
        var agency = await data.AgencyAsync();
        var plan = await data.PlanAsync();
        await data.MembersAsync(3, plan, agency);
        var query = Unique("""
            query($id: ID!, $first: Int!) {
              node(id: $id) { ... on Agency { members(first: $first) { memberNumber } } }
              agencies(first: $first) { edges { node { members(first: $first) { memberNumber certificates { number } } } } }
            }
            """);
        using var counters = new DocumentCounters(Api.Services);

        var one = Expect.Success(await Client.PostAsync(query, new { id = TestData.AgencyId(agency), first = 1 }, TestIdentity.Staff));
        var two = Expect.Success(await Client.PostAsync(query, new { id = TestData.AgencyId(agency), first = 2 }, TestIdentity.Staff));
        var tooMany = await Client.PostAsync(query, new { id = TestData.AgencyId(agency), first = 100 }, TestIdentity.Staff);

        Assert.Equal(1, one.At("node.members").GetArrayLength());
        Assert.Equal(2, two.At("node.members").GetArrayLength());
        Expect.RequestError(tooMany, HttpStatusCode.BadRequest, ErrorCodes.TooComplex);
        Assert.Equal((1, 2), (counters.FullyValidated, counters.ValidatedPerRequest));
    }

    [SkippableFact]
    public async Task An_operation_whose_variables_cannot_change_its_price_is_priced_once()
    {
        var data = new TestData(Api);
        var members = await data.MembersAsync(2, await data.PlanAsync());
        var query = Unique("query($id: ID!, $after: String) { node(id: $id) { id } members(first: 5, after: $after) { nodes { memberNumber } } }");
        using var priced = new Limits.PricedSelections(Api.Services);

        foreach (var member in members)
        {
            Expect.Success(await Client.PostAsync(query, new { id = TestData.MemberId(member), after = (string?)null }, TestIdentity.Staff));
        }

        Assert.Equal(1, priced.Count); // the id and the cursor change nothing the cost rule counts
    }

    [SkippableFact]
    public async Task A_variable_in_a_page_size_or_a_directive_is_priced_on_every_run()
    {
        var pageSize = Unique("query($first: Int!) { agencies(first: $first) { nodes { name } } }");
        var directive = Unique("query($deep: Boolean!) { agencies(first: 100) { nodes { members(first: 100) @include(if: $deep) { memberNumber certificates { number } } } } }");
        using var priced = new Limits.PricedSelections(Api.Services);

        Expect.Success(await Client.PostAsync(pageSize, new { first = 1 }, TestIdentity.Staff));
        Expect.Success(await Client.PostAsync(pageSize, new { first = 2 }, TestIdentity.Staff));
        Expect.Success(await Client.PostAsync(directive, new { deep = false }, TestIdentity.Staff));
        var deep = await Client.PostAsync(directive, new { deep = true }, TestIdentity.Staff);

        Expect.RequestError(deep, HttpStatusCode.BadRequest, ErrorCodes.TooComplex);
        Assert.Equal(4, priced.Count);
    }

    [SkippableFact]
    public async Task Each_operation_of_a_document_is_validated_before_it_runs_from_the_cache()
    {
        var query = Unique("query Plans { membershipPlans { code } } query Regions { regions { number } }");
        using var counters = new DocumentCounters(Api.Services);

        Expect.Success(await Client.PostAsync(query, operationName: "Plans"));
        var regions = Expect.Success(await Client.PostAsync(query, operationName: "Regions"));
        Expect.Success(await Client.PostAsync(query, operationName: "Plans"));

        Assert.NotEqual(0, regions.GetProperty("regions").GetArrayLength());
        Assert.Equal((1, 2), (counters.Parsed, counters.FromCache));
        Assert.Equal((2, 1), (counters.FullyValidated, counters.ValidatedPerRequest));
    }
}

public sealed class DocumentCacheTestsOnSqlite(SqliteApi api) : DocumentCacheTests(api), IClassFixture<SqliteApi>;

public sealed class DocumentCacheTestsOnPostgreSql(PostgreSqlApi api) : DocumentCacheTests(api), IClassFixture<PostgreSqlApi>;
