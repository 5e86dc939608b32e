using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// The kind (SELECT, INSERT, UPDATE, DELETE) of each SQL command sent while serving a request to one path, in order:
/// background jobs and other paths are left out. Shows that two answers cost the database the same work.
/// </summary>
public sealed class CommandLog(string path) : DbCommandInterceptor
{
    private static readonly HttpContextAccessor Requests = new(); // reads the request of the current flow, as the host's accessor does
    private readonly ConcurrentQueue<string> _kinds = new();

    public IReadOnlyList<string> Kinds => [.. _kinds];

    public void Clear() => _kinds.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        if (Requests.HttpContext?.Request.Path == path)
        {
            var text = command.CommandText.TrimStart();
            _kinds.Enqueue(string.Join(' ', text.Split([' ', '\n', '\r', '\t'], 2, StringSplitOptions.RemoveEmptyEntries).Take(1)).ToUpperInvariant());
        }
    }
}
