using System.Globalization;
using System.Net;
using System.Text.Json;
using Membership.Certifications;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Practitioner;

namespace Membership.Tests.Certifications.Practitioner;

/// <summary>member.practitionerChecklist: what the records show, requirement by requirement, to the member and staff only.</summary>
public abstract class PractitionerChecklistTests(ApiFixture api) : ApiTest(api)
{
    private readonly PractitionerSteps _steps = new(api);

    private string WindowStart => _steps.Today.AddYears(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task A_member_sees_each_requirement_with_its_evidence()
    {
        var member = await _steps.OfficerAsync(yearsAsSro: 4);
        var basicOn = _steps.Today.AddYears(-2);
        var basic = await _steps.CompleteAsync(member, "BASIC-SRO", basicOn);
        await _steps.TrainingAsync(member, 20, "JUVENILE");
        await _steps.TrainingAsync(member, 30, approve: false);

        var checklist = await _steps.ChecklistAsync(member);

        Assert.False(checklist.GetProperty("eligible").GetBoolean());
        Assert.Equal(PractitionerEvaluatorServiceAndCourseTests.AllCodes, checklist.GetProperty("requirements").EnumerateArray().Select(r => r.Str("code")));
        Assert.All(checklist.GetProperty("requirements").EnumerateArray(), r => Assert.False(string.IsNullOrWhiteSpace(r.Str("description"))));
        AssertRequirement(checklist, PractitionerEvaluator.YearsAsSro, true, $"SRO since {EvidenceOf.Iso(member.SroSince!.Value)}");
        AssertRequirement(checklist, PractitionerEvaluator.CurrentEmployment, true, "Works for an agency (sworn officer)");
        AssertRequirement(checklist, PractitionerEvaluator.BasicCourse, true,
            $"Basic School Resource Officer (The association) completed {EvidenceOf.Iso(basicOn)}, certificate {basic.Str("number")}");
        AssertRequirement(checklist, PractitionerEvaluator.AdvancedCourse, false, "No Advanced or Supervisors course");
        AssertRequirement(checklist, PractitionerEvaluator.FurtherTraining, false, $"20 of 160 hours since {WindowStart}");
        AssertRequirement(checklist, PractitionerEvaluator.NationalConference, false, "No national conference on record");
    }

    [SkippableFact]
    public async Task Another_member_is_forbidden_the_checklist_and_staff_read_it()
    {
        var member = await _steps.OfficerAsync();
        var other = await _steps.OfficerAsync();

        var byOther = await _steps.ReadChecklistAsync(member, TestIdentity.Member(other.Id));
        var byStaff = await _steps.ReadChecklistAsync(member, TestIdentity.Staff);

        Assert.Equal(HttpStatusCode.OK, byOther.Status);
        Assert.Equal(["FORBIDDEN"], byOther.ErrorCodes);
        Assert.Equal(member.LastName, byOther.Data.Str("member.lastName"));
        Assert.Equal(JsonValueKind.Null, byOther.Data.At("member.practitionerChecklist").ValueKind);
        Assert.DoesNotContain("SRO since", byOther.Text, StringComparison.Ordinal);
        Assert.False(byStaff.HasErrors, byStaff.Text);
        Assert.Equal(6, byStaff.Data.At("member.practitionerChecklist.requirements").GetArrayLength());
    }

    [SkippableFact]
    public async Task A_member_built_through_the_real_mutations_is_eligible()
    {
        var (member, _) = await _steps.EligibleOfficerAsync();

        var checklist = await _steps.ChecklistAsync(member);

        Assert.True(checklist.GetProperty("eligible").GetBoolean(), checklist.ToString());
        Assert.All(checklist.GetProperty("requirements").EnumerateArray(), r => Assert.True(r.GetProperty("met").GetBoolean(), r.ToString()));
        AssertRequirement(checklist, PractitionerEvaluator.FurtherTraining, true, $"160 of 160 hours since {WindowStart}");
        AssertRequirement(checklist, PractitionerEvaluator.NationalConference, true, $"Attended {_steps.Today.AddMonths(-1).Year}");
    }

    [SkippableFact]
    public async Task Training_waiting_for_review_or_rejected_does_not_count()
    {
        var member = await _steps.OfficerAsync();
        await _steps.TrainingAsync(member, 150);
        await _steps.TrainingAsync(member, 10, approve: false);
        await _steps.TrainingAsync(member, 10, "OTHER");

        var checklist = await _steps.ChecklistAsync(member);

        AssertRequirement(checklist, PractitionerEvaluator.FurtherTraining, false, $"150 of 160 hours since {WindowStart}");
    }

    [SkippableFact]
    public async Task A_revoked_course_certificate_no_longer_counts()
    {
        var (member, basic) = await _steps.EligibleOfficerAsync();

        await _steps.RevokeAsync(basic);
        var checklist = await _steps.ChecklistAsync(member);

        Assert.False(checklist.GetProperty("eligible").GetBoolean());
        AssertRequirement(checklist, PractitionerEvaluator.BasicCourse, false, "No qualifying Basic course");
    }

    /// <summary>A reissue (after a name change) moves the course to a new certificate; revoking that one must still take the course away.</summary>
    [SkippableFact]
    public async Task A_revoked_reissued_course_certificate_no_longer_counts()
    {
        var (member, basic) = await _steps.EligibleOfficerAsync();
        var reissued = await _steps.ReissueAsync(basic);

        await _steps.RevokeAsync(reissued);
        var checklist = await _steps.ChecklistAsync(member);

        Assert.False(checklist.GetProperty("eligible").GetBoolean());
        AssertRequirement(checklist, PractitionerEvaluator.BasicCourse, false, "No qualifying Basic course");
    }

    [SkippableFact]
    public async Task Exactly_160_hours_count_and_hours_ten_years_and_a_day_old_do_not()
    {
        var exactly = await _steps.OfficerAsync();
        await _steps.TrainingAsync(exactly, 150);
        await _steps.TrainingAsync(exactly, 10, on: _steps.Today.AddYears(-10));
        var tooOld = await _steps.OfficerAsync();
        await _steps.TrainingAsync(tooOld, 150);
        await _steps.TrainingAsync(tooOld, 10, on: _steps.Today.AddYears(-10).AddDays(-1));

        AssertRequirement(await _steps.ChecklistAsync(exactly), PractitionerEvaluator.FurtherTraining, true, $"160 of 160 hours since {WindowStart}");
        AssertRequirement(await _steps.ChecklistAsync(tooOld), PractitionerEvaluator.FurtherTraining, false, $"150 of 160 hours since {WindowStart}");
    }

    [SkippableFact]
    public async Task Another_providers_Basic_counts_only_when_completed_before_2023()
    {
        var course = await _steps.OtherProvidersCourseAsync("BASIC_SRO", 40);
        var before = await _steps.OfficerAsync();
        var certificate = await _steps.CompleteCourseAsync(before, course, new DateOnly(2022, 12, 31));
        var after = await _steps.OfficerAsync();
        await _steps.CompleteCourseAsync(after, course, new DateOnly(2023, 1, 1));

        var counted = PractitionerSteps.Requirement(await _steps.ChecklistAsync(before), PractitionerEvaluator.BasicCourse);
        Assert.True(counted.GetProperty("met").GetBoolean(), counted.ToString());
        Assert.EndsWith($"completed 2022-12-31, certificate {certificate.Str("number")}", counted.Str("evidence"), StringComparison.Ordinal);
        AssertRequirement(await _steps.ChecklistAsync(after), PractitionerEvaluator.BasicCourse, false, "No qualifying Basic course");
    }

    [SkippableFact]
    public async Task Another_providers_16_hour_Advanced_does_not_meet_the_24_hour_requirement()
    {
        var shortOne = await _steps.OtherProvidersCourseAsync("ADVANCED_SRO", 16);
        var fullOne = await _steps.OtherProvidersCourseAsync("SUPERVISORS_MANAGEMENT", 24);
        var member = await _steps.OfficerAsync();
        var certificate = await _steps.CompleteCourseAsync(member, shortOne, _steps.Today.AddMonths(-4));
        var other = await _steps.OfficerAsync();
        await _steps.CompleteCourseAsync(other, fullOne, _steps.Today.AddMonths(-4));

        var requirement = PractitionerSteps.Requirement(await _steps.ChecklistAsync(member), PractitionerEvaluator.AdvancedCourse);

        Assert.False(requirement.GetProperty("met").GetBoolean(), requirement.ToString());
        Assert.Contains("24-hour", requirement.Str("description"), StringComparison.Ordinal);
        Assert.EndsWith($"certificate {certificate.Str("number")}) has 16 hours; 24 are required", requirement.Str("evidence"), StringComparison.Ordinal);
        Assert.True(PractitionerSteps.Requirement(await _steps.ChecklistAsync(other), PractitionerEvaluator.AdvancedCourse).GetProperty("met").GetBoolean());
    }

    [SkippableFact]
    public async Task Changing_a_courses_hours_does_not_recount_a_completion_already_recorded()
    {
        var course = await _steps.OtherProvidersCourseAsync("CPTED", 20);
        var member = await _steps.OfficerAsync();
        await _steps.CompleteCourseAsync(member, course, _steps.Today.AddMonths(-6));
        AssertRequirement(await _steps.ChecklistAsync(member), PractitionerEvaluator.FurtherTraining, false, $"20 of 160 hours since {WindowStart}");

        await _steps.SetCourseHoursAsync(course, 160);

        AssertRequirement(await _steps.ChecklistAsync(member), PractitionerEvaluator.FurtherTraining, false, $"20 of 160 hours since {WindowStart}");
    }

    [SkippableFact]
    public async Task Two_years_and_364_days_as_an_SRO_are_not_three_years()
    {
        var member = await _steps.OfficerAsync();
        var since = _steps.Today.AddYears(-3).AddDays(1);
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            await db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.SroSince, since));
        }

        var exactly = await _steps.OfficerAsync(yearsAsSro: 3);

        AssertRequirement(await _steps.ChecklistAsync(member), PractitionerEvaluator.YearsAsSro, false, $"SRO since {EvidenceOf.Iso(since)}");
        AssertRequirement(await _steps.ChecklistAsync(exactly), PractitionerEvaluator.YearsAsSro, true, $"SRO since {EvidenceOf.Iso(_steps.Today.AddYears(-3))}");
    }

    [SkippableFact]
    public async Task A_retired_member_with_an_agency_on_record_is_not_currently_employed()
    {
        var member = await _steps.OfficerAsync();
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            await db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Category, MemberCategory.Retired));
        }

        AssertRequirement(await _steps.ChecklistAsync(member), PractitionerEvaluator.CurrentEmployment, false, "Retired member: not in service");
    }

    private static void AssertRequirement(JsonElement checklist, string code, bool met, string evidence)
    {
        var requirement = PractitionerSteps.Requirement(checklist, code);
        Assert.True(met == requirement.GetProperty("met").GetBoolean(), requirement.ToString());
        Assert.Equal(evidence, requirement.Str("evidence"));
    }
}

public sealed class PractitionerChecklistTestsOnSqlite(SqliteApi api) : PractitionerChecklistTests(api), IClassFixture<SqliteApi>;

public sealed class PractitionerChecklistTestsOnPostgreSql(PostgreSqlApi api) : PractitionerChecklistTests(api), IClassFixture<PostgreSqlApi>;

public sealed class PractitionerChecklistTestsOnSqlServer(SqlServerApi api) : PractitionerChecklistTests(api), IClassFixture<SqlServerApi>;
