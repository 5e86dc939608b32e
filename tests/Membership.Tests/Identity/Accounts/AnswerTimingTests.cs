using System.Collections.Concurrent;
using System.Net;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// The anonymous account forms must not tell by their work or their time whether an address has an account: a wrong
/// password costs the database the same commands for any address, and joining and the forgotten-password form answer
/// no sooner than the configured minimum, on the injected clock.
/// </summary>
public abstract class AnswerTimingTests(OidcApi api) : OidcTest(api)
{
    private const string WrongPassword = "Not-The-Password-1!";
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(2345);

    [SkippableFact]
    public async Task A_wrong_password_sends_the_same_sql_commands_whether_or_not_an_account_has_the_address()
    {
        var log = new CommandLog(AccountForms.Login);
        await using var instance = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(log)));
        var known = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        await LoginCommandsAsync(instance, log, JoinRequests.NewEmail()); // the instance's first post also loads what it caches

        var unknownCommands = await LoginCommandsAsync(instance, log, JoinRequests.NewEmail());
        var knownCommands = await LoginCommandsAsync(instance, log, known);

        Assert.Contains("UPDATE", knownCommands); // the count towards the lockout
        Assert.True(knownCommands.SequenceEqual(unknownCommands), $"known: {string.Join(' ', knownCommands)}; unknown: {string.Join(' ', unknownCommands)}");
    }

    [SkippableFact]
    public async Task Forgot_password_answers_after_the_same_minimum_time_for_a_known_and_an_unknown_address()
    {
        var clock = new TimerWatchingClock();
        await using var instance = PaddedInstance(clock);
        var known = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;

        foreach (var email in new[] { known, JoinRequests.NewEmail() })
        {
            using var browser = Browser(instance);
            var answer = await AnsweredOnlyAfterTheMinimumAsync(clock, AccountForms.ForgotPasswordAsync(browser, email));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.Single(await Api.MailsToAsync(known));
    }

    [SkippableFact]
    public async Task Joining_answers_after_the_same_minimum_time_for_a_new_address_and_one_in_use()
    {
        var clock = new TimerWatchingClock();
        await using var instance = PaddedInstance(clock);
        var plan = await new TestData(Api).PlanAsync();
        var first = JoinRequests.Input(plan);

        foreach (var input in new[] { first, JoinRequests.Input(plan, first.email) })
        {
            var answer = await AnsweredOnlyAfterTheMinimumAsync(clock, JoinRequests.JoinAsync(instance, input));
            JoinRequests.Succeeded(answer);
        }

        Assert.Equal((1, 1), await JoinRequests.CountAsync(Api, first.email));
    }

    /// <summary>The answer waits on a timer of exactly the minimum (the fake clock stands still meanwhile), and comes once the clock passes it.</summary>
    private static async Task<T> AnsweredOnlyAfterTheMinimumAsync<T>(TimerWatchingClock clock, Task<T> answering)
    {
        await clock.TimerOfAsync(Minimum).WaitAsync(TimeSpan.FromSeconds(60)); // a guard against a hang, not a wait for time to pass
        Assert.False(answering.IsCompleted);
        clock.Advance(Minimum);
        return await answering;
    }

    private WebApplicationFactory<Program> PaddedInstance(TimeProvider clock) => Api.CreateFactory(b =>
    {
        b.UseSetting("Oidc:MinimumAnonymousAnswerTime", Minimum.ToString());
        b.ConfigureTestServices(s => s.AddSingleton(clock));
    });

    private static HttpClient Browser(WebApplicationFactory<Program> instance)
    {
        var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", JoinRequests.NewAddress());
        return browser;
    }

    /// <summary>The SQL command kinds of one wrong-password post, from an address of its own (the same rate-limit work each time).</summary>
    private static async Task<IReadOnlyList<string>> LoginCommandsAsync(WebApplicationFactory<Program> instance, CommandLog log, string email)
    {
        using var browser = Browser(instance);
        var form = OidcApi.HiddenFields(await browser.GetStringAsync(AccountForms.Login));
        form["email"] = email;
        form["password"] = WrongPassword;
        log.Clear();
        using var response = await browser.PostAsync(AccountForms.Login, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return log.Kinds;
    }

    /// <summary>A fake clock that tells when something starts a timer of a given due time.</summary>
    private sealed class TimerWatchingClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
    {
        private readonly ConcurrentDictionary<TimeSpan, TaskCompletionSource> _timers = new();

        public async Task TimerOfAsync(TimeSpan due)
        {
            await Watch(due).Task;
            _timers.TryRemove(due, out _); // the next request waits for a timer of its own
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Watch(dueTime).TrySetResult();
            return timer;
        }

        private TaskCompletionSource Watch(TimeSpan due) => _timers.GetOrAdd(due, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}

public sealed class AnswerTimingTestsOnSqlite(OidcApi api) : AnswerTimingTests(api), IClassFixture<OidcApi>;

public sealed class AnswerTimingTestsOnPostgreSql(OidcApiOnPostgreSql api) : AnswerTimingTests(api), IClassFixture<OidcApiOnPostgreSql>;
