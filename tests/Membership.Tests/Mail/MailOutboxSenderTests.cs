using Membership.Data;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Mail;

/// <summary>
/// The outbox sender: backoff on the injected clock, giving up after the configured attempts, one delivery per mail
/// however many instances send at once, a dead sender's lease running out, and the background job on its timer.
/// </summary>
public abstract class MailOutboxSenderTests(ApiFixture api) : ApiTest(api)
{
    [SkippableFact]
    public async Task A_failing_mail_is_retried_after_doubling_waits_and_given_up_after_the_last_attempt()
    {
        var clock = SmtpDownTests.Clock();
        await using var instance = SmtpDownTests.SmtpInstance(Api, clock, FakeSmtpServer.ClosedPort(), b => b.UseSetting("Mail:MaxAttempts", "3"));
        var to = await QueueAsync(instance, holdsCredential: true);

        await Api.SendMailAsync(instance);
        Assert.Equal((1, clock.GetUtcNow().AddSeconds(30)), await StateAsync(to));
        clock.Advance(TimeSpan.FromSeconds(29));
        await Api.SendMailAsync(instance);
        Assert.Equal((1, clock.GetUtcNow().AddSeconds(1)), await StateAsync(to));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Api.SendMailAsync(instance);
        Assert.Equal((2, clock.GetUtcNow().AddSeconds(60)), await StateAsync(to));
        clock.Advance(TimeSpan.FromSeconds(60));
        await Api.SendMailAsync(instance);
        clock.Advance(TimeSpan.FromDays(1));
        await Api.SendMailAsync(instance);

        var mail = await RowAsync(to);
        Assert.Equal((3, (DateTimeOffset?)null, (DateTimeOffset?)clock.GetUtcNow().AddDays(-1), (DateTimeOffset?)null), (mail.Attempts, mail.NextAttemptAt, mail.GaveUpAt, mail.SentAt));
        Assert.Contains("SocketException", mail.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-link", mail.TextBody, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Senders_on_two_instances_at_once_deliver_each_mail_once()
    {
        await using var smtp = new FakeSmtpServer();
        var clock = SmtpDownTests.Clock();
        await using var first = SmtpDownTests.SmtpInstance(Api, clock, smtp.Port);
        await using var second = SmtpDownTests.SmtpInstance(Api, clock, smtp.Port);
        var recipients = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            recipients.Add(await QueueAsync(first));
        }

        await Task.WhenAll(Api.SendMailAsync(first), Api.SendMailAsync(second), Api.SendMailAsync(first), Api.SendMailAsync(second));

        Assert.All(recipients, to => Assert.Single(smtp.To(to)));
        foreach (var to in recipients)
        {
            Assert.Equal(1, (await RowAsync(to)).Attempts); // claimed once: the other sender never held it
        }
    }

    [SkippableFact]
    public async Task A_mail_claimed_by_a_sender_that_died_is_sent_by_another_once_its_lease_runs_out()
    {
        await using var smtp = new FakeSmtpServer();
        var clock = SmtpDownTests.Clock();
        await using var instance = SmtpDownTests.SmtpInstance(Api, clock, smtp.Port);
        var to = await QueueAsync(instance);
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            var lease = clock.GetUtcNow().AddSeconds(120);
            await db.MailOutbox.Where(m => m.Recipient == to).ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, lease)
                .SetProperty(m => m.ClaimedBy, "a sender that died").SetProperty(m => m.Attempts, 1));
        }

        await Api.SendMailAsync(instance);
        Assert.Empty(smtp.To(to));
        clock.Advance(TimeSpan.FromSeconds(121));
        await Api.SendMailAsync(instance);
        await Api.SendMailAsync(instance);

        Assert.Single(smtp.To(to));
        Assert.Equal(2, (await RowAsync(to)).Attempts);
    }

    [SkippableFact]
    public async Task The_background_sender_sends_on_its_timer_without_being_asked()
    {
        await using var smtp = new FakeSmtpServer();
        var clock = new JobClock();
        await using var instance = SmtpDownTests.SmtpInstance(Api, clock, smtp.Port, b => b.UseSetting("Mail:SendEverySeconds", "5"));
        var to = await QueueAsync(instance);

        await clock.ArmedAsync(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(5));
        await smtp.DeliveredToAsync(to);

        Assert.Single(smtp.To(to));
    }

    [SkippableFact]
    public async Task A_second_mail_with_the_same_dedupe_key_cannot_be_written()
    {
        var key = $"test:{Guid.NewGuid():N}";
        await QueueAsync(Api.Factory, dedupeKey: key);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => QueueAsync(Api.Factory, dedupeKey: key));

        Assert.True(DbErrors.IsUniqueViolation(refused));
        await using var db = await Api.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.MailOutbox.CountAsync(m => m.DedupeKey == key));
    }

    /// <summary>Queues a mail to a new address through an instance's own clock; returns the address.</summary>
    private async Task<string> QueueAsync(WebApplicationFactory<Program> instance, bool holdsCredential = false, string? dedupeKey = null)
    {
        var to = $"{TestData.Unique("outbox")}@example.org";
        await using var db = await Api.Db.CreateDbContextAsync();
        db.QueueMail(new MailMessage("test", to, "Hello", "A secret-link for you.") { HoldsCredential = holdsCredential, DedupeKey = dedupeKey },
            instance.Services.GetRequiredService<AssociationCalendar>());
        await db.SaveChangesAsync();
        return to;
    }

    private async Task<OutboxMail> RowAsync(string to)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.MailOutbox.AsNoTracking().SingleAsync(m => m.Recipient == to);
    }

    private async Task<(int, DateTimeOffset?)> StateAsync(string to)
    {
        var mail = await RowAsync(to);
        return (mail.Attempts, mail.NextAttemptAt);
    }
}

public sealed class MailOutboxSenderTestsOnSqlite(SqliteApi api) : MailOutboxSenderTests(api), IClassFixture<SqliteApi>;

public sealed class MailOutboxSenderTestsOnPostgreSql(PostgreSqlApi api) : MailOutboxSenderTests(api), IClassFixture<PostgreSqlApi>;
