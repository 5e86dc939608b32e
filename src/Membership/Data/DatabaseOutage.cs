using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Membership.Data;

/// <summary>
/// Tells a database that cannot be reached (refused, timed out, restarting, failed over) from a bug, on every provider:
/// the first answers 503 with Retry-After, the second stays an internal error.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client should wait before trying again after an outage.</summary>
    public const int RetryAfterSeconds = 5;

    // SQL Server: timeout, network errors, database or server not available, Azure SQL throttling and failover.
    private static readonly HashSet<int> SqlServerOutages = [-2, -1, 2, 20, 53, 64, 121, 233, 4060, 10053, 10054, 10060, 10061, 10928, 10929, 40143, 40197, 40501, 40613, 49918, 49919, 49920];

    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsOutage))
            {
                return true;
            }

            if (IsOutageItself(e))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOutageItself(Exception e) => e switch
    {
        // Server-side refusals that mean "not now": shutting down, starting up, too many connections, connection lost.
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal)
            || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections,
        // Anything else Npgsql raises as transient is the network or a timeout (connecting, reading, an exhausted pool).
        NpgsqlException n => n.IsTransient,
        SqlException s => SqlServerOutages.Contains(s.Number),
        SqliteException q => q.SqliteErrorCode is 5 or 6 or 14, // busy, locked, cannot open
        // A bare socket error or timeout is someone else's (Stripe's HttpClient, SMTP): only the providers' own exceptions count.
        _ => false,
    };

    /// <summary>
    /// A command that ran out of time (Npgsql's read timeout, SQL Server's -2, PostgreSQL's statement timeout): the server
    /// is slow or the query heavy, the connection and the pool are fine, and running it again would only add load.
    /// </summary>
    public static bool IsCommandTimeout(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException || e is SqlException { Number: -2 } || e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled })
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// When a connection turns out broken, the others in the pool were opened to the same server and are broken too (a
/// restart or failover): clear the pool, so the next command opens a fresh connection instead of failing on the next
/// stale one.
/// </summary>
internal sealed class BrokenConnectionReset(NpgsqlDataSource? dataSource) : DbCommandInterceptor, IDbConnectionInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ResetIfCommandBroke(command.Connection, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ResetIfCommandBroke(command.Connection, eventData.Exception);
        return Task.CompletedTask;
    }

    /// <summary>A command that timed out says nothing about the other connections: the pool stays.</summary>
    private void ResetIfCommandBroke(DbConnection? connection, Exception exception)
    {
        if (!DatabaseOutage.IsCommandTimeout(exception))
        {
            ResetIfBroken(connection, exception);
        }
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => ResetIfBroken(connection, eventData.Exception);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ResetIfBroken(connection, eventData.Exception);
        return Task.CompletedTask;
    }

    private void ResetIfBroken(DbConnection? connection, Exception exception)
    {
        if (!DatabaseOutage.IsOutage(exception))
        {
            return;
        }

        switch (connection)
        {
            case NpgsqlConnection when dataSource is not null:
                dataSource.Clear();
                break;
            case NpgsqlConnection npgsql:
                NpgsqlConnection.ClearPool(npgsql);
                break;
            case SqlConnection sql:
                SqlConnection.ClearPool(sql);
                break;
        }
    }
}

/// <summary>
/// Retries a query on a fresh connection when it failed because the database could not be reached (typically a pooled
/// connection that died in a restart; twice, as requests running at once may each meet a dead one). Never a write and
/// nothing inside a transaction: a write may have reached the database before the connection broke, and repeating it
/// could apply it twice; those fail with 503 instead.
/// </summary>
/// <remarks>
/// What is retried is the command that opens a query's reader, which is where a dead pooled connection fails. The rows
/// are then streamed: <see cref="RetriesOnFailure"/> is false, because EF Core reads it when it compiles a query and, for
/// a retrying strategy, first copies every row of every query into a buffer so that a failure in the middle of the rows
/// could be retried too (a copy of each value, in arrays that double as they fill: an eighth of what a page of members
/// allocated). A connection that breaks after the first row fails the request with 503, as a write does.
/// </remarks>
internal sealed class ReadRetryStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, maxRetryCount: 2, maxRetryDelay: TimeSpan.FromMilliseconds(100))
{
    /// <summary>False: queries stream their rows instead of buffering them (see the remarks); reads are still retried.</summary>
    public override bool RetriesOnFailure => false;

    public override TResult Execute<TState, TResult>(TState state, Func<DbContext, TState, TResult> operation,
        Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded) =>
        IsRetryableRead(state)
            ? base.Execute(state, operation, verifySucceeded)
            : operation(Dependencies.CurrentContext.Context, state);

    public override Task<TResult> ExecuteAsync<TState, TResult>(TState state, Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded, CancellationToken cancellationToken = default) =>
        IsRetryableRead(state)
            ? base.ExecuteAsync(state, operation, verifySucceeded, cancellationToken)
            : operation(Dependencies.CurrentContext.Context, state, cancellationToken);

    /// <summary>A broken connection, not a command that ran out of time: that one would time out again, three times over.</summary>
    protected override bool ShouldRetryOn(Exception exception) => DatabaseOutage.IsOutage(exception) && !DatabaseOutage.IsCommandTimeout(exception);

    /// <summary>EF Core runs a query's first read (the command that opens the reader) with its query enumerator as the state.</summary>
    private bool IsRetryableRead<TState>(TState state) =>
        state is not null
        && state.GetType().FullName is { } name
        && name.StartsWith("Microsoft.EntityFrameworkCore.Query.", StringComparison.Ordinal)
        && name.Contains("QueryingEnumerable", StringComparison.Ordinal)
        && Dependencies.CurrentContext.Context.Database.CurrentTransaction is null;
}
