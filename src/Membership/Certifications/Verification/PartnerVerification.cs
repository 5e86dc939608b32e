using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Membership.Certifications.Records;

namespace Membership.Certifications.Verification;

/// <summary>One certificate asked for in a batch: its number and, unless the holder is the agency's own officer or consented, the holder's surname.</summary>
public sealed class CertificateLookup
{
    public string? Number { get; set; }
    public string? LastName { get; set; }
}

internal sealed class CertificateLookupInputType : InputObjectGraphType<CertificateLookup>
{
    public CertificateLookupInputType()
    {
        Name = "CertificateLookupInput";
        Description = "A certificate number and the holder's surname (case and accents ignored). The surname may be left out for the agency's own officers and for officers who granted it standing access.";
        Field<NonNullGraphType<StringGraphType>>("number");
        Field<StringGraphType>("lastName");
    }
}

/// <summary>
/// verifyCertificates: a partner agency checks up to 100 certificates and members at once. Certificate numbers run in
/// sequence per year, so a number alone answers only for the agency's own officers and officers who consented; any
/// other certificate needs the holder's surname, as the public lookup does. A miss (no such number, wrong surname, not
/// allowed) answers exactly like "not found", and misses are counted per partner client in the database (every
/// instance shares them): past <c>Verification:PartnerMissesPerHour</c> the client gets RATE_LIMITED until the hour ends.
/// </summary>
internal static class PartnerVerification
{
    public const int MaxBatch = 100;

    /// <summary>Four queries and one multi-row insert, however many numbers are asked (plus the miss counter when something missed).</summary>
    public static async Task<List<VerificationResult>> VerifyBatchAsync(IResolveFieldContext context, List<CertificateLookup> certificateLookups, List<string> memberNumbers)
    {
        if (certificateLookups.Count + memberNumbers.Count > MaxBatch)
        {
            throw new ExecutionError($"Ask for at most {MaxBatch} numbers at once.") { Code = ErrorCodes.InvalidArgument };
        }

        await VerificationGraph.LimitAsync(context, "verify-batch", o => o.PartnerBatchesPerMinute);
        var caller = context.Caller();
        var limits = context.Service<RateLimits>();
        var misses = caller.IsStaff ? null : MissRule(context);
        var missWindow = misses is null ? default : limits.WindowOf(misses, ClientKey(caller));
        if (misses is not null)
        {
            // A client already past the limit is refused before any work (the decision that counts comes after answering).
            (await limits.PeekAsync(misses, ClientKey(caller), context.CancellationToken)).ThrowIfRefused(MissesRefused);
        }

        var calendar = context.Service<AssociationCalendar>();
        var today = calendar.Today();
        var wantedCertificates = certificateLookups.Select(l => CertificateNumbers.Normalize(l.Number ?? string.Empty)).Distinct().ToList();
        var wantedMembers = memberNumbers.Select(n => MemberNumbers.TryParse(n, out var v) ? v : -1).Where(v => v > 0).Distinct().ToList();
        await using var db = await context.Db().CreateDbContextAsync(context.CancellationToken);
        await db.Database.OpenConnectionAsync(context.CancellationToken); // one pool checkout for the queries, the log and the miss count
        var byNumber = await db.Certificates.AsNoTracking().Where(x => wantedCertificates.Contains(x.Number)).ToDictionaryAsync(x => x.Number, context.CancellationToken);
        var holderIds = byNumber.Values.Select(x => x.MemberId).Distinct().ToList();
        var openHolders = (await db.Members.AsNoTracking().Where(m => holderIds.Contains(m.Id)).Where(AnswersWithoutSurname(caller, db, today))
            .Select(m => m.Id).ToListAsync(context.CancellationToken)).ToHashSet();
        var successors = await CertificateSuccessors.LoadAsync(db, byNumber.Values, context.CancellationToken);
        var members = await db.Members.AsNoTracking().Where(m => wantedMembers.Contains(m.Number)).Where(AnswersWithoutSurname(caller, db, today))
            .Select(m => new { m.Id, m.Number }).ToListAsync(context.CancellationToken);
        var memberIds = members.Select(m => m.Id).ToList();
        var ofMembers = (await db.Certificates.AsNoTracking().Where(x => memberIds.Contains(x.MemberId) && x.ReplacedById == null)
            .OrderByDescending(x => x.IssuedOn).ToListAsync(context.CancellationToken)).ToLookup(x => x.MemberId);

        CertificateAnswer Answer(Certificate x) => CertificateAnswer.Of(x, successors.GetValueOrDefault(x.Id), today);
        var results = new List<VerificationResult>();
        var log = new List<VerificationLogEntry>();
        var missed = 0;
        foreach (var lookup in certificateLookups)
        {
            var asked = lookup.Number ?? string.Empty;
            var certificate = byNumber.GetValueOrDefault(CertificateNumbers.Normalize(asked));
            var surname = lookup.LastName is { } name ? TextKeys.Normalize(name) : string.Empty;
            var match = certificate is not null && (openHolders.Contains(certificate.MemberId) || (surname.Length > 0 && surname == certificate.HolderLastNameKey));
            var answers = match ? new[] { Answer(certificate!) } : [];
            missed += match ? 0 : 1;
            results.Add(new VerificationResult(asked, answers));
            log.Add(VerificationGraph.LogEntry(context, calendar, VerificationChannel.Partner, asked, certificate, match ? answers[0] : CertificateAnswer.NotFound));
        }

        foreach (var asked in memberNumbers)
        {
            var member = MemberNumbers.TryParse(asked, out var n) ? members.FirstOrDefault(m => m.Number == n) : null;
            var answers = member is null ? [] : ofMembers[member.Id].Select(Answer).ToList();
            results.Add(new VerificationResult(asked, answers));
            if (answers.Count == 0)
            {
                missed += member is null ? 1 : 0; // an officer with no certificate is no guess
                log.Add(VerificationGraph.LogEntry(context, calendar, VerificationChannel.Partner, asked, null, CertificateAnswer.NotFound));
            }

            log.AddRange(answers.Select(answer => VerificationGraph.LogEntry(context, calendar, VerificationChannel.Partner, asked, answer.Certificate, answer)));
        }

        if (misses is not null && missed > 0)
        {
            await WithinMissesAsync(db, limits, misses, missWindow, missed, context.CancellationToken);
        }

        await db.InsertAsync(log, context.CancellationToken);
        return results;
    }

