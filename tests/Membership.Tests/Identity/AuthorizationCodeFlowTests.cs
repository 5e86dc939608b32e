using System.Net;
using Membership.Identity;
using Membership.Identity.Clients;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Membership.Tests.Identity;

/// <summary>A front end signs a member in with code + PKCE through the login form, then uses and refreshes the tokens.</summary>
public abstract class AuthorizationCodeFlowTests(OidcApi api) : OidcTest(api)
{
    private readonly TestData _data = new(api);

    private const string Scopes = "openid profile email offline_access membership.self membership.directory";

    [SkippableFact]
    public async Task A_member_signs_in_through_the_login_form_and_reads_their_own_record()
    {
        var (clientId, member, email) = await MemberWithPortalAsync();

        var tokens = await Api.SignInAsync(clientId, email, Scopes);
        var me = await Api.Client().DataAsync("{ me { memberNumber email membershipStatus } }", identity: TestIdentity.Bearer(tokens.AccessToken));

        Assert.Equal(member.MemberNumber, me.Str("me.memberNumber"));
        Assert.Equal(member.Email, me.Str("me.email"));
        var access = TokenResponse.Payload(tokens.AccessToken);
        Assert.Equal("membership-api", access.GetProperty("aud").GetString());
        Assert.False(access.TryGetProperty("email", out _), "access tokens carry no contact data");
        Assert.Equal(email, TokenResponse.Payload(tokens.IdToken!).GetProperty("email").GetString());
        Assert.InRange(tokens.Body.GetProperty("expires_in").GetInt32(), 1, 3600);
    }

    [SkippableFact]
    public async Task A_refresh_token_is_rotated_and_a_spent_one_is_refused()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();
        var first = await Api.SignInAsync(clientId, email, Scopes);

