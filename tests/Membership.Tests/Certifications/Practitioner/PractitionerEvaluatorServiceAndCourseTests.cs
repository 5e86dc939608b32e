using Membership.Certifications;
using Membership.Members;
using Membership.Certifications.Practitioner;

namespace Membership.Tests.Certifications.Practitioner;

/// <summary>Years as an SRO, current employment, the Basic and the Advanced course, and eligibility as a whole.</summary>
public sealed class PractitionerEvaluatorServiceAndCourseTests
{
    private static readonly DateOnly Today = EvidenceOf.Today;

    [Fact]
    public void An_SRO_since_exactly_three_years_ago_has_the_years()
    {
        var since = Today.AddYears(-3);

        var requirement = EvidenceOf.Eligible().SroSince(since).Evaluate(PractitionerEvaluator.YearsAsSro);

        Assert.True(requirement.Met);
        Assert.Equal($"SRO since {EvidenceOf.Iso(since)}", requirement.Evidence);
    }

    [Fact]
    public void An_SRO_one_day_short_of_three_years_does_not()
    {
        var since = Today.AddYears(-3).AddDays(1);

        var requirement = EvidenceOf.Eligible().SroSince(since).Evaluate(PractitionerEvaluator.YearsAsSro);

        Assert.False(requirement.Met);
        Assert.Equal($"SRO since {EvidenceOf.Iso(since)}", requirement.Evidence);
    }

    [Fact]
    public void No_SRO_start_date_is_no_years()
    {
        var requirement = EvidenceOf.Eligible().SroSince(null).Evaluate(PractitionerEvaluator.YearsAsSro);

        Assert.False(requirement.Met);
        Assert.Equal("No SRO start date on record", requirement.Evidence);
    }

