using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Payments;

/// <summary>Runs reconciliation every few minutes on one instance at a time (a lease in the database).</summary>
internal sealed class ReconciliationJob(IServiceProvider services, IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar,
    IOptions<StripeOptions> options, PaymentMode mode, ILogger<ReconciliationJob> logger, TimeProvider clock) : BackgroundService
{
    private const string LeaseName = "dues-reconciliation";
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.ReconcileEveryMinutes;
        if (!mode.Available || minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Reconciliation failed; the next run tries again.");
                }
            }
        }
        finally
        {
            await ReleaseAsync();
        }
    }

    /// <summary>One tick of the job: reconciles if this instance holds (or takes) the lease; false when another holds it.</summary>
    internal async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        using var activity = ServiceDefaults.MembershipTelemetry.StartJob(LeaseName);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = calendar.Now();
        if (!await JobLeases.TryAcquireAsync(db, LeaseName, _holder, now, now.AddMinutes(options.Value.ReconcileEveryMinutes), ct))
        {
            return false;
        }

        await services.GetRequiredService<PaymentReconciliation>().ReconcileAsync(ct);
        return true;
    }

    /// <summary>A stopping instance hands the lease on at once instead of making the others wait for it to expire.</summary>
    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var db = await factory.CreateDbContextAsync(timeout.Token);
            await JobLeases.ReleaseAsync(db, LeaseName, _holder, timeout.Token);
        }
        catch (Exception e)
        {
            logger.LogInformation(e, "The reconciliation lease was not released; it expires by itself.");
        }
    }
}
