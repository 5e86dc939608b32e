using System.Net.Http.Json;
using System.Text.Json;
using Membership.Identity;
using Membership.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Membership.Tests.Identity.Tokens;

/// <summary>What the server publishes about itself, and that a resource server can check our tokens with it alone.</summary>
public sealed class DiscoveryTests(OidcApi api) : IClassFixture<OidcApi>
{
    private readonly TokenCallers _callers = new(api);

    [Fact]
    public async Task Discovery_lists_every_endpoint_under_the_issuer()
    {
        var discovery = await DiscoveryAsync();

        var issuer = discovery.Str("issuer")!;
        Assert.Equal(ForgedTokens.Issuer, issuer);
        foreach (var endpoint in new[]
        {
            "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "introspection_endpoint", "revocation_endpoint", "end_session_endpoint", "jwks_uri",
        })
        {
            Assert.True(discovery.TryGetProperty(endpoint, out var uri), $"discovery has no {endpoint}: {discovery}");
            Assert.StartsWith(issuer, uri.GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Discovery_offers_S256_PKCE_only_and_exactly_our_three_grants()
    {
        var discovery = await DiscoveryAsync();

        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], Strings(discovery, "grant_types_supported").Order());
        Assert.Equal(["code"], Strings(discovery, "response_types_supported"));
    }

    [Fact]
    public async Task Discovery_lists_the_api_scopes()
    {
        var scopes = Strings(await DiscoveryAsync(), "scopes_supported");

        Assert.Superset(new HashSet<string>(["openid", .. ApiScopes.All]), scopes.ToHashSet());
    }

    [Fact]
    public async Task The_jwks_holds_the_rsa_key_that_signs_access_tokens()
    {
        var token = new JsonWebToken((await _callers.StaffClientTokenAsync()).AccessToken);

        var keys = await KeySetAsync();

        var key = Assert.Single(keys.Keys, k => k.Kid == token.Kid);
        Assert.Equal("RSA", key.Kty);
        Assert.Equal("RS256", token.Alg);
        Assert.Equal("at+jwt", token.Typ);
        Assert.True(string.IsNullOrEmpty(key.D), "the JWKS must not publish the private key");
    }

    [Fact]
    public async Task An_access_token_validates_against_the_published_keys_alone()
    {
        var (_, tokens, _) = await _callers.SignedInMemberAsync();
        var discovery = await DiscoveryAsync();

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.AccessToken, new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = discovery.Str("issuer"),
            ValidateAudience = true,
            ValidAudience = ApiScopes.Audience,
            ValidateLifetime = true,
            ValidTypes = ["at+jwt"],
            IssuerSigningKeys = (await KeySetAsync()).GetSigningKeys(),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task A_token_forged_with_another_key_fails_against_the_published_keys()
    {
        var forged = ForgedTokens.StaffScript(key: ForgedTokens.StrangerKey());

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(forged, new TokenValidationParameters
        {
            ValidIssuer = ForgedTokens.Issuer,
            ValidAudience = ApiScopes.Audience,
            IssuerSigningKeys = (await KeySetAsync()).GetSigningKeys(),
        });

        Assert.False(result.IsValid);
    }

    private async Task<JsonElement> DiscoveryAsync()
    {
        using var browser = api.Browser();
        return await browser.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
    }

    private async Task<JsonWebKeySet> KeySetAsync()
    {
        var jwksUri = new Uri((await DiscoveryAsync()).Str("jwks_uri")!);
        using var browser = api.Browser();
        return new JsonWebKeySet(await browser.GetStringAsync(jwksUri.PathAndQuery));
    }

    private static IReadOnlyList<string> Strings(JsonElement json, string property) =>
        [.. json.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
