using System.Net;
using Membership.Identity.Clients;
using Membership.Identity.Cors;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Identity.Cors;

/// <summary>
/// A browser app on another origin: its registered origin gets CORS grants on the routes it calls with a bearer
/// token; an unknown or disabled client's origin gets none; nothing ever allows credentials or any origin.
/// </summary>
public abstract class CrossOriginTests(OidcApi api) : OidcTest(api)
{
    private readonly TokenCallers _callers = new(api);

    /// <summary>Every covered route with the method a browser app uses on it.</summary>
    public static TheoryData<string, string> CoveredRoutes => new()
    {
        { "/graphql", "POST" }, { "/graphql", "GET" }, { "/.well-known/openid-configuration", "GET" }, { "/.well-known/jwks", "GET" },
        { "/connect/token", "POST" }, { "/connect/userinfo", "GET" }, { "/connect/revoke", "POST" }, { "/certificates/status/ABCDEFGHJKLMNPQRSTUV", "GET" },
        { "/certificates/SRO-2027-000001/pdf", "GET" }, { "/receipts/R-2027-000001/pdf", "GET" }, { "/tickets/some-code/qr.svg", "GET" }, { "/tickets/some-code/qr.png", "GET" },
        { "/exports/members.csv", "GET" },
    };

    [SkippableTheory]
    [MemberData(nameof(CoveredRoutes))]
    public async Task A_registered_front_end_gets_a_preflight_grant_on_each_covered_route(string path, string method)
    {
        var origin = await PortalOriginAsync();

        using var response = await PreflightAsync(Api.Browser(), path, origin, method);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains(method, Header(response, "Access-Control-Allow-Methods")!.Split(", "));
        Assert.Equal("authorization, content-type, accept, graphql-require-preflight", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal(CrossOriginAccess.PreflightMaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "Access-Control-Max-Age"));
        Assert.Contains("Origin", response.Headers.Vary);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [SkippableFact]
    public async Task A_registered_front_end_reads_discovery_and_calls_graphql_and_the_token_endpoint()
    {
        var portal = await _callers.PortalAsync();
        const string origin = "https://portal.example.org";
        using var browser = Api.Browser();

        using var discovery = await SendAsync(browser, HttpMethod.Get, "/.well-known/openid-configuration", origin);
        using var graphql = await SendAsync(browser, HttpMethod.Post, "/graphql", origin, new StringContent("{\"query\":\"{ __typename }\"}", System.Text.Encoding.UTF8, "application/json"));
        using var token = await SendAsync(browser, HttpMethod.Post, "/connect/token", origin,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = portal, ["refresh_token"] = "spent" }));

