using Membership.Data;
using Membership.Infrastructure.Mail;
using Membership.Members;
using Membership.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Dues.Reminders;

/// <summary>
/// Mails the renewal reminders that are due: for each member's current term, the latest step whose day has come, once.
/// Run by <see cref="RenewalReminderJob"/>; safe on several instances at once (the sent-reminder key is unique).
/// </summary>
public sealed class RenewalReminders(
    IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, IOptions<ReminderOptions> options, IOptions<BrandingOptions> branding,
    ILogger<RenewalReminders> logger)
{
    /// <summary>A current term some step may be due for, with what its mail needs.</summary>
    private sealed record DueTerm(Guid MemberId, Guid TermId, Guid PlanId, DateOnly? EndsOn, DateOnly? GraceEndsOn, string FirstName, string LastName, long Number, string Email);

    /// <summary>Queues every reminder due today; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var today = calendar.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var steps = await db.RenewalReminderSteps.AsNoTracking().Where(s => s.IsActive).ToListAsync(ct);
        var plans = await db.MembershipPlans.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var sent = 0;
        foreach (var step in steps)
        {
            Guid? after = null;
            while (true)
            {
                var batch = await Candidates(db, step, today, settings.MaxDaysLate, after).Take(settings.BatchSize).ToListAsync(ct);
                foreach (var due in batch.Where(d => LatestDue(steps, d.EndsOn, d.GraceEndsOn, today) == step && StillApplies(step, d.EndsOn, d.GraceEndsOn, today)))
                {
                    sent += await SendAsync(db, step, due, plans.GetValueOrDefault(due.PlanId, string.Empty), ct) ? 1 : 0;
                }

                if (batch.Count < settings.BatchSize)
                {
                    break;
                }

                after = batch[^1].MemberId;
            }
        }

        if (sent > 0)
        {
            logger.LogInformation("Queued {Count} renewal reminders for {Today}", sent, today);
        }

        return sent;
    }

    /// <summary>The day <paramref name="step"/> falls on for a term; null for a term without that day (lifetime).</summary>
    public static DateOnly? DueOn(RenewalReminderStep step, DateOnly? endsOn, DateOnly? graceEndsOn) =>
        (step.Anchor == ReminderAnchor.TermEnd ? endsOn : graceEndsOn)?.AddDays(step.OffsetDays);

    /// <summary>
    /// The one step to send today: the latest whose day has come (a step missed while the job was down is not sent
    /// once a later one is due). On a tie (no grace days: grace ends when the term does) the lapse step wins.
    /// </summary>
    internal static RenewalReminderStep? LatestDue(IEnumerable<RenewalReminderStep> steps, DateOnly? endsOn, DateOnly? graceEndsOn, DateOnly today) =>
        steps.Select(s => (Step: s, Day: DueOn(s, endsOn, graceEndsOn))).Where(x => x.Day <= today)
            .OrderByDescending(x => x.Day).ThenByDescending(x => x.Step.Anchor).Select(x => x.Step).FirstOrDefault();

    /// <summary>What a step says must still be true: "it ends on …" only until it ended, "you are in grace" only during grace.</summary>
    internal static bool StillApplies(RenewalReminderStep step, DateOnly? endsOn, DateOnly? graceEndsOn, DateOnly today) => step.Anchor switch
    {
        ReminderAnchor.TermEnd when step.OffsetDays <= 0 => today <= endsOn,
        ReminderAnchor.TermEnd => today <= graceEndsOn,
        _ => true,
    };

    /// <summary>
    /// Members whose current term reaches this step's day in the last <paramref name="maxDaysLate"/> days (a range on the
    /// indexed end or grace-end date), who can and want to be reminded and have not been for this step, by member id.
    /// </summary>
    private static IQueryable<DueTerm> Candidates(MembershipDbContext db, RenewalReminderStep step, DateOnly today, int maxDaysLate, Guid? after)
    {
        var last = today.AddDays(-step.OffsetDays);
        var first = last.AddDays(-maxDaysLate);
        var members = db.Members.Where(m => m.CurrentTerm != null && m.CurrentTerm.ActivatedAt != null && m.CurrentTerm.CancelledAt == null && m.CurrentTerm.RefundedAt == null);
        members = step.Anchor == ReminderAnchor.TermEnd
            ? members.Where(m => m.CurrentTerm!.EndsOn >= first && m.CurrentTerm.EndsOn <= last)
            : members.Where(m => m.CurrentTerm!.GraceEndsOn >= first && m.CurrentTerm.GraceEndsOn <= last);
        if (after is { } key)
        {
            members = members.Where(m => m.Id.CompareTo(key) > 0);
        }

        return members
            .Where(m => m.SuspendedAt == null && !m.RenewalRemindersOff && m.Email != "")
            // An automatic renewal that will pay (not set to stop at the period's end) renews the term: nothing to remind.
            .Where(m => !db.DuesSubscriptions.Any(s => s.MemberId == m.Id && !s.CancelAtPeriodEnd && (s.Status == "active" || s.Status == "trialing")))
            .Where(m => !db.RenewalReminders.Any(r => r.TermId == m.CurrentTermId && r.StepId == step.Id))
            .OrderBy(m => m.Id)
            .Select(m => new DueTerm(m.Id, m.CurrentTerm!.Id, m.CurrentTerm.PlanId, m.CurrentTerm.EndsOn, m.CurrentTerm.GraceEndsOn, m.FirstName, m.LastName, m.Number, m.Email))
            .AsNoTracking();
    }

    /// <summary>The reminder and its mail in one save; another instance that saved the same one first wins (unique key), and this one sends nothing.</summary>
    private async Task<bool> SendAsync(MembershipDbContext db, RenewalReminderStep step, DueTerm due, string plan, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var renewUrl = options.Value.RenewUrl is { Length: > 0 } url ? url : "(sign in to our members' site to renew)";
        var values = new ReminderTemplates.Values(due.FirstName, due.LastName, MemberNumbers.Format(due.Number), plan, due.EndsOn, due.GraceEndsOn, renewUrl, branding.Value.Name);
        var subject = ReminderTemplates.Render(step.Subject, values);
        var mail = db.QueueMail(new MailMessage(MailKinds.RenewalReminder, due.Email, subject.Length > 300 ? subject[..300] : subject, ReminderTemplates.Render(step.Text, values))
        {
            DedupeKey = $"reminder:{due.MemberId:N}:{due.TermId:N}:{step.Key}",
        }, calendar);
        db.RenewalReminders.Add(new RenewalReminder
        {
            Id = RecordIds.New(), MemberId = due.MemberId, TermId = due.TermId, StepId = step.Id, StepKey = step.Key,
            DueOn = DueOn(step, due.EndsOn, due.GraceEndsOn)!.Value, SentAt = calendar.Now(), MailId = mail.Id,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }
}
