using System.Net;
using System.Text.Json;
using Membership.Identity;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// Staff disable an account: sign-in is refused, its refresh tokens at once, and its access tokens at once on the
/// instance that disabled it (no waiting out the token status cache, whose clock does not move here).
/// </summary>
public abstract class DisableAccountTests(ClockedOidcApi api) : OidcTest(api)
{
    private const string Me = "{ me { memberNumber } }";

    private const string Disable = """
        mutation($input: DisableAccountInput!) { disableAccount(input: $input) {
          account { accountId memberId disabled disabledAt disabledReason disabledBy } userErrors { code field } } }
        """;

    private const string Enable = """
        mutation($input: EnableAccountInput!) { enableAccount(input: $input) { account { disabled disabledAt } userErrors { code field } } }
        """;

    private readonly InvitationRequests _staff = new(api);

    [SkippableFact]
    public async Task Disabling_refuses_sign_in_refresh_and_access_tokens_at_once_and_says_who_and_why()
    {
        var (member, tokens, portal) = await _staff.Callers.SignedInMemberAsync($"{TokenCallers.MemberScopes} offline_access");
        var token = TestIdentity.Bearer(tokens.AccessToken);
        await Api.Client().DataAsync(Me, identity: token); // the token status is now cached on this instance

        var payload = (await _staff.AsStaffAsync(Disable, new { input = new { memberId = TestData.MemberId(member), reason = "Left the agency; access ends." } })).At("disableAccount");

        Assert.Empty(payload.UserErrorCodes());
        Assert.True(payload.At("account.disabled").GetBoolean());
        Assert.Equal("Left the agency; access ends.", payload.Str("account.disabledReason"));
        Assert.Equal(TestData.MemberId(member), payload.Str("account.memberId"));
        Assert.StartsWith("staff-script-", payload.Str("account.disabledBy"), StringComparison.Ordinal);
        TokenAssert.InvalidToken(await Api.Client().PostAsync(Me, identity: token));
        var refresh = await Api.RefreshAsync(portal, tokens.RefreshToken!);
        Assert.Equal("invalid_grant", refresh.Error);
        using var browser = Api.Browser();
        var login = await AccountForms.LoginAsync(browser, member.Email, OidcApi.Password);
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Contains("disabled", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(browser, member.Email, "Wrong-Password-123!")).StatusCode); // no hint without the password
        var status = (await _staff.AsStaffAsync(InvitationRequests.Status, new { id = TestData.MemberId(member) })).At("member");
        Assert.Equal(JsonValueKind.String, status.At("accountDisabledAt").ValueKind);
    }

    [SkippableFact]
    public async Task A_refresh_token_taken_before_disabling_stays_refused_after_enabling_while_a_new_sign_in_works()
    {
        var (member, _, portal) = await _staff.Callers.SignedInMemberAsync("openid offline_access");
        var before = await Api.SignInAsync(portal, member.Email, "openid offline_access");
        var id = TestData.MemberId(member);
        Assert.Empty((await _staff.AsStaffAsync(Disable, new { input = new { memberId = id, reason = "Under review." } })).At("disableAccount").UserErrorCodes());

        var enabled = (await _staff.AsStaffAsync(Enable, new { input = new { memberId = id } })).At("enableAccount");
        var again = (await _staff.AsStaffAsync(Enable, new { input = new { memberId = id } })).At("enableAccount");

        Assert.Empty(enabled.UserErrorCodes());
        Assert.False(enabled.At("account.disabled").GetBoolean());
        Assert.Equal(["NOT_DISABLED"], again.UserErrorCodes());
        Assert.Equal("invalid_grant", (await Api.RefreshAsync(portal, before.RefreshToken!)).Error);
        var after = await Api.SignInAsync(portal, member.Email, "openid offline_access");
        (await Api.RefreshAsync(portal, after.RefreshToken!)).EnsureOk();
    }

    [SkippableFact]
    public async Task Staff_cannot_disable_their_own_account_and_a_member_cannot_disable_anyone()
    {
        var staffTokens = await _staff.Callers.SignInStaffUserAsync($"openid {ApiScopes.Staff}");
        var self = TokenResponse.Payload(staffTokens.AccessToken).GetProperty("sub").GetString();
        var (member, memberTokens, _) = await _staff.Callers.SignedInMemberAsync();

        var own = (await Api.Client().DataAsync(Disable, new { input = new { accountId = self, reason = "Testing." } }, TestIdentity.Bearer(staffTokens.AccessToken))).At("disableAccount");
        var byMember = await Api.Client().PostAsync(Disable, new { input = new { memberId = TestData.MemberId(member), reason = "Testing." } }, TestIdentity.Bearer(memberTokens.AccessToken));

        Assert.Equal(["CANNOT_DISABLE_SELF"], own.UserErrorCodes());
        MutationAssert.Forbidden(byMember, "disableAccount");
        await Api.Client().DataAsync(Me, identity: TestIdentity.Bearer(memberTokens.AccessToken));
    }

    [SkippableFact]
    public async Task Bad_input_is_a_user_error()
    {
        var member = await _staff.Data.MemberAsync(await _staff.Data.PlanAsync()); // no account
        var (withAccount, _, _) = await _staff.Callers.SignedInMemberAsync();
        object[] inputs =
        [
            new { memberId = TestData.MemberId(member), reason = "No account." },
            new { accountId = Guid.NewGuid().ToString(), reason = "Unknown." },
            new { reason = "Neither." },
            new { memberId = TestData.MemberId(withAccount), reason = " " },
        ];

        var codes = new List<string>();
        foreach (var input in inputs)
        {
            codes.Add(string.Join(",", (await _staff.AsStaffAsync(Disable, new { input })).At("disableAccount").UserErrorCodes()));
        }

        Assert.Equal(["NO_ACCOUNT", "NOT_FOUND", "REQUIRED", "REQUIRED"], codes);
    }
}

public sealed class DisableAccountTestsOnSqlite(ClockedOidcApi api) : DisableAccountTests(api), IClassFixture<ClockedOidcApi>;

public sealed class DisableAccountTestsOnPostgreSql(ClockedOidcApiOnPostgreSql api) : DisableAccountTests(api), IClassFixture<ClockedOidcApiOnPostgreSql>;
