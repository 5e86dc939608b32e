using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Infrastructure.Mail;

/// <summary>
/// Deletes outbox rows sent or given up more than <see cref="MailOptions.RetentionDays"/> ago, so the table (recipients,
/// subjects, bodies) does not grow for ever. Run by the outbox job at most hourly per instance; any instance may run it,
/// and running it twice deletes nothing more.
/// </summary>
public sealed class MailRetention(IDbContextFactory<MembershipDbContext> factory, TimeProvider clock, IOptions<MailOptions> options, ILogger<MailRetention> logger)
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private DateTimeOffset _nextRun = DateTimeOffset.MinValue;

    public async Task PruneIfDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < _nextRun)
        {
            return;
        }

        _nextRun = now + Every;
        await PruneAsync(ct);
    }

    /// <summary>Deletes what is past retention now; returns how many rows. Tests call this to run it once.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var days = options.Value.RetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow().AddDays(-days);
        await using var db = await factory.CreateDbContextAsync(ct);
        var deleted = await db.MailOutbox.Where(m => (m.SentAt != null && m.SentAt < cutoff) || (m.GaveUpAt != null && m.GaveUpAt < cutoff)).ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} outbox messages sent or given up before {Cutoff:u}", deleted, cutoff);
        }

        return deleted;
    }
}
