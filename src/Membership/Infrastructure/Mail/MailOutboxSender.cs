using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Infrastructure.Mail;

/// <summary>
/// Sends what the outbox holds. Every instance may run it at once: a row is claimed with one conditional UPDATE that
/// sets a lease (only if nobody holds one), so two senders never hold the same mail; a sender that dies leaves a lease
/// that runs out, and another sender takes the row. A failed attempt waits longer each time (exponential backoff) until
/// <see cref="MailOptions.MaxAttempts"/>. Delivery is once, except when a process dies between SMTP accepting the
/// message and the row being marked sent: then it goes out again, with the same Message-Id.
/// </summary>
public sealed class MailOutboxSender(
    IDbContextFactory<MembershipDbContext> factory, IMailTransport transport, TimeProvider clock, IOptions<MailOptions> options, ILogger<MailOutboxSender> logger)
{
    private const string RemovedBody = "(Removed once sent: it held a sign-in link.)";
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Sends every due message (up to a batch per round, until none is due); returns how many went out. Tests call this to run the sender once.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        for (var round = 0; round < 100; round++)
        {
            var now = Now();
            List<Guid> due;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                due = await db.MailOutbox.AsNoTracking().Where(m => m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
                    .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(Math.Max(1, options.Value.BatchSize)).ToListAsync(ct);
            }

            if (due.Count == 0)
            {
                break;
            }

            var claimedAny = false;
            foreach (var id in due)
            {
                switch (await TrySendAsync(id, ct))
                {
                    case Outcome.Sent:
                        sent++;
                        claimedAny = true;
                        break;
                    case Outcome.Failed:
                        claimedAny = true;
                        break;
                }
            }

            if (!claimedAny)
            {
                break; // another sender holds them all
            }
        }

        return sent;
    }

    private enum Outcome { NotClaimed, Sent, Failed }

    private async Task<Outcome> TrySendAsync(Guid id, CancellationToken ct)
    {
        var settings = options.Value;
        var now = Now();
        var lease = now.AddSeconds(Math.Max(settings.LeaseSeconds, settings.SmtpTimeoutSeconds * 2));
        await using var db = await factory.CreateDbContextAsync(ct);
        var claimed = await db.MailOutbox.Where(m => m.Id == id && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, lease).SetProperty(m => m.ClaimedBy, _holder).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        if (claimed == 0)
        {
            return Outcome.NotClaimed;
        }

        var mail = await db.MailOutbox.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        var ours = db.MailOutbox.Where(m => m.Id == id && m.ClaimedBy == _holder && m.LeaseUntil == lease);
        try
        {
            await transport.SendAsync(mail, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var permanent = e is MailRejectedException;
            var giveUp = permanent || mail.Attempts >= settings.MaxAttempts;
            var at = Now();
            var next = giveUp ? (DateTimeOffset?)null : at + Backoff(mail.Attempts, settings);
            var error = $"{e.GetType().Name}: {e.Message}";
            error = error[..Math.Min(error.Length, 1000)];
            await ours.ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null).SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error).SetProperty(m => m.GaveUpAt, giveUp ? at : (DateTimeOffset?)null)
                .SetProperty(m => m.TextBody, m => giveUp && m.HoldsCredential ? RemovedBody : m.TextBody)
                .SetProperty(m => m.HtmlBody, m => giveUp && m.HoldsCredential ? null : m.HtmlBody), CancellationToken.None);
            if (giveUp)
            {
                logger.LogError("Mail {Id} ({Kind}) was not sent after {Attempts} attempts and is given up: {Error}", mail.Id, mail.Kind, mail.Attempts, error);
            }
            else
            {
                logger.LogWarning("Mail {Id} ({Kind}) attempt {Attempts} failed; next at {Next:u}: {Error}", mail.Id, mail.Kind, mail.Attempts, next, error);
            }

            return Outcome.Failed;
        }

        // Sent: whatever happens now must not make it go out again, hence no cancellation.
        var sentAt = Now();
        await ours.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.TextBody, m => m.HoldsCredential ? RemovedBody : m.TextBody)
            .SetProperty(m => m.HtmlBody, m => m.HoldsCredential ? null : m.HtmlBody), CancellationToken.None);
        return Outcome.Sent;
    }

    /// <summary>First retry after <see cref="MailOptions.RetryFirstSeconds"/>, doubling each time, never more than <see cref="MailOptions.RetryMaxMinutes"/>.</summary>
    internal static TimeSpan Backoff(int attempts, MailOptions settings)
    {
        var first = TimeSpan.FromSeconds(Math.Max(1, settings.RetryFirstSeconds));
        var max = TimeSpan.FromMinutes(Math.Max(1, settings.RetryMaxMinutes));
        var factor = Math.Pow(2, Math.Min(30, Math.Max(0, attempts - 1)));
        return TimeSpan.FromTicks((long)Math.Min(max.Ticks, first.Ticks * factor));
    }

    /// <summary>Whole milliseconds, as every provider stores them, so the lease a claim wrote compares equal when read back.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
