using System.Globalization;
using System.Text;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Infrastructure.Mail;
using Membership.Members;
using Membership.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Membership.Dues.Payments;

/// <summary>
/// The receipt mail of a paid dues payment: queued in the transaction that marks it paid (to the paying member, or to
/// each member covered when staff paid), once per payment and recipient; sent again on request (resendDuesReceipt).
/// </summary>
public sealed class DuesReceiptMail(IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, IOptions<BrandingOptions> branding)
{
    /// <summary>Queues the receipt of a payment just marked paid, in the caller's transaction (its SaveChanges writes it).</summary>
    public async Task QueueAsync(MembershipDbContext db, DuesPayment payment, CancellationToken ct) =>
        await QueueToAsync(db, payment, OriginalRecipients(payment), string.Empty, ct);

    /// <summary>
    /// Sends a paid payment's receipt again: to the member asking (their own payment, or one that covered them), or, for
    /// staff, to whom it first went. At most once per payment, recipient and day: a second request that day changes nothing.
    /// </summary>
    public async Task<Payload<DuesPayment>> ResendAsync(Guid paymentId, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var payment = await db.DuesPayments.AsNoTracking().Include(p => p.Lines).SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        var self = caller.MemberId;
        if (payment is null || !(caller.IsStaff || (self is not null && (payment.PayerMemberId == self || payment.Lines.Any(l => l.MemberId == self)))))
        {
            // The same answer for "no such payment" and "not yours", as the receipt PDF gives.
            return Payload<DuesPayment>.Failure(new UserErrors().Add(UserErrorCodes.NotFound, "No payment of yours has this ID.", "input", "paymentId"));
        }

        if (!IsPaid(payment))
        {
            return Payload<DuesPayment>.Failure(new UserErrors().Add(UserErrorCodes.NotPaid, "The payment is not paid: there is no receipt to send.", "input", "paymentId"));
        }

        var recipients = caller.IsStaff ? OriginalRecipients(payment) : [self!.Value];
        var suffix = string.Create(CultureInfo.InvariantCulture, $":resend:{calendar.Today():yyyyMMdd}");
        try
        {
            await QueueToAsync(db, payment, recipients, suffix, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another request queued the same resend at the same moment: it goes out once.
        }

        return Payload<DuesPayment>.Success(payment);
    }

    public static bool IsPaid(DuesPayment payment) =>
        payment.Status is DuesPaymentStatus.Succeeded or DuesPaymentStatus.Refunded or DuesPaymentStatus.PartiallyRefunded;

    /// <summary>The paying member; a payment no member paid (staff paid for an agency's officers) goes to each member covered.</summary>
    private static IReadOnlyCollection<Guid> OriginalRecipients(DuesPayment payment) =>
        payment.PayerMemberId is { } payer ? [payer] : [.. payment.Lines.Select(l => l.MemberId).Distinct()];

    private async Task QueueToAsync(MembershipDbContext db, DuesPayment payment, IReadOnlyCollection<Guid> recipients, string keySuffix, CancellationToken ct)
    {
        var plan = await db.MembershipPlans.AsNoTracking().Where(p => p.Id == payment.PlanId).Select(p => p.Name).SingleAsync(ct);
        var ids = payment.Lines.Select(l => l.MemberId).Concat(recipients).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new { m.FirstName, m.LastName, m.Number, m.Email }, ct);
        var agency = payment.AgencyId is { } agencyId ? await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Name).SingleOrDefaultAsync(ct) : null;
        var lines = payment.Lines.Select(l => members.TryGetValue(l.MemberId, out var m)
            ? (Name: $"{m.FirstName} {m.LastName} ({MemberNumbers.Format(m.Number)})", l.Amount, l.PeriodStart, l.PeriodEnd)
            : (Name: "Member", l.Amount, l.PeriodStart, l.PeriodEnd));
        var subject = $"Receipt {payment.ReceiptNumber}: {plan}";
        foreach (var id in recipients)
        {
            if (!members.TryGetValue(id, out var to) || string.IsNullOrWhiteSpace(to.Email))
            {
                continue;
            }

            db.QueueMail(new MailMessage(MailKinds.DuesReceipt, to.Email, subject, Text(payment, plan, agency, to.FirstName, lines))
            {
                DedupeKey = $"dues-receipt:{payment.Id:N}:{id:N}{keySuffix}",
            }, calendar);
        }
    }

    private string Text(DuesPayment payment, string plan, string? agency, string firstName,
        IEnumerable<(string Name, long Amount, DateOnly? PeriodStart, DateOnly? PeriodEnd)> lines)
    {
        var brand = branding.Value;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Hello {firstName},\n\nThank you for your payment. This is your receipt.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{brand.Name}\nReceipt {payment.ReceiptNumber}\n");
        text.Append(CultureInfo.InvariantCulture, $"Date paid: {payment.CompletedAt?.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}\n");
        if (agency is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Paid by: {agency}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Plan: {plan}\n\n");
        foreach (var line in lines)
        {
            var period = line.PeriodStart is { } start
                ? string.Create(CultureInfo.InvariantCulture, $", term {start:yyyy-MM-dd} to {(line.PeriodEnd is { } end ? end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "life")}")
                : ", no term given (refunded)";
            text.Append(CultureInfo.InvariantCulture, $"- {line.Name}: {Receipts.Money(line.Amount, payment.Currency)}{period}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nTotal: {Receipts.Money(payment.Amount, payment.Currency)}\n");
        if (payment.RefundedAmount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Refunded: {Receipts.Money(payment.RefundedAmount, payment.Currency)}\n");
        }

        text.Append("\nThe printable receipt (PDF) is under your payments when you sign in.\n");
        if (!string.IsNullOrWhiteSpace(brand.SupportEmail))
        {
            text.Append(CultureInfo.InvariantCulture, $"Questions: {brand.SupportEmail}\n");
        }

        return text.ToString();
    }
}
