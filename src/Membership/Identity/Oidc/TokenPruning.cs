using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace Membership.Identity.Oidc;

/// <summary>
/// Every token and authorization the OIDC server issues is a row; this job deletes those that expired or were revoked
/// more than two weeks ago, hourly. Deleting what is already gone is harmless, so every instance may run it at once.
/// </summary>
internal sealed class TokenPruning(IServiceProvider services, TimeProvider clock, ILogger<TokenPruning> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(14);

    /// <summary>One pass; returns how many tokens and authorizations went.</summary>
    public async Task<(long Tokens, long Authorizations)> PruneOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var threshold = clock.GetUtcNow() - KeepFor;
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        logger.LogInformation("Pruned {Tokens} tokens and {Authorizations} authorizations older than {Threshold:u}.", tokens, authorizations, threshold);
        return (tokens, authorizations);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            using var activity = ServiceDefaults.MembershipTelemetry.StartJob("token-pruning");
            try
            {
                await PruneOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Pruning tokens failed; the next run tries again.");
            }
        }
    }
}
