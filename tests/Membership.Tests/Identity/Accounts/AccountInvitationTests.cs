using System.Net;
using System.Text.Json;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// Members staff register get a mail with a single-use link; the page behind it sets a password, makes the account and
/// signs the member in. Staff resend (the newest link alone works) and invite many at once.
/// </summary>
public abstract class AccountInvitationTests(OidcApi api) : OidcTest(api)
{
    private const string Me = "{ me { memberNumber email } }";
    private readonly InvitationRequests _invitations = new(api);

    [SkippableFact]
    public async Task A_registered_member_claims_the_account_from_the_mailed_link_and_is_signed_in()
    {
        var (id, email) = await _invitations.RegisterAsync();
        var link = await _invitations.LinkAsync(email);
        var before = (await _invitations.AsStaffAsync(InvitationRequests.Status, new { id })).At("member");
        using var browser = Api.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(browser, email, InvitationRequests.NewPassword)).StatusCode);

        var page = await InvitationRequests.ReadAsync(await browser.GetAsync(link), HttpStatusCode.OK);
        var claimed = await InvitationRequests.ReadAsync(await InvitationRequests.ClaimAsync(browser, link), HttpStatusCode.OK);

        Assert.Contains(email.Split('@')[0], page, StringComparison.Ordinal);
        Assert.Contains("Your account is ready", claimed, StringComparison.Ordinal);
        var portal = await _invitations.Callers.PortalAsync();
        var authorize = await browser.GetAsync(CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, "openid", CodeFlow.NewVerifier()));
        Assert.StartsWith(OidcApi.RedirectUri, authorize.Headers.Location?.OriginalString, StringComparison.Ordinal); // signed in: no login form
        using var other = Api.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(other, email, InvitationRequests.NewPassword)).StatusCode);
        var after = (await _invitations.AsStaffAsync(InvitationRequests.Status, new { id })).At("member");
        Assert.False(before.At("accountClaimed").GetBoolean());
        Assert.Equal(JsonValueKind.String, before.At("invitedAt").ValueKind);
        Assert.True(after.At("accountClaimed").GetBoolean());
    }

    [SkippableFact]
    public async Task Claiming_continues_the_authorize_request_of_the_portal_and_its_token_is_the_members()
    {
        var (_, email) = await _invitations.RegisterAsync();
        var link = await _invitations.LinkAsync(email);
        var portal = await _invitations.Callers.PortalAsync();
        var verifier = CodeFlow.NewVerifier();
        using var browser = Api.Browser();
        var toLogin = (await browser.GetAsync(CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, TokenCallers.MemberScopes, verifier))).Headers.Location!.OriginalString;
        var returnUrl = QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), toLogin).Query)["returnUrl"].ToString();

        var claimed = await InvitationRequests.ClaimAsync(browser, $"{link}&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Equal(returnUrl, claimed.Headers.Location?.OriginalString);
        var authorized = await browser.GetAsync(returnUrl);
        if (authorized.StatusCode == HttpStatusCode.OK)
        {
            authorized = await CodeFlow.AnswerConsentAsync(browser, authorized, "accept");
        }

        var code = QueryHelpers.ParseQuery(new Uri(authorized.Headers.Location!.OriginalString).Query)["code"].ToString();
        var tokens = (await Api.TokenRequestAsync(new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = portal, ["redirect_uri"] = OidcApi.RedirectUri, ["code_verifier"] = verifier, ["code"] = code,
        })).EnsureOk();
        var me = (await Api.Client().DataAsync(Me, identity: TestIdentity.Bearer(tokens.AccessToken))).At("me");
        Assert.Equal(email, me.Str("email"));
    }

    [SkippableFact]
    public async Task The_link_works_once()
    {
        var (_, email) = await _invitations.RegisterAsync();
        var link = await _invitations.LinkAsync(email);
        using var browser = Api.Browser();
        using var second = Api.Browser();
        var form = await second.GetStringAsync(link); // opened before the first claim: its post must fail all the same
        await InvitationRequests.ReadAsync(await InvitationRequests.ClaimAsync(browser, link), HttpStatusCode.OK);

        var fields = OidcApi.HiddenFields(form);
        fields["password"] = "Someone-Else-Secret-8!";
        var again = await second.PostAsync("/account/claim", new FormUrlEncodedContent(fields));

        Assert.Contains("already used", await InvitationRequests.ReadAsync(again, HttpStatusCode.Gone), StringComparison.Ordinal);
        Assert.Contains("already used", await InvitationRequests.ReadAsync(await second.GetAsync(link), HttpStatusCode.Gone), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(second, email, "Someone-Else-Secret-8!")).StatusCode);
    }

    [SkippableFact]
    public async Task A_weak_password_is_refused_with_Identitys_message_and_the_link_still_works()
    {
        var (_, email) = await _invitations.RegisterAsync();
        var link = await _invitations.LinkAsync(email);
        using var browser = Api.Browser();

        var weak = await InvitationRequests.ClaimAsync(browser, link, "Sh0rt!");

        Assert.Contains("Passwords must be at least 12 characters.", await InvitationRequests.ReadAsync(weak, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await InvitationRequests.ReadAsync(await InvitationRequests.ClaimAsync(browser, link), HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_resend_mails_a_new_link_and_the_earlier_one_stops_working()
    {
        var (id, email) = await _invitations.RegisterAsync();
        var first = await _invitations.LinkAsync(email);

        var resent = (await _invitations.AsStaffAsync(InvitationRequests.Resend, new { id })).At("resendInvitation");

        Assert.Empty(resent.UserErrorCodes());
        Assert.Equal(id, resent.Str("invitation.member.id"));
        var second = await _invitations.LinkAsync(email, expectedMails: 2);
        using var browser = Api.Browser();
        Assert.Contains("not valid", await InvitationRequests.ReadAsync(await browser.GetAsync(first), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await InvitationRequests.ReadAsync(await InvitationRequests.ClaimAsync(browser, second), HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_resend_is_refused_for_a_member_with_an_account_or_an_unknown_one_and_sends_nothing()
    {
        var (id, email) = await _invitations.RegisterAsync();
        using var browser = Api.Browser();
        await InvitationRequests.ClaimAsync(browser, await _invitations.LinkAsync(email));

        var claimed = (await _invitations.AsStaffAsync(InvitationRequests.Resend, new { id })).At("resendInvitation");
        var unknown = (await _invitations.AsStaffAsync(InvitationRequests.Resend, new { id = TestData.Id("Member", Guid.CreateVersion7()) })).At("resendInvitation");

        Assert.Equal(["ALREADY_HAS_ACCOUNT"], claimed.UserErrorCodes());
        Assert.Equal(JsonValueKind.Null, claimed.At("invitation").ValueKind);
        Assert.Equal(["NOT_FOUND"], unknown.UserErrorCodes());
        Assert.Single(await Api.MailsToAsync(email));
    }

    [SkippableFact]
    public async Task A_member_cannot_invite()
    {
        var (member, tokens, _) = await _invitations.Callers.SignedInMemberAsync();

        var result = await Api.Client().PostAsync(InvitationRequests.Resend, new { id = TestData.MemberId(member) }, TestIdentity.Bearer(tokens.AccessToken));

        MutationAssert.Forbidden(result, "resendInvitation");
    }

    [SkippableFact]
    public async Task Inviting_by_IDs_invites_members_without_an_account_and_says_why_it_skipped_the_others()
    {
        var plan = await _invitations.Data.PlanAsync();
        var members = await _invitations.Data.MembersAsync(3, plan);
        var (withAccount, _, _) = await _invitations.Callers.SignedInMemberAsync();
        var unknown = TestData.Id("Member", Guid.CreateVersion7());
        string[] ids = [TestData.MemberId(members[0]), TestData.MemberId(members[1]), TestData.MemberId(withAccount), unknown, TestData.MemberId(members[2])];

        var payload = (await _invitations.AsStaffAsync(InvitationRequests.Invite, new { input = new { memberIds = ids } })).At("inviteMembers");

        Assert.Empty(payload.UserErrorCodes());
        Assert.Equal([ids[0], ids[1], ids[4]], payload.At("invited").EnumerateArray().Select(i => i.Str("member.id")));
        Assert.Equal([$"{ids[2]} ALREADY_HAS_ACCOUNT", $"{unknown} NOT_FOUND"],
            payload.At("skipped").EnumerateArray().Select(s => $"{s.Str("memberId")} {s.Str("code")}"));
        foreach (var member in members)
        {
            await _invitations.LinkAsync(member.Email);
        }

        Assert.Empty(await Api.MailsToAsync(withAccount.Email));
    }

    [SkippableFact]
    public async Task Inviting_everyone_not_invited_lately_goes_in_bounded_calls_and_leaves_out_the_recently_invited()
    {
        var plan = await _invitations.Data.PlanAsync();
        var members = await _invitations.Data.MembersAsync(5, plan);
        var (_, recentEmail) = await _invitations.RegisterAsync(plan); // invited a moment ago, by its registration

        var calls = 0;
        JsonElement payload;
        do
        {
            payload = (await _invitations.AsStaffAsync(InvitationRequests.Invite, new { input = new { notInvitedForDays = 7, limit = 2 } })).At("inviteMembers");
            Assert.Empty(payload.UserErrorCodes());
            Assert.InRange(payload.At("invited").GetArrayLength(), 0, 2);
            Assert.True(++calls < 200, "hasMore never became false");
        }
        while (payload.At("hasMore").GetBoolean());
        var afterwards = (await _invitations.AsStaffAsync(InvitationRequests.Invite, new { input = new { notInvitedForDays = 7 } })).At("inviteMembers");

        foreach (var member in members)
        {
            await _invitations.LinkAsync(member.Email);
        }

        await _invitations.LinkAsync(recentEmail); // the registration's invitation only
        Assert.True(calls >= 3, $"{calls} calls for at least 5 members, 2 a call");
        Assert.Equal(0, afterwards.At("invited").GetArrayLength());
        Assert.False(afterwards.At("hasMore").GetBoolean());
    }

    [SkippableFact]
    public async Task Invalid_input_is_a_user_error_and_sends_nothing()
    {
        var member = await _invitations.Data.MemberAsync(await _invitations.Data.PlanAsync());
        object[] inputs =
        [
            new { memberIds = new[] { TestData.MemberId(member) }, notInvitedForDays = 7 },
            new { },
            new { notInvitedForDays = 7, limit = 501 },
            new { notInvitedForDays = -1 },
            new { memberIds = Array.Empty<string>() },
            new { memberIds = new[] { TestData.MemberId(member), "bm90LWFuLWlk" } },
        ];

        var codes = new List<string>();
        foreach (var input in inputs)
        {
            var payload = (await _invitations.AsStaffAsync(InvitationRequests.Invite, new { input })).At("inviteMembers");
            Assert.Equal(0, payload.At("invited").GetArrayLength());
            codes.Add(string.Join(",", payload.UserErrorCodes()));
        }

        Assert.Equal(["REQUIRED", "REQUIRED", "OUT_OF_RANGE", "OUT_OF_RANGE", "OUT_OF_RANGE", "INVALID_ID"], codes);
        Assert.Empty(await Api.MailsToAsync(member.Email));
    }
}

public sealed class AccountInvitationTestsOnSqlite(OidcApi api) : AccountInvitationTests(api), IClassFixture<OidcApi>;

public sealed class AccountInvitationTestsOnPostgreSql(OidcApiOnPostgreSql api) : AccountInvitationTests(api), IClassFixture<OidcApiOnPostgreSql>;
