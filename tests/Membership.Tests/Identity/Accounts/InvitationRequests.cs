using System.Net;
using System.Text.Json;
using Membership.Dues;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>Invitations as staff send them (GraphQL with a staff script's real token) and as a member opens them (the mail's link in a browser).</summary>
internal sealed class InvitationRequests(OidcApi api)
{
    public const string NewPassword = "Invited-Member-Secret-7!";

    private const string Register = """
        mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id memberNumber email } userErrors { code } } }
        """;

    public const string Resend = """
        mutation($id: ID!) { resendInvitation(input: { memberId: $id }) { invitation { invitedAt expiresAt member { id } } userErrors { code field } } }
        """;

    public const string Invite = """
        mutation($input: InviteMembersInput!) { inviteMembers(input: $input) {
          invited { member { id } invitedAt expiresAt } skipped { memberId code } hasMore userErrors { code field } } }
        """;

    public const string Status = "query($id: ID!) { member(id: $id) { invitedAt accountClaimed accountDisabledAt } }";

    private readonly TokenCallers _callers = new(api);

    public TestData Data => _callers.Data;

    public TokenCallers Callers => _callers;

    /// <summary>A new staff script's token each time: tests that move the clock by days outlive any one token.</summary>
    public Task<TestIdentity> StaffAsync() => _callers.StaffClientTokenAsync();

    public async Task<JsonElement> AsStaffAsync(string document, object variables) =>
        await api.Client().DataAsync(document, variables, await StaffAsync());

    /// <summary>Staff register a member; returns the member's global ID and address.</summary>
    public async Task<(string Id, string Email)> RegisterAsync(MembershipPlan? plan = null)
    {
        plan ??= await Data.PlanAsync();
        var email = $"{TestData.Unique("invited")}@example.org";
        var payload = (await AsStaffAsync(Register, new
        {
            input = new
            {
                firstName = "Jordan", lastName = TestData.Unique("Invited"), email, phone = "(205) 555-0143", dateOfBirth = "1981-03-04",
                category = plan.Category.ToString().ToUpperInvariant(), swornOfficer = true, sroSince = "2015-08-01", state = "AL",
                directoryOptIn = false, planId = TestData.PlanId(plan), activate = false,
            },
        })).At("registerMember");
        Assert.True(payload.UserErrorCodes().Count == 0, payload.ToString());
        return (payload.Str("member.id")!, email);
    }

    /// <summary>The link of the latest invitation mailed to <paramref name="email"/>, after checking how many came.</summary>
    public async Task<string> LinkAsync(string email, int expectedMails = 1)
    {
        var mails = await api.MailsToAsync(email);
        Assert.Equal(expectedMails, mails.Count);
        Assert.Equal("Set up your membership account", mails[^1].Subject);
        var link = mails[^1].Link;
        Assert.StartsWith("/account/claim?token=", link, StringComparison.Ordinal);
        return link;
    }

    /// <summary>Opens the link and chooses a password on its form.</summary>
    public static Task<HttpResponseMessage> ClaimAsync(HttpClient browser, string link, string password = NewPassword) =>
        AccountForms.SubmitAsync(browser, link, new() { ["password"] = password });

    public static async Task<string> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body;
    }
}
