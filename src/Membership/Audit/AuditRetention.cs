using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Days an entry is kept; older ones are purged. 0 keeps entries for ever.</summary>
    public int RetentionDays { get; set; } = 730;

    /// <summary>How often the purge job runs; 0 or less turns its timer off.</summary>
    public int PurgeEveryMinutes { get; set; } = 60;

    /// <summary>Entries deleted per statement, so a first purge of a large table does not hold long locks.</summary>
    public int PurgeBatchSize { get; set; } = 1000;
}

/// <summary>
/// Deletes entries older than <see cref="AuditOptions.RetentionDays"/>, oldest first, in batches, until none is left.
/// The only code that deletes entries; safe to run on two instances at once (each batch deletes what is still there).
/// </summary>
public sealed class AuditRetention(IDbContextFactory<MembershipDbContext> factory, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditRetention> logger)
{
    /// <summary>Deletes what is past retention now; returns how many entries.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var (days, batch) = (options.Value.RetentionDays, Math.Max(options.Value.PurgeBatchSize, 1));
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow().AddDays(-days);
        var total = 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        while (true)
        {
            var ids = await db.AuditEntries.Where(e => e.At < cutoff).OrderBy(e => e.At).Select(e => e.Id).Take(batch).ToListAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }

            // Objects first: their rows go with the entry whatever the provider's foreign-key enforcement.
            await db.AuditObjects.Where(o => ids.Contains(o.EntryId)).ExecuteDeleteAsync(ct);
            total += await db.AuditEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
        }

        if (total > 0)
        {
            logger.LogInformation("Purged {Count} audit entries from before {Cutoff:u}", total, cutoff);
        }

        return total;
    }
}

internal sealed class AuditPurgeJob(IServiceProvider services, AuditRetention retention, IOptions<AuditOptions> options) : LeasedPeriodicJob(services)
{
    protected override string Name => "audit-purge";

    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.PurgeEveryMinutes);

    protected override async Task RunAsync(CancellationToken cancellationToken) => await retention.PurgeAsync(cancellationToken);
}

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<AuditRetention>();
        services.AddLeasedJob<AuditPurgeJob>();
        services.AddRootFields(query: query => query.AddAuditQueries());
        return services;
    }
}
