using System.Collections.Concurrent;
using Membership.Data;
using Microsoft.EntityFrameworkCore;

namespace Membership.Infrastructure.RateLimiting;

/// <summary>
/// A limit on a key that may be hot (a partner system verifying in bursts from one address): each instance takes
/// permits from the key's database counter a block at a time and hands them out from memory, so the shared row is
/// written once per block, not once per request. The database stays the truth: the blocks of all instances never add
/// up to more than the limit. The price: permits an instance took but did not use are lost to the others until the
/// window ends, at most one block (a sixteenth of the limit, at most 100) per instance.
/// </summary>
public sealed class RateLimitBlocks(IDbContextFactory<MembershipDbContext> factory, RateLimits limits, AssociationCalendar calendar)
{
    private const int BlocksPerLimit = 16;
    private const int MaxBlock = 100;

    private readonly ConcurrentDictionary<RateLimitWindow, Block> _blocks = new();
    private long _nextForgetTicks;

    /// <summary>Permits taken from the database at once for <paramref name="rule"/>.</summary>
    public static int BlockSize(RateLimitRule rule) => Math.Clamp(rule.Permits / BlocksPerLimit, 1, MaxBlock);

    /// <summary>Takes one use; asks the database only when this instance's block of the window is used up.</summary>
    public async Task<RateLimitDecision> TryAcquireAsync(RateLimitRule rule, string key, CancellationToken cancellationToken)
    {
        var window = limits.WindowOf(rule, key);
        var block = _blocks.GetOrAdd(window, static _ => new Block());
        var taken = block.TryTake() || (!block.Exhausted && await RefillAndTakeAsync(rule, window, block, cancellationToken));
        return new RateLimitDecision(taken, window.End - calendar.Now());
    }

    /// <summary>One request at a time per key refills; the others wait and take from what it brought.</summary>
    private async Task<bool> RefillAndTakeAsync(RateLimitRule rule, RateLimitWindow window, Block block, CancellationToken cancellationToken)
    {
        await block.Refilling.WaitAsync(cancellationToken);
        try
        {
            if (block.TryTake())
            {
                return true;
            }

            if (block.Exhausted)
            {
                return false;
            }

            var size = BlockSize(rule);
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var count = await limits.AddAsync(db, window, size, cancellationToken);
            var granted = Math.Clamp(rule.Permits - (count - size), 0, size); // what was left of the limit before this block
            block.Add(granted, exhausted: count >= rule.Permits);
            return block.TryTake();
        }
        finally
        {
            block.Refilling.Release();
            ForgetEndedWindows();
        }
    }

    private void ForgetEndedWindows()
    {
        var now = calendar.Now();
        var due = Interlocked.Read(ref _nextForgetTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextForgetTicks, now.UtcTicks + TimeSpan.TicksPerMinute, due) != due)
        {
            return;
        }

        foreach (var window in _blocks.Keys.Where(w => w.End <= now))
        {
            _blocks.TryRemove(window, out _);
        }
    }

    /// <summary>The permits this instance holds in one window of one key.</summary>
    private sealed class Block
    {
        private int _left;
        private volatile bool _exhausted;

        public SemaphoreSlim Refilling { get; } = new(1, 1);

        /// <summary>The database said the window's limit is spent: refuse without asking again until the window ends.</summary>
        public bool Exhausted => _exhausted && Volatile.Read(ref _left) <= 0;

        public bool TryTake()
        {
            for (var left = Volatile.Read(ref _left); left > 0; left = Volatile.Read(ref _left))
            {
                if (Interlocked.CompareExchange(ref _left, left - 1, left) == left)
                {
                    return true;
                }
            }

            return false;
        }

        public void Add(int permits, bool exhausted)
        {
            Interlocked.Add(ref _left, permits);
            _exhausted = exhausted;
        }
    }
}
