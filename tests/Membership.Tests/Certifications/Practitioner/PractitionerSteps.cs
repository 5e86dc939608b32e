using System.Text.Json;
using Membership.Certifications;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Membership.Certifications.Courses;
using Membership.Certifications.Records;

namespace Membership.Tests.Certifications.Practitioner;

/// <summary>
/// A member's road to the designation through the real mutations, as staff and the member take it: course completions,
/// reported training and its review, conference attendance, the checklist, the application and its review.
/// Only the member row itself is written straight to the database.
/// </summary>
internal sealed class PractitionerSteps(ApiFixture api)
{
    public const string UserErrors = "userErrors { code field message }";
    public const string ApplicationFields = "id status rejectionReason member { id } certificate { id kind title number }";
    public const string ChecklistFields = "practitionerChecklist { eligible requirements { code description met evidence } }";

    private readonly TestData _data = new(api);

    private GraphQLClient Client => api.Client();

    public DateOnly Today => _data.Today;

    /// <summary>A member at an agency who has been an SRO for <paramref name="yearsAsSro"/> years; nothing else on record.</summary>
    public async Task<Member> OfficerAsync(int yearsAsSro = 4)
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        return await _data.MemberAsync(plan, agency, shape: m => m.SroSince = _data.Today.AddYears(-yearsAsSro));
    }

    /// <summary>An officer who meets every requirement; the Basic course's certificate is returned, to take it away later.</summary>
    public async Task<(Member Member, string BasicCertificateId)> EligibleOfficerAsync()
    {
        var member = await OfficerAsync();
        var basic = await CompleteAsync(member, "BASIC-SRO", Today.AddYears(-3));
        await CompleteAsync(member, "ADVANCED-SRO", Today.AddYears(-2));
        await CompleteAsync(member, "CPTED", Today.AddYears(-1));
        await TrainingAsync(member, 136);
        await ConferenceAsync(member, Today.AddMonths(-1));
        return (member, basic.Str("id")!);
    }

    /// <summary>Staff record a completion of a seeded course; returns the certificate issued.</summary>
    public Task<JsonElement> CompleteAsync(Member member, string courseCode, DateOnly on) =>
        CompleteCourseAsync(member, TestData.Id(CourseType.TypeName, Courses.Association(courseCode).Id), on);

    /// <summary>Staff add another provider's course of a category (BASIC_SRO, ADVANCED_SRO, CPTED, …) to the catalogue; returns its ID.</summary>
    public async Task<string> OtherProvidersCourseAsync(string category, double hours)
    {
        var code = TestData.Unique("ACAD-").ToUpperInvariant();
        var payload = await MutateAsync("createCourse", "CreateCourseInput", "course { id }", new
        {
            code, name = "Academy " + code, category, hours, provider = Courses.OtherProvider, associationCourse = false,
        }, TestIdentity.Staff);
        return MutationAssert.Succeeded(payload, "course").Str("id")!;
    }

    /// <summary>Staff change a course's length.</summary>
    public async Task SetCourseHoursAsync(string courseId, double hours) =>
        MutationAssert.Succeeded(await MutateAsync("updateCourse", "UpdateCourseInput", "course { id }", new { id = courseId, hours }, TestIdentity.Staff), "course");

    /// <summary>Staff record a completion of any course by its ID; returns the certificate issued.</summary>
    public async Task<JsonElement> CompleteCourseAsync(Member member, string course, DateOnly on)
    {
        var payload = await MutateAsync("recordCompletion", "RecordCompletionInput", "certificate { id number }",
            new { memberId = TestData.MemberId(member), courseId = course, completedOn = on }, TestIdentity.Staff);
        return MutationAssert.Succeeded(payload, "certificate");
    }

    /// <summary>The member reports training and staff approve it (or leave it for review).</summary>
    public async Task TrainingAsync(Member member, double hours, string category = "SCHOOL_SAFETY", bool approve = true, DateOnly? on = null)
    {
        var submitted = await MutateAsync("submitInServiceTraining", "SubmitInServiceTrainingInput", "training { id }",
            new { title = "Threat assessment in schools", provider = "State POST", completedOn = on ?? Today.AddMonths(-3), hours, category }, TestIdentity.Member(member.Id));
        var id = MutationAssert.Succeeded(submitted, "training").Str("id");
        if (approve)
        {
            var reviewed = await MutateAsync("reviewInServiceTraining", "ReviewInServiceTrainingInput", "training { status }", new { id, approve = true }, TestIdentity.Staff);
            Assert.Equal("APPROVED", MutationAssert.Succeeded(reviewed, "training").Str("status"));
        }
    }

    public async Task ConferenceAsync(Member member, DateOnly attendedOn)
    {
        var payload = await MutateAsync("recordConferenceAttendance", "RecordConferenceAttendanceInput", "attendance { year }",
            new { memberId = TestData.MemberId(member), attendedOn }, TestIdentity.Staff);
        MutationAssert.Succeeded(payload, "attendance");
    }

    public async Task RevokeAsync(string certificateId)
    {
        var payload = await MutateAsync("revokeCertificate", "CertificateReasonInput", "certificate { status }",
            new { certificateId, reason = "Course record found to be forged." }, TestIdentity.Staff);
        MutationAssert.Succeeded(payload, "certificate");
    }

    /// <summary>Reissues a certificate (after a name change); returns the new one's ID.</summary>
    public async Task<string> ReissueAsync(string certificateId)
    {
        var payload = await MutateAsync("reissueCertificate", "CertificateIdInput", "certificate { id }", new { certificateId }, TestIdentity.Staff);
        return MutationAssert.Succeeded(payload, "certificate").Str("id")!;
    }

    /// <summary>The member's checklist as <paramref name="reader"/> (default: the member) reads it.</summary>
    public async Task<GraphQLResult> ReadChecklistAsync(Member member, TestIdentity? reader = null) =>
        await Client.PostAsync($"query($id: ID!) {{ member(id: $id) {{ lastName {ChecklistFields} }} }}",
            new { id = TestData.MemberId(member) }, reader ?? TestIdentity.Member(member.Id));

    public async Task<JsonElement> ChecklistAsync(Member member)
    {
        var result = await ReadChecklistAsync(member);
        Assert.False(result.HasErrors, result.Text);
        return result.Data.At("member.practitionerChecklist");
    }

    public static JsonElement Requirement(JsonElement checklist, string code) =>
        Assert.Single(checklist.GetProperty("requirements").EnumerateArray(), r => r.Str("code") == code);

    public Task<JsonElement> ApplyAsync(Member member) => ApplyAsync(Client, member);

    /// <summary>On a given client, so that racing applications can each have their own.</summary>
    public static async Task<JsonElement> ApplyAsync(GraphQLClient client, Member member)
    {
        var data = await client.DataAsync($"mutation {{ applyForPractitioner {{ application {{ {ApplicationFields} }} {UserErrors} }} }}", identity: TestIdentity.Member(member.Id));
        return data.GetProperty("applyForPractitioner");
    }

    public Task<JsonElement> ReviewAsync(string applicationId, bool approve, string? reason = null) =>
        MutateAsync("reviewPractitionerApplication", "ReviewPractitionerApplicationInput", $"application {{ {ApplicationFields} }}",
            new { id = applicationId, approve, reason }, TestIdentity.Staff);

    /// <summary>Applies and requires a SUBMITTED application; returns its ID.</summary>
    public async Task<string> SubmittedApplicationAsync(Member member)
    {
        var application = MutationAssert.Succeeded(await ApplyAsync(member), "application");
        Assert.Equal("SUBMITTED", application.Str("status"));
        return application.Str("id")!;
    }

    /// <summary>The member's own applications and certificates, as the member reads them.</summary>
    public async Task<JsonElement> RecordOfAsync(Member member) =>
        (await Client.DataAsync($"query($id: ID!) {{ member(id: $id) {{ practitionerApplications {{ {ApplicationFields} }} certificates {{ id kind title status }} }} }}",
            new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id))).At("member");

    public Task<JsonElement> MutateAsync(string field, string inputType, string selection, object input, TestIdentity identity) =>
        MutateAsync(Client, field, inputType, selection, input, identity);

    /// <summary>Runs <c>field(input:)</c>, requires a result without GraphQL errors and returns the payload.</summary>
    private static async Task<JsonElement> MutateAsync(GraphQLClient client, string field, string inputType, string selection, object input, TestIdentity identity)
    {
        var data = await client.DataAsync($"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} {UserErrors} }} }}", new { input }, identity);
        return data.GetProperty(field);
    }
}
