using System.Net;
using Membership.Identity;
using Membership.Identity.Clients;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity;

/// <summary>A front end signs a member in with code + PKCE through the login form, then uses and refreshes the tokens.</summary>
public sealed class AuthorizationCodeFlowTests(OidcApi api) : IClassFixture<OidcApi>
{
    private readonly TestData _data = new(api);

    private const string Scopes = "openid profile email offline_access membership.self membership.directory";

    [Fact]
    public async Task A_member_signs_in_through_the_login_form_and_reads_their_own_record()
    {
        var (clientId, member, email) = await MemberWithPortalAsync();

        var tokens = await api.SignInAsync(clientId, email, Scopes);
        var me = await api.Client().DataAsync("{ me { memberNumber email membershipStatus } }", identity: TestIdentity.Bearer(tokens.AccessToken));

        Assert.Equal(member.MemberNumber, me.Str("me.memberNumber"));
        Assert.Equal(member.Email, me.Str("me.email"));
        var access = TokenResponse.Payload(tokens.AccessToken);
        Assert.Equal("membership-api", access.GetProperty("aud").GetString());
        Assert.False(access.TryGetProperty("email", out _), "access tokens carry no contact data");
        Assert.Equal(email, TokenResponse.Payload(tokens.IdToken!).GetProperty("email").GetString());
        Assert.InRange(tokens.Body.GetProperty("expires_in").GetInt32(), 1, 3600);
    }

    [Fact]
    public async Task A_refresh_token_is_rotated_and_a_spent_one_is_refused()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();
        var first = await api.SignInAsync(clientId, email, Scopes);

        var second = (await api.RefreshAsync(clientId, first.RefreshToken!)).EnsureOk();
        var replay = await api.RefreshAsync(clientId, first.RefreshToken!);

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
        await api.Client().DataAsync("{ me { id } }", identity: TestIdentity.Bearer(second.AccessToken));
    }

    [Fact]
    public async Task A_second_sign_in_needs_no_consent_once_given()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();
        using var browser = api.Browser();
        await api.SignInAsync(clientId, email, Scopes, browser: browser);

        // Same browser, same scopes: no login form and no consent page, straight back to the client with a code.
        var again = await api.SignInAsync(clientId, email, Scopes, browser: browser);

        Assert.False(string.IsNullOrEmpty(again.AccessToken));
    }

    [Fact]
    public async Task Authorization_without_PKCE_or_with_plain_PKCE_is_refused()
    {
        var (clientId, _, _) = await MemberWithPortalAsync();
        using var browser = api.Browser();
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

    [Fact]
    public async Task Implicit_flow_and_password_grant_are_not_offered()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();

        var password = await api.TokenRequestAsync(new() { ["grant_type"] = "password", ["client_id"] = clientId, ["username"] = email, ["password"] = OidcApi.Password });
        using var browser = api.Browser();
        var implicitFlow = await browser.GetAsync($"/connect/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(OidcApi.RedirectUri)}&response_type=token&scope=openid&nonce=n");

        Assert.Equal("unsupported_grant_type", password.Error);
        Assert.DoesNotContain("access_token", implicitFlow.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("unsupported_response_type", (implicitFlow.Headers.Location?.OriginalString ?? string.Empty) + await implicitFlow.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_the_self_scope_cannot_read_me()
    {
        var (clientId, _, email) = await MemberWithPortalAsync();

        var tokens = await api.SignInAsync(clientId, email, "openid membership.directory");
        var me = await api.Client().PostAsync("{ me { id } }", identity: TestIdentity.Bearer(tokens.AccessToken));

        Assert.Equal(["FORBIDDEN"], me.ErrorCodes);
    }

    [Fact]
    public async Task A_member_is_not_granted_the_staff_scope()
    {
        var (clientId, _, email) = await MemberWithPortalAsync(scopes: [ApiScopes.Self, ApiScopes.Directory, ApiScopes.Staff]);

        var tokens = await api.SignInAsync(clientId, email, "openid membership.self membership.staff");
        var staffOnly = await api.Client().PostAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(tokens.AccessToken));

        Assert.DoesNotContain(ApiScopes.Staff, TokenResponse.Payload(tokens.AccessToken).GetProperty("scope").GetString()!, StringComparison.Ordinal);
        Assert.Equal(["FORBIDDEN"], staffOnly.ErrorCodes);
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_account()
    {
        var (_, _, email) = await MemberWithPortalAsync();
        using var browser = api.Browser();

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

    [Fact]
    public async Task The_login_form_refuses_a_post_without_its_anti_forgery_token()
    {
        var (_, _, email) = await MemberWithPortalAsync();
        using var browser = api.Browser();

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = OidcApi.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    private async Task<(string ClientId, Membership.Members.Member Member, string Email)> MemberWithPortalAsync(string[]? scopes = null)
    {
        var clientId = TestData.Unique("portal-").ToLowerInvariant();
        await api.ClientAsync(clientId, ClientKind.Public, scopes: scopes);
        var member = await _data.MemberAsync(await _data.PlanAsync());
        await api.AccountAsync(member.Email, member);
        return (clientId, member, member.Email);
    }
}
