using System.Net;
using Membership.Identity;
using Membership.Identity.Clients;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Membership.Tests.Identity;

/// <summary>
/// What a sign-in answers for scopes it cannot grant: a scope the client is not registered for goes back to the
/// client's redirect URI as invalid_scope; a scope the person's account does not hold is left out of the token, and
/// the token response's scope says what was granted.
/// </summary>
public abstract class ScopeRequestTests(OidcApi api) : OidcTest(api)
{
    private readonly TestData _data = new(api);

    [SkippableTheory]
    [InlineData("openid membership.staff")]
    [InlineData("openid membership.self ticket.checkin")]
    [InlineData("openid certification.verify")]
    public async Task A_scope_the_client_may_not_use_goes_back_to_the_client_as_invalid_scope(string scope)
    {
        var (portal, email) = await MemberWithPortalAsync([ApiScopes.Self, ApiScopes.Directory]);
        using var browser = Api.Browser();

        // Signed in or not, the answer is the same: the client learns it asked for too much, with its state.
        var anonymous = await browser.GetAsync(CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, scope, CodeFlow.NewVerifier()));
        await CodeFlow.SignInAsync(browser, portal, OidcApi.RedirectUri, "openid", email, OidcApi.Password);
        var signedIn = await browser.GetAsync(CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, scope, CodeFlow.NewVerifier()));

        foreach (var response in new[] { anonymous, signedIn })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.OriginalString;
            Assert.StartsWith(OidcApi.RedirectUri + "?", location, StringComparison.Ordinal);
            var query = QueryHelpers.ParseQuery(new Uri(location).Query);
            Assert.Equal("invalid_scope", query["error"].ToString());
            Assert.Equal("s1", query["state"].ToString());
            Assert.False(query.ContainsKey("code"), location);
        }
    }

    [SkippableFact]
    public async Task A_bad_redirect_uri_is_never_sent_the_scope_error()
    {
        var (portal, _) = await MemberWithPortalAsync([ApiScopes.Self]);
        using var browser = Api.Browser();

        var response = await browser.GetAsync(CodeFlow.AuthorizeUrl(portal, "https://elsewhere.example/callback", "openid membership.staff", CodeFlow.NewVerifier()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [SkippableFact]
    public async Task A_member_asking_for_the_staff_scope_through_a_client_allowed_it_gets_a_token_without_it_and_is_told_so()
    {
        var (portal, email) = await MemberWithPortalAsync([ApiScopes.Self, ApiScopes.Directory, ApiScopes.Staff]);

        var tokens = await Api.SignInAsync(portal, email, "openid membership.self membership.staff");

        var granted = tokens.Body.GetProperty("scope").GetString()!.Split(' ');
        Assert.Contains(ApiScopes.Self, granted);
        Assert.DoesNotContain(ApiScopes.Staff, granted);
        Assert.DoesNotContain(ApiScopes.Staff, TokenResponse.Payload(tokens.AccessToken).GetProperty("scope").GetString()!.Split(' '));
    }

    private async Task<(string ClientId, string Email)> MemberWithPortalAsync(string[] scopes)
    {
        var clientId = TestData.Unique("portal-").ToLowerInvariant();
        await Api.ClientAsync(clientId, ClientKind.Public, scopes: scopes);
        var member = await _data.MemberAsync(await _data.PlanAsync());
        await Api.AccountAsync(member.Email, member);
        return (clientId, member.Email);
    }
}

public sealed class ScopeRequestTestsOnSqlite(OidcApi api) : ScopeRequestTests(api), IClassFixture<OidcApi>;

public sealed class ScopeRequestTestsOnPostgreSql(OidcApiOnPostgreSql api) : ScopeRequestTests(api), IClassFixture<OidcApiOnPostgreSql>;