        var second = (await Api.RefreshAsync(clientId, first.RefreshToken!)).EnsureOk();
        await Api.Client().DataAsync("{ me { id } }", identity: TestIdentity.Bearer(second.AccessToken));
        var replay = await Api.RefreshAsync(clientId, first.RefreshToken!);

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
    }

    [SkippableFact]
    public async Task A_replayed_refresh_token_ends_its_session_but_no_other()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();
        var first = await Api.SignInAsync(clientId, email, Scopes);
        var otherSession = await Api.SignInAsync(clientId, email, Scopes);
        var second = (await Api.RefreshAsync(clientId, first.RefreshToken!)).EnsureOk();

        // A spent refresh token used again means it was copied: OpenIddict revokes the session's authorization and tokens.
        TokenAssert.NoToken(await Api.RefreshAsync(clientId, first.RefreshToken!), "invalid_grant");

        TokenAssert.NoToken(await Api.RefreshAsync(clientId, second.RefreshToken!), "invalid_grant");
        TokenAssert.InvalidToken(await Api.Client().PostAsync("{ me { id } }", identity: TestIdentity.Bearer(second.AccessToken)));
        await Api.Client().DataAsync("{ me { id } }", identity: TestIdentity.Bearer(otherSession.AccessToken));
        (await Api.RefreshAsync(clientId, otherSession.RefreshToken!)).EnsureOk();
    }

    [SkippableFact]
    public async Task A_second_sign_in_needs_no_consent_once_given()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();
        using var browser = Api.Browser();
        await CodeFlow.SignInAsync(browser, clientId, OidcApi.RedirectUri, Scopes, email, OidcApi.Password, consent: true);

        // Same browser, same scopes: no login form and no consent page, straight back to the client with a code.
        var again = await CodeFlow.SignInAsync(browser, clientId, OidcApi.RedirectUri, Scopes, email, OidcApi.Password, consent: false);

        Assert.False(string.IsNullOrEmpty(again.AccessToken));
    }

    [SkippableFact]
    public async Task The_basic_scopes_alone_need_no_consent()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();
        using var browser = Api.Browser();

        var tokens = await CodeFlow.SignInAsync(browser, clientId, OidcApi.RedirectUri, "openid profile email offline_access", email, OidcApi.Password, consent: false);

        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
    }

    [SkippableFact]
    public async Task Denying_consent_sends_access_denied_back_to_the_client_and_no_code()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();
        using var browser = Api.Browser();
        var page = await CodeFlow.AuthorizeAsync(browser, CodeFlow.AuthorizeUrl(clientId, OidcApi.RedirectUri, Scopes, CodeFlow.NewVerifier()), email, OidcApi.Password);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var denied = await CodeFlow.AnswerConsentAsync(browser, page, "deny");

        var location = denied.Headers.Location?.OriginalString ?? string.Empty;
        Assert.StartsWith(OidcApi.RedirectUri + "?", location, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("s1", query["state"].ToString());
        Assert.False(query.ContainsKey("code"), location);
    }

    [SkippableFact]
    public async Task A_consent_post_without_the_anti_forgery_token_grants_nothing()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();
        using var browser = Api.Browser();
        var page = await CodeFlow.AuthorizeAsync(browser, CodeFlow.AuthorizeUrl(clientId, OidcApi.RedirectUri, Scopes, CodeFlow.NewVerifier()), email, OidcApi.Password);
        var form = OidcApi.HiddenFields(await page.Content.ReadAsStringAsync());
        Assert.True(form.Remove("__RequestVerificationToken"), string.Join(", ", form.Keys));
        form["consent"] = "accept";

        var forged = await browser.PostAsync("/connect/authorize", new FormUrlEncodedContent(form));

        var location = forged.Headers.Location?.OriginalString ?? string.Empty;
        Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
        Assert.Contains("error=invalid_request", location, StringComparison.Ordinal);
        // Nothing was granted either: the next authorization still asks.
        var again = await browser.GetAsync(CodeFlow.AuthorizeUrl(clientId, OidcApi.RedirectUri, Scopes, CodeFlow.NewVerifier()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("name=\"consent\" value=\"accept\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string> NearMisses => new()
    {
        OidcApi.RedirectUri + "/x", OidcApi.RedirectUri + "?a=1", OidcApi.RedirectUri + "/", "https://portal.example.org/Callback",
        "https://PORTAL.example.org/callback", "https://portal.example.org:443/callback", "http://portal.example.org/callback",
    };

    [SkippableTheory]
    [MemberData(nameof(NearMisses))]
    public async Task Only_the_exact_registered_redirect_uri_is_accepted(string redirectUri)
    {
        var (clientId, _, email) = await MemberWithPortalAsync();
        using var browser = Api.Browser();
        await CodeFlow.SignInAsync(browser, clientId, OidcApi.RedirectUri, "openid", email, OidcApi.Password); // signed in: only the URI decides

        var response = await browser.GetAsync(CodeFlow.AuthorizeUrl(clientId, redirectUri, "openid", CodeFlow.NewVerifier()));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {response.Headers.Location} {body}");
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Authorization_without_PKCE_or_with_plain_PKCE_is_refused()
    {
        var (clientId, _, _) = await MemberWithPortalAsync();
        using var browser = Api.Browser();
        var baseUrl = $"/connect/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(OidcApi.RedirectUri)}&response_type=code&scope=openid";

        foreach (var url in new[] { baseUrl, baseUrl + "&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrs&code_challenge_method=plain" })
        {
            var response = await browser.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            Assert.True(location.Contains("error=invalid_request", StringComparison.Ordinal) || body.Contains("invalid_request", StringComparison.Ordinal),
                $"{(int)response.StatusCode} {location} {body}");
        }
    }

    [SkippableFact]
    public async Task Implicit_flow_and_password_grant_are_not_offered()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();

        var password = await Api.TokenRequestAsync(new() { ["grant_type"] = "password", ["client_id"] = clientId, ["username"] = email, ["password"] = OidcApi.Password });
        using var browser = Api.Browser();
        var implicitFlow = await browser.GetAsync($"/connect/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(OidcApi.RedirectUri)}&response_type=token&scope=openid&nonce=n");

        Assert.Equal("unsupported_grant_type", password.Error);
        Assert.DoesNotContain("access_token", implicitFlow.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("unsupported_response_type", (implicitFlow.Headers.Location?.OriginalString ?? string.Empty) + await implicitFlow.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_token_without_the_self_scope_cannot_read_me()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();

        var tokens = await Api.SignInAsync(clientId, email, "openid membership.directory");
        var me = await Api.Client().PostAsync("{ me { id } }", identity: TestIdentity.Bearer(tokens.AccessToken));

        Assert.Equal(["FORBIDDEN"], me.ErrorCodes);
    }

    [SkippableFact]
    public async Task A_member_is_not_granted_the_staff_scope()
    {
        var (clientId, _, email) = await MemberWithPortalAsync(scopes: [ApiScopes.Self, ApiScopes.Directory, ApiScopes.Staff]);

        var tokens = await Api.SignInAsync(clientId, email, "openid membership.self membership.staff");
        var staffOnly = await Api.Client().PostAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(tokens.AccessToken));

        Assert.DoesNotContain(ApiScopes.Staff, TokenResponse.Payload(tokens.AccessToken).GetProperty("scope").GetString()!, StringComparison.Ordinal);
        Assert.Equal(["FORBIDDEN"], staffOnly.ErrorCodes);
    }

    [SkippableFact]
    public async Task Repeated_failed_sign_ins_lock_the_account()
    {
        var (_, _, email) = await MemberWithPortalAsync();
        using var browser = Api.Browser();

        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            var form = OidcApi.HiddenFields(await browser.GetStringAsync("/account/login"));
            form["email"] = email;
            form["password"] = i < 5 ? "Wrong-Password-123!" : OidcApi.Password;
            last = await browser.PostAsync("/account/login", new FormUrlEncodedContent(form));
        }

        // The sixth attempt has the right password, but the account is locked after five failures.
        Assert.Equal(HttpStatusCode.Locked, last!.StatusCode);
        Assert.Contains("locked", await last.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task The_login_form_refuses_a_post_without_its_anti_forgery_token()
    {
        var (_, _, email) = await MemberWithPortalAsync();
        using var browser = Api.Browser();

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = OidcApi.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    private async Task<(string ClientId, Membership.Members.Member Member, string Email)> MemberWithPortalAsync(string[]? scopes = null)
    {
        var clientId = TestData.Unique("portal-").ToLowerInvariant();
        await Api.ClientAsync(clientId, ClientKind.Public, scopes: scopes);
        var member = await _data.MemberAsync(await _data.PlanAsync());
        await Api.AccountAsync(member.Email, member);
        return (clientId, member, member.Email);
    }
}

public sealed class AuthorizationCodeFlowTestsOnSqlite(OidcApi api) : AuthorizationCodeFlowTests(api), IClassFixture<OidcApi>;

public sealed class AuthorizationCodeFlowTestsOnPostgreSql(OidcApiOnPostgreSql api) : AuthorizationCodeFlowTests(api), IClassFixture<OidcApiOnPostgreSql>;
