using Membership.Payments;
using Membership.Payments.Sandbox;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

/// <summary>Completes when an API instance logs a message that starts with <paramref name="prefix"/>: how a test learns that a background job's run is over.</summary>
internal sealed class LogSignal(string prefix) : ILoggerProvider
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => _seen.Task;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSignal signal) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith(signal.Prefix, StringComparison.Ordinal))
            {
                signal._seen.TrySetResult();
            }
        }
    }

    private string Prefix => prefix;
}