        foreach (var response in new[] { discovery, graphql, token })
        {
            Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
            Assert.Contains("Origin", response.Headers.Vary);
            Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        }

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, graphql.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode); // an OAuth error the app can read, not a CORS failure
        Assert.Contains("invalid_grant", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("WWW-Authenticate", Header(graphql, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_origin_nobody_registered_gets_no_grant()
    {
        await PortalOriginAsync();
        const string stranger = "https://evil.example";
        using var browser = Api.Browser();

        using var preflight = await PreflightAsync(browser, "/graphql", stranger, "POST");
        using var discovery = await SendAsync(browser, HttpMethod.Get, "/.well-known/openid-configuration", stranger);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        foreach (var response in new[] { preflight, discovery })
        {
            Assert.Null(Header(response, "Access-Control-Allow-Origin"));
            Assert.Null(Header(response, "Access-Control-Allow-Methods"));
            Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
            Assert.Contains("Origin", response.Headers.Vary);
        }
    }

    [SkippableFact]
    public async Task Introspection_and_the_sign_in_pages_are_not_open_to_other_origins()
    {
        var origin = await PortalOriginAsync();
        using var browser = Api.Browser();

        using var introspect = await PreflightAsync(browser, "/connect/introspect", origin, "POST");
        using var login = await PreflightAsync(browser, "/account/login", origin, "POST");
        using var authorize = await SendAsync(browser, HttpMethod.Get, "/connect/authorize?client_id=x", origin);

        foreach (var response in new[] { introspect, login, authorize })
        {
            Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        }
    }

    [SkippableFact]
    public async Task A_disabled_front_ends_origin_loses_its_grant_and_an_enabled_one_regains_it()
    {
        var staff = await _callers.StaffScriptAsync();
        var origin = $"https://{TokenCallers.NewClientId("app")}.example.org";
        var clientId = RegisteredClientId(await staff.RegisterAsync(new { kind = "PUBLIC", displayName = "App", redirectUris = new[] { origin + "/callback" } }));
        using var browser = Api.Browser();
        using var before = await PreflightAsync(browser, "/graphql", origin, "POST");

        MutationAssert.Succeeded(await staff.ChangeAsync("disableClient", clientId), "client");
        using var disabled = await PreflightAsync(browser, "/graphql", origin, "POST");
        MutationAssert.Succeeded(await staff.ChangeAsync("enableClient", clientId), "client");
        using var enabled = await PreflightAsync(browser, "/graphql", origin, "POST");

        Assert.Equal(origin, Header(before, "Access-Control-Allow-Origin"));
        Assert.Null(Header(disabled, "Access-Control-Allow-Origin"));
        Assert.Equal(origin, Header(enabled, "Access-Control-Allow-Origin"));
    }

    [SkippableFact]
    public async Task A_post_logout_redirect_uri_allows_its_origin_too()
    {
        var staff = await _callers.StaffScriptAsync();
        var app = $"https://{TokenCallers.NewClientId("app")}.example.org";
        var home = $"https://{TokenCallers.NewClientId("home")}.example.org:8443";
        RegisteredClientId(await staff.RegisterAsync(new
        {
            kind = "PUBLIC", displayName = "App", redirectUris = new[] { app + "/callback" }, postLogoutRedirectUris = new[] { home + "/signed-out" },
        }));

        using var response = await PreflightAsync(Api.Browser(), "/connect/revoke", home, "POST");

        Assert.Equal(home, Header(response, "Access-Control-Allow-Origin"));
    }

    [SkippableFact]
    public async Task An_origin_from_configuration_is_allowed_without_a_client()
    {
        const string configured = "https://dashboard.example.net";
        await using var host = Api.CreateFactory(b => b.UseSetting("Cors:AllowedOrigins:0", configured + "/"));
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var allowed = await PreflightAsync(browser, "/.well-known/jwks", configured, "GET");
        using var other = await PreflightAsync(browser, "/.well-known/jwks", "https://dashboard.example.net:444", "GET");

        Assert.Equal(configured, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Null(Header(other, "Access-Control-Allow-Origin"));
    }

    [SkippableFact]
    public async Task Another_instance_sees_a_new_front_end_once_its_short_cache_runs_out()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var other = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton(sp =>
            new FrontEndOrigins(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IOptions<CorsOptions>>(), clock))));
        using var otherBrowser = other.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var origin = $"https://{TokenCallers.NewClientId("app")}.example.org";
        using var cached = await PreflightAsync(otherBrowser, "/graphql", origin, "POST"); // the other instance reads the store now

        var staff = await _callers.StaffScriptAsync();
        RegisteredClientId(await staff.RegisterAsync(new { kind = "PUBLIC", displayName = "App", redirectUris = new[] { origin + "/callback" } }));
        using var here = await PreflightAsync(Api.Browser(), "/graphql", origin, "POST");
        using var thereAtOnce = await PreflightAsync(otherBrowser, "/graphql", origin, "POST");
        clock.Advance(TimeSpan.FromSeconds(new CorsOptions().ClientCacheSeconds + 1));
        using var thereLater = await PreflightAsync(otherBrowser, "/graphql", origin, "POST");

        Assert.Null(Header(cached, "Access-Control-Allow-Origin"));
        Assert.Equal(origin, Header(here, "Access-Control-Allow-Origin")); // the instance that registered it: at once
        Assert.Null(Header(thereAtOnce, "Access-Control-Allow-Origin"));
        Assert.Equal(origin, Header(thereLater, "Access-Control-Allow-Origin"));
    }

    [SkippableFact]
    public async Task A_redirect_origin_removed_by_an_update_stops_counting_at_once_on_that_instance()
    {
        var clientId = TokenCallers.NewClientId("app");
        var kept = $"https://{clientId}.example.org";
        var removed = $"https://old-{clientId}.example.org";
        var staff = await _callers.StaffScriptAsync();
        RegisteredClientId(await staff.RegisterAsync(new { kind = "PUBLIC", clientId, displayName = "App", redirectUris = new[] { kept + "/callback", removed + "/callback" } }));
        using var before = await PreflightAsync(Api.Browser(), "/graphql", removed, "POST"); // this instance caches the origins now

        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var update = await scope.ServiceProvider.GetRequiredService<ClientRegistration>().UpdateAsync(new RegisterClientInput
            {
                Kind = ClientKind.Public, ClientId = clientId, DisplayName = "App", RedirectUris = [kept + "/callback"],
            }, CancellationToken.None);
            Assert.Empty(update.UserErrors);
        }

        using var after = await PreflightAsync(Api.Browser(), "/graphql", removed, "POST");
        using var stillKept = await PreflightAsync(Api.Browser(), "/graphql", kept, "POST");
        Assert.Equal(removed, Header(before, "Access-Control-Allow-Origin"));
        Assert.Null(Header(after, "Access-Control-Allow-Origin"));
        Assert.Equal(kept, Header(stillKept, "Access-Control-Allow-Origin"));
    }

    private async Task<string> PortalOriginAsync()
    {
        await _callers.PortalAsync(); // registered with OidcApi.RedirectUri
        return "https://portal.example.org";
    }

    private static string RegisteredClientId(System.Text.Json.JsonElement payload) =>
        MutationAssert.Succeeded(payload, "client").Str("clientId")!;

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient browser, string path, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return browser.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient browser, HttpMethod method, string path, string origin, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Origin", origin);
        return browser.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}

public sealed class CrossOriginTestsOnSqlite(OidcApi api) : CrossOriginTests(api), IClassFixture<OidcApi>;

public sealed class CrossOriginTestsOnPostgreSql(OidcApiOnPostgreSql api) : CrossOriginTests(api), IClassFixture<OidcApiOnPostgreSql>;
