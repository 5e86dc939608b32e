using Membership.Dues.Sandbox;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Dues.Payments;

/// <summary>A clock stopped at a chosen instant, for payments that must fall on a given day of the year.</summary>
internal sealed class ShiftedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    /// <summary>
    /// Another instance of the fixture's API, on its database, whose clock reads <paramref name="now"/>; it talks to
    /// <paramref name="stripe"/> when given, else to a fake Stripe of its own on the same clock.
    /// </summary>
    public static WebApplicationFactory<Program> Host(ApiFixture api, DateTimeOffset now, StripeSandbox? stripe = null) =>
        api.CreateFactory(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(new ShiftedClock(now));
            if (stripe is not null)
            {
                services.AddSingleton(stripe);
            }
        }));
}

/// <summary>The real time, with timers that fire 600 times sooner: a job due every minute runs every 100 ms.</summary>
internal sealed class FastTimers : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private static TimeSpan Scale(TimeSpan span) => span <= TimeSpan.Zero || span == Timeout.InfiniteTimeSpan ? span : span / 600;
}
