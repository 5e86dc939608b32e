using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace Membership.Identity.Oidc;

/// <summary>
/// Every token and authorization the OIDC server issues is a row; this job deletes those that expired or were revoked
/// more than two weeks ago, hourly. Deleting what is already gone is harmless; the lease only spares the other instances the work.
/// </summary>
internal sealed class TokenPruning(IServiceProvider services, IServiceScopeFactory scopes, TimeProvider clock) : LeasedPeriodicJob(services)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(14);

    protected override string Name => "token-pruning";

    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var threshold = clock.GetUtcNow() - KeepFor;
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        Logger.LogInformation("Pruned {Tokens} tokens and {Authorizations} authorizations older than {Threshold:u}.", tokens, authorizations, threshold);
    }
}
