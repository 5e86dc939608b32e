using Membership.Data;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Infrastructure.Jobs;

/// <summary>The base of the background jobs: one run at a time across instances, the lease handed on after each run, a timer on the injected clock.</summary>
public abstract class LeasedPeriodicJobTests(ApiFixture api) : ApiTest(api)
{
    [SkippableFact]
    public async Task While_one_instance_runs_the_job_another_skips_it_and_runs_it_once_the_lease_is_released()
    {
        var name = JobName();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = Instance(clock);
        await using var second = Instance(clock);
        var running = new GatedJob(first, name);
        var waiting = new GatedJob(second, name);
        waiting.Gate.SetResult();

        var run = running.RunOnceAsync(CancellationToken.None);
        await running.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var skipped = await waiting.RunOnceAsync(CancellationToken.None);
        running.Gate.SetResult();

        Assert.True(await run);
        Assert.False(skipped);
        Assert.Equal(0, waiting.Runs);
        Assert.False(await LeaseExistsAsync(name));
        Assert.True(await waiting.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, waiting.Runs);
    }

    [SkippableFact]
    public async Task A_failed_run_reaches_the_caller_and_still_hands_the_lease_on()
    {
        var name = JobName();
        await using var services = Instance(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var failing = new GatedJob(services, name) { Failure = new InvalidOperationException("the run failed") };
        failing.Gate.SetResult();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.RunOnceAsync(CancellationToken.None));

        Assert.Equal("the run failed", thrown.Message);
        Assert.False(await LeaseExistsAsync(name));
    }

    [SkippableFact]
    public async Task A_lease_left_by_an_instance_that_died_keeps_the_job_from_running_until_it_runs_out()
    {
        var name = JobName();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            db.JobLeases.Add(new JobLease { Name = name, Holder = "an-instance-that-died", ExpiresAt = clock.GetUtcNow().AddMinutes(1) });
            await db.SaveChangesAsync();
        }

        await using var services = Instance(clock);
        var job = new GatedJob(services, name);
        job.Gate.SetResult();

        Assert.False(await job.RunOnceAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True(await job.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, job.Runs);
    }

    [SkippableFact]
    public async Task The_timer_runs_the_job_each_period_of_the_injected_clock_and_a_period_of_zero_runs_nothing()
    {
        var clock = new JobClock();
        await using var services = Instance(clock);
        using var timed = new GatedJob(services, JobName(), TimeSpan.FromMinutes(7));
        using var off = new GatedJob(services, JobName(), TimeSpan.Zero);
        timed.Gate.SetResult();

        await timed.StartAsync(CancellationToken.None);
        await off.StartAsync(CancellationToken.None);
        await clock.ArmedAsync(TimeSpan.FromMinutes(7));
        Assert.Equal(0, timed.Runs);
        clock.Advance(TimeSpan.FromMinutes(7));
        await timed.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await timed.StopAsync(CancellationToken.None);

        // .NET 10's BackgroundService runs ExecuteAsync on the thread pool: the job with no period ends soon after it starts, not within StartAsync.
        await off.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, timed.Runs);
        Assert.True(off.ExecuteTask.IsCompletedSuccessfully);
        Assert.Equal(0, off.Runs);
    }

    private static string JobName() => $"test-{Guid.NewGuid():N}";

    /// <summary>What the base takes from an instance's services: this fixture's database, a clock the test moves, logging.</summary>
    private ServiceProvider Instance(TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Api.Db);
        services.AddSingleton(clock);
        services.AddSingleton(Options.Create(new AssociationOptions()));
        services.AddSingleton<AssociationCalendar>();
        services.AddLogging();
        return services.BuildServiceProvider();
    }

    private async Task<bool> LeaseExistsAsync(string name)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.JobLeases.AnyAsync(l => l.Name == name);
    }

    /// <summary>A job whose run says when it started and waits for the test to open <see cref="Gate"/>.</summary>
    private sealed class GatedJob(IServiceProvider services, string name, TimeSpan? period = null) : LeasedPeriodicJob(services)
    {
        private int _runs;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Failure { get; init; }

        public int Runs => Volatile.Read(ref _runs);

        protected override string Name => name;

        protected override TimeSpan Period => period ?? TimeSpan.Zero;

        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            Entered.TrySetResult();
            await Gate.Task.WaitAsync(cancellationToken);
            if (Failure is not null)
            {
                throw Failure;
            }
        }
    }
}

public sealed class LeasedPeriodicJobTestsOnSqlite(SqliteApi api) : LeasedPeriodicJobTests(api), IClassFixture<SqliteApi>;

public sealed class LeasedPeriodicJobTestsOnPostgreSql(PostgreSqlApi api) : LeasedPeriodicJobTests(api), IClassFixture<PostgreSqlApi>;
