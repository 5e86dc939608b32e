using System.Globalization;
using Membership.Data;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Certifications;

/// <summary>One requirement of the designation, met or not, with the evidence for it.</summary>
public sealed record PractitionerRequirement(string Code, string Description, bool Met, string Evidence);

public sealed record PractitionerChecklist(bool Eligible, IReadOnlyList<PractitionerRequirement> Requirements)
{
    public IEnumerable<string> Unmet => Requirements.Where(r => !r.Met).Select(r => r.Code);
}

/// <summary>What the evaluator reads about one member.</summary>
public sealed record PractitionerEvidence(
    Member Member,
    IReadOnlyList<(CourseCompletion Completion, Course Course, string CertificateNumber)> Completions,
    IReadOnlyList<InServiceTraining> ApprovedTraining,
    IReadOnlyList<int> ConferenceYears);

/// <summary>
/// The National SRO Practitioner requirements, evaluated from data: the numbers and dates come from
/// <see cref="PractitionerRules"/>, the evidence from the member's records. A pure function, so every edge is testable.
/// </summary>
public static class PractitionerEvaluator
{
    public const string YearsAsSro = "YEARS_AS_SRO";
    public const string CurrentEmployment = "CURRENT_EMPLOYMENT";
    public const string BasicCourse = "BASIC_COURSE";
    public const string AdvancedCourse = "ADVANCED_OR_SUPERVISORS_COURSE";
    public const string FurtherTraining = "FURTHER_TRAINING_HOURS";
    public const string NationalConference = "NATIONAL_CONFERENCE";

    /// <summary>These satisfy their own requirements; they are not "further" training. Courses of category Other count for nothing.</summary>
    private static readonly CourseCategory[] RequiredCategories = [CourseCategory.BasicSro, CourseCategory.AdvancedSro, CourseCategory.SupervisorsManagement];

    public static PractitionerChecklist Evaluate(PractitionerRules rules, PractitionerEvidence evidence, DateOnly today)
    {
        var member = evidence.Member;
        var requirements = new List<PractitionerRequirement>();

        var serviceStart = today.AddYears(-rules.MinimumYearsAsSro);
        requirements.Add(new(YearsAsSro, $"At least {rules.MinimumYearsAsSro} years as a school resource officer",
            member.SroSince is { } since && since <= serviceStart,
            member.SroSince is { } s ? $"SRO since {Iso(s)}" : "No SRO start date on record"));

        requirements.Add(new(CurrentEmployment, "Currently employed as an SRO or in school safety",
            member.AgencyId is not null,
            member.AgencyId is null ? "No current agency on record" : $"Works for an agency{(member.JobTitle is { } title ? $" as {title}" : string.Empty)}"));

        var basic = evidence.Completions
            .Where(c => c.Course.Category == CourseCategory.BasicSro && (c.Course.IsAssociationCourse || c.Completion.CompletedOn < rules.AssociationBasicOnlyFrom))
            .OrderBy(c => c.Completion.CompletedOn).FirstOrDefault();
        requirements.Add(new(BasicCourse, $"The association's 40-hour Basic SRO course (another provider's Basic course counts only if completed before {Iso(rules.AssociationBasicOnlyFrom)})",
            basic.Course is not null, basic.Course is null ? "No qualifying Basic course" : Completed(basic)));

        var advanced = evidence.Completions
            .Where(c => c.Course.Category is CourseCategory.AdvancedSro or CourseCategory.SupervisorsManagement)
            .OrderBy(c => c.Completion.CompletedOn).FirstOrDefault();
        requirements.Add(new(AdvancedCourse, "A 24-hour Advanced SRO or SRO Supervisors and Management course",
            advanced.Course is not null, advanced.Course is null ? "No Advanced or Supervisors course" : Completed(advanced)));

        var windowStart = today.AddYears(-rules.TrainingWindowYears);
        var trainingMinutes = evidence.ApprovedTraining
            .Where(t => t.Status == ReviewStatus.Approved && t.Category != TrainingCategory.Other && t.CompletedOn >= windowStart && t.CompletedOn <= today)
            .Sum(t => t.DurationMinutes);
        var courseMinutes = evidence.Completions
            .Where(c => !RequiredCategories.Contains(c.Course.Category) && c.Course.Category != CourseCategory.Other
                && c.Completion.CompletedOn >= windowStart && c.Completion.CompletedOn <= today)
            .Sum(c => c.Course.DurationMinutes);
        var total = trainingMinutes + courseMinutes;
        requirements.Add(new(FurtherTraining,
            $"{Hours(rules.FurtherTrainingMinutes)} further hours of approved school-safety or juvenile-related training since {Iso(windowStart)}",
            total >= rules.FurtherTrainingMinutes,
            $"{Hours(total)} of {Hours(rules.FurtherTrainingMinutes)} hours since {Iso(windowStart)}"));

        var years = evidence.ConferenceYears.Distinct().Order().ToList();
        requirements.Add(new(NationalConference, $"Attendance at {rules.MinimumConferences} national conference(s)",
            years.Count >= rules.MinimumConferences,
            years.Count == 0 ? "No national conference on record" : $"Attended {string.Join(", ", years)}"));

        return new PractitionerChecklist(requirements.All(r => r.Met), requirements);
    }

    /// <summary>Reads everything the evaluator needs for one member: a fixed handful of queries.</summary>
    public static async Task<PractitionerChecklist?> EvaluateAsync(MembershipDbContext db, Guid memberId, DateOnly today, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return null;
        }

        var rules = await db.PractitionerRules.AsNoTracking().SingleAsync(cancellationToken);
        var completions = await (
            from completion in db.CourseCompletions.AsNoTracking()
            join course in db.Courses.AsNoTracking() on completion.CourseId equals course.Id
            join certificate in db.Certificates.AsNoTracking() on completion.CertificateId equals certificate.Id
            where completion.MemberId == memberId && certificate.RevokedAt == null && certificate.SuspendedAt == null
            select new { completion, course, certificate.Number }).ToListAsync(cancellationToken);
        var training = await db.InServiceTrainings.AsNoTracking()
            .Where(t => t.MemberId == memberId && t.Status == ReviewStatus.Approved).ToListAsync(cancellationToken);
        var conferences = await db.ConferenceAttendances.AsNoTracking()
            .Where(a => a.MemberId == memberId).Select(a => a.Year).ToListAsync(cancellationToken);
        var evidence = new PractitionerEvidence(member, [.. completions.Select(c => (c.completion, c.course, c.Number))], training, conferences);
        return Evaluate(rules, evidence, today);
    }

    private static string Completed((CourseCompletion Completion, Course Course, string Number) c) =>
        $"{c.Course.Name} ({c.Course.Provider}) completed {Iso(c.Completion.CompletedOn)}, certificate {c.Number}";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Hours(int minutes) => (minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture);
}
