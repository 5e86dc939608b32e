using Membership.Data;
using Membership.Identity.Oidc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Membership.ServiceDefaults;

/// <summary>
/// <c>/health/live</c> (and its alias <c>/health</c>): the process answers. <c>/health/ready</c>: the database answers
/// within a second with no migration pending, and the token signing keys are loaded. Both answer only the status
/// (Healthy or Unhealthy; 503 when unhealthy), never which check failed or why.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string AliasPath = "/health";
    private const string Ready = "ready";
    private const string Database = "database";

    public static IServiceCollection AddMembershipHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<MembershipDbContext>(Database, HealthStatus.Unhealthy, [Ready], DatabaseIsCurrentAsync)
            .AddCheck<SigningKeysCheck>("signing-keys", HealthStatus.Unhealthy, [Ready]);
        // A database that takes longer than a second is not ready: the load balancer should try another instance.
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations.Where(r => r.Name == Database))
            {
                registration.Timeout = TimeSpan.FromSeconds(1);
            }
        });
        return services;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false };
        app.MapHealthChecks(LivePath, live);
        app.MapHealthChecks(AliasPath, live);
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(Ready) });
        return app;
    }

    /// <summary>One round trip that proves the connection and compares the applied migrations with the ones this build has.</summary>
    private static async Task<bool> DatabaseIsCurrentAsync(MembershipDbContext db, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return !(await db.Database.GetPendingMigrationsAsync(ct)).Any();
            }
            catch (Exception e) when (DatabaseOutage.IsOutage(e) && attempt == 1)
            {
                // The failure cleared a pool of connections that died in a restart: once more, on a fresh one.
            }
            catch (Exception e) when (DatabaseOutage.IsOutage(e))
            {
                return false; // unhealthy, without a stack in the log at every probe
            }
        }
    }

    /// <summary>The OIDC server's signing keys load (from the configured files): without them no token can be issued.</summary>
    private sealed class SigningKeysCheck(IOptions<OidcOptions> oidc, IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!string.IsNullOrWhiteSpace(oidc.Value.Authority))
            {
                return Task.FromResult(HealthCheckResult.Healthy()); // an external issuer signs; this host only validates
            }

            var server = services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value;
            return Task.FromResult(server.SigningCredentials.Count > 0 ? HealthCheckResult.Healthy() : new HealthCheckResult(context.Registration.FailureStatus));
        }
    }
}
