using System.Net;
using Membership.Conferences;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// An access token stops working on the API within <see cref="ClockedOidcApi.TokenStatusCacheSeconds"/> seconds (the
/// per-instance cache of its status) after a password reset, a disabled client, a locked account or a revoked
/// session, not at the end of its 60 minutes. Accounts have no "disabled" state; a lockout is the case that exists.
/// </summary>
public abstract class TokenRevocationTests(ClockedOidcApi api) : OidcTest(api)
{
    private const string Me = "{ me { memberNumber } }";
    private const string Plans = "{ membershipPlans { code } }";
    private readonly TokenCallers _callers = new(api);
    private ClockedOidcApi Clocked => (ClockedOidcApi)Api;

    [SkippableFact]
    public async Task A_password_reset_ends_the_access_tokens_issued_before_it()
    {
        var (member, tokens, _) = await _callers.SignedInMemberAsync();
        var (_, bystander, _) = await _callers.SignedInMemberAsync();
        var token = TestIdentity.Bearer(tokens.AccessToken);
        await Api.Client().DataAsync(Me, identity: token);

        await ResetPasswordAsync(member.Email);
        var withinTheCache = await Api.Client().PostAsync(Me, identity: token);
        Clocked.PastTheTokenStatusCache();

        Assert.Equal(HttpStatusCode.OK, withinTheCache.Status); // what the instance read stands for at most TokenStatusCacheSeconds
        TokenAssert.InvalidToken(await Api.Client().PostAsync(Me, identity: token));
        TokenAssert.InvalidToken(await Api.Client().PostAsync(Plans, identity: token)); // whatever the query
        await Api.Client().DataAsync(Me, identity: TestIdentity.Bearer(bystander.AccessToken));
    }

    [SkippableFact]
    public async Task Disabling_a_client_through_the_API_ends_its_tokens_and_those_of_people_signed_in_through_it()
    {
        var staff = await _callers.StaffScriptAsync();
        var partner = await staff.RegisterPartnerAsync(_callers.Data);
        var partnerToken = TestIdentity.Bearer((await Api.ClientCredentialsAsync(partner.ClientId, partner.Secret, ApiScopes.Verification)).AccessToken);
        var (_, tokens, portal) = await _callers.SignedInMemberAsync();
        var memberToken = TestIdentity.Bearer(tokens.AccessToken);
        await Api.Client().DataAsync(Plans, identity: partnerToken);
        await Api.Client().DataAsync(Me, identity: memberToken);

        MutationAssert.Succeeded(await staff.ChangeAsync("disableClient", partner.ClientId), "client");
        MutationAssert.Succeeded(await staff.ChangeAsync("disableClient", portal), "client");
        Clocked.PastTheTokenStatusCache();

        TokenAssert.InvalidToken(await Api.Client().PostAsync(Plans, identity: partnerToken));
        TokenAssert.InvalidToken(await Api.Client().PostAsync(Me, identity: memberToken));
    }

    [SkippableFact]
    public async Task A_disabled_staff_script_is_refused_on_the_other_bearer_endpoints_too()
    {
        var script = await _callers.StaffClientAsync();
        var token = (await Api.ClientCredentialsAsync(script.ClientId, script.Secret, ApiScopes.Staff)).AccessToken;
        var checkInList = $"/conferences/{GlobalId.Encode(ConferenceType.TypeName, Guid.NewGuid())}/check-in-list";
        using var before = await GetAsync(checkInList, token);

        MutationAssert.Succeeded(await (await _callers.StaffScriptAsync()).ChangeAsync("disableClient", script.ClientId), "client");
        Clocked.PastTheTokenStatusCache();
        using var after = await GetAsync(checkInList, token);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode); // accepted: no such conference
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_locked_account_loses_its_access_tokens()
    {
        var (member, tokens, _) = await _callers.SignedInMemberAsync();
        var token = TestIdentity.Bearer(tokens.AccessToken);
        await Api.Client().DataAsync(Me, identity: token);
        using var browser = Api.Browser();
        for (var i = 0; i < 5; i++)
        {
            await AccountForms.LoginAsync(browser, member.Email, "Wrong-Password-123!");
        }

        Assert.Equal(HttpStatusCode.Locked, (await AccountForms.LoginAsync(browser, member.Email, OidcApi.Password)).StatusCode);
        Clocked.PastTheTokenStatusCache();

        TokenAssert.InvalidToken(await Api.Client().PostAsync(Me, identity: token));
    }

