using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Data;

/// <summary>
/// One fixed window of a rate limit (e.g. joins from one address in one hour). Kept in the database, not in memory,
/// so a limit holds across every API instance behind the load balancer.
/// </summary>
public sealed class RateLimitCounter
{
    public required string Key { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
}

internal sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<RateLimitCounter> builder)
    {
        builder.HasKey(c => new { c.Key, c.WindowStart });
        builder.Property(c => c.Key).HasMaxLength(200);
        builder.HasIndex(c => c.WindowStart);
    }
}

/// <summary>A named limit: at most <see cref="Permits"/> uses per <see cref="Window"/> and key.</summary>
public sealed record RateLimitRule(string Name, int Permits, TimeSpan Window);

public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

public sealed class RateLimits(IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar)
{
    /// <summary>
    /// The key of a caller's address: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber's network,
    /// whose host half they choose freely), an IPv4-mapped IPv6 address as the IPv4 address.
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>Whether one more use would be within the limit, without counting one.</summary>
    public async Task<RateLimitDecision> PeekAsync(RateLimitRule rule, string key, CancellationToken cancellationToken)
    {
        var (count, retryAfter) = await CountAsync(rule, key, cancellationToken);
        return new RateLimitDecision(count < rule.Permits, retryAfter);
    }

    /// <summary>The uses counted so far in the current window, and the time until the window ends.</summary>
    public async Task<(int Count, TimeSpan UntilWindowEnds)> CountAsync(RateLimitRule rule, string key, CancellationToken cancellationToken)
    {
        var now = calendar.Now();
        var (counterKey, windowStart) = Window(rule, key, now);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var count = await db.RateLimitCounters.AsNoTracking()
            .Where(c => c.Key == counterKey && c.WindowStart == windowStart).Select(c => c.Count).SingleOrDefaultAsync(cancellationToken);
        return (count, windowStart + rule.Window - now);
    }

    private static (string Key, DateTimeOffset WindowStart) Window(RateLimitRule rule, string key, DateTimeOffset now)
    {
        var windowTicks = rule.Window.Ticks;
        var counterKey = $"{rule.Name}:{key}";
        return (counterKey.Length > 200 ? counterKey[..200] : counterKey, new DateTimeOffset(now.UtcTicks - (now.UtcTicks % windowTicks), TimeSpan.Zero));
    }

    /// <summary>Counts <paramref name="uses"/> (one by default) and says whether they are within the limit. Safe under concurrency on every provider.</summary>
    public async Task<RateLimitDecision> TryAcquireAsync(RateLimitRule rule, string key, CancellationToken cancellationToken, int uses = 1)
    {
        var now = calendar.Now();
        var (counterKey, windowStart) = Window(rule, key, now);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            // An atomic increment of the window's row; the first use of a window inserts it (a lost insert race retries the update).
            var updated = await db.RateLimitCounters
                .Where(c => c.Key == counterKey && c.WindowStart == windowStart)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + uses), cancellationToken);
            if (updated == 0)
            {
                try
                {
                    db.RateLimitCounters.Add(new RateLimitCounter { Key = counterKey, WindowStart = windowStart, Count = uses });
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();

                    // A new window is a good moment to drop windows of the day before: the table stays small without a job.
                    var stale = now.AddDays(-1);
                    await db.RateLimitCounters.Where(c => c.WindowStart < stale).ExecuteDeleteAsync(cancellationToken);
                }
                catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < 3)
                {
                    db.ChangeTracker.Clear();
                    continue;
                }
            }

            var count = await db.RateLimitCounters.AsNoTracking()
                .Where(c => c.Key == counterKey && c.WindowStart == windowStart).Select(c => c.Count).SingleAsync(cancellationToken);
            return new RateLimitDecision(count <= rule.Permits, windowStart + rule.Window - now);
        }
    }
}