    private const string MissesRefused = "Too many verifications found nothing; try again later.";

    /// <summary>
    /// Counts the batch's misses and decides in one statement, before the answers leave: the counter's new value says how
    /// many misses were counted before this batch, so racing batches of one client are ordered by it and answered exactly
    /// as if they came one after another (a batch is answered while fewer than the limit were counted before it; the one
    /// that crosses it still is). The decision depends only on the batches before, never on what this one found. A
    /// refused batch is neither answered nor logged; its misses stay counted, in a window that is over the limit anyway.
    /// </summary>
    private static async Task WithinMissesAsync(MembershipDbContext db, RateLimits limits, RateLimitRule rule, RateLimitWindow window, int missed, CancellationToken ct)
    {
        var counted = await limits.AddAsync(db, window, missed, ct);
        limits.Peek(rule, window, counted - missed).ThrowIfRefused(MissesRefused);
    }

    private static RateLimitRule MissRule(IResolveFieldContext context) => new("verify-partner-misses",
        context.RequestServices!.GetRequiredService<IOptions<VerificationOptions>>().Value.PartnerMissesPerHour, TimeSpan.FromHours(1));

    /// <summary>Misses count per client, from whatever address: a partner system is one client however it is deployed.</summary>
    private static string ClientKey(Caller caller) => caller.ClientOrSubject ?? "unknown";

    /// <summary>
    /// Whose certificates a number alone answers about. Member numbers are issued in sequence, and so are certificate
    /// numbers, so anyone could walk them: a partner agency learns only of members who gave it standing consent
    /// (withdrawal counts at once) and of its own officers (the member's agency, confirmed by staff, once past the Pending
    /// applicant stage). Everyone else answers exactly like an unknown number. Staff see every member anyway.
    /// </summary>
    private static Expression<Func<Member, bool>> AnswersWithoutSurname(Caller caller, MembershipDbContext db, DateOnly today)
    {
        if (caller.IsStaff)
        {
            return m => true;
        }

        if (caller.AgencyId is not { } agency)
        {
            return m => false;
        }

        Expression<Func<Member, bool>> ownAgency = m => m.AgencyId == agency;
        Expression<Func<Member, bool>> consenting = m => db.VerificationConsents.Any(x => x.MemberId == m.Id && x.AgencyId == agency && x.WithdrawnAt == null);
        return Predicates.Any([consenting, Predicates.All([ownAgency, OwnOfficer(today)])]);
    }

    /// <summary>A member who counts as their agency's own officer: the agency confirmed by staff, past the Pending applicant stage.</summary>
    private static Expression<Func<Member, bool>> OwnOfficer(DateOnly today) => Predicates.All([
        m => m.AgencyConfirmedAt != null, Predicates.Not(MembershipStatusRules.HasStatus(MembershipStatus.Pending, today))]);

    /// <summary>
    /// The other direction of <see cref="AnswersWithoutSurname"/>: the agencies a number alone answers to about
    /// <paramref name="memberId"/> (the agencies they consented to, and their own agency unless <paramref name="consentingOnly"/>).
    /// What partner webhooks fan out to, so a partner is told exactly what it could ask.
    /// </summary>
    public static async Task<List<Guid>> AgenciesSeeingAsync(MembershipDbContext db, Guid memberId, DateOnly today, bool consentingOnly, CancellationToken ct)
    {
        var agencies = await db.VerificationConsents.Where(x => x.MemberId == memberId && x.WithdrawnAt == null).Select(x => x.AgencyId).ToListAsync(ct);
        if (!consentingOnly)
        {
            agencies.AddRange(await db.Members.Where(m => m.Id == memberId).Where(OwnOfficer(today)).Where(m => m.AgencyId != null)
                .Select(m => m.AgencyId!.Value).ToListAsync(ct));
        }

        return [.. agencies.Distinct()];
    }
}
