using System.Text.Json;
using Membership.Certifications;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Practitioner;
using Membership.Certifications.Records;

namespace Membership.Tests.Certifications.Practitioner;

/// <summary>applyForPractitioner and reviewPractitionerApplication: who may apply, once, and what approving issues.</summary>
public abstract class PractitionerApplicationTests(ApiFixture api) : ApiTest(api)
{
    private readonly PractitionerSteps _steps = new(api);

    [SkippableFact]
    public async Task An_ineligible_member_is_refused_once_per_unmet_requirement_and_nothing_is_written()
    {
        var member = await _steps.OfficerAsync(yearsAsSro: 2);
        await _steps.CompleteAsync(member, "BASIC-SRO", _steps.Today.AddYears(-1));
        await _steps.TrainingAsync(member, 159.75);

        var payload = await _steps.ApplyAsync(member);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("application").ValueKind);
        Assert.Equal(
            [
                MutationAssert.Describe("NOT_ELIGIBLE", "requirements", PractitionerEvaluator.YearsAsSro),
                MutationAssert.Describe("NOT_ELIGIBLE", "requirements", PractitionerEvaluator.AdvancedCourse),
                MutationAssert.Describe("NOT_ELIGIBLE", "requirements", PractitionerEvaluator.FurtherTraining),
                MutationAssert.Describe("NOT_ELIGIBLE", "requirements", PractitionerEvaluator.NationalConference),
            ],
            MutationAssert.ErrorsOf(payload));
        Assert.Contains(payload.GetProperty("userErrors").EnumerateArray(), e => e.Str("message")!.Contains("159.75 of 160 hours", StringComparison.Ordinal));
        Assert.Equal(0, await ApplicationCountAsync(member));
    }

    [SkippableFact]
    public async Task An_eligible_member_applies_once_and_staff_see_the_application()
    {
        var (member, _) = await _steps.EligibleOfficerAsync();

        var id = await _steps.SubmittedApplicationAsync(member);
        var again = await _steps.ApplyAsync(member);
        var queue = await Client.DataAsync($"{{ practitionerApplications(first: 100) {{ nodes {{ {PractitionerSteps.ApplicationFields} }} }} }}", identity: TestIdentity.Staff);
        var own = await _steps.RecordOfAsync(member);

        MutationAssert.Failed(again, "application", "ALREADY_APPLIED");
        var queued = Assert.Single(queue.At("practitionerApplications.nodes").EnumerateArray(), a => a.Str("id") == id);
        Assert.Equal(TestData.MemberId(member), queued.Str("member.id"));
        Assert.Equal("SUBMITTED", queued.Str("status"));
        Assert.Equal([id], own.GetProperty("practitionerApplications").EnumerateArray().Select(a => a.Str("id")));
        Assert.Equal(1, await ApplicationCountAsync(member));
    }

    [SkippableFact]
    public async Task Members_cannot_see_the_review_queue_or_review()
    {
        var (member, _) = await _steps.EligibleOfficerAsync();
        var id = await _steps.SubmittedApplicationAsync(member);

        var queue = await Client.PostAsync("{ practitionerApplications { nodes { id } } }", identity: TestIdentity.Member(member.Id));
        var review = await Client.PostAsync("mutation($input: ReviewPractitionerApplicationInput!) { reviewPractitionerApplication(input: $input) { application { id } } }",
            new { input = new { id, approve = true } }, TestIdentity.Member(member.Id));

        Assert.Contains("FORBIDDEN", queue.ErrorCodes);
        MutationAssert.Forbidden(review, "reviewPractitionerApplication");
        Assert.Equal(ReviewStatus.Submitted, await StatusAsync(id));
    }

    [SkippableFact]
    public async Task Rejecting_needs_a_reason_and_a_decision_is_made_once()
    {
        var (member, _) = await _steps.EligibleOfficerAsync();
        var id = await _steps.SubmittedApplicationAsync(member);

        var withoutReason = await _steps.ReviewAsync(id, approve: false, reason: "  ");
        var statusAfterRefusal = await StatusAsync(id);
        var rejected = MutationAssert.Succeeded(await _steps.ReviewAsync(id, approve: false, reason: "Conference attendance could not be confirmed."), "application");
        var twice = await _steps.ReviewAsync(id, approve: true);

        MutationAssert.Failed(withoutReason, "application", "REQUIRED", "input", "reason");
        Assert.Equal(ReviewStatus.Submitted, statusAfterRefusal);
        Assert.Equal("REJECTED", rejected.Str("status"));
        Assert.Equal("Conference attendance could not be confirmed.", rejected.Str("rejectionReason"));
        MutationAssert.Failed(twice, "application", "ALREADY_REVIEWED", "input", "id");
        Assert.Equal(ReviewStatus.Rejected, await StatusAsync(id));
    }

    [SkippableFact]
    public async Task Approving_issues_the_designation_certificate_and_it_is_held_from_then_on()
    {
        var (member, _) = await _steps.EligibleOfficerAsync();
        var id = await _steps.SubmittedApplicationAsync(member);

        var approved = MutationAssert.Succeeded(await _steps.ReviewAsync(id, approve: true), "application");
        var record = await _steps.RecordOfAsync(member);
        var applyAgain = await _steps.ApplyAsync(member);
        var reviewAgain = await _steps.ReviewAsync(id, approve: true);

        Assert.Equal("APPROVED", approved.Str("status"));
        Assert.Equal("PRACTITIONER", approved.Str("certificate.kind"));
        Assert.Equal(CertificateIssuer.PractitionerTitle, approved.Str("certificate.title"));
        Assert.Equal("National SRO Practitioner", approved.Str("certificate.title"));
        var held = Assert.Single(record.GetProperty("certificates").EnumerateArray(), c => c.Str("kind") == "PRACTITIONER");
        Assert.Equal(approved.Str("certificate.id"), held.Str("id"));
        Assert.Equal("ACTIVE", held.Str("status"));
        MutationAssert.Failed(applyAgain, "application", "ALREADY_HELD");
        MutationAssert.Failed(reviewAgain, "application", "ALREADY_REVIEWED", "input", "id");
        Assert.Equal(1, await PractitionerCertificateCountAsync(member));
    }

    [SkippableFact]
    public async Task Approving_a_member_who_no_longer_qualifies_is_refused_and_the_application_waits()
    {
        var (member, basic) = await _steps.EligibleOfficerAsync();
        var id = await _steps.SubmittedApplicationAsync(member);
        await _steps.RevokeAsync(basic);

        var payload = await _steps.ReviewAsync(id, approve: true);

        MutationAssert.Failed(payload, "application", "NOT_ELIGIBLE", "requirements", PractitionerEvaluator.BasicCourse);
        Assert.Equal(ReviewStatus.Submitted, await StatusAsync(id));
        Assert.Equal(0, await PractitionerCertificateCountAsync(member));
    }

    [SkippableFact]
    public async Task Racing_applications_of_one_member_make_one_application()
    {
        var (member, _) = await _steps.EligibleOfficerAsync();

        var payloads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PractitionerSteps.ApplyAsync(Api.Client(), member)));

        Assert.Single(payloads, p => p.GetProperty("application").ValueKind == JsonValueKind.Object);
        Assert.Equal(3, payloads.Count(p => MutationAssert.ErrorsOf(p).SequenceEqual([MutationAssert.Describe("ALREADY_APPLIED")])));
        Assert.Equal(1, await ApplicationCountAsync(member));
    }

    private async Task<int> ApplicationCountAsync(Member member)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.PractitionerApplications.CountAsync(a => a.MemberId == member.Id);
    }

    private async Task<int> PractitionerCertificateCountAsync(Member member)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.Certificates.CountAsync(c => c.MemberId == member.Id && c.Kind == CertificateKind.Practitioner);
    }

    private async Task<ReviewStatus> StatusAsync(string applicationId)
    {
        var key = Membership.GraphQL.GlobalId.Parse(applicationId, PractitionerApplicationType.TypeName);
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.PractitionerApplications.Where(a => a.Id == key).Select(a => a.Status).SingleAsync();
    }
}

public sealed class PractitionerApplicationTestsOnSqlite(SqliteApi api) : PractitionerApplicationTests(api), IClassFixture<SqliteApi>;

public sealed class PractitionerApplicationTestsOnPostgreSql(PostgreSqlApi api) : PractitionerApplicationTests(api), IClassFixture<PostgreSqlApi>;

public sealed class PractitionerApplicationTestsOnSqlServer(SqlServerApi api) : PractitionerApplicationTests(api), IClassFixture<SqlServerApi>;
