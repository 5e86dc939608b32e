using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.GraphQL;

/// <summary>Failures the client did not cause: masked with a code and a trace id, bounded in time, never a 500.</summary>
public abstract class ErrorMaskingTests(ApiFixture api) : ApiTest(api)
{
    private const string AgencyCount = "{ agencies { totalCount } }";

    [SkippableFact]
    public async Task Unexpected_failure_is_masked_with_a_code_and_a_trace_id()
    {
        var (factory, client) = await new FailingReads().StartAsync(Api, AgencyCount);
        await using var instance = factory;

        var result = await client.PostAsync(AgencyCount);

        Expect.FieldError(result, ErrorCodes.InternalError);
        var error = Assert.Single(result.Errors);
        Assert.False(string.IsNullOrEmpty(error.Str("extensions.traceId")), result.Text);
        Assert.DoesNotContain(FailingReads.Secret, result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), result.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Operation_over_the_time_limit_is_cancelled_down_to_the_database_with_TIMEOUT()
    {
        var reads = new SlowReads();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (factory, client) = await reads.StartAsync(Api, AgencyCount, builder => builder.UseSetting("GraphQL:ExecutionTimeoutSeconds", "0.5").UseClock(clock));
        await using var instance = factory;

        var request = client.PostAsync(AgencyCount);
        await reads.Hanging.WaitAsync(TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(0.5)); // the time limit, and not a tick more: the read hangs for ever otherwise
        var result = await request.WaitAsync(TimeSpan.FromSeconds(60));

        // No data, so the GraphQL-over-HTTP spec wants a 4xx or 5xx; not the 500 of a crash.
        Assert.True((int)result.Status is >= 400 and < 600 and not 500, $"Got {(int)result.Status}: {result.Text}");
        Assert.Equal(GraphQLClient.GraphQLResponse, result.MediaType);
        Assert.False(result.Body.TryGetProperty("data", out _), result.Text);
        Assert.Contains(ErrorCodes.Timeout, result.ErrorCodes);
        Expect.WellFormedErrors(result);
        await reads.Cancelled.WaitAsync(TimeSpan.FromSeconds(60));
    }
}

public sealed class ErrorMaskingTestsOnSqlite(SqliteApi api) : ErrorMaskingTests(api), IClassFixture<SqliteApi>;

public sealed class ErrorMaskingTestsOnPostgreSql(PostgreSqlApi api) : ErrorMaskingTests(api), IClassFixture<PostgreSqlApi>;

public sealed class ErrorMaskingTestsOnSqlServer(SqlServerApi api) : ErrorMaskingTests(api), IClassFixture<SqlServerApi>;
