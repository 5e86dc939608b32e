using Membership.Data;
using Membership.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Membership.Infrastructure.Jobs;

/// <summary>
/// A background job that every instance runs every <see cref="Period"/>, one run at a time across instances: a run first
/// takes the job's lease in the database (<see cref="JobLeases"/>, the row named <see cref="Name"/>); an instance that
/// cannot take it skips that tick. The lease is released when the run ends (done, failed or cancelled), and runs out by
/// itself after <see cref="LeaseDuration"/> when an instance dies mid-run. A failed run is logged; the next tick tries again.
/// </summary>
/// <remarks>
/// A job is three members and a registration:
/// <code>
/// internal sealed class TicketExpiryJob(IServiceProvider services, TicketOrderTransitions lifecycle, IOptions&lt;TicketOptions&gt; options)
///     : LeasedPeriodicJob(services)
/// {
///     protected override string Name =&gt; "ticket-expiry";                                  // the lease row and the telemetry activity
///     protected override TimeSpan Period =&gt; TimeSpan.FromSeconds(options.Value.ExpireEverySeconds); // zero or less: no timer
///     protected override Task RunAsync(CancellationToken ct) =&gt; lifecycle.ExpireDueAsync(ct);
/// }
/// services.AddLeasedJob&lt;TicketExpiryJob&gt;();   // a singleton that is also the hosted service
/// </code>
/// Tests run a job either by moving the instance's fake clock past <see cref="Period"/> (the timer reads the injected
/// <see cref="TimeProvider"/>) or by calling <see cref="RunOnceAsync"/> on the instance resolved from the host's services.
/// The work must be safe to repeat: the lease keeps two runs apart, it does not make a run happen exactly once.
/// </remarks>
public abstract class LeasedPeriodicJob : BackgroundService
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly IDbContextFactory<MembershipDbContext> _factory;
    private readonly AssociationCalendar _calendar;
    private readonly TimeProvider _clock;
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <param name="services">The root services: the job takes the database, the clock and a logger from them.</param>
    protected LeasedPeriodicJob(IServiceProvider services)
    {
        _factory = services.GetRequiredService<IDbContextFactory<MembershipDbContext>>();
        _calendar = services.GetRequiredService<AssociationCalendar>();
        _clock = services.GetRequiredService<TimeProvider>();
        Logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());
    }

    /// <summary>The lease's name, unique among jobs; also the name of the job's telemetry activity.</summary>
    protected abstract string Name { get; }

    /// <summary>Time between runs, read once when the host starts the job. Zero or less: the job has no timer (<see cref="RunOnceAsync"/> still runs it).</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>How long a run may hold the lease before another instance may take it. Default: the period, at least a minute.</summary>
    protected virtual TimeSpan LeaseDuration => Period > TimeSpan.FromMinutes(1) ? Period : TimeSpan.FromMinutes(1);

    protected ILogger Logger { get; }

    /// <summary>One run's work, called only while this instance holds the lease.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One run, as a tick of the timer does it: takes the lease, runs, releases the lease. False when another instance
    /// holds the lease (nothing ran). Exceptions of the run reach the caller; the timer logs them instead.
    /// </summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var activity = MembershipTelemetry.StartJob(Name);
        var now = _calendar.Now();
        await using (var db = await _factory.CreateDbContextAsync(cancellationToken))
        {
            if (!await JobLeases.TryAcquireAsync(db, Name, _holder, now, now + LeaseDuration, cancellationToken))
            {
                return false;
            }
        }

        try
        {
            await RunAsync(cancellationToken);
        }
        finally
        {
            await ReleaseAsync();
        }

        return true;
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = Period;
        if (period <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(period, _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogWarning(e, "The {Job} job failed; the next run tries again.", Name);
            }
        }
    }

    /// <summary>Hands the lease on at once (also when the run failed or the host is stopping); uncancellable but bounded.</summary>
    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(ReleaseTimeout);
            await using var db = await _factory.CreateDbContextAsync(timeout.Token);
            await JobLeases.ReleaseAsync(db, Name, _holder, timeout.Token);
        }
        catch (Exception e)
        {
            Logger.LogInformation(e, "The lease of the {Job} job was not released; it runs out by itself.", Name);
        }
    }
}

public static class LeasedJobRegistration
{
    /// <summary>Registers <typeparamref name="TJob"/> as a singleton (tests resolve it to call RunOnceAsync) and runs that instance as a hosted service.</summary>
    public static IServiceCollection AddLeasedJob<TJob>(this IServiceCollection services)
        where TJob : LeasedPeriodicJob
    {
        services.AddSingleton<TJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TJob>());
        return services;
    }
}
