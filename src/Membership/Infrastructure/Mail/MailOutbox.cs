using Membership.Data;
using Microsoft.EntityFrameworkCore;

namespace Membership.Infrastructure.Mail;

/// <summary>The kinds of mail the association sends; a kind names the template, not the recipient.</summary>
public static class MailKinds
{
    public const string JoinConfirmation = "join-confirmation";
    public const string AccountExists = "account-exists";
    public const string PasswordReset = "password-reset";
    public const string Tickets = "tickets";
    public const string WaitingListOffer = "waiting-list-offer";
    public const string MemberData = "member-data";
    public const string AccountInvitation = "account-invitation";
    public const string AccountChanged = "account-changed";
    public const string DuesReceipt = "dues-receipt";
    public const string RenewalReminder = "renewal-reminder";
    public const string WebhookEndpointDisabled = "webhook-endpoint-disabled";
}

/// <summary>A message to queue. <paramref name="DedupeKey"/>: see <see cref="OutboxMail.DedupeKey"/>.</summary>
public sealed record MailMessage(string Kind, string To, string Subject, string Text)
{
    public string? Html { get; init; }
    public string? DedupeKey { get; init; }
    public bool HoldsCredential { get; init; }
}

/// <summary>
/// Queuing mail: the row is written by the caller's next SaveChanges, inside the caller's transaction, so the mail exists
/// exactly when what caused it does. Nothing here talks to SMTP; <see cref="MailOutboxSender"/> does, later.
/// </summary>
public static class MailOutbox
{
    public static OutboxMail QueueMail(this MembershipDbContext db, MailMessage message, AssociationCalendar calendar)
    {
        var now = calendar.Now();
        var mail = new OutboxMail
        {
            Id = RecordIds.New(),
            Kind = message.Kind,
            Recipient = message.To.Trim(),
            Subject = message.Subject,
            TextBody = message.Text,
            HtmlBody = message.Html,
            DedupeKey = message.DedupeKey,
            HoldsCredential = message.HoldsCredential,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.MailOutbox.Add(mail);
        return mail;
    }

    /// <summary>
    /// Queues and saves at once, for callers that write with ExecuteUpdate (nothing else tracked to save). A lost race on
    /// the dedupe key is a unique violation (<see cref="DbErrors.IsUniqueViolation"/>) the caller decides about.
    /// </summary>
    public static async Task QueueMailNowAsync(this MembershipDbContext db, MailMessage message, AssociationCalendar calendar, CancellationToken ct)
    {
        db.QueueMail(message, calendar);
        await db.SaveChangesAsync(ct);
    }

    public static Task<bool> IsQueuedAsync(this MembershipDbContext db, string dedupeKey, CancellationToken ct) =>
        db.MailOutbox.AnyAsync(m => m.DedupeKey == dedupeKey, ct);
}
