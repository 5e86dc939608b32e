using System.Globalization;
using Membership.Certifications;
using Membership.Members;
using Membership.Certifications.Courses;
using Membership.Certifications.Practitioner;

namespace Membership.Tests.Certifications.Practitioner;

/// <summary>
/// One member's evidence for the evaluator, built in memory on a fixed day: empty, or eligible on every requirement
/// with as little to spare as possible, so a test takes one thing away or moves one date and sees one answer change.
/// </summary>
internal sealed class EvidenceOf
{
    public static readonly DateOnly Today = new(2027, 6, 15);

    /// <summary>The last conference year of <see cref="Eligible"/>.</summary>
    public const int ConferenceYear = 2025;

    private readonly List<CompletedCourse> _completions = [];
    private readonly List<InServiceTraining> _training = [];
    private readonly List<int> _conferences = [];

    private EvidenceOf()
    {
    }

    public Member Member { get; } = new()
    {
        Id = Guid.CreateVersion7(), FirstName = "Dana", LastName = "Reyes", Email = "dana@example.org", EmailNormalized = "dana@example.org", StateCode = "AL",
    };

    public PractitionerRules Rules { get; } = new();

    /// <summary>The catalogue's courses whose lengths are the minimums: the seeded ones.</summary>
    public List<Course> Catalogue { get; } = [.. CourseCatalogue.Courses];

    /// <summary>No SRO start date, no agency, no courses, training or conferences.</summary>
    public static EvidenceOf Nothing() => new();

    /// <summary>Exactly 3 years as an SRO, an agency, the association's Basic and Advanced, 160 hours, one conference.</summary>
    public static EvidenceOf Eligible() => new EvidenceOf().SroSince(Today.AddYears(-3)).AtAgency()
        .Completed(Courses.Association("BASIC-SRO"), new DateOnly(2019, 3, 1))
        .Completed(Courses.Association("ADVANCED-SRO"), new DateOnly(2021, 9, 10))
        .Training(160, Today.AddMonths(-6))
        .Conference(ConferenceYear);

    public EvidenceOf SroSince(DateOnly? since)
    {
        Member.SroSince = since;
        return this;
    }

    /// <summary>At an agency, a Regular member and sworn officer unless told otherwise.</summary>
    public EvidenceOf AtAgency(string? jobTitle = null, MemberCategory category = MemberCategory.Regular, bool sworn = true)
    {
        Member.AgencyId = Guid.CreateVersion7();
        Member.JobTitle = jobTitle;
        Member.Category = category;
        Member.IsSwornOfficer = sworn;
        return this;
    }

    public EvidenceOf WithoutAgency()
    {
        Member.AgencyId = null;
        return this;
    }

    /// <summary>A completion whose certificate records <paramref name="hours"/> (default: the course's length).</summary>
    public EvidenceOf Completed(Course course, DateOnly on, double? hours = null)
    {
        var completion = new CourseCompletion { Id = Guid.CreateVersion7(), MemberId = Member.Id, CourseId = course.Id, CompletedOn = on, CertificateId = Guid.CreateVersion7() };
        var minutes = hours is { } h ? (int)Math.Round(h * 60) : course.DurationMinutes;
        _completions.Add(new CompletedCourse(completion, course, CertificateNumber(_completions.Count + 1), minutes));
        return this;
    }

    public EvidenceOf Training(double hours, DateOnly on, TrainingCategory category = TrainingCategory.SchoolSafety, ReviewStatus status = ReviewStatus.Approved)
    {
        _training.Add(new InServiceTraining
        {
            Id = Guid.CreateVersion7(), MemberId = Member.Id, Title = "Threat assessment", Provider = "State POST", CompletedOn = on,
            DurationMinutes = (int)Math.Round(hours * 60), Category = category, Status = status,
        });
        return this;
    }

    public EvidenceOf WithoutTraining()
    {
        _training.Clear();
        return this;
    }

    public EvidenceOf WithoutCourses()
    {
        _completions.Clear();
        return this;
    }

    public EvidenceOf Conference(int year)
    {
        _conferences.Add(year);
        return this;
    }

    public EvidenceOf WithoutConferences()
    {
        _conferences.Clear();
        return this;
    }

    public EvidenceOf With(Action<PractitionerRules> change)
    {
        change(Rules);
        return this;
    }

    public PractitionerChecklist Evaluate() =>
        PractitionerEvaluator.Evaluate(Rules, Catalogue, new PractitionerEvidence(Member, [.. _completions], [.. _training], [.. _conferences]), Today);

    /// <summary>The one requirement with this code.</summary>
    public PractitionerRequirement Evaluate(string code) => Assert.Single(Evaluate().Requirements, r => r.Code == code);

    /// <summary>The number the nth completion's certificate carries.</summary>
    public static string CertificateNumber(int n) => "SRO-2027-" + n.ToString("D6", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Courses as the evaluator sees them: the seeded association courses, and other providers' courses.</summary>
internal static class Courses
{
    public const string OtherProvider = "State Police Academy";

    public const string AnotherProvidersPrefix = "ACADEMY-";

    public static Course Association(string code) => CourseCatalogue.Courses.Single(c => c.Code == code);

    /// <summary>A seeded course by code, or ACADEMY-category: another provider's 24-hour course of that category.</summary>
    public static Course Find(string code) => code.StartsWith(AnotherProvidersPrefix, StringComparison.Ordinal)
        ? ByAnotherProvider(Enum.Parse<CourseCategory>(code[AnotherProvidersPrefix.Length..]), 24)
        : Association(code);

    public static Course ByAnotherProvider(CourseCategory category, int hours) => new()
    {
        Id = Guid.CreateVersion7(), Code = AnotherProvidersPrefix + category, Name = "Academy " + category, Category = category, DurationMinutes = hours * 60,
        Provider = OtherProvider, IsAssociationCourse = false,
    };
}
