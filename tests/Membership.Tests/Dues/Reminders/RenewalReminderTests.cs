using Membership.Data;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Dues.Reminders;
using Membership.Members;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Dues.Reminders;

/// <summary>
/// The renewal reminder job on an instance whose clock the test moves day by day: each step once on its day, the latest
/// step only after a gap, two instances at once, and the members who get none (opted out, renewing automatically,
/// renewed, suspended). Mail is read from the outbox.
/// </summary>
public abstract class RenewalReminderTests(ApiFixture api) : PaymentTest(api)
{
    private const string RenewUrl = "https://members.example.org/renew";

    private const string StaffReadDocument = "query($id: ID!) { member(id: $id) { renewalRemindersEnabled renewalReminders { stepKey dueOn sentAt mailSentAt } } }";

    [SkippableFact]
    public async Task Each_step_is_mailed_once_on_its_day_with_its_text_filled_in()
    {
        var (member, term) = await MemberEndingInAsync(days: 70);
        var clock = ClockAt(term.EndsOn!.Value.AddDays(-60));
        await using var host = Host(clock);

        var mails = new List<string>();
        foreach (var day in new[] { -60, -30, -7, 1 }.Select(d => term.EndsOn!.Value.AddDays(d)).Append(term.GraceEndsOn!.Value.AddDays(1)))
        {
            clock.SetUtcNow(Noon(day));
            await RunAsync(host);
            await RunAsync(host); // the same day again sends nothing more
            clock.Advance(TimeSpan.FromDays(1));
            await RunAsync(host); // nor the next day
        }

        var received = await Api.MailsToAsync(member.Email);
        Assert.Equal(5, received.Count);
        Assert.Equal($"Your National Association of School Resource Officers membership ends on {Long(term.EndsOn!.Value)}", received[0].Subject);
        Assert.StartsWith("30 days left", received[1].Subject);
        Assert.StartsWith("One week left", received[2].Subject);
        Assert.Equal($"Your membership has ended: renew by {Long(term.GraceEndsOn!.Value)}", received[3].Subject);
        Assert.Contains("has lapsed", received[4].Subject);
        Assert.All(received, m => Assert.Contains($"Hello Test,", m.Text));
        Assert.All(received, m => Assert.Contains(RenewUrl, m.Text));
        Assert.Contains(member.MemberNumber, received[0].Text);

        var seen = (await Client.DataAsync(StaffReadDocument, new { id = TestData.MemberId(member) }, TestIdentity.Staff)).GetProperty("member");
        var sent = seen.GetProperty("renewalReminders").EnumerateArray().ToList();
        Assert.Equal(["lapsed", "grace", "before-7", "before-30", "before-60"], sent.Select(r => r.Str("stepKey")));
        Assert.Equal(DuesDriver.Day(term.EndsOn!.Value.AddDays(-60)), sent[^1].Str("dueOn"));
        Assert.All(sent, r => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, r.GetProperty("mailSentAt").ValueKind));
    }

    [SkippableFact]
    public async Task After_a_gap_only_the_latest_due_step_is_sent_and_only_while_it_is_recent()
    {
        var (member, term) = await MemberEndingInAsync(days: 70);
        var clock = ClockAt(term.EndsOn!.Value.AddDays(-5)); // the job was down on days -60, -30 and -7
        await using var host = Host(clock);

        await RunAsync(host);
        clock.SetUtcNow(Noon(term.EndsOn!.Value.AddDays(1 + 8))); // the grace step is eight days overdue: too late
        await RunAsync(host);

        var received = await Api.MailsToAsync(member.Email);
        Assert.StartsWith("One week left", Assert.Single(received).Subject);
    }

    [SkippableFact]
    public async Task Two_instances_sending_at_once_mail_each_step_once()
    {
        var (member, term) = await MemberEndingInAsync(days: 70);
        var clock = ClockAt(term.EndsOn!.Value.AddDays(-30));
        await using var first = Host(clock);
        await using var second = Host(clock);

        // Past the lease, straight to the work, so the unique key alone has to keep them apart.
        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            (i % 2 == 0 ? first : second).Services.GetRequiredService<RenewalReminders>().SendDueAsync(CancellationToken.None)));
        await Task.WhenAll(Job(first).RunOnceAsync(CancellationToken.None), Job(second).RunOnceAsync(CancellationToken.None));

        Assert.Single(await Api.MailsToAsync(member.Email));
        Assert.Single(await RemindersAsync(member));
        Assert.True(counts.Sum() >= 1);
    }

    [SkippableFact]
    public async Task A_member_who_turned_reminders_off_gets_none_until_turning_them_on()
    {
        var (member, term) = await MemberEndingInAsync(days: 70);
        var clock = ClockAt(term.EndsOn!.Value.AddDays(-60));
        await using var host = Host(clock);

        var off = await UpdateProfileAsync(member, enabled: false);
        Assert.False(off.GetProperty("renewalRemindersEnabled").GetBoolean());
        await RunAsync(host);
        Assert.Empty(await Api.MailsToAsync(member.Email));
        var staffView = (await Client.DataAsync(StaffReadDocument, new { id = TestData.MemberId(member) }, TestIdentity.Staff)).GetProperty("member");
        Assert.False(staffView.GetProperty("renewalRemindersEnabled").GetBoolean());

        Assert.True((await UpdateProfileAsync(member, enabled: true)).GetProperty("renewalRemindersEnabled").GetBoolean());
        clock.SetUtcNow(Noon(term.EndsOn!.Value.AddDays(-30)));
        await RunAsync(host);
        Assert.StartsWith("30 days left", Assert.Single(await Api.MailsToAsync(member.Email)).Subject);
    }

    [SkippableFact]
    public async Task A_member_whose_automatic_renewal_will_pay_gets_none_until_it_is_turned_off()
    {
        var (member, _) = await MemberEndingInAsync(days: 70);
        var plan = await PlanOfAsync(member);
        await Dues.PaidAsync(plan, member, autoRenew: true);
        var term = await CurrentTermAsync(member);
        var clock = ClockAt(term.EndsOn!.Value.AddDays(-60));
        await using var host = Host(clock);

        await RunAsync(host);
        Assert.DoesNotContain(await Api.MailsToAsync(member.Email), m => m.Subject.Contains("membership ends", StringComparison.Ordinal));

        var off = await Client.PostAsync("mutation { setAutoRenew(input: { enabled: false }) { userErrors { code } } }", null, TestIdentity.Member(member.Id));
        Assert.Empty(DuesDriver.Payload(off, "setAutoRenew").UserErrorCodes());
        await RunAsync(host);
        Assert.Single(await Api.MailsToAsync(member.Email), m => m.Subject.Contains("membership ends", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Renewed_suspended_and_lifetime_members_get_none()
    {
        var (renewed, term) = await MemberEndingInAsync(days: 70);
        await Dues.PaidAsync(await PlanOfAsync(renewed), renewed);
        var (suspended, _) = await MemberEndingInAsync(days: 70, shape: m => m.SuspendedAt = DateTimeOffset.UtcNow);
        var (cancelled, cancelledTerm) = await MemberEndingInAsync(days: 70);
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            await db.MembershipTerms.Where(t => t.Id == cancelledTerm.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.CancelledAt, DateTimeOffset.UtcNow));
        }

        var lifetime = await Data.MemberAsync(await Data.PlanAsync(kind: TermKind.Lifetime, months: 0, graceDays: 0));
        var controls = new List<Member>();
        for (var i = 0; i < 3; i++)
        {
            controls.Add((await MemberEndingInAsync(days: 70)).Member);
        }

        var clock = ClockAt(term.EndsOn!.Value.AddDays(-60));
        await using var host = Host(clock, batchSize: 1); // page after page, one member each

        foreach (var day in new[] { -60, -30, -7, 1, 31 })
        {
            clock.SetUtcNow(Noon(term.EndsOn!.Value.AddDays(day)));
            await RunAsync(host);
        }

        Assert.Empty(await RemindersAsync(renewed));
        Assert.Empty(await RemindersAsync(suspended));
        Assert.Empty(await RemindersAsync(cancelled));
        Assert.Empty(await RemindersAsync(lifetime));
        foreach (var control in controls)
        {
            Assert.Equal(5, (await RemindersAsync(control)).Count); // the same days do send to members who should have them
        }
    }

    [SkippableFact]
    public async Task Staff_edit_a_step_with_checked_templates_and_members_cannot()
    {
        const string Document = "mutation($input: UpdateRenewalReminderStepInput!) { updateRenewalReminderStep(input: $input) { step { key offsetDays subject active } userErrors { code field message } } }";
        var steps = (await Client.DataAsync("{ renewalReminderSteps { key anchor offsetDays subject text active } }", null, TestIdentity.Staff)).GetProperty("renewalReminderSteps");
        Assert.Equal(["before-60", "before-30", "before-7", "grace", "lapsed"], steps.EnumerateArray().Select(s => s.Str("key")));
        var original = steps[1].Str("subject");

        async Task<System.Text.Json.JsonElement> Update(object input, TestIdentity? who = null) =>
            DuesDriver.Payload(await Client.PostAsync(Document, new { input }, who ?? TestIdentity.Staff), "updateRenewalReminderStep");

        MutationAssert.Failed(await Update(new { key = "before-30", subject = "Renew {firstname}" }), "step", "UNKNOWN_PLACEHOLDER", "input", "subject");
        MutationAssert.Failed(await Update(new { key = "before-30", text = "Renew at {renewUrl" }), "step", "UNKNOWN_PLACEHOLDER", "input", "text");
        MutationAssert.Failed(await Update(new { key = "before-30", offsetDays = -7 }), "step", "OFFSET_TAKEN", "input", "offsetDays");
        MutationAssert.Failed(await Update(new { key = "before-30", subject = "Two\nlines" }), "step", "INVALID_FORMAT", "input", "subject");
        MutationAssert.Failed(await Update(new { key = "before-90" }), "step", "NOT_FOUND", "input", "key");
        var (member, _) = await MemberEndingInAsync(days: 70);
        MutationAssert.Forbidden(await Client.PostAsync(Document, new { input = new { key = "before-30", active = false } }, TestIdentity.Member(member.Id)), "updateRenewalReminderStep");

        try
        {
            var changed = MutationAssert.Succeeded(await Update(new { key = "before-30", subject = "{firstName}, a month to go" }), "step");
            Assert.Equal(("{firstName}, a month to go", -30, true), (changed.Str("subject"), changed.GetProperty("offsetDays").GetInt32(), changed.GetProperty("active").GetBoolean()));
        }
        finally
        {
            await Update(new { key = "before-30", subject = original }); // the class's other tests read the seeded texts
        }
    }

    [SkippableFact]
    public async Task Staff_list_the_reminders_sent_by_step_and_members_cannot()
    {
        var (member, term) = await MemberEndingInAsync(days: 70);
        var clock = ClockAt(term.EndsOn!.Value.AddDays(-7));
        await using var host = Host(clock);
        await RunAsync(host);

        const string Document = "query($step: String) { renewalReminders(stepKey: $step, first: 100) { nodes { stepKey member { id } } } }";
        var nodes = (await Client.DataAsync(Document, new { step = "before-7" }, TestIdentity.Staff)).At("renewalReminders.nodes").EnumerateArray().ToList();
        Assert.Contains(nodes, n => n.Str("member.id") == TestData.MemberId(member));
        Assert.All(nodes, n => Assert.Equal("before-7", n.Str("stepKey")));
        Assert.DoesNotContain(nodes, n => n.Str("stepKey") == "before-30");

        var asMember = await Client.PostAsync(Document, new { step = "before-7" }, TestIdentity.Member(member.Id));
        Assert.Contains("FORBIDDEN", asMember.ErrorCodes);
        var own = await Client.PostAsync(StaffReadDocument, new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id));
        Assert.Contains("FORBIDDEN", own.ErrorCodes);
    }

    /// <summary>A member on a year's plan (30 days' grace) whose current term ends <paramref name="days"/> from today.</summary>
    private async Task<(Member Member, MembershipTerm Term)> MemberEndingInAsync(int days, Action<Member>? shape = null)
    {
        var plan = await Data.PlanAsync(months: 12, graceDays: 30);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddDays(days).AddMonths(-12).AddDays(1), shape: shape);
        return (member, await CurrentTermAsync(member));
    }

    private async Task<MembershipTerm> CurrentTermAsync(Member member)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        var id = await db.Members.Where(m => m.Id == member.Id).Select(m => m.CurrentTermId).SingleAsync();
        return await db.MembershipTerms.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    private async Task<MembershipPlan> PlanOfAsync(Member member)
    {
        var term = await CurrentTermAsync(member);
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == term.PlanId);
    }

    private async Task<List<RenewalReminder>> RemindersAsync(Member member)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.RenewalReminders.AsNoTracking().Where(r => r.MemberId == member.Id).ToListAsync();
    }

    private async Task<System.Text.Json.JsonElement> UpdateProfileAsync(Member member, bool enabled)
    {
        var result = await Client.PostAsync("mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { member { renewalRemindersEnabled } userErrors { code } } }",
            new { input = new { renewalRemindersEnabled = enabled } }, TestIdentity.Member(member.Id));
        return MutationAssert.Succeeded(DuesDriver.Payload(result, "updateMyProfile"), "member");
    }

    /// <summary>Noon in the association's time zone (America/Chicago) on <paramref name="day"/>.</summary>
    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero);

    private static FakeTimeProvider ClockAt(DateOnly day) => new(Noon(day));

    private static string Long(DateOnly day) => day.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Another instance of the API on the fixture's database, reading <paramref name="clock"/>.</summary>
    private WebApplicationFactory<Program> Host(FakeTimeProvider clock, int batchSize = 500) =>
        Api.CreateFactory(builder => builder.UseClock(clock).UseSetting("Reminders:RenewUrl", RenewUrl)
            .UseSetting("Reminders:BatchSize", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static RenewalReminderJob Job(WebApplicationFactory<Program> host) => host.Services.GetRequiredService<RenewalReminderJob>();

    private static async Task RunAsync(WebApplicationFactory<Program> host) => Assert.True(await Job(host).RunOnceAsync(CancellationToken.None));
}

public sealed class RenewalReminderTestsOnSqlite(SqliteApi api) : RenewalReminderTests(api), IClassFixture<SqliteApi>;

public sealed class RenewalReminderTestsOnPostgreSql(PostgreSqlApi api) : RenewalReminderTests(api), IClassFixture<PostgreSqlApi>;

public sealed class RenewalReminderTestsOnSqlServer(SqlServerApi api) : RenewalReminderTests(api), IClassFixture<SqlServerApi>;
