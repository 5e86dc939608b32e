using System.Net;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Membership.GraphQL;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Members;

/// <summary>Email, phone, mailing address, birth date and terms reach only the member and staff, by every path.</summary>
public abstract class MemberPrivacyTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    private const string PrivateFields = "email phone dateOfBirth mailingAddress { line1 } membershipStatus inGoodStanding updatedAt currentTerm { status } terms { status }";

    /// <summary>What a directory reader sees of a member who opted in (README, "Member data"). Every other field is private or staff-only.</summary>
    private static readonly string[] DirectoryFields =
        ["id", "memberNumber", "firstName", "lastName", "fullName", "agency", "jobTitle", "category", "swornOfficer", "sroSince", "state", "region", "directoryOptIn", "createdAt"];

    private static readonly string[] Paths =
    [
        // By ID, by number, in the list, through node and nodes, through a fragment, an inline fragment and aliases.
        "query($b: ID!) { member(id: $b) { lastName " + PrivateFields + " } }",
        "query($n: String!) { memberByNumber(number: $n) { lastName " + PrivateFields + " } }",
        "query($n: String!) { members(first: 5, filter: { search: $n }) { nodes { lastName " + PrivateFields + " } } }",
        "query($b: ID!) { node(id: $b) { ... on Member { lastName " + PrivateFields + " } } }",
        "query($b: ID!) { nodes(ids: [$b]) { ...M } } fragment M on Member { lastName " + PrivateFields + " }",
        "query($b: ID!) { x: member(id: $b) { lastName mail: email tel: phone born: dateOfBirth home: mailingAddress { line1 } } }",
        "query($b: ID!) { member(id: $b) { ... on Member { lastName ... { email } } agency { members { lastName email } } } }",
    ];

    public static TheoryData<string> PathsToMemberB => new(Paths);

    [SkippableTheory]
    [MemberData(nameof(PathsToMemberB))]
    public async Task Another_member_gets_forbidden_for_every_private_field_by_every_path(string query)
    {
        var (a, b) = await TwoMembersAsync();

        var result = await Client.PostAsync(query, new { b = TestData.MemberId(b), n = b.MemberNumber }, TestIdentity.Member(a.Id));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.HasErrors);
        Assert.All(result.ErrorCodes, code => Assert.Equal("FORBIDDEN", code));
        Assert.Contains(b.LastName, result.Text, StringComparison.Ordinal); // the public part of the result is there
        AssertNoPrivateData(result.Text, b);
    }

    [SkippableTheory]
    [MemberData(nameof(PathsToMemberB))]
    public async Task Staff_read_private_fields_by_every_path(string query)
    {
        var (_, b) = await TwoMembersAsync();

        var result = await Client.PostAsync(query, new { b = TestData.MemberId(b), n = b.MemberNumber }, TestIdentity.Staff);

        Assert.False(result.HasErrors, result.Text);
        Assert.Contains(b.Email, result.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Anonymous_callers_get_401_for_anything_about_members()
    {
        var (_, b) = await TwoMembersAsync();
        foreach (var query in Paths.Append("query($b: ID!) { node(id: $b) { ... on Member { firstName } } }"))
        {
            var result = await Client.PostAsync(query, new { b = TestData.MemberId(b), n = b.MemberNumber });

            Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
            Assert.Equal("Bearer", result.Headers.WwwAuthenticate.ToString());
            Assert.Contains("UNAUTHENTICATED", result.ErrorCodes);
            Assert.False(result.HasData);
        }
    }

    [SkippableFact]
    public async Task Anonymous_node_lookup_of_a_member_finds_nothing()
    {
        var (_, b) = await TwoMembersAsync();

        var result = await Client.DataAsync("query($b: ID!) { node(id: $b) { id __typename } }", new { b = TestData.MemberId(b) });

        Assert.Equal(JsonValueKind.Null, result.At("node").ValueKind);
    }

    [SkippableFact]
    public async Task Directory_shows_members_who_opted_in_and_oneself_only()
    {
        var plan = await _data.PlanAsync();
        var prefix = TestData.Unique("Dir");
        var listed = await _data.MembersAsync(3, plan, lastNamePrefix: prefix + "L");
        var hidden = await _data.MembersAsync(2, plan, lastNamePrefix: prefix + "H", shape: (m, _) => m.DirectoryOptIn = false);
        var me = hidden[0];

        async Task<IReadOnlyList<string>> Visible(TestIdentity who) =>
            [.. (await Client.DataAsync("query($s: String) { members(first: 50, filter: { search: $s }) { nodes { lastName } } }", new { s = prefix }, who))
                .At("members.nodes").EnumerateArray().Select(n => n.Str("lastName")!)];

        Assert.Equal(listed.Select(m => m.LastName).Append(me.LastName).Order(), (await Visible(TestIdentity.Member(me.Id))).Order());
        Assert.Equal(5, (await Visible(TestIdentity.Staff)).Count);

        var hiddenById = await Client.DataAsync("query($id: ID!) { member(id: $id) { id } }", new { id = TestData.MemberId(hidden[1]) }, TestIdentity.Member(me.Id));
        Assert.Equal(JsonValueKind.Null, hiddenById.At("member").ValueKind);
    }

    [SkippableFact]
    public async Task A_partner_client_sees_no_member_and_nothing_personal()
    {
        var (_, b) = await TwoMembersAsync();

        var list = await Client.PostAsync("{ members { totalCount } }", identity: TestIdentity.Partner);
        Assert.Contains("FORBIDDEN", list.ErrorCodes);

        var byId = await Client.PostAsync("query($b: ID!) { member(id: $b) { email } node(id: $b) { id } }", new { b = TestData.MemberId(b) }, TestIdentity.Partner);
        Assert.Equal(JsonValueKind.Null, byId.Data.At("member").ValueKind);
        Assert.Equal(JsonValueKind.Null, byId.Data.At("node").ValueKind);
        AssertNoPrivateData(byId.Text, b);
    }

    [SkippableFact]
    public async Task Suspension_reason_is_for_staff_only()
    {
        var plan = await _data.PlanAsync();
        var member = await _data.MemberAsync(plan, shape: m => { m.SuspendedAt = DateTimeOffset.UtcNow; m.SuspensionReason = "Under review"; });

        var own = await Client.PostAsync("query($id: ID!) { member(id: $id) { membershipStatus suspensionReason } }", new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id));
        Assert.Equal("SUSPENDED", own.Data.Str("member.membershipStatus"));
        Assert.Equal(["FORBIDDEN"], own.ErrorCodes);
        Assert.DoesNotContain("Under review", own.Text, StringComparison.Ordinal);

        var staff = await Client.DataAsync("query($id: ID!) { member(id: $id) { suspensionReason } }", new { id = TestData.MemberId(member) }, TestIdentity.Staff);
        Assert.Equal("Under review", staff.Str("member.suspensionReason"));
    }

    [SkippableFact]
    public void The_directory_fields_are_the_only_unguarded_fields_of_a_member()
    {
        var member = (IComplexGraphType)Api.Services.GetRequiredService<ISchema>().AllTypes["Member"]!;

        var open = member.Fields.Where(f => !f.IsPersonalData() && (f.GetPolicies()?.Count ?? 0) == 0).Select(f => f.Name).Order();

        Assert.Equal(DirectoryFields.Order(), open);
    }

    [SkippableFact]
    public async Task A_directory_reader_sees_the_directory_fields_but_not_the_standing_of_a_member_in_grace()
    {
        // A suspended (or lapsed) member is not in the directory at all (DirectoryListingTests); one in grace is, with the status hidden.
        var plan = await _data.PlanAsync(months: 12, graceDays: 30);
        var agency = await _data.AgencyAsync();
        var reader = await _data.MemberAsync(plan);
        var inGrace = await _data.MemberAsync(plan, agency, termStart: _data.Today.AddYears(-1).AddDays(-10), shape: m => m.JobTitle = "SRO");
        var query = "query($id: ID!) { member(id: $id) { " + string.Join(' ', DirectoryFields.Select(f => f is "agency" or "state" or "region" ? f + " { __typename }" : f))
            + " membershipStatus inGoodStanding updatedAt } }";

        var result = await Client.PostAsync(query, new { id = TestData.MemberId(inGrace) }, TestIdentity.Member(reader.Id));

        Assert.Equal(inGrace.LastName, result.Data.Str("member.lastName"));
        Assert.Equal("SRO", result.Data.Str("member.jobTitle"));
        Assert.Equal("Agency", result.Data.Str("member.agency.__typename"));
        Assert.Equal(JsonValueKind.Null, result.Data.At("member.membershipStatus").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.Data.At("member.inGoodStanding").ValueKind);
        Assert.Equal(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"], result.ErrorCodes);
        Assert.DoesNotContain("GRACE", result.Text, StringComparison.Ordinal);
        var own = await Client.DataAsync("query($id: ID!) { member(id: $id) { membershipStatus inGoodStanding } }", new { id = TestData.MemberId(inGrace) }, TestIdentity.Member(inGrace.Id));
        Assert.Equal("GRACE", own.Str("member.membershipStatus"));
    }

    [SkippableTheory]
    [InlineData("status: [SUSPENDED]", "suspended")]
    [InlineData("status: [ACTIVE, GRACE]", "reader")]
    [InlineData("inGoodStanding: false", "suspended")]
    public async Task A_directory_reader_may_not_filter_by_status_and_keeps_the_rest_of_the_answer(string statusFilter, string staffFinds)
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var reader = await _data.MemberAsync(plan, agency);
        var suspended = await _data.MemberAsync(plan, agency, shape: m => m.SuspendedAt = DateTimeOffset.UtcNow);
        var filter = $"{{ agencyId: [\"{TestData.AgencyId(agency)}\"], {statusFilter} }}";

        var result = await Client.PostAsync($"{{ membershipPlans {{ code }} members(first: 50, filter: {filter}) {{ totalCount nodes {{ id }} }} }}", identity: TestIdentity.Member(reader.Id));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(["FORBIDDEN"], result.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, result.Data.At("members").ValueKind);
        Assert.Contains(result.Data.At("membershipPlans").EnumerateArray(), p => p.Str("code") == plan.Code);

        // The same filter works for staff: of the agency's two members, it finds the one the filter means.
        var staff = await Client.DataAsync($"{{ members(first: 50, filter: {filter}) {{ totalCount nodes {{ id }} }} }}", identity: TestIdentity.Staff);
        var expected = staffFinds == "reader" ? reader : suspended;
        Assert.Equal(1, staff.At("members.totalCount").GetInt32());
        Assert.Equal([TestData.MemberId(expected)], staff.At("members.nodes").EnumerateArray().Select(n => n.Str("id")));
    }

    [SkippableFact]
    public async Task A_partner_loses_only_the_forbidden_fields_not_the_public_answer()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        await _data.MemberAsync(plan, agency);

        // A root connection, an agency's nested fields, and a staff-only root field of another feature, beside public data.
        var result = await Client.PostAsync(
            "query($a: ID!) { membershipPlans { code } members { totalCount } agency(id: $a) { name members { id } memberCount } clients { clientId } }",
            new { a = TestData.AgencyId(agency) }, TestIdentity.Partner);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.HasData, result.Text);
        Assert.Contains(result.Data.At("membershipPlans").EnumerateArray(), p => p.Str("code") == plan.Code);
        Assert.Equal(agency.Name, result.Data.Str("agency.name"));
        foreach (var path in new[] { "members", "agency.members", "agency.memberCount", "clients" })
        {
            Assert.Equal(JsonValueKind.Null, result.Data.At(path).ValueKind);
        }

        Assert.Equal(4, result.ErrorCodes.Count);
        Assert.All(result.ErrorCodes, code => Assert.Equal("FORBIDDEN", code));
    }

    private async Task<(Member A, Member B)> TwoMembersAsync()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var members = await _data.MembersAsync(2, plan, agency, shape: (m, i) =>
        {
            m.Phone = $"+1 205 555 01{i}9";
            m.DateOfBirth = new DateOnly(1979, 3, 14);
        });
        return (members[0], members[1]);
    }

    private static void AssertNoPrivateData(string text, Member member)
    {
        Assert.DoesNotContain(member.Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(member.Phone!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Text.Json.JsonEncodedText.Encode(member.Phone!).ToString(), text, StringComparison.Ordinal); // "+" is written \u002B
        Assert.DoesNotContain("1979-03-14", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Main St", text, StringComparison.Ordinal);
    }
}

public sealed class MemberPrivacyTestsOnSqlite(SqliteApi api) : MemberPrivacyTests(api), IClassFixture<SqliteApi>;

public sealed class MemberPrivacyTestsOnPostgreSql(PostgreSqlApi api) : MemberPrivacyTests(api), IClassFixture<PostgreSqlApi>;

public sealed class MemberPrivacyTestsOnSqlServer(SqlServerApi api) : MemberPrivacyTests(api), IClassFixture<SqlServerApi>;
