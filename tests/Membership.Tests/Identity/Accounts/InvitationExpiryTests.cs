using System.Net;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>An invitation's link works for seven days on the association's clock (moved here, never waited for).</summary>
public abstract class InvitationExpiryTests(ClockedOidcApi api) : OidcTest(api)
{
    private readonly InvitationRequests _invitations = new(api);

    private ClockedOidcApi Clocked => (ClockedOidcApi)Api;

    [SkippableFact]
    public async Task The_link_works_until_seven_days_have_passed_then_shows_how_to_get_a_new_one()
    {
        var (id, email) = await _invitations.RegisterAsync();
        var link = await _invitations.LinkAsync(email);
        using var browser = Api.Browser();

        Clocked.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await InvitationRequests.ReadAsync(await browser.GetAsync(link), HttpStatusCode.OK);
        var form = await browser.GetStringAsync(link);
        Clocked.Clock.Advance(TimeSpan.FromMinutes(2));
        var fields = OidcApi.HiddenFields(form);
        fields["password"] = InvitationRequests.NewPassword;
        var lateClaim = await browser.PostAsync("/account/claim", new FormUrlEncodedContent(fields));
        var expiredPage = await InvitationRequests.ReadAsync(await browser.GetAsync(link), HttpStatusCode.Gone);

        Assert.Contains("expired", await InvitationRequests.ReadAsync(lateClaim, HttpStatusCode.Gone), StringComparison.Ordinal);
        Assert.Contains("Ask the association's office to send you a new invitation", System.Net.WebUtility.HtmlDecode(expiredPage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(browser, email, InvitationRequests.NewPassword)).StatusCode);

        Assert.Empty((await _invitations.AsStaffAsync(InvitationRequests.Resend, new { id })).At("resendInvitation").UserErrorCodes());
        await InvitationRequests.ReadAsync(await InvitationRequests.ClaimAsync(browser, await _invitations.LinkAsync(email, expectedMails: 2)), HttpStatusCode.OK);
    }
}

public sealed class InvitationExpiryTestsOnSqlite(ClockedOidcApi api) : InvitationExpiryTests(api), IClassFixture<ClockedOidcApi>;

public sealed class InvitationExpiryTestsOnPostgreSql(ClockedOidcApiOnPostgreSql api) : InvitationExpiryTests(api), IClassFixture<ClockedOidcApiOnPostgreSql>;
