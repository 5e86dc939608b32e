using Membership.Certifications;
using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Membership.Certifications.Records;

namespace Membership.DemoData;

/// <summary>
/// Training records for the Development database, once: completions with certificates for about a third of the
/// sworn members, some suspended or revoked, in-service training in every review state, conference attendance, and
/// Jordan Rivera (member@example.org) one national conference short of the Practitioner designation.
/// </summary>
public static class DemoCertifications
{
    public static async Task SeedAsync(IServiceProvider services, int seed, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MembershipDbContext>>();
        var calendar = services.GetRequiredService<AssociationCalendar>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoCertifications));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Certificates.AnyAsync(cancellationToken) || !await db.Members.AnyAsync(cancellationToken))
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var random = new Random(seed);
        var today = calendar.Today();
        var courses = await db.Courses.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var jordan = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.EmailNormalized == DemoIdentities.MemberEmail, cancellationToken);
        var sworn = await db.Members.AsNoTracking().Where(m => m.IsSwornOfficer && m.SroSince != null && m.EmailNormalized != DemoIdentities.MemberEmail)
            .OrderBy(m => m.Number).ToListAsync(cancellationToken);
        var certificates = 0;

        async Task Complete(Members.Member member, string code, DateOnly on, bool vary = true)
        {
            var course = courses[code];
            var certificate = await CertificateIssuer.IssueAsync(db, calendar, member, CertificateKind.Course, course, on, course.CertificateValidityMonths, cancellationToken);
            db.CourseCompletions.Add(new CourseCompletion
            {
                Id = RecordIds.New(), MemberId = member.Id, CourseId = course.Id, CompletedOn = on, CertificateId = certificate.Id,
                RecordedBy = "demo", RecordedAt = calendar.Now(),
            });
            certificates++;
            if (!vary)
            {
                return;
            }

            if (certificates % 17 == 0)
            {
                certificate.SuspendedAt = calendar.Now();
                certificate.SuspensionReason = "Demo: under review";
            }
            else if (certificates % 29 == 0)
            {
                certificate.RevokedAt = calendar.Now();
                certificate.RevocationReason = "Demo: issued in error";
            }
        }

        foreach (var member in sworn.Where((_, i) => i % 3 == 0))
        {
            var since = member.SroSince!.Value;
            var basic = Between(random, since, today);
            await Complete(member, "BASIC-SRO", basic);
            if (random.Next(2) == 0)
            {
                await Complete(member, random.Next(2) == 0 ? "ADVANCED-SRO" : "SRO-SUPERVISORS", Between(random, basic, today));
            }

            if (random.Next(3) == 0)
            {
                await Complete(member, random.Next(2) == 0 ? "AMHT" : "CPTED", Between(random, basic, today));
            }
        }

        void Training(Members.Member member, string title, int hours, TrainingCategory category, ReviewStatus status) => db.InServiceTrainings.Add(new InServiceTraining
        {
            Id = RecordIds.New(), MemberId = member.Id, Title = title, Provider = "State POST academy", CompletedOn = today.AddMonths(-random.Next(1, 60)),
            DurationMinutes = hours * 60, Category = category, Status = status, SubmittedAt = calendar.Now(),
            ReviewedAt = status == ReviewStatus.Submitted ? null : calendar.Now(), ReviewedBy = status == ReviewStatus.Submitted ? null : "demo",
            RejectionReason = status == ReviewStatus.Rejected ? "Not school-safety or juvenile related." : null,
        });

        foreach (var (member, i) in sworn.Take(60).Select((m, i) => (m, i)))
        {
            Training(member, "Youth de-escalation workshop", random.Next(4, 40), i % 2 == 0 ? TrainingCategory.SchoolSafety : TrainingCategory.Juvenile,
                (i % 3) switch { 0 => ReviewStatus.Approved, 1 => ReviewStatus.Submitted, _ => ReviewStatus.Rejected });
        }

        // Jordan: Basic and Advanced, 160 approved hours, no national conference yet: the checklist shows one gap.
        if (jordan is not null)
        {
            await Complete(jordan, "BASIC-SRO", today.AddYears(-4), vary: false);
            await Complete(jordan, "ADVANCED-SRO", today.AddYears(-2), vary: false);
            Training(jordan, "Threat assessment and school safety institute", 160, TrainingCategory.SchoolSafety, ReviewStatus.Approved);
        }

        foreach (var member in sworn.Where((_, i) => i % 4 == 1))
        {
            var year = today.Year - random.Next(1, 4);
            db.ConferenceAttendances.Add(new ConferenceAttendance
            {
                Id = RecordIds.New(), MemberId = member.Id, Year = year, AttendedOn = new DateOnly(year, 7, 10), Source = "STAFF", RecordedAt = calendar.Now(),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Demo training records seeded: {Certificates} certificates.", certificates);
    }

    private static DateOnly Between(Random random, DateOnly from, DateOnly to) =>
        to <= from ? to : from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));
}
