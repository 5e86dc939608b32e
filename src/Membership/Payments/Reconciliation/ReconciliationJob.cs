using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Payments;

/// <summary>
/// Runs reconciliation every <c>Stripe:ReconcileEveryMinutes</c> on one instance at a time (a lease in the database);
/// no timer when payments are off or the period is 0. Reconciliation is idempotent: two runs after each other apply
/// a lost event once.
/// </summary>
internal sealed class ReconciliationJob(IServiceProvider services, IOptions<StripeOptions> options, PaymentMode mode) : LeasedPeriodicJob(services)
{
    private readonly IServiceProvider _services = services;

    protected override string Name => "dues-reconciliation";

    protected override TimeSpan Period => mode.Available ? TimeSpan.FromMinutes(options.Value.ReconcileEveryMinutes) : TimeSpan.Zero;

    protected override Task RunAsync(CancellationToken cancellationToken) =>
        _services.GetRequiredService<PaymentReconciliation>().ReconcileAsync(cancellationToken);
}
