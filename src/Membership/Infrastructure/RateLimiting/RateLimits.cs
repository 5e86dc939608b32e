using System.Net;
using System.Net.Sockets;
using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Infrastructure.RateLimiting;

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

/// <summary>The counter row of one key in the current window of a rule, and when that window ends.</summary>
public readonly record struct RateLimitWindow(string Key, DateTimeOffset Start, DateTimeOffset End);

public sealed class RateLimits(IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar)
{
    private long _nextSweepTicks;

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

    /// <summary>The counter of <paramref name="key"/> in the window of <paramref name="rule"/> that holds the current time.</summary>
    public RateLimitWindow WindowOf(RateLimitRule rule, string key)
    {
        var now = calendar.Now();
        var counterKey = $"{rule.Name}:{key}";
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % rule.Window.Ticks), TimeSpan.Zero);
        return new(counterKey.Length > 200 ? counterKey[..200] : counterKey, start, start + rule.Window);
    }

    /// <summary>The decision for one more use when <paramref name="counted"/> uses are already counted in <paramref name="window"/>.</summary>
    public RateLimitDecision Peek(RateLimitRule rule, RateLimitWindow window, int counted) => new(counted < rule.Permits, window.End - calendar.Now());

    /// <summary>Whether one more use would be within the limit, without counting one.</summary>
    public async Task<RateLimitDecision> PeekAsync(RateLimitRule rule, string key, CancellationToken cancellationToken)
    {
        var window = WindowOf(rule, key);
        var (count, _) = await CountAsync(rule, key, cancellationToken);
        return Peek(rule, window, count);
    }

    /// <summary>The uses counted so far in the current window, and the time until the window ends.</summary>
    public async Task<(int Count, TimeSpan UntilWindowEnds)> CountAsync(RateLimitRule rule, string key, CancellationToken cancellationToken)
    {
        var window = WindowOf(rule, key);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var count = await db.RateLimitCounters.AsNoTracking()
            .Where(c => c.Key == window.Key && c.WindowStart == window.Start).Select(c => c.Count).SingleOrDefaultAsync(cancellationToken);
        return (count, window.End - calendar.Now());
    }

    /// <summary>Counts <paramref name="uses"/> (one by default) and says whether they are within the limit. Safe under concurrency on every provider.</summary>
    public async Task<RateLimitDecision> TryAcquireAsync(RateLimitRule rule, string key, CancellationToken cancellationToken, int uses = 1)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await TryAcquireAsync(db, rule, key, uses, cancellationToken);
    }

    /// <summary>As <see cref="TryAcquireAsync(RateLimitRule, string, CancellationToken, int)"/>, on a context (and its open connection) the caller already holds.</summary>
    public Task<RateLimitDecision> TryAcquireAsync(MembershipDbContext db, RateLimitRule rule, string key, int uses, CancellationToken cancellationToken) =>
        TryAcquireAsync(db, rule, WindowOf(rule, key), uses, cancellationToken);

    /// <summary>Counts <paramref name="uses"/> in a window read earlier (<see cref="WindowOf"/>), on the caller's context.</summary>
    public async Task<RateLimitDecision> TryAcquireAsync(MembershipDbContext db, RateLimitRule rule, RateLimitWindow window, int uses, CancellationToken cancellationToken)
    {
        var count = await AddAsync(db, window, uses, cancellationToken);
        return new RateLimitDecision(count <= rule.Permits, window.End - calendar.Now());
    }

    /// <summary>Adds <paramref name="uses"/> to the window's counter in one statement (an upsert that returns the new count: atomic on every provider).</summary>
    public async Task<int> AddAsync(MembershipDbContext db, RateLimitWindow window, int uses, CancellationToken cancellationToken)
    {
        var start = db.Model.FindEntityType(typeof(RateLimitCounter))!.FindProperty(nameof(RateLimitCounter.WindowStart))!.GetTypeMapping().Converter is { } converter
            ? converter.ConvertToProvider(window.Start) // SQLite keeps times as ticks
            : window.Start;
#pragma warning disable EF1002 // the statement is fixed text per provider; every value is a parameter
        var count = (await db.Database.SqlQueryRaw<int>(RateLimitSql.Upsert(db), window.Key, start!, uses).ToListAsync(cancellationToken))[0];
#pragma warning restore EF1002
        if (count == uses)
        {
            await SweepAsync(db, cancellationToken);
        }

        return count;
    }

    /// <summary>
    /// Drops windows of the day before when a new window starts, at most once a minute per instance: the table stays
    /// small without a job, and a burst of new keys costs no extra statements.
    /// </summary>
    private async Task SweepAsync(MembershipDbContext db, CancellationToken cancellationToken)
    {
        var now = calendar.Now();
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + TimeSpan.TicksPerMinute, due) != due)
        {
            return;
        }

        var stale = now.AddDays(-1);
        await db.RateLimitCounters.Where(c => c.WindowStart < stale).ExecuteDeleteAsync(cancellationToken);
    }
}
