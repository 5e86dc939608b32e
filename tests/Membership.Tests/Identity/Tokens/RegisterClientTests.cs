using System.Text.Json;
using Membership.Identity;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Membership.Tests.Identity.Tokens;

/// <summary>Staff register clients through GraphQL with a staff script's token; each kind gets what it needs and no more.</summary>
public abstract class RegisterClientTests(OidcApi api) : OidcTest(api)
{
    private readonly TokenCallers _callers = new(api);

    [SkippableTheory]
    [InlineData("https://portal.example.org/callback")]
    [InlineData("http://127.0.0.1:5173/callback")]
    [InlineData("http://localhost:5173/callback")]
    [InlineData("http://[::1]:8080/callback")]
    public async Task A_public_client_is_registered_with_an_https_or_loopback_redirect_and_no_secret(string redirectUri)
    {
        var clientId = TokenCallers.NewClientId("portal-");

        var payload = await (await _callers.StaffScriptAsync()).RegisterAsync(new { kind = "PUBLIC", clientId, displayName = "Portal", redirectUris = new[] { redirectUri } });

        var client = MutationAssert.Succeeded(payload, "client");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("clientSecret").ValueKind);
        Assert.Equal("PUBLIC", client.Str("kind"));
        Assert.Equal([redirectUri], client.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal([ApiScopes.Directory, ApiScopes.Self], client.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
    }

    [SkippableFact]
    public async Task A_public_client_needs_a_redirect_uri()
    {
        var payload = await (await _callers.StaffScriptAsync()).RegisterAsync(new { kind = "PUBLIC", displayName = "Portal" });

        MutationAssert.Failed(payload, "client", "REQUIRED", "input", "redirectUris");
    }

    [SkippableTheory]
    [InlineData("http://portal.example.org/callback")]
    [InlineData("https://portal.example.org/callback#fragment")]
    [InlineData("/callback")]
    [InlineData("ftp://portal.example.org/callback")]
    [InlineData("javascript:alert(1)")]
    public async Task A_redirect_uri_that_is_not_https_or_loopback_http_is_refused(string redirectUri)
    {
        var staff = await _callers.StaffScriptAsync();

        var alone = await staff.RegisterAsync(new { kind = "PUBLIC", displayName = "Portal", redirectUris = new[] { redirectUri } });
        var besideAGoodOne = await staff.RegisterAsync(new { kind = "PUBLIC", displayName = "Portal", redirectUris = new[] { OidcApi.RedirectUri, redirectUri } });

        // Alone, no valid URI is left, so REQUIRED comes with it.
        Assert.Contains(MutationAssert.Describe("INVALID_REDIRECT_URI", "input", "redirectUris"), MutationAssert.ErrorsOf(alone));
        Assert.Equal(JsonValueKind.Null, alone.GetProperty("client").ValueKind);
        MutationAssert.Failed(besideAGoodOne, "client", "INVALID_REDIRECT_URI", "input", "redirectUris");
    }

    [SkippableFact]
    public async Task A_partner_client_belongs_to_an_agency_and_gets_a_secret()
    {
        var agency = await _callers.Data.AgencyAsync();

        var payload = await (await _callers.StaffScriptAsync()).RegisterAsync(new { kind = "PARTNER", displayName = "Records system", agencyId = TestData.AgencyId(agency) });

        var client = MutationAssert.Succeeded(payload, "client");
        Assert.False(string.IsNullOrEmpty(payload.Str("clientSecret")));
        Assert.Equal(TestData.AgencyId(agency), client.Str("agency.id"));
        Assert.Equal([ApiScopes.Verification], client.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.StartsWith("partner-", client.Str("clientId"), StringComparison.Ordinal); // generated when not given
    }

    [SkippableFact]
    public async Task A_partner_client_needs_an_agency()
    {
        var payload = await (await _callers.StaffScriptAsync()).RegisterAsync(new { kind = "PARTNER", displayName = "Records system" });

        MutationAssert.Failed(payload, "client", "REQUIRED", "input", "agencyId");
    }

    [SkippableFact]
    public async Task A_partner_client_of_an_unknown_agency_is_not_found()
    {
        var payload = await (await _callers.StaffScriptAsync()).RegisterAsync(new { kind = "PARTNER", displayName = "Records system", agencyId = TestData.Id("Agency", Guid.CreateVersion7()) });

        MutationAssert.Failed(payload, "client", "NOT_FOUND", "input", "agencyId");
    }

    [SkippableTheory]
    [InlineData("PARTNER", ApiScopes.Staff)]
    [InlineData("PARTNER", ApiScopes.Self)]
    [InlineData("STAFF", ApiScopes.Directory)]
    [InlineData("STAFF", ApiScopes.Verification)]
    [InlineData("PUBLIC", ApiScopes.Verification)]
    public async Task A_client_cannot_be_given_a_scope_its_kind_does_not_allow(string kind, string scope)
    {
        var agencyId = kind == "PARTNER" ? TestData.AgencyId(await _callers.Data.AgencyAsync()) : null;
        var redirectUris = kind == "PUBLIC" ? new[] { OidcApi.RedirectUri } : null;

        var payload = await (await _callers.StaffScriptAsync()).RegisterAsync(new { kind, displayName = "Client", agencyId, redirectUris, scopes = new[] { scope } });

        MutationAssert.Failed(payload, "client", "INVALID_SCOPE", "input", "scopes");
    }

    [SkippableFact]
    public async Task A_staff_client_registered_for_check_in_only_cannot_get_the_staff_scope()
    {
        var payload = await (await _callers.StaffScriptAsync()).RegisterAsync(new { kind = "STAFF", displayName = "Door scanner", scopes = new[] { ApiScopes.CheckIn } });

        var client = MutationAssert.Succeeded(payload, "client");
        var staffToken = await _callers.AskForTokenAsync(client.Str("clientId")!, payload.Str("clientSecret")!, ApiScopes.Staff);
        Assert.Equal([ApiScopes.CheckIn], client.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        TokenAssert.NoToken(staffToken, "invalid_scope", "invalid_request");
    }

    [SkippableFact]
    public async Task A_staff_client_gets_a_secret_that_is_stored_only_as_a_hash()
    {
        var clientId = TokenCallers.NewClientId("script-");

        var payload = await (await _callers.StaffScriptAsync()).RegisterAsync(new { kind = "STAFF", clientId, displayName = "Nightly export" });

        var client = MutationAssert.Succeeded(payload, "client");
        var secret = payload.Str("clientSecret")!;
        Assert.Equal("STAFF", client.Str("kind"));
        Assert.Equal([ApiScopes.Staff], client.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.True(secret.Length >= 32, "a secret long enough not to be guessed");

        await using var db = await Api.Db.CreateDbContextAsync();
        var row = await db.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking().SingleAsync(a => a.ClientId == clientId);
        Assert.False(string.IsNullOrEmpty(row.ClientSecret));
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(row), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_registered_client_gets_a_token_with_the_secret_it_was_shown()
    {
        var partner = await (await _callers.StaffScriptAsync()).RegisterPartnerAsync(_callers.Data);

        var tokens = await Api.ClientCredentialsAsync(partner.ClientId, partner.Secret, ApiScopes.Verification);

        Assert.Equal(ApiScopes.Verification, TokenResponse.Payload(tokens.AccessToken).Str("scope"));
    }

    [SkippableFact]
    public async Task A_client_id_can_be_registered_once()
    {
        var staff = await _callers.StaffScriptAsync();
        var clientId = TokenCallers.NewClientId("script-");
        MutationAssert.Succeeded(await staff.RegisterAsync(new { kind = "STAFF", clientId, displayName = "First" }), "client");

        var again = await staff.RegisterAsync(new { kind = "STAFF", clientId = clientId.ToUpperInvariant(), displayName = "Second" });

        MutationAssert.Failed(again, "client", "CLIENT_ID_TAKEN", "input", "clientId");
    }

    [SkippableFact]
    public async Task A_member_token_cannot_register_a_client()
    {
        var (_, tokens, _) = await _callers.SignedInMemberAsync();

        var result = await Api.Client().PostAsync(ClientMutations.Register, new { input = new { kind = "STAFF", displayName = "Mine" } }, TestIdentity.Bearer(tokens.AccessToken));

        MutationAssert.Forbidden(result, "registerClient");
    }

    [SkippableFact]
    public async Task Registering_a_client_without_a_token_is_401()
    {
        var result = await Api.Client().PostAsync(ClientMutations.Register, new { input = new { kind = "STAFF", displayName = "Mine" } });

        TokenAssert.Unauthenticated(result);
        Assert.Equal("Bearer", result.Headers.WwwAuthenticate.ToString());
    }
}

public sealed class RegisterClientTestsOnSqlite(OidcApi api) : RegisterClientTests(api), IClassFixture<OidcApi>;

public sealed class RegisterClientTestsOnPostgreSql(OidcApiOnPostgreSql api) : RegisterClientTests(api), IClassFixture<OidcApiOnPostgreSql>;
