using Membership.Certifications;
using Membership.Certifications.Practitioner;

namespace Membership.Tests.Certifications.Practitioner;

/// <summary>The further training hours (in-service training and non-required courses, inside the window) and the conference.</summary>
public sealed class PractitionerEvaluatorTrainingTests
{
    private static readonly DateOnly Today = EvidenceOf.Today;
    private static readonly string WindowStart = EvidenceOf.Iso(Today.AddYears(-10));
    private static readonly DateOnly Recently = Today.AddMonths(-2);

    private static PractitionerRequirement Hours(EvidenceOf evidence) => evidence.Evaluate(PractitionerEvaluator.FurtherTraining);

    [Fact]
    public void Exactly_160_approved_hours_are_enough()
    {
        var requirement = Hours(EvidenceOf.Eligible().WithoutTraining().Training(100, Recently).Training(60, Today, TrainingCategory.Juvenile));

        Assert.True(requirement.Met);
        Assert.Equal($"160 of 160 hours since {WindowStart}", requirement.Evidence);
    }

    [Fact]
    public void A_quarter_hour_short_is_not()
    {
        var requirement = Hours(EvidenceOf.Eligible().WithoutTraining().Training(100, Recently).Training(59.75, Recently));

        Assert.False(requirement.Met);
        Assert.Equal($"159.75 of 160 hours since {WindowStart}", requirement.Evidence);
    }

    [Fact]
    public void Hours_completed_exactly_ten_years_ago_count()
    {
        var requirement = Hours(EvidenceOf.Eligible().WithoutTraining().Training(150, Recently).Training(10, Today.AddYears(-10)));

        Assert.True(requirement.Met);
        Assert.Equal($"160 of 160 hours since {WindowStart}", requirement.Evidence);
    }

    [Fact]
    public void Hours_completed_ten_years_and_a_day_ago_do_not()
    {
        var requirement = Hours(EvidenceOf.Eligible().WithoutTraining().Training(150, Recently).Training(10, Today.AddYears(-10).AddDays(-1)));

        Assert.False(requirement.Met);
        Assert.Equal($"150 of 160 hours since {WindowStart}", requirement.Evidence);
    }

    [Theory]
    [InlineData(ReviewStatus.Submitted, TrainingCategory.SchoolSafety)]
    [InlineData(ReviewStatus.Rejected, TrainingCategory.Juvenile)]
    [InlineData(ReviewStatus.Approved, TrainingCategory.Other)]
    public void Unapproved_or_unrelated_training_does_not_count(ReviewStatus status, TrainingCategory category)
    {
        var requirement = Hours(EvidenceOf.Eligible().WithoutTraining().Training(150, Recently).Training(10, Recently, category, status));

        Assert.False(requirement.Met);
        Assert.Equal($"150 of 160 hours since {WindowStart}", requirement.Evidence);
    }

    [Fact]
    public void The_hours_and_the_window_come_from_the_rules()
    {
        var evidence = EvidenceOf.Eligible().WithoutTraining().Training(100, Today.AddYears(-4))
            .With(r => r.FurtherTrainingMinutes = 100 * 60).With(r => r.TrainingWindowYears = 5);

        var requirement = Hours(evidence);

        Assert.True(requirement.Met);
        Assert.Equal($"100 of 100 hours since {EvidenceOf.Iso(Today.AddYears(-5))}", requirement.Evidence);
        Assert.False(Hours(evidence.With(r => r.TrainingWindowYears = 3)).Met);
    }

    /// <summary>
    /// A course's category says what it counts as for the designation: the required courses count as themselves, not as
    /// hours; Other counts as nothing, as in-service training of category Other does.
    /// </summary>
    public static TheoryData<string, bool> CoursesInTheWindow => new()
    {
        { "CPTED", true },
        { "SSO", true },
        { "ACADEMY-AdolescentMentalHealth", true },
        { "BASIC-SRO", false },
        { "ADVANCED-SRO", false },
        { "SRO-SUPERVISORS", false },
        { "ACADEMY-Other", false },
    };

    [Theory]
    [MemberData(nameof(CoursesInTheWindow))]
    public void A_course_in_the_window_counts_toward_the_hours_unless_required_or_unrelated(string course, bool counts)
    {
        var evidence = EvidenceOf.Eligible().WithoutTraining().Training(136, Recently).Completed(Courses.Find(course), Recently);

        var requirement = Hours(evidence);

        Assert.Equal(counts, requirement.Met);
        Assert.Equal($"{(counts ? 160 : 136)} of 160 hours since {WindowStart}", requirement.Evidence);
    }

    [Fact]
    public void A_course_counts_the_hours_its_certificate_records_not_the_courses_hours_today()
    {
        var course = Courses.ByAnotherProvider(CourseCategory.Cpted, 40);
        var evidence = EvidenceOf.Eligible().WithoutTraining().Training(136, Recently).Completed(course, Recently, hours: 20);

        var requirement = Hours(evidence);

        Assert.False(requirement.Met);
        Assert.Equal($"156 of 160 hours since {WindowStart}", requirement.Evidence);
    }

    [Fact]
    public void A_course_outside_the_window_does_not_count()
    {
        var evidence = EvidenceOf.Eligible().WithoutTraining().Training(136, Recently).Completed(Courses.Association("CPTED"), Today.AddYears(-10).AddDays(-1));

        var requirement = Hours(evidence);

        Assert.False(requirement.Met);
        Assert.Equal($"136 of 160 hours since {WindowStart}", requirement.Evidence);
    }

    [Fact]
    public void No_conference_is_unmet()
    {
        var requirement = EvidenceOf.Eligible().WithoutConferences().Evaluate(PractitionerEvaluator.NationalConference);

        Assert.False(requirement.Met);
        Assert.Equal("No national conference on record", requirement.Evidence);
    }

    [Fact]
    public void One_conference_is_met()
    {
        var requirement = EvidenceOf.Eligible().Evaluate(PractitionerEvaluator.NationalConference);

        Assert.True(requirement.Met);
        Assert.Equal($"Attended {EvidenceOf.ConferenceYear}", requirement.Evidence);
    }

    [Fact]
    public void Two_required_conferences_need_two_distinct_years()
    {
        var once = EvidenceOf.Eligible().WithoutConferences().Conference(2024).Conference(2024).With(r => r.MinimumConferences = 2);
        var twice = EvidenceOf.Eligible().WithoutConferences().Conference(2026).Conference(2024).With(r => r.MinimumConferences = 2);

        var onceRequirement = once.Evaluate(PractitionerEvaluator.NationalConference);
        var twiceRequirement = twice.Evaluate(PractitionerEvaluator.NationalConference);

        Assert.False(onceRequirement.Met);
        Assert.Equal("Attended 2024", onceRequirement.Evidence);
        Assert.True(twiceRequirement.Met);
        Assert.Equal("Attended 2024, 2026", twiceRequirement.Evidence);
        Assert.Equal("Attendance at 2 national conference(s)", twiceRequirement.Description);
    }
}
