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
        Assert.Equal((1, 0, 2), (counters.FullyValidated, counters.ValidatedPerRequest, counters.ValidatedByNoRule)); // public, priced once: nothing left to check
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
        // The member ran the cached document with no rule (signed in, its price fixed); the stranger with the caller's rule.
        Assert.Equal((1, 1, 1), (counters.FullyValidated, counters.ValidatedPerRequest, counters.ValidatedByNoRule));
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
    public async Task A_cached_query_without_variables_runs_no_rule_and_still_applies_its_literal_arguments_and_directives()
    {
        var data = new TestData(Api);
        var retired = await data.PlanAsync(MemberCategory.Retired);
        await data.PlanAsync(MemberCategory.Student);
        var query = Unique("""
            {
              retired: membershipPlans(category: RETIRED) { code category }
              student: membershipPlans(category: STUDENT) @skip(if: true) { code }
              agencies(first: 1) @include(if: false) { totalCount }
            }
            """);
        using var counters = new DocumentCounters(Api.Services);

        var runs = new List<System.Text.Json.JsonElement>();
        for (var run = 0; run < 3; run++)
        {
            runs.Add(Expect.Success(await Client.PostAsync(query)));
        }

        // The arguments parsed on the first run are those of every later run: RETIRED plans only, the skipped fields left out.
        Assert.All(runs, run => Assert.Equal(runs[0].GetRawText(), run.GetRawText()));
        var plans = runs[2].GetProperty("retired").EnumerateArray().ToList();
        Assert.Contains(plans, plan => plan.GetProperty("code").GetString() == retired.Code);
        Assert.All(plans, plan => Assert.Equal("RETIRED", plan.GetProperty("category").GetString()));
        Assert.False(runs[2].TryGetProperty("student", out _));
        Assert.False(runs[2].TryGetProperty("agencies", out _));
        Assert.Equal((1, 0, 2), (counters.FullyValidated, counters.ValidatedPerRequest, counters.ValidatedByNoRule));
    }

    [SkippableFact]
    public async Task A_cached_operation_run_with_no_rule_still_coerces_its_variables_on_each_run()
    {
        var data = new TestData(Api);
        var members = await data.MembersAsync(2, await data.PlanAsync());
        var query = Unique("query($id: ID!) { node(id: $id) { id ... on Member { memberNumber } } }");
        using var counters = new DocumentCounters(Api.Services);

        var first = Expect.Success(await Client.PostAsync(query, new { id = TestData.MemberId(members[0]) }, TestIdentity.Staff));
        var second = Expect.Success(await Client.PostAsync(query, new { id = TestData.MemberId(members[1]) }, TestIdentity.Staff));
        var missing = await Client.PostAsync(query, new { id = (string?)null }, TestIdentity.Staff);
        var wrongType = await Client.PostAsync(query, new { id = new[] { 1, 2 } }, TestIdentity.Staff);

        Assert.Equal(members[0].MemberNumber, first.Str("node.memberNumber"));
        Assert.Equal(members[1].MemberNumber, second.Str("node.memberNumber"));
        Expect.RequestError(missing, HttpStatusCode.BadRequest, "INVALID_VALUE");
        Expect.RequestError(wrongType, HttpStatusCode.BadRequest, "INVALID_VALUE");
        Assert.Equal((1, 0, 3), (counters.FullyValidated, counters.ValidatedPerRequest, counters.ValidatedByNoRule));
    }

    [SkippableFact]
    public async Task A_public_cached_query_still_refuses_an_anonymous_caller_once_it_asks_for_more()
    {
        // Two texts that differ by a field for signed-in callers: the public one, run with no rule, says nothing of the other.
        var open = Unique("{ membershipPlans { code } }");
        var closed = Unique("{ membershipPlans { code } members(first: 1) { totalCount } }");
        using var counters = new DocumentCounters(Api.Services);

        Expect.Success(await Client.PostAsync(open));
        Expect.Success(await Client.PostAsync(open));
        Expect.Success(await Client.PostAsync(closed, identity: TestIdentity.Staff));
        var anonymous = await Client.PostAsync(closed);

        Expect.RequestError(anonymous, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        Assert.Equal((2, 1, 1), (counters.FullyValidated, counters.ValidatedPerRequest, counters.ValidatedByNoRule));
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
        Assert.Equal((2, 0, 1), (counters.FullyValidated, counters.ValidatedPerRequest, counters.ValidatedByNoRule));
    }
}

public sealed class DocumentCacheTestsOnSqlite(SqliteApi api) : DocumentCacheTests(api), IClassFixture<SqliteApi>;

public sealed class DocumentCacheTestsOnPostgreSql(PostgreSqlApi api) : DocumentCacheTests(api), IClassFixture<PostgreSqlApi>;
