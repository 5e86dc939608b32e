using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands the API sends, to show that batch loaders keep the count flat, and the connections EF opens
/// (each one a checkout from the pool).
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor, IDbConnectionInterceptor
{
    private int _count;
    private int _connections;

    public int Count => Volatile.Read(ref _count);

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The commands' SQL since the last reset, for a failure message.</summary>
    public IReadOnlyCollection<string> Sent => [.. _sent];

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _sent = new();

    public void Reset()
    {
        _sent.Clear();
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _connections, 0);
    }

    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Interlocked.Increment(ref _connections);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _connections);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue(command.CommandText);
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue(command.CommandText);
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue(command.CommandText);
        Interlocked.Increment(ref _count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
