using System.Net;
using System.Text;
using System.Text.Json;
using Membership.Identity;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// Outside Development credentials travel over HTTPS only: directly, or through a known proxy's X-Forwarded-Proto.
/// Oidc:AllowHttp is the escape hatch for local runs. The check does not touch the database: SQLite only.
/// </summary>
public sealed class TransportSecurityTests(OidcApi api) : IClassFixture<OidcApi>
{
    private const string Query = "{ clients { clientId } }";
    private readonly TokenCallers _callers = new(api);

    [Fact]
    public async Task A_bearer_token_over_plain_http_is_refused_and_over_https_accepted()
    {
        var staff = await _callers.StaffClientTokenAsync();
        using var plain = api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

        var overHttp = await new GraphQLClient(plain).PostAsync(Query, identity: staff);
        var overHttps = await api.Client().PostAsync(Query, identity: staff);

        Assert.True(overHttp.Status == HttpStatusCode.BadRequest, $"{(int)overHttp.Status}: {overHttp.Text}");
        Assert.Equal(["HTTPS_REQUIRED"], overHttp.ErrorCodes);
        Assert.True(overHttps.Status == HttpStatusCode.OK && !overHttps.HasErrors, overHttps.Text);
        // Anonymous requests without credentials still work over http (health checks, the public schema).
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_form_posted_over_plain_http_is_refused()
    {
        var email = (await api.AccountAsync($"{TestData.Unique("http")}@example.org")).Email!;
        using var plain = api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        plain.DefaultRequestHeaders.Add("Cookie", "membership.antiforgery=x");

        using var response = await plain.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = OidcApi.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("HTTPS_REQUIRED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.20.30.40", HttpStatusCode.OK)]      // the load balancer named in Hosting:KnownProxies
    [InlineData("10.99.0.7", HttpStatusCode.OK)]        // inside Hosting:KnownNetworks
    [InlineData("203.0.113.9", HttpStatusCode.BadRequest)] // anyone else claiming https
    public async Task X_Forwarded_Proto_counts_only_from_a_known_proxy(string peer, HttpStatusCode expected)
    {
        var staff = await _callers.StaffClientTokenAsync();
        await using var instance = api.CreateFactory(b =>
        {
            b.UseSetting("Hosting:KnownProxies:0", "10.20.30.40");
            b.UseSetting("Hosting:KnownNetworks:0", "10.99.0.0/16");
        });

        var context = await instance.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            c.Request.Method = HttpMethods.Post;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("localhost");
            c.Request.Path = "/graphql";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers.Authorization = "Bearer " + staff.AccessToken;
            c.Request.ContentType = "application/json";
            c.Request.Headers.Accept = "application/json";
            c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query = Query })));
        });

        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.True(context.Response.StatusCode == (int)expected, $"{context.Response.StatusCode}: {body}");
        Assert.Equal(expected == HttpStatusCode.OK, !body.Contains("HTTPS_REQUIRED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_AllowHttp_a_local_run_gets_and_uses_tokens_over_plain_http()
    {
        var script = await _callers.StaffClientAsync();
        await using var local = api.CreateFactory(b => b.UseSetting("Oidc:AllowHttp", "true"));
        using var plain = local.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

        using var token = await plain.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = script.ClientId, ["client_secret"] = script.Secret, ["scope"] = ApiScopes.Staff,
        }));
        var answer = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;
        Assert.True(token.StatusCode == HttpStatusCode.OK, answer.ToString());
        var clients = await new GraphQLClient(plain).PostAsync(Query, identity: TestIdentity.Bearer(answer.GetProperty("access_token").GetString()!));

        Assert.True(clients.Status == HttpStatusCode.OK && !clients.HasErrors, clients.Text);
    }
}