    [SkippableFact]
    public async Task Revoking_a_refresh_token_ends_its_sessions_access_tokens_and_no_other_session()
    {
        var (member, tokens, portal) = await _callers.SignedInMemberAsync(TokenCallers.MemberScopes + " offline_access");
        var otherSession = await Api.SignInAsync(portal, member.Email, TokenCallers.MemberScopes + " offline_access");
        await Api.Client().DataAsync(Me, identity: TestIdentity.Bearer(tokens.AccessToken));

        using var revoked = await PostAsync("/connect/revoke", new() { ["client_id"] = portal, ["token"] = tokens.RefreshToken!, ["token_type_hint"] = "refresh_token" });
        Clocked.PastTheTokenStatusCache();

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        TokenAssert.InvalidToken(await Api.Client().PostAsync(Me, identity: TestIdentity.Bearer(tokens.AccessToken)));
        await Api.Client().DataAsync(Me, identity: TestIdentity.Bearer(otherSession.AccessToken));
        (await Api.RefreshAsync(portal, otherSession.RefreshToken!)).EnsureOk();
    }

    [SkippableFact]
    public async Task A_revoked_authorization_or_a_revoked_access_token_is_refused()
    {
        var (member, first, portal) = await _callers.SignedInMemberAsync();
        var second = await Api.SignInAsync(portal, member.Email, TokenCallers.MemberScopes);
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            var id = TokenResponse.Payload(first.AccessToken).Str("oi_au_id");
            Assert.False(string.IsNullOrEmpty(id), "access tokens name their authorization");
            Assert.True(await authorizations.TryRevokeAsync((await authorizations.FindByIdAsync(id!))!));
        }

        using var revoked = await PostAsync("/connect/revoke", new() { ["client_id"] = portal, ["token"] = second.AccessToken, ["token_type_hint"] = "access_token" });
        Clocked.PastTheTokenStatusCache();

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        TokenAssert.InvalidToken(await Api.Client().PostAsync(Me, identity: TestIdentity.Bearer(first.AccessToken)));
        TokenAssert.InvalidToken(await Api.Client().PostAsync(Me, identity: TestIdentity.Bearer(second.AccessToken)));
    }

    [SkippableFact]
    public async Task Access_tokens_carry_a_hash_of_the_security_stamp_never_the_stamp()
    {
        var (_, tokens, _) = await _callers.SignedInMemberAsync();

        var payload = TokenResponse.Payload(tokens.AccessToken);

        Assert.Equal(22, payload.Str(MembershipClaims.AccountStamp)!.Length);
        Assert.False(payload.TryGetProperty(Membership.Identity.Oidc.TokenClaims.SecurityStamp, out _), payload.ToString());
    }

    private async Task ResetPasswordAsync(string email)
    {
        using var browser = Api.Browser();
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ForgotPasswordAsync(browser, email)).StatusCode);
        var link = Assert.Single(await Api.MailsToAsync(email)).Link;
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ResetPasswordAsync(browser, link, "Brand-New-Secret-42!")).StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string accessToken)
    {
        using var browser = Api.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", accessToken) } };
        return await browser.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form)
    {
        using var browser = Api.Browser();
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }
}

public sealed class TokenRevocationTestsOnSqlite(ClockedOidcApi api) : TokenRevocationTests(api), IClassFixture<ClockedOidcApi>;

public sealed class TokenRevocationTestsOnPostgreSql(ClockedOidcApiOnPostgreSql api) : TokenRevocationTests(api), IClassFixture<ClockedOidcApiOnPostgreSql>;
