using System.Text.Json;
using Membership.Identity.Accounts;
using Membership.Members;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Members;

/// <summary>
/// The directory lists only members who are confirmed, current (ACTIVE or GRACE) and opted in, on every path a
/// directory reader has (search, agency.members, agency.memberCount, node, member, memberByNumber); the agency shown
/// is a confirmed one. A fresh applicant who claims "Chief of Police" at an agency is nowhere until staff accept them.
/// </summary>
public abstract class DirectoryListingTests(ApiFixture api) : PaymentTest(api)
{
    private const string Everywhere = """
        query($search: String!, $agency: ID!, $member: ID!, $number: String!) {
          search: members(filter: { search: $search }) { totalCount nodes { id jobTitle agency { id } } }
          agency(id: $agency) { memberCount members { id } }
          node(id: $member) { id }
          member(id: $member) { id }
          memberByNumber(number: $number) { id }
        }
        """;

    [SkippableFact]
    public async Task A_fresh_applicant_is_in_no_directory_until_confirmed_accepted_and_paid()
    {
        var plan = await Data.PlanAsync();
        var agency = await Data.AgencyAsync();
        var reader = TestIdentity.Member((await Data.MemberAsync(plan)).Id);
        var lastName = TestData.Unique("Chiefly");
        var email = JoinRequests.NewEmail();
        _ = JoinRequests.Succeeded(await JoinAsync(new JoinWithTitle("Robin", lastName, email, JoinRequests.Password, "REGULAR", true,
            "AL", true, TestData.PlanId(plan), TestData.AgencyId(agency), "Chief of Police")));
        var applicant = await MemberByEmailAsync(email); // the join answer names no member number (it is mailed)
        var ids = new { search = lastName, agency = TestData.AgencyId(agency), member = TestData.MemberId(applicant), number = applicant.MemberNumber };

        var fresh = await Client.DataAsync(Everywhere, ids, reader);
        await ConfirmEmailAsync(email);
        var emailConfirmed = await Client.DataAsync(Everywhere, ids, reader);
        var accepted = (await Client.DataAsync("mutation($input: UpdateMemberInput!) { updateMember(input: $input) { userErrors { code } } }",
            new { input = new { id = TestData.MemberId(applicant), agencyId = TestData.AgencyId(agency) } }, TestIdentity.Staff)).At("updateMember");
        var agencyConfirmed = await Client.DataAsync(Everywhere, ids, reader);
        var checkout = await Dues.StartedAsync(plan, applicant, caller: TestIdentity.Staff);
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(checkout.SessionId));
        var paid = await Client.DataAsync(Everywhere, ids, reader);

        Assert.Empty(MutationAssert.ErrorsOf(accepted));
        foreach (var hidden in new[] { fresh, emailConfirmed, agencyConfirmed })
        {
            AssertUnlisted(hidden);
        }

