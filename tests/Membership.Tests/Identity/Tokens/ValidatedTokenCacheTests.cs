using System.Globalization;
using System.Net;
using System.Security.Claims;
using Membership.Identity;
using Membership.Identity.Oidc;
using Membership.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// An instance remembers the claims of an access token whose signature it checked (<see cref="ValidatedTokens"/>), so the
/// next request with the same token skips parsing and the signature. Only that is skipped: a token seen before still
/// expires on time, a changed copy of it is checked afresh, and revocation works as before (TokenRevocationTests use
/// every token more than once).
/// </summary>
public abstract class ValidatedTokenCacheTests(ClockedOidcApi api) : OidcTest(api)
{
    private const string Me = "{ me { memberNumber } }";
    private readonly TokenCallers _callers = new(api);
    private ClockedOidcApi Clocked => (ClockedOidcApi)Api;

    [SkippableFact]
    public async Task A_token_seen_before_is_refused_once_it_expires()
    {
        var (member, tokens, _) = await _callers.SignedInMemberAsync();
        var token = TestIdentity.Bearer(tokens.AccessToken);
        Assert.Equal(member.MemberNumber, (await Api.Client().DataAsync(Me, identity: token)).Str("me.memberNumber"));
        Assert.Equal(member.MemberNumber, (await Api.Client().DataAsync(Me, identity: token)).Str("me.memberNumber"));

        var expires = DateTimeOffset.FromUnixTimeSeconds(TokenResponse.Payload(tokens.AccessToken).GetProperty("exp").GetInt64());
        Clocked.Clock.Advance(expires - Clocked.Clock.GetUtcNow() + TimeSpan.FromMinutes(6)); // past the token and any clock skew

        TokenAssert.InvalidToken(await Api.Client().PostAsync(Me, identity: token));
    }

    [SkippableFact]
    public async Task A_changed_copy_of_a_token_seen_before_is_checked_afresh_and_refused()
    {
        var (_, tokens, _) = await _callers.SignedInMemberAsync();
        await Api.Client().DataAsync(Me, identity: TestIdentity.Bearer(tokens.AccessToken));

        var escalated = ForgedTokens.Tampered(tokens.AccessToken, MembershipClaims.Scope, ApiScopes.Staff);

        TokenAssert.InvalidToken(await Api.Client().PostAsync("{ members { totalCount } }", identity: TestIdentity.Bearer(escalated)));
        Assert.Equal(HttpStatusCode.OK, (await Api.Client().PostAsync(Me, identity: TestIdentity.Bearer(tokens.AccessToken))).Status);
    }

    [SkippableFact]
    public void A_token_is_remembered_only_until_it_expires_and_at_most_the_configured_time()
    {
        var cache = Api.Services.GetRequiredService<ValidatedTokens>();
        var seconds = Api.Services.GetRequiredService<IOptions<OidcOptions>>().Value.ValidatedTokenCacheSeconds;

        cache.Remember("long-lived", Expiring(TimeSpan.FromSeconds(seconds * 2)));
        cache.Remember("expiring", Expiring(TimeSpan.FromSeconds(10)));
        Assert.NotNull(cache.Find("long-lived"));
        Assert.NotNull(cache.Find("expiring"));

        Clocked.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Null(cache.Find("expiring"));
        Assert.NotNull(cache.Find("long-lived"));

        Clocked.Clock.Advance(TimeSpan.FromSeconds(seconds));
        Assert.Null(cache.Find("long-lived"));
    }

    private ClaimsPrincipal Expiring(TimeSpan after) => new(new ClaimsIdentity(
        [new Claim("exp", Clocked.Clock.GetUtcNow().Add(after).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))]));
}

public sealed class ValidatedTokenCacheTestsOnSqlite(ClockedOidcApi api) : ValidatedTokenCacheTests(api), IClassFixture<ClockedOidcApi>;

public sealed class ValidatedTokenCacheTestsOnPostgreSql(ClockedOidcApiOnPostgreSql api) : ValidatedTokenCacheTests(api), IClassFixture<ClockedOidcApiOnPostgreSql>;
