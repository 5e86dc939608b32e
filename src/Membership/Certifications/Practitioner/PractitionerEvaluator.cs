using System.Globalization;
using Membership.Data;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Certifications.Practitioner;

/// <summary>One requirement of the designation, met or not, with the evidence for it.</summary>
public sealed record PractitionerRequirement(string Code, string Description, bool Met, string Evidence);

public sealed record PractitionerChecklist(bool Eligible, IReadOnlyList<PractitionerRequirement> Requirements)
{
    public IEnumerable<string> Unmet => Requirements.Where(r => !r.Met).Select(r => r.Code);
}

/// <summary>
/// A course completion as its certificate records it: <see cref="Minutes"/> are the hours printed on the certificate,
/// so a later change to the course's length never recounts an old completion.
/// </summary>
public sealed record CompletedCourse(CourseCompletion Completion, Course Course, string CertificateNumber, int Minutes);

/// <summary>What the evaluator reads about one member.</summary>
public sealed record PractitionerEvidence(
    Member Member,
    IReadOnlyList<CompletedCourse> Completions,
    IReadOnlyList<InServiceTraining> ApprovedTraining,
    IReadOnlyList<int> ConferenceYears);

/// <summary>
/// The National SRO Practitioner requirements, evaluated from data: the numbers and dates come from
/// <see cref="PractitionerRules"/> and the course catalogue (a required course taken elsewhere must be as long as the
/// association's own course of its category: Basic 40 h, Advanced and Supervisors 24 h), the evidence from the
/// member's records. A pure function, so every edge is testable.
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

    /// <summary>Membership categories that are not in service: a retired officer or a student is not currently employed.</summary>
    private static readonly MemberCategory[] NotInService = [MemberCategory.Retired, MemberCategory.Student];

    /// <param name="catalogue">The association's courses (at least those of the required categories): their lengths are the minimums.</param>
    public static PractitionerChecklist Evaluate(PractitionerRules rules, IReadOnlyList<Course> catalogue, PractitionerEvidence evidence, DateOnly today)
    {
        var member = evidence.Member;
        var requirements = new List<PractitionerRequirement>();

        var serviceStart = today.AddYears(-rules.MinimumYearsAsSro);
        requirements.Add(new(YearsAsSro, $"At least {rules.MinimumYearsAsSro} years as a school resource officer",
            member.SroSince is { } since && since <= serviceStart,
            member.SroSince is { } s ? $"SRO since {Iso(s)}" : "No SRO start date on record"));

        // What the records can say about current employment: an agency on record (the employer) and a membership
        // category in service. Retired and student members are not employed as SROs; Regular members are sworn officers,
        // Associate members work in school safety without being sworn. Staff confirm the rest when they review.
        var employed = member.AgencyId is not null && !NotInService.Contains(member.Category);
        requirements.Add(new(CurrentEmployment,
            "Currently employed as an SRO or in school safety: an agency on record, and a membership category in service (not Retired or Student)",
            employed, Employment(member)));

        var basicMinutes = MinimumMinutes(catalogue, CourseCategory.BasicSro);
        var basics = evidence.Completions
            .Where(c => c.Course.Category == CourseCategory.BasicSro && (c.Course.IsAssociationCourse || c.Completion.CompletedOn < rules.AssociationBasicOnlyFrom))
            .OrderBy(c => c.Completion.CompletedOn).ToList();
        var basic = basics.FirstOrDefault(c => LongEnough(c, basicMinutes));
        requirements.Add(new(BasicCourse,
            $"The association's {Hours(basicMinutes)}-hour Basic SRO course (another provider's Basic course of at least {Hours(basicMinutes)} hours counts only if completed before {Iso(rules.AssociationBasicOnlyFrom)})",
            basic is not null, basic is not null ? Completed(basic) : basics.Count > 0 ? TooShort(basics[0], basicMinutes) : "No qualifying Basic course"));

        var advancedMinutes = MinimumMinutes(catalogue, CourseCategory.AdvancedSro);
        var supervisorsMinutes = MinimumMinutes(catalogue, CourseCategory.SupervisorsManagement);
        int AdvancedMinimum(CompletedCourse c) => c.Course.Category == CourseCategory.AdvancedSro ? advancedMinutes : supervisorsMinutes;
        var advancedOnes = evidence.Completions
            .Where(c => c.Course.Category is CourseCategory.AdvancedSro or CourseCategory.SupervisorsManagement)
            .OrderBy(c => c.Completion.CompletedOn).ToList();
        var advanced = advancedOnes.FirstOrDefault(c => LongEnough(c, AdvancedMinimum(c)));
        var advancedHours = advancedMinutes == supervisorsMinutes ? $"{Hours(advancedMinutes)}-hour " : string.Empty;
        requirements.Add(new(AdvancedCourse, $"A {advancedHours}Advanced SRO or SRO Supervisors and Management course",
            advanced is not null,
            advanced is not null ? Completed(advanced) : advancedOnes.Count > 0 ? TooShort(advancedOnes[0], AdvancedMinimum(advancedOnes[0])) : "No Advanced or Supervisors course"));

        var windowStart = today.AddYears(-rules.TrainingWindowYears);
        var trainingMinutes = evidence.ApprovedTraining
            .Where(t => t.Status == ReviewStatus.Approved && t.Category != TrainingCategory.Other && t.CompletedOn >= windowStart && t.CompletedOn <= today)
            .Sum(t => t.DurationMinutes);
        var courseMinutes = evidence.Completions
            .Where(c => !RequiredCategories.Contains(c.Course.Category) && c.Course.Category != CourseCategory.Other
                && c.Completion.CompletedOn >= windowStart && c.Completion.CompletedOn <= today)
            .Sum(c => c.Minutes);
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
        var catalogue = await db.Courses.AsNoTracking()
            .Where(c => c.IsAssociationCourse && RequiredCategories.Contains(c.Category)).ToListAsync(cancellationToken);

        // The hours are the certificate's (as completed), not the course's today.
        var completions = await (
            from completion in db.CourseCompletions.AsNoTracking()
            join course in db.Courses.AsNoTracking() on completion.CourseId equals course.Id
            join certificate in db.Certificates.AsNoTracking() on completion.CertificateId equals certificate.Id
            where completion.MemberId == memberId && certificate.RevokedAt == null && certificate.SuspendedAt == null
            select new { completion, course, certificate.Number, certificate.DurationMinutes }).ToListAsync(cancellationToken);
        var training = await db.InServiceTrainings.AsNoTracking()
            .Where(t => t.MemberId == memberId && t.Status == ReviewStatus.Approved).ToListAsync(cancellationToken);
        var conferences = await db.ConferenceAttendances.AsNoTracking()
            .Where(a => a.MemberId == memberId).Select(a => a.Year).ToListAsync(cancellationToken);
        var evidence = new PractitionerEvidence(member,
            [.. completions.Select(c => new CompletedCourse(c.completion, c.course, c.Number, c.DurationMinutes ?? c.course.DurationMinutes))], training, conferences);
        return Evaluate(rules, catalogue, evidence, today);
    }

    /// <summary>The association's own course of a category sets the length another provider's must reach; 0 when the catalogue has none.</summary>
    private static int MinimumMinutes(IReadOnlyList<Course> catalogue, CourseCategory category) =>
        catalogue.Where(c => c.IsAssociationCourse && c.Category == category).Select(c => c.DurationMinutes).DefaultIfEmpty(0).Min();

    /// <summary>The association's own course counts as itself whatever its length; another provider's must be long enough.</summary>
    private static bool LongEnough(CompletedCourse c, int minimumMinutes) => c.Course.IsAssociationCourse || c.Minutes >= minimumMinutes;

    private static string Employment(Member member)
    {
        if (member.AgencyId is null)
        {
            return "No current agency on record";
        }

        if (NotInService.Contains(member.Category))
        {
            return $"{member.Category} member: not in service";
        }

        var title = member.JobTitle is { } t ? $" as {t}" : string.Empty;
        return $"Works for an agency{title} ({(member.IsSwornOfficer ? "sworn officer" : "school-safety staff, not sworn")})";
    }

    private static string Completed(CompletedCourse c) =>
        $"{c.Course.Name} ({c.Course.Provider}) completed {Iso(c.Completion.CompletedOn)}, certificate {c.CertificateNumber}";

    private static string TooShort(CompletedCourse c, int minimumMinutes) =>
        $"{c.Course.Name} ({c.Course.Provider}, certificate {c.CertificateNumber}) has {Hours(c.Minutes)} hours; {Hours(minimumMinutes)} are required";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Hours(int minutes) => (minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture);
}
