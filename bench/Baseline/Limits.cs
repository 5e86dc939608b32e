using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace Baseline;

/// <summary>The counter row of one key in one fixed window of a limit (the API's RateLimitWindow), and when the window ends.</summary>
internal readonly record struct Window(string Key, DateTime Start, DateTime End)
{
    public static Window Of(string rule, string key, TimeSpan length, DateTime now)
    {
        var counterKey = $"{rule}:{key}";
        var start = new DateTime(now.Ticks - (now.Ticks % length.Ticks), DateTimeKind.Utc);
        return new(counterKey.Length > 200 ? counterKey[..200] : counterKey, start, start + length);
    }

    /// <summary>What the API's Retry-After says: the whole seconds left in the window.</summary>
    public int RetryAfterSeconds(DateTime now) => (int)Math.Ceiling((End - now).TotalSeconds);
}

/// <summary>
/// The API's rate limits with the API's statements (RateLimits and RateLimitBlocks): counters in the database, a hot
/// key's permits taken a block at a time (a sixteenth of the limit, at most 100) and handed out from memory, and the
/// sweep of the day before's windows when a new window's row is made, at most once a minute. The permits are the API's
/// <c>Verification</c> settings, with the API's defaults (the benchmark gives both sides the same values).
/// </summary>
internal sealed class Limits(IConfiguration configuration)
{
    private const int BlocksPerLimit = 16;
    private const int MaxBlock = 100;

    private readonly ConcurrentDictionary<Window, Block> _blocks = new();
    private long _nextSweepTicks;
    private long _nextForgetTicks;

    public int LookupsPerMinute { get; } = configuration.GetValue("Verification:LookupsPerMinute", 30);

    public int PartnerBatchesPerMinute { get; } = configuration.GetValue("Verification:PartnerBatchesPerMinute", 60);

    public int PartnerMissesPerHour { get; } = configuration.GetValue("Verification:PartnerMissesPerHour", 50);

    public int FailedLookupsPerNumberPerHour { get; } = configuration.GetValue("Verification:FailedLookupsPerNumberPerHour", 20);

    /// <summary>RateLimits.AddressKey: an IPv4 address as it is, an IPv6 address by its /64, a mapped IPv4 address as IPv4.</summary>
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

    /// <summary>One use of a per-minute limit on a hot key; the database is asked only when this process's block is used up.</summary>
    public async Task<(bool Allowed, Window Window)> TryAcquireBlockAsync(NpgsqlConnection connection, string rule, int permits, string key, DateTime now)
    {
        var window = Window.Of(rule, key, TimeSpan.FromMinutes(1), now);
        var block = _blocks.GetOrAdd(window, static _ => new Block());
        var taken = block.TryTake() || (!block.Exhausted && await RefillAndTakeAsync(connection, permits, window, block, now));
        return (taken, window);
    }

    /// <summary>Adds <paramref name="uses"/> to the window's counter in one statement and returns the new count.</summary>
    public async Task<int> AddAsync(NpgsqlConnection connection, Window window, int uses, DateTime now)
    {
        var count = await connection.ExecuteScalarAsync<int>(Sql.CounterUpsert, new { p0 = window.Key, p1 = window.Start, p2 = uses });
        if (count == uses)
        {
            await SweepAsync(connection, now);
        }

        return count;
    }

    /// <summary>The uses counted so far in the window (RateLimits.CountAsync).</summary>
    public static async Task<int> CountAsync(NpgsqlConnection connection, Window window) =>
        await connection.ExecuteScalarAsync<int?>(Sql.CounterRead, new { p1 = window.Key, p2 = window.Start }) ?? 0;

    private async Task<bool> RefillAndTakeAsync(NpgsqlConnection connection, int permits, Window window, Block block, DateTime now)
    {
        await block.Refilling.WaitAsync();
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

            var size = Math.Clamp(permits / BlocksPerLimit, 1, MaxBlock);
            var count = await AddAsync(connection, window, size, now);
            block.Add(Math.Clamp(permits - (count - size), 0, size), exhausted: count >= permits);
            return block.TryTake();
        }
        finally
        {
            block.Refilling.Release();
            ForgetEndedWindows(now);
        }
    }

    private async Task SweepAsync(NpgsqlConnection connection, DateTime now)
    {
        if (Due(ref _nextSweepTicks, now))
        {
            await connection.ExecuteAsync(Sql.CounterPrune, new { p1 = now.AddDays(-1) });
        }
    }

    private void ForgetEndedWindows(DateTime now)
    {
        if (Due(ref _nextForgetTicks, now))
        {
            foreach (var window in _blocks.Keys.Where(w => w.End <= now))
            {
                _blocks.TryRemove(window, out _);
            }
        }
    }

    /// <summary>True at most once a minute across threads.</summary>
    private static bool Due(ref long next, DateTime now)
    {
        var due = Interlocked.Read(ref next);
        return now.Ticks >= due && Interlocked.CompareExchange(ref next, now.Ticks + TimeSpan.TicksPerMinute, due) == due;
    }

    private sealed class Block
    {
        private int _left;
        private volatile bool _exhausted;

        public SemaphoreSlim Refilling { get; } = new(1, 1);

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
