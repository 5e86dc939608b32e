using System.Globalization;
using System.Text.Json;
using Membership.Certifications;
using Membership.Certifications.Verification;
using Membership.Data;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Partners.Webhooks;

/// <summary>
/// The one entry point features call when something a partner may be told of happens: it adds the event and one
/// delivery per subscribed endpoint to the caller's context, so they are saved in the same transaction as the change
/// (a rolled-back change tells nobody; a committed one is always delivered). Who is told is who could ask: the
/// agencies a number alone answers to in verification (the officer's own agency, agencies they consented to), and
/// for standing only agencies they consented to. The data is what verification shows, never contact data.
/// </summary>
public static class PartnerEvents
{
    /// <summary>A certificate's status changed (issued, suspended, reinstated, revoked, expired) or it was reissued as <paramref name="successor"/>.</summary>
    public static async Task CertificateAsync(MembershipDbContext db, AssociationCalendar calendar, WebhookEventType type, Certificate certificate,
        Certificate? successor, CancellationToken ct, string? dedupeKey = null)
    {
        var agencies = await PartnerVerification.AgenciesSeeingAsync(db, certificate.MemberId, calendar.Today(), consentingOnly: false, ct);
        if (await EndpointsAsync(db, agencies, type, ct) is not { Count: > 0 } endpoints)
        {
            return;
        }

        var answer = CertificateAnswer.Of(certificate, successor, calendar.Today());
        var courseCode = certificate.CourseId is { } course ? await db.Courses.Where(c => c.Id == course).Select(c => c.Code).SingleOrDefaultAsync(ct) : null;
        var member = await MemberAsync(db, certificate.MemberId, ct);
        var data = new
        {
            memberNumber = member.Number,
            certificate = new
            {
                number = certificate.Number,
                holderName = certificate.HolderName,
                kind = Name(certificate.Kind),
                title = certificate.Title,
                courseCode,
                hours = certificate.DurationMinutes / 60.0,
                issuedOn = certificate.IssuedOn,
                expiresOn = certificate.ExpiresOn,
                status = Name(answer.Status!.Value),
                reissuedAs = answer.ReissuedAs?.Number,
            },
        };
        Add(db, calendar, type, certificate.MemberId, certificate.Id, data, dedupeKey, endpoints);
    }

    /// <summary>A member granted or withdrew standing access for the consent's agency: that agency is told.</summary>
    public static async Task ConsentAsync(MembershipDbContext db, AssociationCalendar calendar, VerificationConsent consent, CancellationToken ct)
    {
        var type = consent.WithdrawnAt is null ? WebhookEventType.ConsentGranted : WebhookEventType.ConsentWithdrawn;
        if (await EndpointsAsync(db, [consent.AgencyId], type, ct) is not { Count: > 0 } endpoints)
        {
            return;
        }

        var member = await MemberAsync(db, consent.MemberId, ct);
        var data = new { memberNumber = member.Number, name = member.Name, grantedAt = Time(consent.GrantedAt), withdrawnAt = consent.WithdrawnAt is { } w ? Time(w) : null };
        Add(db, calendar, type, consent.MemberId, null, data, null, endpoints);
    }

    /// <summary>A consenting officer's good standing changed (by payment, by date, by staff): agencies they consented to are told.</summary>
    public static async Task StandingAsync(MembershipDbContext db, AssociationCalendar calendar, Guid memberId, bool inGoodStanding, string dedupeKey, CancellationToken ct)
    {
        const WebhookEventType type = WebhookEventType.MembershipStandingChanged;
        var agencies = await PartnerVerification.AgenciesSeeingAsync(db, memberId, calendar.Today(), consentingOnly: true, ct);
        if (await EndpointsAsync(db, agencies, type, ct) is not { Count: > 0 } endpoints)
        {
            return;
        }

        var member = await MemberAsync(db, memberId, ct);
        Add(db, calendar, type, memberId, null, new { memberNumber = member.Number, name = member.Name, inGoodStanding }, dedupeKey, endpoints);
    }

    private static Task<List<Guid>> EndpointsAsync(MembershipDbContext db, List<Guid> agencies, WebhookEventType type, CancellationToken ct)
    {
        var bit = type.Bit();
        return agencies.Count == 0
            ? Task.FromResult(new List<Guid>())
            : db.WebhookEndpoints.Where(e => agencies.Contains(e.AgencyId) && e.DisabledAt == null && (e.EventMask & bit) != 0).Select(e => e.Id).ToListAsync(ct);
    }

    private sealed record MemberFacts(string Number, string Name);

    private static async Task<MemberFacts> MemberAsync(MembershipDbContext db, Guid memberId, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking().Where(x => x.Id == memberId).Select(x => new { x.Number, x.FirstName, x.LastName }).SingleAsync(ct);
        return new MemberFacts(MemberNumbers.Format(m.Number), $"{m.FirstName} {m.LastName}");
    }

    private static void Add(MembershipDbContext db, AssociationCalendar calendar, WebhookEventType type, Guid memberId, Guid? certificateId, object data,
        string? dedupeKey, List<Guid> endpoints)
    {
        var now = calendar.Now();
        var body = JsonSerializer.Serialize(new { type = type.WireName(), timestamp = Time(now), data });
        var evt = new WebhookEvent
        {
            Id = RecordIds.New(), Type = type, MemberId = memberId, CertificateId = certificateId, Body = body, OccurredAt = now, DedupeKey = dedupeKey,
        };
        db.WebhookEvents.Add(evt);
        foreach (var endpoint in endpoints)
        {
            db.WebhookDeliveries.Add(WebhookDispatcher.NewDelivery(evt.Id, endpoint, now));
        }
    }

    /// <summary>Enum values as the schema spells them (ACTIVE, COURSE).</summary>
    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToUpperInvariant();

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
