using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Infrastructure;

/// <summary>Fake clocks for API instances: time moves only when a test moves it.</summary>
internal static class TestClock
{
    /// <summary>
    /// A fake clock a few seconds into the next window of a fixed-window limit (the next minute, the next hour): a test
    /// that counts uses never straddles a window's end, and moving the clock by <paramref name="window"/> opens the next.
    /// </summary>
    public static FakeTimeProvider StartOfNextWindow(TimeSpan window)
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero) + window + TimeSpan.FromSeconds(5));
    }

    /// <summary>The instance reads time (and runs its timers) on <paramref name="clock"/>.</summary>
    public static IWebHostBuilder UseClock(this IWebHostBuilder builder, TimeProvider clock) =>
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
}

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when a timer of a given period is armed. A background job creates its
/// timer on a thread of its own once the host has started; moving the clock before that would move it past nothing.
/// </summary>
internal sealed class JobClock(DateTimeOffset start) : TimeProvider
{
    private readonly ConcurrentDictionary<TimeSpan, TaskCompletionSource> _armed = new();

    public FakeTimeProvider Fake { get; } = new(start);

    public JobClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    /// <summary>Completes once a timer is armed to fire after <paramref name="period"/>, or at once if one already was.</summary>
    public Task ArmedAsync(TimeSpan period) => Signal(period).Task.WaitAsync(TimeSpan.FromSeconds(60));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Armed(Fake.CreateTimer(callback, state, dueTime, period), this);
        timer.Noticed(dueTime);
        return timer;
    }

    private TaskCompletionSource Signal(TimeSpan period) => _armed.GetOrAdd(period, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The fake's timer, reporting each time it is armed (PeriodicTimer may arm it after creating it).</summary>
    private sealed class Armed(ITimer inner, JobClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            Noticed(dueTime);
            return changed;
        }

        public void Noticed(TimeSpan dueTime)
        {
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                clock.Signal(dueTime).TrySetResult();
            }
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
