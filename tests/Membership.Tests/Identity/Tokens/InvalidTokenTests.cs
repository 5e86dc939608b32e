using System.Net;
using System.Text.Json;
using Membership.Identity;
using Membership.Tests.Infrastructure;
using Membership.Identity.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// A token that does not validate, on a request that needs one, is a 401 with an RFC 6750 invalid_token challenge.
/// The forged tokens differ from one the API accepts (the first test) in one thing each.
/// </summary>
public sealed class InvalidTokenTests(OidcApi api) : IClassFixture<OidcApi>, IAsyncLifetime
{
    private const string StaffQuery = "{ clients { clientId } }";

    private readonly TokenCallers _callers = new(api);

    /// <summary>The API also checks that a token's client exists and is enabled: the forged tokens name a real one.</summary>
    public async Task InitializeAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<ClientRegistry>().FindAsync(ForgedTokens.ClientId, default) is null)
        {
            await api.ClientAsync(ForgedTokens.ClientId, ClientKind.Staff);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_token_forged_with_the_servers_key_issuer_and_audience_is_accepted()
    {
        var data = await api.Client().DataAsync(StaffQuery, identity: TestIdentity.Bearer(ForgedTokens.StaffScript()));

        Assert.Equal(JsonValueKind.Array, data.GetProperty("clients").ValueKind);
    }

    public static TheoryData<string> BadTokens => new()
    {
        "expired an hour ago", "expired a minute ago", "for another audience", "from another issuer", "signed with another key",
        "unsigned (alg none)", "with a tampered payload", "garbage",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_does_not_validate_is_401_invalid_token(string token)
    {
        var result = await api.Client().PostAsync(StaffQuery, identity: TestIdentity.Bearer(await BadTokenAsync(token)));

        TokenAssert.InvalidToken(result);
        Assert.False(result.Text.Contains("clientId", StringComparison.Ordinal), result.Text);
    }

    [Fact]
    public async Task A_real_token_with_a_tampered_scope_is_refused()
    {
        var (_, tokens, _) = await _callers.SignedInMemberAsync();
        var escalated = ForgedTokens.Tampered(tokens.AccessToken, MembershipClaims.Scope, ApiScopes.Staff);

        var result = await api.Client().PostAsync(StaffQuery, identity: TestIdentity.Bearer(escalated));

        TokenAssert.InvalidToken(result);
    }

    [Fact]
    public async Task A_real_token_without_the_api_audience_is_refused()
    {
        var (_, tokens, _) = await _callers.SignedInMemberAsync("openid");

        var result = await api.Client().PostAsync("{ members { totalCount } }", identity: TestIdentity.Bearer(tokens.AccessToken));

        Assert.False(TokenResponse.Payload(tokens.AccessToken).TryGetProperty("aud", out _), "no API scope, no API audience");
        TokenAssert.InvalidToken(result);
    }

    [Fact]
    public async Task An_id_token_or_a_refresh_token_is_not_an_access_token()
    {
        var (_, tokens, _) = await _callers.SignedInMemberAsync(TokenCallers.MemberScopes + " offline_access");

        foreach (var token in new[] { tokens.IdToken!, tokens.RefreshToken! })
        {
            var result = await api.Client().PostAsync("{ me { id } }", identity: TestIdentity.Bearer(token));

            TokenAssert.InvalidToken(result);
        }
    }

    [Fact]
    public async Task No_token_on_a_request_that_needs_one_is_401_with_a_plain_bearer_challenge()
    {
        var result = await api.Client().PostAsync(StaffQuery);

        TokenAssert.Unauthenticated(result);
        Assert.Equal("Bearer", result.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_valid_token_on_a_public_query_is_answered()
    {
        var partner = await _callers.PartnerTokenAsync();
        await _callers.Data.PlanAsync();

        var data = await api.Client().DataAsync("{ membershipPlans { code } }", identity: partner);

        Assert.NotEqual(0, data.GetProperty("membershipPlans").GetArrayLength());
    }

    /// <summary>
    /// As the code stands, a token that fails validation leaves the caller anonymous, and only a request that needs
    /// a token reports it (AuthenticationRule): public fields are answered as for anyone, with no challenge. So an
    /// expired token on node(id) of a member reads as "no such object", not as "sign in again".
    /// </summary>
    [Fact]
    public async Task An_invalid_token_is_refused_even_on_a_public_query_so_the_front_end_knows_to_refresh()
    {
        var plan = await _callers.Data.PlanAsync();
        var member = await _callers.Data.MemberAsync(plan);
        var expired = TestIdentity.Bearer(ForgedTokens.StaffScript(expires: DateTimeOffset.UtcNow.AddHours(-1)));

        var result = await api.Client().PostAsync("query($b: ID!) { membershipPlans { code } node(id: $b) { id } }", new { b = TestData.MemberId(member) }, expired);
        var anonymous = await api.Client().PostAsync("{ membershipPlans { code } }");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal(["UNAUTHENTICATED"], result.ErrorCodes);
        Assert.Contains("invalid_token", result.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.False(result.HasData);
        Assert.True(anonymous.Status == HttpStatusCode.OK && !anonymous.HasErrors, anonymous.Text);
    }

    private async Task<string> BadTokenAsync(string kind) => kind switch
    {
        "expired an hour ago" => ForgedTokens.StaffScript(expires: DateTimeOffset.UtcNow.AddHours(-1)),
        "expired a minute ago" => ForgedTokens.StaffScript(expires: DateTimeOffset.UtcNow.AddMinutes(-1)),
        "for another audience" => ForgedTokens.StaffScript(audience: "payments-api"),
        "from another issuer" => ForgedTokens.StaffScript(issuer: "https://id.example.net/"),
        "signed with another key" => ForgedTokens.StaffScript(key: ForgedTokens.StrangerKey()),
        "unsigned (alg none)" => Unsigned(ForgedTokens.StaffScript()),
        "with a tampered payload" => ForgedTokens.Tampered(await RealStaffScriptTokenAsync(), MembershipClaims.Subject, "someone-else"),
        "garbage" => "not-a-token",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private async Task<string> RealStaffScriptTokenAsync() => (await _callers.StaffClientTokenAsync()).AccessToken!;

    private static string Unsigned(string jwt)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        return $"{header}.{jwt.Split('.')[1]}.";
    }
}