        Assert.Equal(1, paid.At("search.totalCount").GetInt32());
        Assert.Equal(("Chief of Police", TestData.AgencyId(agency)), (paid.Str("search.nodes.0.jobTitle"), paid.Str("search.nodes.0.agency.id")));
        Assert.Equal(1, paid.At("agency.memberCount").GetInt32());
        Assert.Equal([ids.member], paid.At("agency.members").EnumerateArray().Select(m => m.Str("id")));
        Assert.Equal((ids.member, ids.member, ids.member), (paid.Str("node.id"), paid.Str("member.id"), paid.Str("memberByNumber.id")));
    }

    [SkippableFact]
    public async Task Lapsed_suspended_and_pending_members_who_opted_in_are_unlisted_while_staff_still_find_them()
    {
        var plan = await Data.PlanAsync(months: 12, graceDays: 30);
        var agency = await Data.AgencyAsync();
        var reader = TestIdentity.Member((await Data.MemberAsync(plan)).Id);
        var prefix = TestData.Unique("Status");
        var active = await Data.MembersAsync(1, plan, agency, lastNamePrefix: prefix + "a");
        var grace = await Data.MembersAsync(1, plan, agency, termStart: Data.Today.AddYears(-1).AddDays(-10), lastNamePrefix: prefix + "g");
        var lapsed = await Data.MembersAsync(1, plan, agency, termStart: Data.Today.AddYears(-2), lastNamePrefix: prefix + "l");
        var pending = await Data.MembersAsync(1, plan, agency, activated: false, lastNamePrefix: prefix + "p");
        var suspended = await Data.MembersAsync(1, plan, agency, lastNamePrefix: prefix + "s", shape: (m, _) => m.SuspendedAt = DateTimeOffset.UtcNow);
        const string query = "query($s: String!, $a: ID!) { members(filter: { search: $s }) { totalCount nodes { id } } agency(id: $a) { memberCount members { id } } }";
        var variables = new { s = prefix, a = TestData.AgencyId(agency) };

        var asReader = await Client.DataAsync(query, variables, reader);
        var asStaff = await Client.DataAsync(query, variables, TestIdentity.Staff);

        string[] current = [TestData.MemberId(active[0]), TestData.MemberId(grace[0])];
        Assert.Equal(2, asReader.At("members.totalCount").GetInt32());
        Assert.Equal(current.Order(), asReader.At("members.nodes").EnumerateArray().Select(n => n.Str("id")!).Order());
        Assert.Equal(2, asReader.At("agency.memberCount").GetInt32());
        Assert.Equal(current.Order(), asReader.At("agency.members").EnumerateArray().Select(n => n.Str("id")!).Order());
        Assert.Equal(5, asStaff.At("members.totalCount").GetInt32());
        Assert.Equal(5, asStaff.At("agency.memberCount").GetInt32());
        foreach (var hidden in new[] { lapsed[0], pending[0], suspended[0] })
        {
            var node = await Client.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = TestData.MemberId(hidden) }, reader);
            Assert.Equal(JsonValueKind.Null, node.At("node").ValueKind);
        }
    }

    [SkippableFact]
    public async Task A_listed_member_whose_agency_staff_did_not_confirm_shows_no_agency_to_others_and_is_not_counted_under_it()
    {
        var plan = await Data.PlanAsync();
        var agency = await Data.AgencyAsync();
        var reader = TestIdentity.Member((await Data.MemberAsync(plan)).Id);
        var claimant = await Data.MemberAsync(plan, agency, shape: m => m.AgencyConfirmedAt = null);
        const string query = "query($m: ID!, $a: ID!) { member(id: $m) { id agency { id } } agency(id: $a) { memberCount members { id } } "
            + "byAgency: members(filter: { agencyId: [$a] }) { totalCount } }";
        var variables = new { m = TestData.MemberId(claimant), a = TestData.AgencyId(agency) };

        var asReader = await Client.DataAsync(query, variables, reader);
        var asSelf = await Client.DataAsync(query, variables, TestIdentity.Member(claimant.Id));
        var asStaff = await Client.DataAsync(query, variables, TestIdentity.Staff);

        Assert.Equal(variables.m, asReader.Str("member.id"));
        Assert.Equal(JsonValueKind.Null, asReader.At("member.agency").ValueKind);
        Assert.Equal((0, 0, 0), (asReader.At("agency.memberCount").GetInt32(), asReader.At("agency.members").GetArrayLength(), asReader.At("byAgency.totalCount").GetInt32()));
        Assert.Equal(variables.a, asSelf.Str("member.agency.id"));
        Assert.Equal(variables.a, asStaff.Str("member.agency.id"));
        Assert.Equal(1, asStaff.At("agency.memberCount").GetInt32());
    }

    private static void AssertUnlisted(JsonElement data)
    {
        Assert.Equal(0, data.At("search.totalCount").GetInt32());
        Assert.Equal(0, data.At("agency.memberCount").GetInt32());
        Assert.Equal(0, data.At("agency.members").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, data.At("node").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.At("member").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.At("memberByNumber").ValueKind);
    }

    private async Task<GraphQLResult> JoinAsync(JoinWithTitle input)
    {
        using var http = Api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", JoinRequests.NewAddress());
        return await new GraphQLClient(http).PostAsync(JoinRequests.Join, new { input });
    }

    private async Task<Member> MemberByEmailAsync(string email)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.Members.AsNoTracking().SingleAsync(m => m.Email == email);
    }

    /// <summary>What following the mailed link does: the account's address is confirmed with Identity's token.</summary>
    private async Task ConfirmEmailAsync(string email)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("no account");
        Assert.True((await users.ConfirmEmailAsync(account, await users.GenerateEmailConfirmationTokenAsync(account))).Succeeded);
    }
}

#pragma warning disable IDE1006 // GraphQL field names
internal sealed record JoinWithTitle(string firstName, string lastName, string email, string password, string category, bool swornOfficer, string state,
    bool directoryOptIn, string planId, string agencyId, string jobTitle);
#pragma warning restore IDE1006

public sealed class DirectoryListingTestsOnSqlite(SqliteApi api) : DirectoryListingTests(api), IClassFixture<SqliteApi>;

public sealed class DirectoryListingTestsOnPostgreSql(PostgreSqlApi api) : DirectoryListingTests(api), IClassFixture<PostgreSqlApi>;

public sealed class DirectoryListingTestsOnSqlServer(SqlServerApi api) : DirectoryListingTests(api), IClassFixture<SqlServerApi>;
