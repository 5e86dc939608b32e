using System.Collections.Concurrent;
using System.Net;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Membership.Tests.ServiceDefaults;

/// <summary>
/// Races the code handles are no failures: two applications for one e-mail (one wins, the others are told EMAIL_TAKEN)
/// and one Stripe event delivered three times at once (applied once) write no Error entry and no stack trace, at the
/// levels configured for a deployment.
/// </summary>
public abstract class HandledRaceLogTests(ApiFixture api) : ApiTest(api)
{
    [SkippableFact]
    public async Task Handled_races_write_no_error_and_no_stack_trace()
    {
        var log = new LogEntries();
        await using var host = Api.CreateFactory(builder => builder.ConfigureLogging(logging => logging.AddProvider(log)));
        var data = new TestData(Api);
        var plan = await data.PlanAsync();

        var input = JoinRequests.Input(plan);
        var joins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => JoinRequests.JoinAsync(host, input)));
        Assert.All(joins, j => Assert.True(j.Status == HttpStatusCode.OK && !j.HasErrors, j.Text));
        Assert.Equal((1, 1), await JoinRequests.CountAsync(Api, input.email));

        var dues = new DuesDriver(host);
        var member = await data.MemberAsync(plan, termStart: data.Today.AddMonths(-6));
        var checkout = await dues.StartedAsync(plan, member);
        var completed = (await dues.Stripe.PayAsync(checkout.SessionId))[0];
        Assert.All(await dues.DeliverAtOnceAsync([completed, completed, completed]), code => Assert.Equal(HttpStatusCode.OK, code));
        await dues.AssertExtendedOnceAsync(member, checkout);

        Assert.NotEmpty(log.Entries);
        Assert.Empty(log.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.ToString()));
        Assert.Empty(log.Entries.Where(e => e.Exception is not null).Select(e => e.ToString()));
    }
}

public sealed class HandledRaceLogTestsOnSqlite(SqliteApi api) : HandledRaceLogTests(api), IClassFixture<SqliteApi>;

public sealed class HandledRaceLogTestsOnPostgreSql(PostgreSqlApi api) : HandledRaceLogTests(api), IClassFixture<PostgreSqlApi>;

/// <summary>Each entry an API instance logs past its configured filters: level, category, message and exception.</summary>
internal sealed class LogEntries : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    internal sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message} {Exception}";
    }

    private sealed class Logger(LogEntries entries, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
    }
}
