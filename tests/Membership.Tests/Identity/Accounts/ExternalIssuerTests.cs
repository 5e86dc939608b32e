using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Membership.Identity;
using Membership.Identity.Clients;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// With Oidc:Authority the API runs no OIDC server of its own and trusts that issuer's tokens, found through its
/// discovery document and JWKS. The issuer is another instance of this API listening on a real loopback port. It runs
/// in Development (demo data off) because OpenIddict refuses plain http anywhere else and the test host has no
/// certificate for https; its keys are still the fixture's key files.
/// </summary>
public sealed class ExternalIssuerTests(OidcApi api) : IClassFixture<OidcApi>
{
    [Fact]
    public async Task An_API_with_an_authority_serves_no_token_endpoint_and_no_discovery()
    {
        await using var resource = api.CreateFactory(b => b.UseSetting("Oidc:Authority", "https://id.example.org/"));
        using var http = resource.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(StaffClientCredentials("any", "secret")));
        using var discovery = await http.GetAsync("/.well-known/openid-configuration");
        using var authorize = await http.GetAsync("/connect/authorize?client_id=any");

        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, discovery.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, authorize.StatusCode);
    }

    [Fact]
    public async Task An_API_with_an_authority_accepts_that_issuers_tokens_and_no_others()
    {
        var issuerUrl = $"http://127.0.0.1:{FreePort()}/";
        await using var issuer = api.CreateFactory(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("DemoData:Enabled", "false");
            b.UseSetting("Oidc:Issuer", issuerUrl);
            b.UseUrls(issuerUrl); // here UseKestrel(port) on a derived factory left Kestrel on its default localhost:5000
        });
        issuer.UseKestrel();
        issuer.StartServer();
        await using var resource = api.CreateFactory(b => b.UseSetting("Oidc:Authority", issuerUrl));
        var clientId = TestData.Unique("staff-script-").ToLowerInvariant();
        var secret = await api.ClientAsync(clientId, ClientKind.Staff);

        using var toIssuer = new HttpClient { BaseAddress = new Uri(issuerUrl) };
        using var minted = await toIssuer.PostAsync("connect/token", new FormUrlEncodedContent(StaffClientCredentials(clientId, secret!)));
        var body = await minted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(minted.StatusCode == HttpStatusCode.OK, body.ToString());
        var issued = body.GetProperty("access_token").GetString()!;
        Assert.Equal(issuerUrl, TokenResponse.Payload(issued).GetProperty("iss").GetString());

        using var toResource = resource.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var graphql = new GraphQLClient(toResource);
        var clients = await graphql.DataAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(issued));
        Assert.Contains(clients.GetProperty("clients").EnumerateArray(), c => c.Str("clientId") == clientId);

        // Signed with another key, and signed with the right key but by another issuer (the fixture's own server).
        var forged = ForgedTokens.StaffScript(issuer: issuerUrl, key: ForgedTokens.StrangerKey());
        var otherIssuer = (await api.ClientCredentialsAsync(clientId, secret!, ApiScopes.Staff)).AccessToken;
        foreach (var token in new[] { forged, otherIssuer })
        {
            MutationAssert.Unauthenticated(await graphql.PostAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(token)));
        }
    }

    private static Dictionary<string, string> StaffClientCredentials(string clientId, string secret) =>
        new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = ApiScopes.Staff };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
