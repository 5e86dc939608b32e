using System.Data.Common;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.GraphQL;

/// <summary>
/// A database that misbehaves on reads once armed. Arming waits until the API instance has started and has run the
/// operation once, so migrations, schema initialization and query compilation (which would eat a short time limit
/// before any read) happen normally. The app adds every registered <see cref="IInterceptor"/> to its DbContext.
/// </summary>
internal abstract class FaultyDatabase : DbCommandInterceptor
{
    private volatile bool _armed;

    /// <summary>Another API instance on the fixture's database with this interceptor: started, warmed up with <paramref name="query"/>, then armed.</summary>
    public async Task<(WebApplicationFactory<Program> Factory, GraphQLClient Client)> StartAsync(ApiFixture api, string query, Action<IWebHostBuilder>? configure = null)
    {
        var factory = api.CreateFactory(builder =>
        {
            builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(this));
            configure?.Invoke(builder);
        });
        var client = factory.Client();
        // A cold instance can spend a short time limit before it reaches the database: repeat until the operation completes.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (!(await client.PostAsync(query)).ErrorCodes.Contains(ErrorCodes.Timeout))
            {
                break;
            }
        }

        _armed = true;
        return (factory, client);
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (_armed)
        {
            await MisbehaveAsync(cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (_armed)
        {
            MisbehaveAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    protected abstract ValueTask MisbehaveAsync(CancellationToken cancellationToken);
}

/// <summary>Every read fails with an exception whose message must never reach a client.</summary>
internal sealed class FailingReads : FaultyDatabase
{
    public const string Secret = "secret detail";

    protected override ValueTask MisbehaveAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(Secret);
}

/// <summary>Every read hangs until its cancellation token fires; tells when one started hanging and when one was cancelled.</summary>
internal sealed class SlowReads : FaultyDatabase
{
    private readonly TaskCompletionSource _hanging = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a read has reached the database and hangs there.</summary>
    public Task Hanging => _hanging.Task;

    /// <summary>Completes when a read was cancelled through its token.</summary>
    public Task Cancelled => _cancelled.Task;

    protected override async ValueTask MisbehaveAsync(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            throw new InvalidOperationException("A read without a cancellation token would hang for ever.");
        }

        try
        {
            var never = new TaskCompletionSource();
            _hanging.TrySetResult();
            await never.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _cancelled.TrySetResult();
            throw;
        }
    }
}
