using Membership.Identity;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Tokens;

/// <summary>Staff rotate secrets, disable and enable clients; the token endpoint follows at once.</summary>
public abstract class ManageClientTests(OidcApi api) : OidcTest(api)
{
    private readonly TokenCallers _callers = new(api);

    [SkippableFact]
    public async Task A_rotated_secret_replaces_the_old_one_at_once()
    {
        var staff = await _callers.StaffScriptAsync();
        var partner = await staff.RegisterPartnerAsync(_callers.Data);

        var payload = await staff.RotateAsync(partner.ClientId);

        MutationAssert.Succeeded(payload, "client");
        var rotated = payload.Str("clientSecret")!;
        Assert.NotEqual(partner.Secret, rotated);
        TokenAssert.NoToken(await _callers.AskForTokenAsync(partner.ClientId, partner.Secret, ApiScopes.Verification), "invalid_client");
        (await _callers.AskForTokenAsync(partner.ClientId, rotated, ApiScopes.Verification)).EnsureOk();
    }

    [SkippableFact]
    public async Task A_public_client_has_no_secret_to_rotate()
    {
        var portal = await _callers.PortalAsync();

        var payload = await (await _callers.StaffScriptAsync()).RotateAsync(portal);

        MutationAssert.Failed(payload, "client", "NOT_CONFIDENTIAL", "input", "clientId");
    }

    [SkippableFact]
    public async Task Changing_an_unknown_client_is_not_found()
    {
        var staff = await _callers.StaffScriptAsync();
        var nobody = TokenCallers.NewClientId("nobody-");

        MutationAssert.Failed(await staff.RotateAsync(nobody), "client", "NOT_FOUND", "input", "clientId");
        MutationAssert.Failed(await staff.ChangeAsync("disableClient", nobody), "client", "NOT_FOUND", "input", "clientId");
        MutationAssert.Failed(await staff.ChangeAsync("enableClient", nobody), "client", "NOT_FOUND", "input", "clientId");
    }

    [SkippableFact]
    public async Task A_disabled_client_gets_no_token_until_enabled_again()
    {
        var staff = await _callers.StaffScriptAsync();
        var partner = await staff.RegisterPartnerAsync(_callers.Data);

        var disabled = MutationAssert.Succeeded(await staff.ChangeAsync("disableClient", partner.ClientId), "client");
        var refused = await _callers.AskForTokenAsync(partner.ClientId, partner.Secret, ApiScopes.Verification);
        var listedWhileDisabled = await staff.ListedAsync(partner.ClientId);
        var enabled = MutationAssert.Succeeded(await staff.ChangeAsync("enableClient", partner.ClientId), "client");

        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        Assert.True(listedWhileDisabled.GetProperty("disabled").GetBoolean());
        TokenAssert.NoToken(refused, "invalid_client", "unauthorized_client");
        Assert.False(enabled.GetProperty("disabled").GetBoolean());
        Assert.Equal([ApiScopes.Verification], enabled.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.False((await staff.ListedAsync(partner.ClientId)).GetProperty("disabled").GetBoolean());
        (await _callers.AskForTokenAsync(partner.ClientId, partner.Secret, ApiScopes.Verification)).EnsureOk();
    }

    [SkippableFact]
    public async Task Disabling_a_portal_ends_its_refresh_tokens_for_good()
    {
        var staff = await _callers.StaffScriptAsync();
        var (_, tokens, portal) = await _callers.SignedInMemberAsync(TokenCallers.MemberScopes + " offline_access");

        MutationAssert.Succeeded(await staff.ChangeAsync("disableClient", portal), "client");
        var whileDisabled = await Api.RefreshAsync(portal, tokens.RefreshToken!);
        MutationAssert.Succeeded(await staff.ChangeAsync("enableClient", portal), "client");
        var afterEnabling = await Api.RefreshAsync(portal, tokens.RefreshToken!);

        TokenAssert.NoToken(whileDisabled, "invalid_grant", "unauthorized_client", "invalid_client");
        TokenAssert.NoToken(afterEnabling, "invalid_grant");
    }

    [SkippableTheory]
    [InlineData("rotateClientSecret")]
    [InlineData("disableClient")]
    [InlineData("enableClient")]
    public async Task Only_staff_change_clients(string mutation)
    {
        var partner = await (await _callers.StaffScriptAsync()).RegisterPartnerAsync(_callers.Data);
        var (_, member, _) = await _callers.SignedInMemberAsync();
        var query = mutation == "rotateClientSecret" ? ClientMutations.Rotate : ClientMutations.Change(mutation);

        var asMember = await Api.Client().PostAsync(query, new { id = partner.ClientId }, TestIdentity.Bearer(member.AccessToken));
        var asPartner = await Api.Client().PostAsync(query, new { id = partner.ClientId }, await _callers.PartnerTokenAsync());
        var anonymous = await Api.Client().PostAsync(query, new { id = partner.ClientId });

        MutationAssert.Forbidden(asMember, mutation);
        MutationAssert.Forbidden(asPartner, mutation);
        TokenAssert.Unauthenticated(anonymous);
        (await _callers.AskForTokenAsync(partner.ClientId, partner.Secret, ApiScopes.Verification)).EnsureOk(); // nothing changed
    }

    [SkippableFact]
    public async Task Only_staff_list_clients()
    {
        var (_, member, _) = await _callers.SignedInMemberAsync();

        var asMember = await Api.Client().PostAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(member.AccessToken));
        var anonymous = await Api.Client().PostAsync("{ clients { clientId } }");

        Assert.Equal(["FORBIDDEN"], asMember.ErrorCodes);
        TokenAssert.Unauthenticated(anonymous);
    }
}

public sealed class ManageClientTestsOnSqlite(OidcApi api) : ManageClientTests(api), IClassFixture<OidcApi>;

public sealed class ManageClientTestsOnPostgreSql(OidcApiOnPostgreSql api) : ManageClientTests(api), IClassFixture<OidcApiOnPostgreSql>;
