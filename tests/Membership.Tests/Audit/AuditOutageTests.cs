using System.Data.Common;
using Membership.GraphQL;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Tests.Audit;

/// <summary>
/// The database goes down during a mutation: the mutation answers SERVICE_UNAVAILABLE, and the audit entry it could not
/// write afterwards is a warning without a stack trace (the outage is reported once, by the request), not an error.
/// </summary>
public abstract class AuditOutageTests(ApiFixture api) : ApiTest(api)
{
    private const string UpdateMember = """
        mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { id } userErrors { code } } }
        """;

    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task An_audit_entry_lost_to_an_outage_is_a_warning_without_a_stack_trace()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        var logs = new LogCapture();
        var down = new DatabaseDown();
        await using var instance = Api.CreateFactory(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<IInterceptor>(down);
            s.AddSingleton<ILoggerProvider>(logs);
        }));
        var client = new GraphQLClient(instance.CreateClient(new() { BaseAddress = new Uri("https://localhost") }));
        var input = new { input = new { id = TestData.MemberId(member), jobTitle = "Outage" } };
        MutationAssert.Succeeded((await client.DataAsync(UpdateMember, input, TestIdentity.Staff)).At("updateMember"), "member"); // warmed up
        down.Armed = true;

        var result = await client.PostAsync(UpdateMember, input, TestIdentity.Staff);

        Assert.Contains(ErrorCodes.ServiceUnavailable, result.ErrorCodes);
        Assert.True(down.Failures >= 2, "the mutation and its audit entry both reached the database");
        var lost = Assert.Single(logs.Messages, m => m.Contains("Audit entry for updateMember", StringComparison.Ordinal));
        Assert.Contains("database is unavailable", lost, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", lost, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("NpgsqlException", lost, StringComparison.Ordinal);
    }

    /// <summary>Once armed, every command fails as a connection that timed out reading (an outage that is not retried).</summary>
    private sealed class DatabaseDown : DbCommandInterceptor
    {
        private int _failures;
        private volatile bool _armed;

        public bool Armed { get => _armed; set => _armed = value; }

        public int Failures => Volatile.Read(ref _failures);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Armed ? throw Fail() : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Armed ? throw Fail() : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);

        private NpgsqlException Fail()
        {
            Interlocked.Increment(ref _failures);
            return new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
        }
    }
}

public sealed class AuditOutageTestsOnSqlite(SqliteApi api) : AuditOutageTests(api), IClassFixture<SqliteApi>;

public sealed class AuditOutageTestsOnPostgreSql(PostgreSqlApi api) : AuditOutageTests(api), IClassFixture<PostgreSqlApi>;
