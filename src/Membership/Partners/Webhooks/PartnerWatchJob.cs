using Membership.Certifications;
using Membership.Data;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Partners.Webhooks;

/// <summary>
/// Announces what changes with the date and has no write of its own: certificates that expired, and consenting
/// officers whose good standing changed (a term ran out, a payment renewed it, staff suspended them). Set-based: one
/// query finds the certificates and one the officers to announce; each is announced once, whichever instance runs
/// (a unique dedupe key per expiry, a conditional UPDATE of the officer's last announced standing).
/// </summary>
internal sealed class PartnerWatchJob(IServiceProvider services, IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, IOptions<WebhookOptions> options)
    : LeasedPeriodicJob(services)
{
    private const int Batch = 200;

    protected override string Name => "partner-webhook-watch";

    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.WatchEveryMinutes);

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await AnnounceExpiriesAsync(cancellationToken);
        await AnnounceStandingAsync(cancellationToken);
    }

    /// <summary>Certificates past their end date (within the look-back) of officers some subscribed agency sees, not yet announced.</summary>
    private async Task AnnounceExpiriesAsync(CancellationToken ct)
    {
        var today = calendar.Today();
        var from = today.AddDays(-Math.Max(1, options.Value.ExpiryLookbackDays));
        var bit = WebhookEventType.CertificateExpired.Bit();
        List<Guid> due;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var agencies = db.WebhookEndpoints.Where(e => e.DisabledAt == null && (e.EventMask & bit) != 0).Select(e => e.AgencyId);
            due = await db.Certificates.AsNoTracking()
                .Where(c => c.ExpiresOn < today && c.ExpiresOn >= from && c.RevokedAt == null && c.ReplacedById == null && c.SuspendedAt == null)
                .Where(c => !db.WebhookEvents.Any(e => e.CertificateId == c.Id && e.Type == WebhookEventType.CertificateExpired))
                .Where(c => db.Members.Any(m => m.Id == c.MemberId && m.AgencyConfirmedAt != null && m.AgencyId != null && agencies.Contains(m.AgencyId.Value))
                    || db.VerificationConsents.Any(x => x.MemberId == c.MemberId && x.WithdrawnAt == null && agencies.Contains(x.AgencyId)))
                .OrderBy(c => c.ExpiresOn).Select(c => c.Id).Take(Batch).ToListAsync(ct);
        }

        foreach (var id in due)
        {
            await OnceAsync(async db =>
            {
                var certificate = await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == id, ct);
                await PartnerEvents.CertificateAsync(db, calendar, WebhookEventType.CertificateExpired, certificate, null, ct, $"certificate.expired:{id:N}");
                return true;
            }, ct);
        }
    }

    /// <summary>Consenting officers of subscribed agencies: the first look records their standing; a later difference is announced.</summary>
    private async Task AnnounceStandingAsync(CancellationToken ct)
    {
        var today = calendar.Today();
        var bit = WebhookEventType.MembershipStandingChanged.Bit();
        List<(Guid Id, bool Good, bool? Announced)> changed;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var agencies = db.WebhookEndpoints.Where(e => e.DisabledAt == null && (e.EventMask & bit) != 0).Select(e => e.AgencyId);
            var watched = db.Members.Where(m => db.VerificationConsents.Any(x => x.MemberId == m.Id && x.WithdrawnAt == null && agencies.Contains(x.AgencyId)));
            var good = (await watched.Where(MembershipStatusRules.InGoodStanding(today)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
            var marks = await watched.Select(m => new { m.Id, Announced = db.WebhookStandingMarks.Where(k => k.MemberId == m.Id).Select(k => (bool?)k.InGoodStanding).FirstOrDefault() })
                .ToListAsync(ct);
            changed = [.. marks.Select(m => (m.Id, good.Contains(m.Id), m.Announced)).Where(m => m.Announced != m.Item2)];
        }

        foreach (var (id, isGood, announced) in changed)
        {
            await OnceAsync(async db =>
            {
                var now = calendar.Now();
                if (announced is null)
                {
                    db.WebhookStandingMarks.Add(new WebhookStandingMark { MemberId = id, InGoodStanding = isGood, CheckedAt = now });
                    return true; // the first look is the baseline: consent granted is announced on its own
                }

                var won = await db.WebhookStandingMarks.Where(k => k.MemberId == id && k.InGoodStanding == announced.Value)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.InGoodStanding, isGood).SetProperty(k => k.CheckedAt, now), ct);
                if (won == 1)
                {
                    await PartnerEvents.StandingAsync(db, calendar, id, isGood, $"standing:{id:N}:{now.ToUnixTimeMilliseconds()}", ct);
                }

                return won == 1;
            }, ct);
        }
    }

    /// <summary>One announcement in its own transaction; losing a race on a unique key means another run announced it.</summary>
    private async Task OnceAsync(Func<MembershipDbContext, Task<bool>> announce, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (await announce(db))
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
    }
}
