using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Membership.Identity;
using Membership.Identity.Clients;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;

namespace Membership.Tests.Identity.Tokens;

/// <summary>Userinfo, introspection, revocation and token lifetimes, with tokens from the real flows.</summary>
public abstract class TokenLifecycleTests(OidcApi api) : OidcTest(api)
{
    private readonly TokenCallers _callers = new(api);

    [SkippableFact]
    public async Task Userinfo_returns_the_subject_and_with_the_email_scope_the_email()
    {
        var (member, tokens, _) = await _callers.SignedInMemberAsync(TokenCallers.MemberScopes + " email");

        var info = await UserInfoAsync(tokens.AccessToken);

        Assert.Equal(TokenResponse.Payload(tokens.AccessToken).Str("sub"), info.Str("sub"));
        Assert.Equal(member.Email, info.Str("email"));
    }

    [SkippableFact]
    public async Task Userinfo_without_the_email_scope_has_no_email()
    {
        var (_, tokens, _) = await _callers.SignedInMemberAsync();

        var info = await UserInfoAsync(tokens.AccessToken);

        Assert.False(string.IsNullOrEmpty(info.Str("sub")));
        Assert.False(info.TryGetProperty("email", out _), info.ToString());
    }

    [SkippableFact]
    public async Task Userinfo_refuses_a_client_credentials_token_with_401()
    {
        var script = await _callers.StaffClientAsync();
        var token = (await Api.ClientCredentialsAsync(script.ClientId, script.Secret, ApiScopes.Staff)).AccessToken;

        using var response = await SendUserInfoAsync(token);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"userinfo answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_resource_server_introspects_a_members_access_token_until_it_is_revoked()
    {
        var (_, tokens, portal) = await _callers.SignedInMemberAsync();
        var resourceServer = await ResourceServerAsync();

        var (status, active) = await IntrospectAsync(resourceServer, tokens.AccessToken);
        using var revoked = await RevokeAsync(portal, tokens.AccessToken, "access_token");
        var (_, afterRevocation) = await IntrospectAsync(resourceServer, tokens.AccessToken);

        Assert.True(status == HttpStatusCode.OK && active.GetProperty("active").GetBoolean(), $"{(int)status}: {active}");
        Assert.Equal(TokenResponse.Payload(tokens.AccessToken).Str("sub"), active.Str("sub"));
        Assert.Equal(portal, active.Str("client_id"));
        Assert.Contains(ApiScopes.Self, active.Str("scope")!.Split(' '));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False(afterRevocation.GetProperty("active").GetBoolean(), afterRevocation.ToString());
    }

    [SkippableFact]
    public async Task A_staff_client_may_use_the_introspection_endpoint()
    {
        var script = await _callers.StaffClientAsync();
        var token = (await Api.ClientCredentialsAsync(script.ClientId, script.Secret, ApiScopes.Staff)).AccessToken;

        var (status, answer) = await IntrospectAsync(script, token);

        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {answer}");
        Assert.True(answer.GetProperty("active").GetBoolean(), answer.ToString());
    }

    [SkippableFact]
    public async Task A_revoked_refresh_token_no_longer_refreshes()
    {
        var (_, tokens, portal) = await _callers.SignedInMemberAsync(TokenCallers.MemberScopes + " offline_access");

        using var revoked = await RevokeAsync(portal, tokens.RefreshToken!, "refresh_token");
        var refresh = await Api.RefreshAsync(portal, tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        TokenAssert.NoToken(refresh, "invalid_grant");
    }

    [SkippableFact]
    public async Task Access_tokens_live_an_hour_at_most()
    {
        var (_, user, _) = await _callers.SignedInMemberAsync();
        var script = await _callers.StaffClientAsync();
        var client = await Api.ClientCredentialsAsync(script.ClientId, script.Secret, ApiScopes.Staff);

        foreach (var tokens in new[] { user, client })
        {
            var payload = TokenResponse.Payload(tokens.AccessToken);
            var lifetime = payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64();
            Assert.InRange(lifetime, 1, 3600);
            Assert.InRange(tokens.Body.GetProperty("expires_in").GetInt64(), 1, 3600);
        }
    }

    [SkippableFact]
    public async Task Refresh_tokens_live_fourteen_days_at_most()
    {
        var (_, tokens, portal) = await _callers.SignedInMemberAsync(TokenCallers.MemberScopes + " offline_access");

        await using var db = await Api.Db.CreateDbContextAsync();
        var stored = await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Type == OpenIddictConstants.TokenTypeIdentifiers.RefreshToken && t.Application!.ClientId == portal).ToListAsync();

        Assert.NotNull(tokens.RefreshToken);
        var row = Assert.Single(stored);
        Assert.InRange(row.ExpirationDate!.Value - row.CreationDate!.Value, TimeSpan.FromMinutes(1), TimeSpan.FromDays(14));
    }

    private async Task<HttpResponseMessage> SendUserInfoAsync(string accessToken)
    {
        using var browser = Api.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await browser.SendAsync(request);
    }

    private async Task<JsonElement> UserInfoAsync(string accessToken)
    {
        using var response = await SendUserInfoAsync(accessToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"userinfo answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> IntrospectAsync(ClientCredentials client, string token)
    {
        using var browser = Api.Browser();
        using var response = await browser.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = client.ClientId, ["client_secret"] = client.Secret, ["token"] = token,
        }));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<HttpResponseMessage> RevokeAsync(string clientId, string token, string hint)
    {
        using var browser = Api.Browser();
        return await browser.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["token"] = token, ["token_type_hint"] = hint,
        }));
    }

    /// <summary>
    /// The API as a resource server that asks the OIDC server about tokens: a confidential client named after the
    /// audience, allowed the introspection endpoint and nothing else.
    /// </summary>
    private async Task<ClientCredentials> ResourceServerAsync()
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = new ClientCredentials(ApiScopes.Audience, ClientRegistry.NewSecret());
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.Secret,
            ClientType = OpenIddictConstants.ClientTypes.Confidential,
            Permissions = { OpenIddictConstants.Permissions.Endpoints.Introspection },
        });
        return client;
    }
}

public sealed class TokenLifecycleTestsOnSqlite(OidcApi api) : TokenLifecycleTests(api), IClassFixture<OidcApi>;

public sealed class TokenLifecycleTestsOnPostgreSql(OidcApiOnPostgreSql api) : TokenLifecycleTests(api), IClassFixture<OidcApiOnPostgreSql>;
