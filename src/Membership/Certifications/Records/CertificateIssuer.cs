using Membership.Data;
using Membership.Members;
using Membership.Partners.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Membership.Certifications.Records;

/// <summary>Makes certificates: for a completed course, for the designation, and again under a new number when reissued.</summary>
public static class CertificateIssuer
{
    public const string PractitionerTitle = "National SRO Practitioner";

    /// <summary>Adds a certificate to the context (inside the caller's transaction, which the number sequence needs).</summary>
    public static async Task<Certificate> IssueAsync(
        MembershipDbContext db, AssociationCalendar calendar, Member holder, CertificateKind kind, Course? course, DateOnly issuedOn,
        int? validityMonths, CancellationToken cancellationToken)
    {
        var certificate = new Certificate
        {
            Id = RecordIds.New(),
            Number = await CertificateNumbers.NextAsync(db, issuedOn, cancellationToken),
            VerificationCode = CertificateNumbers.NewVerificationCode(),
            MemberId = holder.Id,
            Kind = kind,
            CourseId = course?.Id,
            HolderName = $"{holder.FirstName} {holder.LastName}",
            HolderLastNameKey = holder.LastNameKey,
            Title = course?.Name ?? PractitionerTitle,
            DurationMinutes = course?.DurationMinutes,
            IssuedOn = issuedOn,
            ExpiresOn = validityMonths is { } months ? issuedOn.AddMonths(months) : null,
            CreatedAt = calendar.Now(),
        };
        db.Certificates.Add(certificate);
        await PartnerEvents.CertificateAsync(db, calendar, WebhookEventType.CertificateIssued, certificate, null, cancellationToken);
        return certificate;
    }

    /// <summary>
    /// A new certificate with the holder's current name, the same title, hours and dates; the old one points to it and
    /// answers REPLACED from then on. History stays: nothing is deleted.
    /// </summary>
    public static async Task<Certificate> ReissueAsync(MembershipDbContext db, AssociationCalendar calendar, Certificate old, Member holder, CancellationToken cancellationToken)
    {
        var replacement = new Certificate
        {
            Id = RecordIds.New(),
            Number = await CertificateNumbers.NextAsync(db, calendar.Today(), cancellationToken),
            VerificationCode = CertificateNumbers.NewVerificationCode(),
            MemberId = old.MemberId,
            Kind = old.Kind,
            CourseId = old.CourseId,
            HolderName = $"{holder.FirstName} {holder.LastName}",
            HolderLastNameKey = holder.LastNameKey,
            Title = old.Title,
            DurationMinutes = old.DurationMinutes,
            IssuedOn = old.IssuedOn,
            ExpiresOn = old.ExpiresOn,
            SuspendedAt = old.SuspendedAt,
            SuspensionReason = old.SuspensionReason,
            CreatedAt = calendar.Now(),
        };
        db.Certificates.Add(replacement);
        old.ReplacedById = replacement.Id;

        // What the certificate proves now points at the new one, so its status is the one that counts from here on.
        await db.SaveChangesAsync(cancellationToken);
        await db.CourseCompletions.Where(c => c.CertificateId == old.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CertificateId, replacement.Id), cancellationToken);
        await db.PractitionerApplications.Where(a => a.CertificateId == old.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CertificateId, replacement.Id), cancellationToken);
        return replacement;
    }
}
