using System.Text.Json;
using Membership.Data;
using Membership.Dues.Payments;
using Membership.Members;
using Membership.Payments;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Membership.Tests.Payments.Reconciliation;

/// <summary>
/// reconcilePayments and the job behind it: what Stripe knows and we missed is applied once, however many
/// reconciliations and late webhooks meet it. (Each reconciliation sees every event of this class's fake Stripe.)
/// </summary>
public abstract class ReconciliationTests(ApiFixture api) : PaymentTest(api)
{
    private const string ReconcileDocument = "mutation { reconcilePayments { eventsApplied checkoutsUpdated failed } }";

    [SkippableFact]
    public async Task A_paid_checkout_whose_webhook_never_came_is_applied_once_and_the_late_webhook_changes_nothing()
    {
        var (member, checkout) = await CheckoutAsync();
        var events = await Dues.Stripe.PayAsync(checkout.SessionId);

        var result = await Client.DataAsync(ReconcileDocument, identity: TestIdentity.Staff);

        Assert.True(result.At("reconcilePayments.eventsApplied").GetInt32() + result.At("reconcilePayments.checkoutsUpdated").GetInt32() >= 1);
        await Dues.AssertExtendedOnceAsync(member, checkout);
        await Client.DataAsync(ReconcileDocument, identity: TestIdentity.Staff);
        await Dues.DeliverAsync(events);
        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    [SkippableFact]
    public async Task Two_reconciliations_at_once_extend_once()
    {
        var (member, checkout) = await CheckoutAsync();
        await Dues.Stripe.PayAsync(checkout.SessionId);

        await Task.WhenAll(Client.DataAsync(ReconcileDocument, identity: TestIdentity.Staff), Client.DataAsync(ReconcileDocument, identity: TestIdentity.Staff));

        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    [SkippableFact]
    public async Task A_checkout_that_expired_unseen_is_marked_expired()
    {
        var (member, checkout) = await CheckoutAsync();
        await Dues.Stripe.ExpireAsync(checkout.SessionId);

        await Client.DataAsync(ReconcileDocument, identity: TestIdentity.Staff);

        Assert.Equal(DuesPaymentStatus.Expired, (await Dues.PaymentAsync(checkout.Id)).Status);
        Assert.Single(await Dues.TermsAsync(member));
    }

    [SkippableFact]
    public async Task A_renewal_whose_webhook_never_came_is_applied_once()
    {
        var (member, checkout) = await CheckoutAsync(autoRenew: true);
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(checkout.SessionId));
        var renewal = await Dues.Stripe.RenewAsync((await Dues.PaymentAsync(checkout.Id)).StripeSubscriptionId!, paid: true);

        await Client.DataAsync(ReconcileDocument, identity: TestIdentity.Staff);
        await Dues.DeliverAsync(renewal);

        Assert.Equal(3, (await Dues.TermsAsync(member)).Count);
        Assert.Single(await Dues.PaymentsOfAsync(member), p => p.Kind == DuesPaymentKind.Renewal && p.Status == DuesPaymentStatus.Succeeded);
    }

    [SkippableFact]
    public async Task The_job_applies_a_lost_webhook_once_while_two_instances_run_it()
    {
        var (member, checkout) = await CheckoutAsync();
        await Dues.Stripe.PayAsync(checkout.SessionId);
        await FreeTheLeaseAsync();

        await using (var first = JobHost(new JobClock()))
        await using (var second = JobHost(new JobClock()))
        {
            ReconciliationJob[] jobs = [Job(first), Job(second)];
            var ran = await Task.WhenAll(jobs.Select(j => j.RunOnceAsync(CancellationToken.None)));
            var again = await Task.WhenAll(jobs.Select(j => j.RunOnceAsync(CancellationToken.None)));

            // Runs that overlap are kept apart by the lease; runs after each other both reconcile, and apply the event once.
            Assert.Contains(true, ran);
            Assert.Contains(true, again);
            await using var db = await Api.Db.CreateDbContextAsync();
            Assert.False(await db.JobLeases.AnyAsync(l => l.Name == LeaseName), "A finished run hands its lease on.");
        }

        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    [SkippableFact]
    public async Task The_job_runs_on_its_timer_without_being_asked()
    {
        var (member, checkout) = await CheckoutAsync();
        await Dues.Stripe.PayAsync(checkout.SessionId);
        await FreeTheLeaseAsync();
        var clock = new JobClock();
        var runs = new LogSignal("Reconciliation applied");
        await using var host = JobHost(clock, runs, timer: true);
        _ = host.Server;

        await clock.ArmedAsync(TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(1));
        await runs.Seen.WaitAsync(TimeSpan.FromSeconds(60));

        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    [SkippableFact]
    public async Task A_checkout_Stripe_refuses_is_skipped_and_counted_the_others_apply_and_the_next_run_applies_it()
    {
        var (refusedMember, refused) = await CheckoutAsync();
        var (member, checkout) = await CheckoutAsync();
        await Dues.Stripe.PayAsync(refused.SessionId);
        await Dues.Stripe.PayAsync(checkout.SessionId);

        JsonElement first;
        using (Failures.Fail("GET", $"/v1/checkout/sessions/{refused.SessionId}"))
        {
            first = await Client.DataAsync(ReconcileDocument, identity: TestIdentity.Staff);
        }

        Assert.True(first.At("reconcilePayments.failed").GetInt32() >= 1, first.GetRawText());
        await Dues.AssertExtendedOnceAsync(member, checkout);
        Assert.Equal(DuesPaymentStatus.Pending, (await Dues.PaymentAsync(refused.Id)).Status);
        Assert.Single(await Dues.TermsAsync(refusedMember));

        var second = await Client.DataAsync(ReconcileDocument, identity: TestIdentity.Staff);

        Assert.Equal(0, second.At("reconcilePayments.failed").GetInt32());
        await Dues.AssertExtendedOnceAsync(refusedMember, refused);
        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    [SkippableFact]
    public async Task When_Stripe_refuses_the_event_list_pending_checkouts_are_still_reconciled()
    {
        var (member, checkout) = await CheckoutAsync();
        await Dues.Stripe.PayAsync(checkout.SessionId);

        JsonElement result;
        using (Failures.Fail("GET", "/v1/events"))
        {
            result = await Client.DataAsync(ReconcileDocument, identity: TestIdentity.Staff);
        }

        Assert.Equal((0, 1), (result.At("reconcilePayments.eventsApplied").GetInt32(), result.At("reconcilePayments.failed").GetInt32()));
        Assert.True(result.At("reconcilePayments.checkoutsUpdated").GetInt32() >= 1);
        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    [SkippableFact]
    public async Task The_job_does_not_run_while_another_instance_holds_the_lease_and_runs_once_it_expires()
    {
        var clock = new JobClock();
        await FreeTheLeaseAsync();
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            db.JobLeases.Add(new JobLease { Name = LeaseName, Holder = "another-instance", ExpiresAt = clock.GetUtcNow().AddHours(1) });
            await db.SaveChangesAsync();
        }

        var before = Dues.Sent("GET", "/v1/events").Count;
        await using var host = JobHost(clock);
        var job = Job(host);

        Assert.False(await job.RunOnceAsync(CancellationToken.None));
        Assert.Equal(before, Dues.Sent("GET", "/v1/events").Count);

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.True(await job.RunOnceAsync(CancellationToken.None));
        Assert.True(Dues.Sent("GET", "/v1/events").Count > before, "The job did not reconcile after the lease expired.");
        await using (var check = await Api.Db.CreateDbContextAsync())
        {
            // The expired lease was taken over, and handed on when the run ended.
            Assert.False(await check.JobLeases.AnyAsync(l => l.Name == LeaseName));
        }
    }

    [SkippableFact]
    public async Task Only_staff_reconcile()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());

        var lists = Dues.Sent("GET", "/v1/events").Count;

        var result = await Client.PostAsync(ReconcileDocument, identity: TestIdentity.Member(member.Id));

        Assert.Contains("FORBIDDEN", result.ErrorCodes);
        Assert.True(!result.HasData || result.Data.GetProperty("reconcilePayments").ValueKind == JsonValueKind.Null, result.Text);
        Assert.Equal(lists, Dues.Sent("GET", "/v1/events").Count);
    }

    private const string LeaseName = "dues-reconciliation";

    private StripeFailures Failures => Api.Services.GetRequiredService<StripeFailures>();

    /// <summary>A member six months into a year's term, with an open checkout for the next.</summary>
    private async Task<(Member Member, Checkout Checkout)> CheckoutAsync(bool autoRenew = false)
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6));
        return (member, await Dues.StartedAsync(plan, member, autoRenew));
    }

    /// <summary>
    /// Another instance on the same database and the same fake Stripe, with the reconciliation job on <paramref name="clock"/>
    /// (which the test moves); its timer (every minute) only when <paramref name="timer"/>:
    /// moving the clock would otherwise fire a tick that races the test's own <c>RunOnceAsync</c> for the lease.
    /// </summary>
    private WebApplicationFactory<Program> JobHost(JobClock clock, ILoggerProvider? log = null, bool timer = false) => Api.CreateFactory(builder =>
    {
        builder.UseSetting("Stripe:ReconcileEveryMinutes", timer ? "1" : "0");
        builder.UseClock(clock).ConfigureTestServices(services => services.AddSingleton(Api.Stripe));
        if (log is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(log));
        }
    });

    private static ReconciliationJob Job(WebApplicationFactory<Program> host) =>
        host.Services.GetServices<IHostedService>().OfType<ReconciliationJob>().Single();

    /// <summary>No instance holds the job's lease (another test's instance may have left it taken).</summary>
    private async Task FreeTheLeaseAsync()
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        await db.JobLeases.Where(l => l.Name == LeaseName).ExecuteDeleteAsync();
    }
}

public sealed class ReconciliationTestsOnSqlite(SqliteApi api) : ReconciliationTests(api), IClassFixture<SqliteApi>;

public sealed class ReconciliationTestsOnPostgreSql(PostgreSqlApi api) : ReconciliationTests(api), IClassFixture<PostgreSqlApi>;

public sealed class ReconciliationTestsOnSqlServer(SqlServerApi api) : ReconciliationTests(api), IClassFixture<SqlServerApi>;
