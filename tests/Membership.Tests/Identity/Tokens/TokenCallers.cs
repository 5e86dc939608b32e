using Membership.Agencies;
using Membership.Identity;
using Membership.Identity.Clients;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Tokens;

/// <summary>A confidential client's credentials, as staff hand them to a partner or a script.</summary>
internal sealed record ClientCredentials(string ClientId, string Secret);

/// <summary>
/// Callers holding real tokens from the OIDC server: staff and partner clients (client credentials), and people
/// signed in through a portal (code + PKCE through the login form). Each call registers its own client and account.
/// </summary>
internal sealed class TokenCallers(OidcApi api)
{
    public const string MemberScopes = "openid membership.self membership.directory";

    public TestData Data { get; } = new(api);

    public static string NewClientId(string prefix) => TestData.Unique(prefix).ToLowerInvariant();

    public async Task<ClientCredentials> StaffClientAsync()
    {
        var clientId = NewClientId("staff-script-");
        return new(clientId, (await api.ClientAsync(clientId, ClientKind.Staff))!);
    }

    public async Task<(ClientCredentials Client, Agency Agency)> PartnerClientAsync()
    {
        var agency = await Data.AgencyAsync();
        var clientId = NewClientId("partner-");
        return (new(clientId, (await api.ClientAsync(clientId, ClientKind.Partner, agency))!), agency);
    }

    /// <summary>A client credentials request, answered as it is (no check that a token came back).</summary>
    public Task<TokenResponse> AskForTokenAsync(string clientId, string secret, string scope) =>
        api.TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope });

    public async Task<TestIdentity> StaffClientTokenAsync()
    {
        var client = await StaffClientAsync();
        return TestIdentity.Bearer((await api.ClientCredentialsAsync(client.ClientId, client.Secret, ApiScopes.Staff)).AccessToken);
    }

    /// <summary>The client-management mutations, sent with a new staff script's token.</summary>
    public async Task<ClientMutations> StaffScriptAsync() => new(api, await StaffClientTokenAsync());

    public async Task<TestIdentity> PartnerTokenAsync()
    {
        var (client, _) = await PartnerClientAsync();
        return TestIdentity.Bearer((await api.ClientCredentialsAsync(client.ClientId, client.Secret, ApiScopes.Verification)).AccessToken);
    }

    /// <summary>A public client (a portal) that may ask for <paramref name="scopes"/>; default: self and directory.</summary>
    public async Task<string> PortalAsync(string[]? scopes = null)
    {
        var clientId = NewClientId("portal-");
        await api.ClientAsync(clientId, ClientKind.Public, scopes: scopes);
        return clientId;
    }

    /// <summary>The member gets an account and signs in through a new portal; returns the tokens and the portal's client_id.</summary>
    public async Task<(TokenResponse Tokens, string Portal)> SignInMemberAsync(Member member, string scope = MemberScopes)
    {
        var portal = await PortalAsync();
        await api.AccountAsync(member.Email, member);
        return (await api.SignInAsync(portal, member.Email, scope), portal);
    }

    /// <summary>A new member with an account, signed in through a new portal.</summary>
    public async Task<(Member Member, TokenResponse Tokens, string Portal)> SignedInMemberAsync(string scope = MemberScopes)
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var (tokens, portal) = await SignInMemberAsync(member, scope);
        return (member, tokens, portal);
    }

    /// <summary>A staff user (no member record) signed in through a portal that may ask for the staff scope.</summary>
    public async Task<TokenResponse> SignInStaffUserAsync(string scope)
    {
        var portal = await PortalAsync([ApiScopes.Self, ApiScopes.Directory, ApiScopes.Staff]);
        var email = $"{TestData.Unique("staff")}@example.org";
        await api.AccountAsync(email, role: Roles.Staff);
        return await api.SignInAsync(portal, email, scope);
    }
}
