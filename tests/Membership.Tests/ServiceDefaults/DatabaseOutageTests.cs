using System.Net;
using System.Text.Json;
using Membership.Data;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Membership.Tests.ServiceDefaults;

/// <summary>
/// The API on a PostgreSQL cluster of its own, which these tests stop and start under it (the shared cluster of the
/// other tests keeps running).
/// </summary>
public sealed class OutageApi : ApiFixture
{
    internal PostgresServer? Server { get; private set; }

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override bool RequiredInCi => string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(PostgresCluster.ExternalVariable));

    protected override async Task<(string?, string?)> CreateDatabaseAsync()
    {
        if (!RequiredInCi)
        {
            return (null, $"stopping the database needs a cluster of the tests' own; {PostgresCluster.ExternalVariable} names a server of yours.");
        }

        var (server, unavailable) = await PostgresServer.StartNewAsync();
        Server = server;
        return server is null ? (null, unavailable) : (await PostgresServer.CreateDatabaseAsync(server.AdminConnectionString), null);
    }
}

/// <summary>
/// A database that cannot be reached is an outage, not a bug: 503 with Retry-After on /graphql (both response media
/// types) and OAuth's temporarily_unavailable on /connect/token; ready fails while live answers. When the database is
/// back, the first requests succeed, even on pooled connections that died in the restart.
/// </summary>
public sealed class DatabaseOutageTests(OutageApi api) : ApiTest(api), IClassFixture<OutageApi>
{
    private const string Agencies = "{ agencies(first: 5) { totalCount edges { node { name } } } }";

    private PostgresServer Server => ((OutageApi)Api).Server!;

    [SkippableFact]
    public async Task Outage_answers_503_with_Retry_After_and_the_first_request_after_it_succeeds()
    {
        await new TestData(Api).AgencyAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health/ready")).Status);
        await Client.DataAsync(Agencies);

        await Server.StopAsync();
        try
        {
            foreach (var accept in new[] { GraphQLClient.GraphQLResponse, "application/json" })
            {
                var result = await Client.PostAsync(Agencies, accept: accept);
                Assert.True(result.Status == HttpStatusCode.ServiceUnavailable, $"{accept}: {(int)result.Status} {result.Text}");
                Assert.Equal(DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Headers.RetryAfter?.ToString());
                Assert.Contains(ErrorCodes.ServiceUnavailable, result.ErrorCodes);
                Assert.DoesNotContain(ErrorCodes.InternalError, result.ErrorCodes);
                Assert.DoesNotContain("Npgsql", result.Text, StringComparison.Ordinal);
            }

            using var token = await Client.Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "some-partner", ["client_secret"] = "some-secret", ["scope"] = "certification.verify",
            }));
            var body = await token.Content.ReadAsStringAsync();
            Assert.True(token.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)token.StatusCode} {body}");
            Assert.NotNull(token.Headers.RetryAfter);
            Assert.Equal("temporarily_unavailable", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());

            var ready = await GetAsync("/health/ready");
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.Status, ready.Body));
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/health/live"));
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/health"));
        }
        finally
        {
            await Server.StartAsync();
        }

        var first = await Client.PostAsync(Agencies);
        Assert.True(first.Status == HttpStatusCode.OK && !first.HasErrors, $"{(int)first.Status} {first.Text}");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/health/ready"));
    }

    [SkippableFact]
    public async Task Reads_on_connections_that_died_in_a_restart_succeed_at_the_first_try()
    {
        var log = new LogEntries();
        await using var host = Api.CreateFactory(builder => builder.ConfigureLogging(logging => logging.AddProvider(log)));
        var client = new GraphQLClient(host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));
        await new TestData(Api).AgencyAsync();
        // Several requests at once leave several connections in the pool.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.DataAsync(Agencies)));

        await Server.StopAsync();
        await Server.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync(Agencies)));
        var warnings = string.Join("\n", log.Entries.Where(e => e.Level >= LogLevel.Warning));
        Assert.All(results, r => Assert.True(r.Status == HttpStatusCode.OK && !r.HasErrors, $"{(int)r.Status} {r.Text}\n{warnings}"));
        using var ready = await client.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await Client.Http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
