using System.Data.Common;
using System.Net;
using Membership.GraphQL;
using Membership.Tests.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Tests.ServiceDefaults;

/// <summary>
/// Only the database provider's own exceptions make an outage (503): a timeout from anything else (an HTTP client, say)
/// is an internal error. A read on a broken connection is retried; a command that timed out is not (it would time out again).
/// </summary>
public abstract class OutageClassificationTests(ApiFixture api) : ApiTest(api)
{
    private const string Agencies = "{ agencies(first: 1) { totalCount } }";

    [SkippableFact]
    public async Task A_timeout_that_is_not_the_databases_is_an_internal_error_and_not_retried()
    {
        var reads = new FailingReads(() => new TimeoutException("The HTTP request to the payment provider timed out."));
        var (host, result) = await QueryWithAsync(reads);
        await using var instance = host;

        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Contains(ErrorCodes.InternalError, result.ErrorCodes);
        Assert.DoesNotContain(ErrorCodes.ServiceUnavailable, result.ErrorCodes);
        Assert.Equal(1, reads.Failures);
    }

    [SkippableFact]
    public async Task A_command_timeout_is_an_outage_but_is_not_retried()
    {
        var reads = new FailingReads(() => new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")));
        var (host, result) = await QueryWithAsync(reads);
        await using var instance = host;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Contains(ErrorCodes.ServiceUnavailable, result.ErrorCodes);
        Assert.Equal(1, reads.Failures);
    }

    [SkippableFact]
    public async Task A_read_on_a_broken_connection_is_retried_and_succeeds()
    {
        var reads = new FailingReads(() => new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer")), times: 1);
        var (host, result) = await QueryWithAsync(reads);
        await using var instance = host;

        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, result.Text);
        Assert.Equal(1, reads.Failures);
    }

    /// <summary>Runs the query once on a fresh instance with the interceptor, then arms it and runs it again.</summary>
    private async Task<(WebApplicationFactory<Program> Host, GraphQLResult Result)> QueryWithAsync(FailingReads reads)
    {
        var host = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(reads)));
        var client = host.Client();
        await client.DataAsync(Agencies);
        reads.Armed = true;
        return (host, await client.PostAsync(Agencies));
    }

    /// <summary>Once armed, reads fail with the given exception (at most <c>times</c> times), and count how often.</summary>
    private sealed class FailingReads(Func<Exception> failure, int times = int.MaxValue) : DbCommandInterceptor
    {
        private int _failures;

        private volatile bool _armed;

        public bool Armed { get => _armed; set => _armed = value; }

        public int Failures => Volatile.Read(ref _failures);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed && Interlocked.Increment(ref _failures) <= times)
            {
                throw failure();
            }

            if (Armed)
            {
                Interlocked.Decrement(ref _failures); // past its failures: this read goes through
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class OutageClassificationTestsOnSqlite(SqliteApi api) : OutageClassificationTests(api), IClassFixture<SqliteApi>;

public sealed class OutageClassificationTestsOnPostgreSql(PostgreSqlApi api) : OutageClassificationTests(api), IClassFixture<PostgreSqlApi>;