    [Fact]
    public void The_years_come_from_the_rules()
    {
        var evidence = EvidenceOf.Eligible().SroSince(Today.AddYears(-3)).With(r => r.MinimumYearsAsSro = 4);

        var requirement = evidence.Evaluate(PractitionerEvaluator.YearsAsSro);

        Assert.False(requirement.Met);
        Assert.StartsWith("At least 4 years", requirement.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void No_agency_is_no_current_employment()
    {
        var requirement = EvidenceOf.Eligible().WithoutAgency().Evaluate(PractitionerEvaluator.CurrentEmployment);

        Assert.False(requirement.Met);
        Assert.Equal("No current agency on record", requirement.Evidence);
    }

    [Fact]
    public void An_agency_is_current_employment_and_the_job_title_is_the_evidence()
    {
        var requirement = EvidenceOf.Eligible().AtAgency("School Resource Officer").Evaluate(PractitionerEvaluator.CurrentEmployment);

        Assert.True(requirement.Met);
        Assert.Equal("Works for an agency as School Resource Officer (sworn officer)", requirement.Evidence);
    }

    [Theory]
    [InlineData(MemberCategory.Retired, false, "Retired member: not in service")]
    [InlineData(MemberCategory.Student, false, "Student member: not in service")]
    [InlineData(MemberCategory.Associate, true, "Works for an agency as School Safety Officer (school-safety staff, not sworn)")]
    [InlineData(MemberCategory.Life, true, "Works for an agency as School Safety Officer (school-safety staff, not sworn)")]
    public void Retired_and_student_members_are_not_in_service_and_school_safety_staff_are(MemberCategory category, bool met, string evidence)
    {
        var requirement = EvidenceOf.Eligible().AtAgency("School Safety Officer", category, sworn: false).Evaluate(PractitionerEvaluator.CurrentEmployment);

        Assert.Equal(met, requirement.Met);
        Assert.Equal(evidence, requirement.Evidence);
        Assert.Contains("not Retired or Student", requirement.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CourseCategory.AdvancedSro, 23.75, false)]
    [InlineData(CourseCategory.AdvancedSro, 24, true)]
    [InlineData(CourseCategory.SupervisorsManagement, 16, false)]
    [InlineData(CourseCategory.SupervisorsManagement, 32, true)]
    public void Another_providers_Advanced_or_Supervisors_course_must_be_as_long_as_the_associations(CourseCategory category, double hours, bool counts)
    {
        var evidence = EvidenceOf.Eligible().WithoutCourses().Completed(Courses.Association("BASIC-SRO"), new DateOnly(2019, 3, 1))
            .Completed(Courses.ByAnotherProvider(category, (int)Math.Ceiling(hours)), new DateOnly(2024, 1, 5), hours);

        var requirement = evidence.Evaluate(PractitionerEvaluator.AdvancedCourse);

        Assert.Equal(counts, requirement.Met);
        Assert.Equal("A 24-hour Advanced SRO or SRO Supervisors and Management course", requirement.Description);
        if (!counts)
        {
            Assert.EndsWith($"certificate {EvidenceOf.CertificateNumber(2)}) has {hours.ToString(System.Globalization.CultureInfo.InvariantCulture)} hours; 24 are required", requirement.Evidence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Another_providers_Basic_before_2023_must_be_40_hours_and_the_minimum_comes_from_the_catalogue()
    {
        var shortBasic = EvidenceOf.Eligible().WithoutCourses().Completed(Courses.ByAnotherProvider(CourseCategory.BasicSro, 32), new DateOnly(2020, 5, 1));
        var shorterCatalogue = EvidenceOf.Eligible().WithoutCourses().Completed(Courses.ByAnotherProvider(CourseCategory.BasicSro, 32), new DateOnly(2020, 5, 1));
        var basic = Courses.Association("BASIC-SRO");
        shorterCatalogue.Catalogue[shorterCatalogue.Catalogue.FindIndex(c => c.Code == "BASIC-SRO")] = new Course
        {
            Id = basic.Id, Code = basic.Code, Name = basic.Name, Category = basic.Category, DurationMinutes = 32 * 60, Provider = basic.Provider, IsAssociationCourse = true,
        };

        var requirement = shortBasic.Evaluate(PractitionerEvaluator.BasicCourse);

        Assert.False(requirement.Met);
        Assert.StartsWith("The association's 40-hour Basic SRO course", requirement.Description, StringComparison.Ordinal);
        Assert.EndsWith("has 32 hours; 40 are required", requirement.Evidence, StringComparison.Ordinal);
        Assert.True(shorterCatalogue.Evaluate(PractitionerEvaluator.BasicCourse).Met);
    }

    [Fact]
    public void The_associations_own_course_counts_whatever_hours_its_certificate_records()
    {
        var evidence = EvidenceOf.Eligible().WithoutCourses()
            .Completed(Courses.Association("BASIC-SRO"), new DateOnly(2012, 3, 1), hours: 32)
            .Completed(Courses.Association("ADVANCED-SRO"), new DateOnly(2014, 3, 1), hours: 16);

        Assert.True(evidence.Evaluate(PractitionerEvaluator.BasicCourse).Met);
        Assert.True(evidence.Evaluate(PractitionerEvaluator.AdvancedCourse).Met);
    }

    public static TheoryData<DateOnly> AnyDay => new(new DateOnly(1998, 4, 20), new DateOnly(2022, 12, 31), new DateOnly(2023, 1, 1), Today);

    [Theory]
    [MemberData(nameof(AnyDay))]
    public void The_associations_Basic_counts_whenever_it_was_completed(DateOnly on)
    {
        var requirement = EvidenceOf.Eligible().WithoutCourses().Completed(Courses.Association("BASIC-SRO"), on).Evaluate(PractitionerEvaluator.BasicCourse);

        Assert.True(requirement.Met);
        Assert.Equal($"Basic School Resource Officer (The association) completed {EvidenceOf.Iso(on)}, certificate {EvidenceOf.CertificateNumber(1)}", requirement.Evidence);
    }

    public static TheoryData<DateOnly, bool> AnotherProvidersBasic => new()
    {
        { new DateOnly(2022, 12, 31), true },
        { new DateOnly(2023, 1, 1), false },
        { new DateOnly(2023, 1, 2), false },
        { new DateOnly(2026, 8, 1), false },
    };

    [Theory]
    [MemberData(nameof(AnotherProvidersBasic))]
    public void Another_providers_Basic_counts_only_before_2023(DateOnly on, bool counts)
    {
        var evidence = EvidenceOf.Eligible().WithoutCourses().Completed(Courses.ByAnotherProvider(CourseCategory.BasicSro, 40), on);

        var requirement = evidence.Evaluate(PractitionerEvaluator.BasicCourse);

        Assert.Equal(counts, requirement.Met);
        Assert.Equal(counts ? $"Academy BasicSro ({Courses.OtherProvider}) completed {EvidenceOf.Iso(on)}, certificate {EvidenceOf.CertificateNumber(1)}" : "No qualifying Basic course",
            requirement.Evidence);
        Assert.Contains("before 2023-01-01", requirement.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2022-06-30", "2022-07-01", true)]
    [InlineData("2022-07-01", "2022-07-01", false)]
    [InlineData("2024-05-01", "2025-01-01", true)]
    [InlineData("2022-12-31", "2020-01-01", false)]
    public void The_cut_over_day_comes_from_the_rules(string completedOn, string associationOnlyFrom, bool counts)
    {
        var from = DateOnly.Parse(associationOnlyFrom, System.Globalization.CultureInfo.InvariantCulture);
        var evidence = EvidenceOf.Eligible().WithoutCourses().With(r => r.AssociationBasicOnlyFrom = from)
            .Completed(Courses.ByAnotherProvider(CourseCategory.BasicSro, 40), DateOnly.Parse(completedOn, System.Globalization.CultureInfo.InvariantCulture));

        var requirement = evidence.Evaluate(PractitionerEvaluator.BasicCourse);

        Assert.Equal(counts, requirement.Met);
        Assert.Contains($"before {associationOnlyFrom}", requirement.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_earliest_qualifying_Basic_is_the_evidence()
    {
        var evidence = EvidenceOf.Eligible().WithoutCourses()
            .Completed(Courses.ByAnotherProvider(CourseCategory.BasicSro, 40), new DateOnly(2024, 2, 2))
            .Completed(Courses.Association("BASIC-SRO"), new DateOnly(2025, 3, 3));

        var requirement = evidence.Evaluate(PractitionerEvaluator.BasicCourse);

        Assert.True(requirement.Met);
        Assert.Equal($"Basic School Resource Officer (The association) completed 2025-03-03, certificate {EvidenceOf.CertificateNumber(2)}", requirement.Evidence);
    }

    [Theory]
    [InlineData("ADVANCED-SRO", "Advanced School Resource Officer")]
    [InlineData("SRO-SUPERVISORS", "SRO Supervisors and Management")]
    public void Advanced_or_Supervisors_counts(string code, string name)
    {
        var on = new DateOnly(2024, 10, 4);
        var evidence = EvidenceOf.Eligible().WithoutCourses().Completed(Courses.Association("BASIC-SRO"), on).Completed(Courses.Association(code), on);

        var requirement = evidence.Evaluate(PractitionerEvaluator.AdvancedCourse);

        Assert.True(requirement.Met);
        Assert.Equal($"{name} (The association) completed 2024-10-04, certificate {EvidenceOf.CertificateNumber(2)}", requirement.Evidence);
    }

    [Fact]
    public void Neither_Advanced_nor_Supervisors_is_unmet_whatever_else_was_completed()
    {
        var on = new DateOnly(2024, 10, 4);
        var evidence = EvidenceOf.Eligible().WithoutCourses()
            .Completed(Courses.Association("BASIC-SRO"), on).Completed(Courses.Association("CPTED"), on).Completed(Courses.Association("SSO"), on);

        var requirement = evidence.Evaluate(PractitionerEvaluator.AdvancedCourse);

        Assert.False(requirement.Met);
        Assert.Equal("No Advanced or Supervisors course", requirement.Evidence);
    }

    [Fact]
    public void Meeting_every_requirement_is_eligible()
    {
        var checklist = EvidenceOf.Eligible().Evaluate();

        Assert.True(checklist.Eligible);
        Assert.Empty(checklist.Unmet);
        Assert.Equal(AllCodes, checklist.Requirements.Select(r => r.Code));
    }

    public static readonly string[] AllCodes =
    [
        PractitionerEvaluator.YearsAsSro, PractitionerEvaluator.CurrentEmployment, PractitionerEvaluator.BasicCourse,
        PractitionerEvaluator.AdvancedCourse, PractitionerEvaluator.FurtherTraining, PractitionerEvaluator.NationalConference,
    ];

    public static TheoryData<string> EachCode => new(AllCodes);

    [Theory]
    [MemberData(nameof(EachCode))]
    public void Missing_any_one_requirement_is_not_eligible(string code)
    {
        var evidence = EvidenceOf.Eligible();
        _ = code switch
        {
            PractitionerEvaluator.YearsAsSro => evidence.SroSince(Today.AddYears(-1)),
            PractitionerEvaluator.CurrentEmployment => evidence.WithoutAgency(),
            PractitionerEvaluator.BasicCourse => evidence.WithoutCourses().Completed(Courses.Association("ADVANCED-SRO"), new DateOnly(2021, 9, 10)),
            PractitionerEvaluator.AdvancedCourse => evidence.WithoutCourses().Completed(Courses.Association("BASIC-SRO"), new DateOnly(2019, 3, 1)),
            PractitionerEvaluator.FurtherTraining => evidence.WithoutTraining().Training(159, Today),
            _ => evidence.WithoutConferences(),
        };

        var checklist = evidence.Evaluate();

        Assert.False(checklist.Eligible);
        Assert.Equal([code], checklist.Unmet);
    }

    [Fact]
    public void Nothing_on_record_meets_nothing()
    {
        var checklist = EvidenceOf.Nothing().Evaluate();

        Assert.False(checklist.Eligible);
        Assert.Equal(AllCodes, checklist.Unmet);
    }
}
