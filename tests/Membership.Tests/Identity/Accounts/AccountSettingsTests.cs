using System.Net;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Membership.Tests.Identity.Accounts;

/// <summary>A signed-in member changes their password, and their e-mail address from a link mailed to the new one.</summary>
public abstract class AccountSettingsTests(OidcApi api) : OidcTest(api)
{
    private const string NewPassword = "Changed-Password-Secret-5!";
    private const string ChangePassword = "/account/change-password";
    private const string ChangeEmail = "/account/change-email";
    private readonly TokenCallers _callers = new(api);

    [SkippableFact]
    public async Task The_pages_send_a_signed_out_browser_to_sign_in_first()
    {
        using var browser = Api.Browser();

        var password = await browser.GetAsync(ChangePassword);
        var email = await browser.GetAsync(ChangeEmail);

        Assert.Equal($"/account/login?returnUrl={Uri.EscapeDataString(ChangePassword)}", password.Headers.Location?.OriginalString);
        Assert.Equal($"/account/login?returnUrl={Uri.EscapeDataString(ChangeEmail)}", email.Headers.Location?.OriginalString);
    }

    [SkippableFact]
    public async Task Changing_the_password_needs_the_current_one_ends_other_sessions_and_tells_the_owner()
    {
        var (member, other, portal) = await _callers.SignedInMemberAsync("openid offline_access");
        using var browser = await SignedInBrowserAsync(member.Email);

        var wrong = await AccountForms.SubmitAsync(browser, ChangePassword, new() { ["currentPassword"] = "Not-The-Password-1!", ["newPassword"] = NewPassword });
        var changed = await AccountForms.SubmitAsync(browser, ChangePassword, new() { ["currentPassword"] = OidcApi.Password, ["newPassword"] = NewPassword });

        Assert.Contains("The current password is wrong.", await InvitationRequests.ReadAsync(wrong, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Password changed", await InvitationRequests.ReadAsync(changed, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(ChangePassword)).StatusCode); // this browser stays signed in
        Assert.Equal("invalid_grant", (await Api.RefreshAsync(portal, other.RefreshToken!)).Error);
        using var fresh = Api.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(fresh, member.Email, OidcApi.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(fresh, member.Email, NewPassword)).StatusCode);
        Assert.Equal("Your password was changed", Assert.Single(await Api.MailsToAsync(member.Email)).Subject);
    }

    [SkippableFact]
    public async Task A_new_address_takes_effect_from_its_link_and_the_old_address_is_told()
    {
        var (member, _, portal) = await _callers.SignedInMemberAsync();
        var newEmail = $"{TestData.Unique("moved")}@example.org";
        using var browser = await SignedInBrowserAsync(member.Email);

        var asked = await AccountForms.SubmitAsync(browser, ChangeEmail, new() { ["email"] = newEmail, ["password"] = OidcApi.Password });

        Assert.Contains("If the new address can be used", await InvitationRequests.ReadAsync(asked, HttpStatusCode.OK), StringComparison.Ordinal);
        var link = Assert.Single(await Api.MailsToAsync(newEmail)).Link;
        Assert.StartsWith("/account/confirm-email-change?", link, StringComparison.Ordinal);
        using var before = Api.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(before, member.Email, OidcApi.Password)).StatusCode); // nothing changed yet

        using var opener = Api.Browser();
        var confirmed = await opener.GetAsync(link);

        Assert.Contains("E-mail address changed", await InvitationRequests.ReadAsync(confirmed, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await opener.GetAsync(link)).StatusCode); // once
        using var after = Api.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(after, member.Email, OidcApi.Password)).StatusCode);
        var tokens = await Api.SignInAsync(portal, newEmail, TokenCallers.MemberScopes);
        var me = (await Api.Client().DataAsync("{ me { email } }", identity: TestIdentity.Bearer(tokens.AccessToken))).At("me");
        Assert.Equal(newEmail, me.Str("email")); // the member's contact address follows the sign-in address
        Assert.Equal("Your e-mail address was changed", Assert.Single(await Api.MailsToAsync(member.Email)).Subject);
    }

    [SkippableFact]
    public async Task An_address_in_use_gets_the_same_answer_and_no_mail_and_nothing_changes()
    {
        var (member, _, _) = await _callers.SignedInMemberAsync();
        var taken = await _callers.Data.MemberAsync(await _callers.Data.PlanAsync()); // a member without an account
        var staffEmail = $"{TestData.Unique("staff")}@example.org";
        await Api.AccountAsync(staffEmail, role: Membership.Identity.Roles.Staff);
        var free = $"{TestData.Unique("free")}@example.org";
        using var browser = await SignedInBrowserAsync(member.Email);

        var answers = new List<string>();
        foreach (var email in new[] { taken.Email.ToUpperInvariant(), staffEmail, free })
        {
            var response = await AccountForms.SubmitAsync(browser, ChangeEmail, new() { ["email"] = email, ["password"] = OidcApi.Password });
            answers.Add($"{(int)response.StatusCode} {AccountForms.WithoutTokens(await response.Content.ReadAsStringAsync())}");
        }

        Assert.All(answers, a => Assert.Equal(answers[2], a));
        Assert.Empty(await Api.MailsToAsync(taken.Email));
        Assert.Empty(await Api.MailsToAsync(staffEmail));
        Assert.Single(await Api.MailsToAsync(free));
        var forged = QueryHelpers.AddQueryString("/account/confirm-email-change", new Dictionary<string, string?>
        {
            ["userId"] = Guid.NewGuid().ToString(), ["email"] = taken.Email, ["code"] = "Zm9yZ2Vk",
        });
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(forged)).StatusCode);
    }

    private async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var browser = Api.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.LoginAsync(browser, email, OidcApi.Password)).StatusCode);
        return browser;
    }
}

public sealed class AccountSettingsTestsOnSqlite(OidcApi api) : AccountSettingsTests(api), IClassFixture<OidcApi>;

public sealed class AccountSettingsTestsOnPostgreSql(OidcApiOnPostgreSql api) : AccountSettingsTests(api), IClassFixture<OidcApiOnPostgreSql>;
