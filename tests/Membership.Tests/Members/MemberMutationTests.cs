using System.Net;
using System.Text.Json;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Members;

public abstract class MemberMutationTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    private const string Register = """
        mutation($input: RegisterMemberInput!) { registerMember(input: $input) {
          member { id memberNumber firstName lastName email membershipStatus region { number } agency { name } currentTerm { startsOn endsOn status } }
          userErrors { code field message } } }
        """;

    [SkippableFact]
    public async Task Registering_creates_a_pending_member_with_the_next_number()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync(state: "GA");

        var first = (await Client.DataAsync(Register, new { input = Input(plan, agency) }, TestIdentity.Staff)).At("registerMember");
        var second = (await Client.DataAsync(Register, new { input = Input(plan, agency) }, TestIdentity.Staff)).At("registerMember");

        Assert.True(first.UserErrorCodes().Count == 0, first.ToString());
        Assert.Equal("PENDING", first.Str("member.membershipStatus"));
        Assert.Equal(5, first.At("member.region.number").GetInt32());
        Assert.Equal(agency.Name, first.Str("member.agency.name"));
        Assert.True(MemberNumbers.TryParse(first.Str("member.memberNumber"), out var n1));
        Assert.True(MemberNumbers.TryParse(second.Str("member.memberNumber"), out var n2));
        Assert.True(n2 > n1);
    }

    [SkippableFact]
    public async Task Registering_with_activation_starts_an_active_term_of_the_plan_length()
    {
        var plan = await _data.PlanAsync(months: 12);
        var startsOn = _data.Today.AddDays(-30);
        var input = Input(plan) with { activate = true, startsOn = Iso(startsOn) };

        var payload = (await Client.DataAsync(Register, new { input }, TestIdentity.Staff)).At("registerMember");

        Assert.Equal(Iso(startsOn), payload.Str("member.currentTerm.startsOn"));
        Assert.Equal(Iso(startsOn.AddMonths(12).AddDays(-1)), payload.Str("member.currentTerm.endsOn"));
        Assert.Equal("ACTIVE", payload.Str("member.membershipStatus"));
    }

    public static TheoryData<string, string, string> InvalidInputs => new()
    {
        { """{"firstName": "  "}""", "REQUIRED", "firstName" },
        { """{"lastName": "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"}""", "TOO_LONG", "lastName" },
        { """{"firstName": "there.\n\nACTION REQUIRED: verify your record at https://evil.example"}""", "INVALID_NAME", "firstName" },
        { """{"lastName": "Rivera\u0007"}""", "INVALID_NAME", "lastName" },
        { """{"jobTitle": "SRO, see www.evil.example"}""", "INVALID_NAME", "jobTitle" },
        { """{"jobTitle": "Chief \uFF48\uFF54\uFF54\uFF50\uFF53://evil"}""", "INVALID_NAME", "jobTitle" },
        { """{"email": "not-an-email"}""", "INVALID_EMAIL", "email" },
        { """{"phone": "12"}""", "INVALID_PHONE", "phone" },
        { """{"state": "ZZ"}""", "INVALID_STATE", "state" },
        { $$"""{"dateOfBirth": "{{Iso(Now.AddYears(1))}}"}""", "DATE_IN_FUTURE", "dateOfBirth" },
        { $$"""{"dateOfBirth": "{{Iso(Now.AddYears(-5))}}"}""", "DATE_OUT_OF_RANGE", "dateOfBirth" },
        { $$"""{"sroSince": "{{Iso(Now.AddYears(1))}}"}""", "DATE_IN_FUTURE", "sroSince" },
        { """{"swornOfficer": false}""", "CATEGORY_REQUIRES_SWORN_OFFICER", "category" },
        { """{"category": "ASSOCIATE"}""", "PLAN_CATEGORY_MISMATCH", "planId" },
        { """{"planId": "bm90LWFuLWlk"}""", "INVALID_ID", "planId" },
        { """{"agencyId": "QWdlbmN5OjAxOTAwMDAwMDAwMDcwMDA4MDAwMDAwMDAwMDAwMDAw"}""", "NOT_FOUND", "agencyId" },
        { $$"""{"startsOn": "{{Iso(Now.AddYears(-2))}}"}""", "DATE_OUT_OF_RANGE", "startsOn" },
        { $$"""{"startsOn": "{{Iso(Now.AddYears(1))}}"}""", "DATE_OUT_OF_RANGE", "startsOn" },
        { """{"mailingAddress": {"line1": "1 Main St", "city": "Mobile", "state": "AL", "postalCode": "ABCDE"}}""", "INVALID_POSTAL_CODE", "postalCode" },
        { """{"mailingAddress": {"line1": "1 Main St", "city": "Mobile", "state": "QQ", "postalCode": "36602"}}""", "INVALID_STATE", "state" },
    };

    [SkippableTheory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_registration_is_a_user_error_and_writes_nothing(string change, string code, string field)
    {
        var plan = await _data.PlanAsync();
        var input = JsonSerializer.SerializeToNode(Input(plan))!.AsObject();
        foreach (var (key, value) in JsonSerializer.Deserialize<JsonElement>(change).EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            input[key] = System.Text.Json.Nodes.JsonNode.Parse(value.GetRawText());
        }

        var before = await MemberCountAsync();
        var result = await Client.PostAsync(Register, new { input }, TestIdentity.Staff);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var payload = result.Data.At("registerMember");
        Assert.Equal(JsonValueKind.Null, payload.At("member").ValueKind);
        var error = Assert.Single(payload.GetProperty("userErrors").EnumerateArray(),
            e => e.Str("code") == code && e.At("field").EnumerateArray().Last().GetString() == field);
        Assert.False(string.IsNullOrWhiteSpace(error.Str("message")));
        Assert.Equal(before, await MemberCountAsync());
    }

    [SkippableFact]
    public async Task A_taken_email_is_refused_whatever_its_case()
    {
        var plan = await _data.PlanAsync();
        var existing = await _data.MemberAsync(plan);

        var payload = (await Client.DataAsync(Register, new { input = Input(plan) with { email = "  " + existing.Email.ToUpperInvariant() } }, TestIdentity.Staff)).At("registerMember");

        Assert.Equal(["EMAIL_TAKEN"], payload.UserErrorCodes());
    }

    [SkippableFact]
    public async Task Two_racing_registrations_with_one_email_make_one_member()
    {
        var plan = await _data.PlanAsync();
        var input = Input(plan);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.PostAsync(Register, new { input }, TestIdentity.Staff)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(results, r => r.Data.At("registerMember.member").ValueKind == JsonValueKind.Object);
        Assert.Equal(3, results.Count(r => r.Data.At("registerMember").UserErrorCodes().SequenceEqual(["EMAIL_TAKEN"])));
        await using var db = await Api.Db.CreateDbContextAsync();
        var email = MemberRules.NormalizeEmail(input.email);
        Assert.Equal(1, await db.Members.CountAsync(m => m.EmailNormalized == email));
    }

    [SkippableFact]
    public async Task Update_changes_only_the_given_fields_and_null_clears_optional_ones()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync(), shape: m => m.JobTitle = "School Resource Officer");
        const string update = "mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { firstName lastName phone jobTitle email directoryOptIn } userErrors { code } } }";

        var payload = (await Client.DataAsync(update, new { input = new { id = TestData.MemberId(member), lastName = "Núñez-Smith", phone = (string?)null, directoryOptIn = false } }, TestIdentity.Staff)).At("updateMember");

        Assert.Empty(payload.UserErrorCodes());
        Assert.Equal("Test", payload.Str("member.firstName"));
        Assert.Equal("Núñez-Smith", payload.Str("member.lastName"));
        Assert.Equal(JsonValueKind.Null, payload.At("member.phone").ValueKind);
        Assert.Equal("School Resource Officer", payload.Str("member.jobTitle"));
        Assert.Equal(member.Email, payload.Str("member.email"));
        Assert.False(payload.At("member.directoryOptIn").GetBoolean());

        var found = await Client.DataAsync("{ members(filter: { search: \"nunez-smith\" }) { totalCount } }", identity: TestIdentity.Staff);
        Assert.True(found.At("members.totalCount").GetInt32() >= 1);
    }

    [SkippableFact]
    public async Task Update_with_a_bad_value_changes_nothing()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        const string update = "mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { id } userErrors { code field } } }";

        var payload = (await Client.DataAsync(update, new { input = new { id = TestData.MemberId(member), firstName = "Changed", email = "broken" } }, TestIdentity.Staff)).At("updateMember");

        Assert.Equal(["INVALID_EMAIL"], payload.UserErrorCodes());
        await using var db = await Api.Db.CreateDbContextAsync();
        Assert.Equal("Test", (await db.Members.SingleAsync(m => m.Id == member.Id)).FirstName);
    }

    [SkippableFact]
    public async Task Names_and_job_titles_carrying_line_breaks_or_links_are_refused_by_staff_updates_and_profile_updates()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        const string staff = "mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { id } userErrors { code field } } }";
        const string self = "mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { member { id } userErrors { code field } } }";

        var names = (await Client.DataAsync(staff, new { input = new { id = TestData.MemberId(member), firstName = "Dear member,\r\nclick", lastName = "Rivera https://evil.example" } }, TestIdentity.Staff)).At("updateMember");
        var title = (await Client.DataAsync(self, new { input = new { jobTitle = "SRO\tmailto:boss@evil.example" } }, TestIdentity.Member(member.Id))).At("updateMyProfile");

        Assert.Equal(["INVALID_NAME input.firstName", "INVALID_NAME input.lastName"], MutationAssert.ErrorsOf(names));
        Assert.Equal(["INVALID_NAME input.jobTitle"], MutationAssert.ErrorsOf(title));
        await using var db = await Api.Db.CreateDbContextAsync();
        var stored = await db.Members.SingleAsync(m => m.Id == member.Id);
        Assert.Equal((member.FirstName, member.LastName, member.JobTitle), (stored.FirstName, stored.LastName, stored.JobTitle));
    }

    [SkippableFact]
    public async Task Changing_the_category_away_from_the_current_plan_is_PLAN_CATEGORY_MISMATCH_and_writes_nothing()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync(MemberCategory.Regular));
        const string update = "mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { category } userErrors { code field } } }";

        var payload = (await Client.DataAsync(update, new { input = new { id = TestData.MemberId(member), category = "ASSOCIATE", swornOfficer = false, jobTitle = "Changed" } }, TestIdentity.Staff)).At("updateMember");

        Assert.Equal(["PLAN_CATEGORY_MISMATCH"], payload.UserErrorCodes());
        Assert.Equal("category", payload.At("userErrors.0.field").EnumerateArray().Last().GetString());
        Assert.Equal(JsonValueKind.Null, payload.At("member").ValueKind);
        await using var db = await Api.Db.CreateDbContextAsync();
        var stored = await db.Members.AsNoTracking().SingleAsync(m => m.Id == member.Id);
        Assert.Equal((MemberCategory.Regular, true, member.JobTitle), (stored.Category, stored.IsSwornOfficer, stored.JobTitle));
    }

    [SkippableFact]
    public async Task Changing_the_category_to_the_current_plan_s_category_is_accepted()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync(MemberCategory.Associate), shape: m => m.IsSwornOfficer = false);
        const string update = "mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { category } userErrors { code } } }";

        var payload = (await Client.DataAsync(update, new { input = new { id = TestData.MemberId(member), category = "ASSOCIATE" } }, TestIdentity.Staff)).At("updateMember");

        Assert.Empty(payload.UserErrorCodes());
        Assert.Equal("ASSOCIATE", payload.Str("member.category"));
    }

    [SkippableFact]
    public async Task Updating_to_another_member_s_email_is_EMAIL_TAKEN_and_writes_nothing()
    {
        var plan = await _data.PlanAsync();
        var (member, other) = (await _data.MemberAsync(plan), await _data.MemberAsync(plan));
        const string update = "mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { email } userErrors { code field } } }";

        var payload = (await Client.DataAsync(update, new { input = new { id = TestData.MemberId(member), firstName = "Changed", email = " " + other.Email.ToUpperInvariant() } }, TestIdentity.Staff)).At("updateMember");

        Assert.Equal(["EMAIL_TAKEN"], payload.UserErrorCodes());
        await using var db = await Api.Db.CreateDbContextAsync();
        var stored = await db.Members.AsNoTracking().SingleAsync(m => m.Id == member.Id);
        Assert.Equal((member.Email, "Test"), (stored.Email, stored.FirstName));
    }

    [SkippableFact]
    public async Task A_member_cannot_change_their_own_agency_but_staff_can()
    {
        var plan = await _data.PlanAsync();
        var (mine, other) = (await _data.AgencyAsync(), await _data.AgencyAsync());
        var me = await _data.MemberAsync(plan, mine);

        var self = await Client.PostAsync("mutation($a: ID!) { updateMyProfile(input: { agencyId: $a }) { userErrors { code } } }",
            new { a = TestData.AgencyId(other) }, TestIdentity.Member(me.Id));

        Assert.Equal(HttpStatusCode.BadRequest, self.Status);
        Assert.Equal(["ARGUMENTS_OF_CORRECT_TYPE"], self.ErrorCodes.Distinct());
        var staff = (await Client.DataAsync("mutation($id: ID!, $a: ID!) { updateMember(input: { id: $id, agencyId: $a }) { member { agency { name } } userErrors { code } } }",
            new { id = TestData.MemberId(me), a = TestData.AgencyId(other) }, TestIdentity.Staff)).At("updateMember");
        Assert.Equal(other.Name, staff.Str("member.agency.name"));
    }

    [SkippableFact]
    public async Task Suspend_reinstate_and_cancel_move_the_status_and_refuse_repeats()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        var id = TestData.MemberId(member);

        async Task<JsonElement> Act(string mutation, string inputType, object input) => (await Client.DataAsync(
            $"mutation($input: {inputType}!) {{ {mutation}(input: $input) {{ member {{ membershipStatus inGoodStanding }} userErrors {{ code }} }} }}",
            new { input }, TestIdentity.Staff)).At(mutation);

        var suspended = await Act("suspendMember", "SuspendMemberInput", new { memberId = id, reason = "Pending investigation" });
        Assert.Equal("SUSPENDED", suspended.Str("member.membershipStatus"));
        Assert.False(suspended.At("member.inGoodStanding").GetBoolean());
        Assert.Equal(["ALREADY_SUSPENDED"], (await Act("suspendMember", "SuspendMemberInput", new { memberId = id, reason = "Again" })).UserErrorCodes());
        Assert.Contains("REQUIRED", (await Act("suspendMember", "SuspendMemberInput", new { memberId = id, reason = " " })).UserErrorCodes());

        Assert.Equal("ACTIVE", (await Act("reinstateMember", "ReinstateMemberInput", new { memberId = id })).Str("member.membershipStatus"));
        Assert.Equal(["NOT_SUSPENDED"], (await Act("reinstateMember", "ReinstateMemberInput", new { memberId = id })).UserErrorCodes());

        Assert.Equal("CANCELLED", (await Act("cancelMembership", "CancelMembershipInput", new { memberId = id, reason = "Left the profession" })).Str("member.membershipStatus"));
        Assert.Equal(["ALREADY_CANCELLED"], (await Act("cancelMembership", "CancelMembershipInput", new { memberId = id, reason = "Again" })).UserErrorCodes());
        Assert.Equal(["NOT_FOUND"], (await Act("suspendMember", "SuspendMemberInput", new { memberId = TestData.Id("Member", Guid.CreateVersion7()), reason = "x" })).UserErrorCodes());
        Assert.Equal(["INVALID_ID"], (await Act("suspendMember", "SuspendMemberInput", new { memberId = TestData.Id("Agency", member.Id), reason = "x" })).UserErrorCodes());
    }

    [SkippableFact]
    public async Task A_member_changes_their_own_contact_details_and_nothing_else()
    {
        var plan = await _data.PlanAsync();
        var (me, other) = (await _data.MemberAsync(plan), await _data.MemberAsync(plan));
        const string update = "mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { member { id phone jobTitle directoryOptIn lastName } userErrors { code field } } }";

        var payload = (await Client.DataAsync(update, new { input = new { phone = "+1 334 555 0199", jobTitle = (string?)null, directoryOptIn = false } }, TestIdentity.Member(me.Id))).At("updateMyProfile");

        Assert.Empty(payload.UserErrorCodes());
        Assert.Equal(TestData.MemberId(me), payload.Str("member.id"));
        Assert.Equal("+1 334 555 0199", payload.Str("member.phone"));
        Assert.False(payload.At("member.directoryOptIn").GetBoolean());
        Assert.Equal(["INVALID_PHONE"], (await Client.DataAsync(update, new { input = new { phone = "call me" } }, TestIdentity.Member(me.Id))).At("updateMyProfile").UserErrorCodes());

        // Names, e-mail and category are not in the input: staff change those.
        var name = await Client.PostAsync("mutation { updateMyProfile(input: { lastName: \"X\" }) { userErrors { code } } }", identity: TestIdentity.Member(me.Id));
        Assert.Equal(["ARGUMENTS_OF_CORRECT_TYPE"], name.ErrorCodes.Distinct());
        await using var db = await Api.Db.CreateDbContextAsync();
        Assert.Equal(other.Phone, (await db.Members.SingleAsync(m => m.Id == other.Id)).Phone);
        Assert.Equal(me.LastName, (await db.Members.SingleAsync(m => m.Id == me.Id)).LastName);

        Assert.Equal(["FORBIDDEN"], (await Client.PostAsync(update, new { input = new { phone = "+1 334 555 0100" } }, TestIdentity.Staff)).ErrorCodes);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsync(update, new { input = new { phone = "+1 334 555 0100" } })).Status);
    }

    [SkippableFact]
    public async Task Only_staff_may_register_or_change_members()
    {
        var plan = await _data.PlanAsync();
        var member = await _data.MemberAsync(plan);
        var before = await MemberCountAsync();

        var asMember = await Client.PostAsync(Register, new { input = Input(plan) }, TestIdentity.Member(member.Id));
        Assert.Equal(["FORBIDDEN"], asMember.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, asMember.Data.At("registerMember").ValueKind);

        var suspendSelf = await Client.PostAsync("mutation($id: ID!) { suspendMember(input: { memberId: $id, reason: \"x\" }) { userErrors { code } } }",
            new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id));
        Assert.Equal(["FORBIDDEN"], suspendSelf.ErrorCodes);

        var anonymous = await Client.PostAsync(Register, new { input = Input(plan) });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(before, await MemberCountAsync());
    }

    private async Task<int> MemberCountAsync()
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.Members.CountAsync();
    }

    /// <summary>Today, give or take a day of time zone: only for dates far enough from any limit (the theory data is built before the fixture).</summary>
    private static DateOnly Now => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static RegisterInput Input(Membership.Dues.MembershipPlan plan, Membership.Agencies.Agency? agency = null) => new(
        firstName: "Casey", lastName: TestData.Unique("Morgan"), email: $"{TestData.Unique("casey")}@example.org", phone: "(205) 555-0143",
        mailingAddress: null, dateOfBirth: Iso(Now.AddYears(-40)), agencyId: agency is null ? null : TestData.AgencyId(agency), jobTitle: "SRO",
        category: plan.Category.ToString().ToUpperInvariant(), swornOfficer: true, sroSince: Iso(Now.AddYears(-10)), state: agency?.StateCode ?? "AL",
        directoryOptIn: true, planId: TestData.PlanId(plan), startsOn: null, activate: false);

#pragma warning disable IDE1006 // GraphQL field names
    private sealed record RegisterInput(string firstName, string lastName, string email, string? phone, object? mailingAddress, string? dateOfBirth,
        string? agencyId, string? jobTitle, string category, bool swornOfficer, string? sroSince, string state, bool directoryOptIn, string planId,
        string? startsOn, bool activate);
#pragma warning restore IDE1006
}

public sealed class MemberMutationTestsOnSqlite(SqliteApi api) : MemberMutationTests(api), IClassFixture<SqliteApi>;

public sealed class MemberMutationTestsOnPostgreSql(PostgreSqlApi api) : MemberMutationTests(api), IClassFixture<PostgreSqlApi>;

public sealed class MemberMutationTestsOnSqlServer(SqlServerApi api) : MemberMutationTests(api), IClassFixture<SqlServerApi>;
