using System.Net;
using System.Text.Json;
using Membership.Identity;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// An access token is read from the Authorization header only (RFC 6750 §2.1), and a GraphQL request is authenticated by
/// the token validation alone: the OIDC server's request pipeline, which only answers /connect/*, does not run for it.
/// </summary>
public abstract class BearerOnlyAuthenticationTests(CountingOidcApi api)
{
    private const string StaffQuery = "{ clients { clientId } }";

    private readonly TokenCallers _callers = new(api);

    [Fact]
    public async Task A_staff_token_in_the_authorization_header_reads_staff_data()
    {
        var token = await _callers.StaffClientTokenAsync();

        var data = await api.Client().DataAsync(StaffQuery, identity: token);

        Assert.Equal(JsonValueKind.Array, data.GetProperty("clients").ValueKind);
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_not_read()
    {
        var token = (await _callers.StaffClientTokenAsync()).AccessToken!;

        var result = await api.Client().SendAsync(new HttpRequestMessage(HttpMethod.Get,
            $"/graphql?query={Uri.EscapeDataString(StaffQuery)}&access_token={Uri.EscapeDataString(token)}"));

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Contains("UNAUTHENTICATED", result.ErrorCodes);
        Assert.DoesNotContain("clientId", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_in_the_query_string_of_another_endpoint_is_not_read_either()
    {
        var token = (await _callers.StaffClientTokenAsync()).AccessToken!;

        using var response = await api.Client().Http.GetAsync($"/exports/members.csv?access_token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_graphql_request_does_not_run_the_oidc_servers_request_pipeline()
    {
        var token = await _callers.StaffClientTokenAsync();
        var before = api.ServerRequests;

        await api.Client().DataAsync("{ membershipPlans { code } }");
        await api.Client().DataAsync(StaffQuery, identity: token);
        var afterGraphQL = api.ServerRequests;
        await _callers.StaffClientTokenAsync(); // a token request: the server's pipeline runs

        Assert.Equal(before, afterGraphQL);
        Assert.True(api.ServerRequests > afterGraphQL, "the counter sees the server's requests");
    }
}

/// <summary>The real OIDC server, counting the requests its ASP.NET Core pipeline looks at.</summary>
public class CountingOidcApi : OidcApi
{
    private int _serverRequests;

    public int ServerRequests => Volatile.Read(ref _serverRequests);

    protected override void ConfigureHost(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddOpenIddict().AddServer(o =>
            o.AddEventHandler<OpenIddictServerEvents.ProcessRequestContext>(handler => handler
                .UseInlineHandler(_ =>
                {
                    Interlocked.Increment(ref _serverRequests);
                    return default;
                })
                .SetOrder(int.MinValue))));
}

public sealed class CountingOidcApiOnPostgreSql : CountingOidcApi
{
    public override Membership.Data.DatabaseProvider Provider => Membership.Data.DatabaseProvider.PostgreSql;

    protected override Task<(string?, string?)> CreateDatabaseAsync() => PostgresCluster.CreateDatabaseAsync();
}

public sealed class BearerOnlyAuthenticationTestsOnSqlite(CountingOidcApi api) : BearerOnlyAuthenticationTests(api), IClassFixture<CountingOidcApi>;

public sealed class BearerOnlyAuthenticationTestsOnPostgreSql(CountingOidcApiOnPostgreSql api) : BearerOnlyAuthenticationTests(api), IClassFixture<CountingOidcApiOnPostgreSql>;
