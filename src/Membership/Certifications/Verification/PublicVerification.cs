using GraphQL;
using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Membership.Certifications.Records;

namespace Membership.Certifications.Verification;

/// <summary>
/// verifyCertificate: anyone with a certificate number and the holder's surname. Two statements on one connection when
/// the surname matches (the certificate, its successor, its course and the number's failure count in one query; the log entry),
/// three when it does not (the failure is counted before answering); the per-client limit asks the database once per
/// block of permits (see <see cref="RateLimitBlocks"/>).
/// </summary>
internal static class PublicVerification
{
    private sealed record Found(Certificate Certificate, Certificate? Successor, Course? Course, int Failures);

    public static async Task<CertificateAnswer> VerifyAsync(IResolveFieldContext context)
    {
        await VerificationGraph.LimitAsync(context, "verify", o => o.LookupsPerMinute);
        var number = CertificateNumbers.Normalize(context.GetArgument<string>("number"));
        var lastName = TextKeys.Normalize(context.GetArgument<string>("lastName"));
        var calendar = context.Service<AssociationCalendar>();
        var limits = context.Service<RateLimits>();
        var failures = FailureRule(context);
        var failureWindow = limits.WindowOf(failures, number);
        var ct = context.CancellationToken;

        await using var db = await context.Db().CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // one pool checkout for every statement below
        var found = number.Length is > 0 and <= 20 ? await FindAsync(db, number, failureWindow, ct) : null;
        var match = found is not null && lastName.Length > 0 && found.Certificate.HolderLastNameKey == lastName;
        await WithinFailuresPerNumberAsync(db, limits, failures, failureWindow, match ? found : null, ct);

        if (match && found!.Course is { } course)
        {
            context.Service<CertificationLoaders>().Course.Prime(course.Id, course); // courseCode needs no query of its own
        }

        var answer = match ? CertificateAnswer.Of(found!.Certificate, await SuccessorAsync(db, found, ct), calendar.Today()) : CertificateAnswer.NotFound;
        await db.InsertOneAsync(VerificationGraph.LogEntry(context, calendar, VerificationChannel.Public, number, found?.Certificate, answer), ct);
        return answer;
    }

    /// <summary>The certificate, the one that replaced it (if any), its course and the number's failures this hour, in one query (compiled once).</summary>
    private static readonly ModelQuery<string, string, DateTimeOffset, Found> Find = new((db, number, failureKey, failureWindowStart) =>
        (from certificate in db.Certificates.AsNoTracking()
         where certificate.Number == number
         join next in db.Certificates.AsNoTracking() on certificate.ReplacedById equals (Guid?)next.Id into successors
         from successor in successors.DefaultIfEmpty()
         join course in db.Courses.AsNoTracking() on certificate.CourseId equals (Guid?)course.Id into courses
         from course in courses.DefaultIfEmpty()
         select new Found(certificate, successor, course,
             db.RateLimitCounters.Where(c => c.Key == failureKey && c.WindowStart == failureWindowStart).Select(c => c.Count).FirstOrDefault()))
        .Take(1));

    private static async Task<Found?> FindAsync(MembershipDbContext db, string number, RateLimitWindow failureWindow, CancellationToken ct) =>
        await Find.Run(db, number, failureWindow.Key, failureWindow.Start).FirstOrDefaultAsync(ct);

    /// <summary>The certificate that carries on: found with the lookup, unless it was reissued again (rare: follow the chain).</summary>
    private static async Task<Certificate?> SuccessorAsync(MembershipDbContext db, Found found, CancellationToken ct) =>
        found.Successor?.ReplacedById is null
            ? found.Successor
            : (await CertificateSuccessors.LoadAsync(db, [found.Certificate], ct)).GetValueOrDefault(found.Certificate.Id);

    private static RateLimitRule FailureRule(IResolveFieldContext context) => new("verify-number-failures",
        context.RequestServices!.GetRequiredService<IOptions<VerificationOptions>>().Value.FailedLookupsPerNumberPerHour, TimeSpan.FromHours(1));

    /// <summary>
    /// Wrong surnames per certificate number, from every address together, so that no one can try surname after surname
    /// on one number from many addresses. A failure counts for any number, known or not; once a number has had too many
    /// in the hour, every lookup of it answers RATE_LIMITED until the hour ends, known number or not, so the limit tells
    /// nothing about the number, and an employer with the right surname is told to try later, never that the
    /// certificate does not exist. A match is no failure: it is only checked against the count read with the certificate.
    /// </summary>
    private static async Task WithinFailuresPerNumberAsync(MembershipDbContext db, RateLimits limits, RateLimitRule rule, RateLimitWindow window,
        Found? match, CancellationToken ct)
    {
        var decision = match is not null
            ? limits.Peek(rule, window, match.Failures)
            : await limits.TryAcquireAsync(db, rule, window, 1, ct);
        decision.ThrowIfRefused("Too many failed verifications of this certificate number; try again later.");
    }
}
