using Membership.Identity;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Tokens;

/// <summary>Partner systems and staff scripts get tokens with their own credentials, for their own scopes only.</summary>
public abstract class ClientCredentialsTests(OidcApi api) : OidcTest(api)
{
    private readonly TokenCallers _callers = new(api);

    [SkippableFact]
    public async Task A_partner_client_gets_a_verification_token_for_its_agency()
    {
        var (partner, agency) = await _callers.PartnerClientAsync();

        var tokens = await Api.ClientCredentialsAsync(partner.ClientId, partner.Secret, ApiScopes.Verification);

        var payload = TokenResponse.Payload(tokens.AccessToken);
        Assert.Equal(ApiScopes.Verification, payload.GetProperty("scope").GetString());
        Assert.Equal(ApiScopes.Audience, TokenAssert.AudienceOf(payload));
        Assert.Equal(agency.Id.ToString(), payload.GetProperty(MembershipClaims.AgencyId).GetString());
        Assert.Equal("client", payload.GetProperty(MembershipClaims.Actor).GetString());
        Assert.Equal(partner.ClientId, payload.GetProperty(MembershipClaims.Subject).GetString());
        Assert.Null(tokens.RefreshToken); // a client asks again with its secret; nothing to refresh
    }

    [SkippableTheory]
    [InlineData(ApiScopes.Staff)]
    [InlineData(ApiScopes.Self)]
    [InlineData(ApiScopes.Directory)]
    [InlineData(ApiScopes.Verification + " " + ApiScopes.Staff)]
    public async Task A_partner_client_is_refused_any_scope_but_verification(string scope)
    {
        var (partner, _) = await _callers.PartnerClientAsync();

        var response = await _callers.AskForTokenAsync(partner.ClientId, partner.Secret, scope);

        // OpenIddict answers invalid_request (ID2051, "not allowed to use the specified scope"); RFC 6749 would say invalid_scope.
        TokenAssert.NoToken(response, "invalid_scope", "invalid_request");
    }

    [SkippableFact]
    public async Task A_scope_the_server_does_not_know_is_invalid_scope()
    {
        var (partner, _) = await _callers.PartnerClientAsync();

        var response = await _callers.AskForTokenAsync(partner.ClientId, partner.Secret, "membership.everything");

        TokenAssert.NoToken(response, "invalid_scope");
    }

    [SkippableFact]
    public async Task A_wrong_secret_is_invalid_client()
    {
        var (partner, _) = await _callers.PartnerClientAsync();

        var response = await _callers.AskForTokenAsync(partner.ClientId, partner.Secret + "x", ApiScopes.Verification);

        TokenAssert.NoToken(response, "invalid_client");
    }

    [SkippableFact]
    public async Task A_missing_secret_is_refused()
    {
        var (partner, _) = await _callers.PartnerClientAsync();

        var response = await Api.TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = partner.ClientId, ["scope"] = ApiScopes.Verification });

        // OpenIddict checks the grant's parameters before the client: a client_credentials request without a secret is invalid_request.
        TokenAssert.NoToken(response, "invalid_client", "invalid_request");
    }

    [SkippableFact]
    public async Task An_unknown_client_is_invalid_client()
    {
        var response = await _callers.AskForTokenAsync(TokenCallers.NewClientId("nobody-"), "any-secret", ApiScopes.Verification);

        TokenAssert.NoToken(response, "invalid_client");
    }

    [SkippableFact]
    public async Task A_public_client_cannot_use_client_credentials()
    {
        var portal = await _callers.PortalAsync();

        var response = await _callers.AskForTokenAsync(portal, "no-secret-exists", ApiScopes.Self);

        TokenAssert.NoToken(response, "invalid_client", "unauthorized_client", "invalid_request");
    }

    [SkippableFact]
    public async Task A_staff_client_token_runs_staff_queries()
    {
        var script = await _callers.StaffClientAsync();
        await _callers.Data.MemberAsync(await _callers.Data.PlanAsync());

        var tokens = await Api.ClientCredentialsAsync(script.ClientId, script.Secret, ApiScopes.Staff);
        var data = await Api.Client().DataAsync("{ clients { clientId kind } members { totalCount } }", identity: TestIdentity.Bearer(tokens.AccessToken));

        Assert.Contains(data.GetProperty("clients").EnumerateArray(), c => c.Str("clientId") == script.ClientId && c.Str("kind") == "STAFF");
        Assert.True(data.At("members.totalCount").GetInt32() >= 1);
        var payload = TokenResponse.Payload(tokens.AccessToken);
        Assert.Equal(ApiScopes.Staff, payload.GetProperty("scope").GetString());
        Assert.False(payload.TryGetProperty(MembershipClaims.AgencyId, out _), "a staff script belongs to no agency");
    }

    [SkippableFact]
    public async Task A_staff_client_is_refused_member_scopes()
    {
        var script = await _callers.StaffClientAsync();

        var response = await _callers.AskForTokenAsync(script.ClientId, script.Secret, ApiScopes.Self);

        TokenAssert.NoToken(response, "invalid_scope", "invalid_request");
    }

    [SkippableFact]
    public async Task A_partner_token_is_not_a_staff_token()
    {
        var partner = await _callers.PartnerTokenAsync();

        var result = await Api.Client().PostAsync("{ clients { clientId } }", identity: partner);

        Assert.Equal(["FORBIDDEN"], result.ErrorCodes);
    }
}

public sealed class ClientCredentialsTestsOnSqlite(OidcApi api) : ClientCredentialsTests(api), IClassFixture<OidcApi>;

public sealed class ClientCredentialsTestsOnPostgreSql(OidcApiOnPostgreSql api) : ClientCredentialsTests(api), IClassFixture<OidcApiOnPostgreSql>;
