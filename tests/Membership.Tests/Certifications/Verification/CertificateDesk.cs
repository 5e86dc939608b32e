using System.Globalization;
using System.Text.Json;
using Membership.Certifications;
using Membership.GraphQL;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Membership.Certifications.Courses;
using Membership.Certifications.Records;

namespace Membership.Tests.Certifications.Verification;

/// <summary>A certificate as staff see it right after it was issued.</summary>
internal sealed record IssuedCertificate(string Id, string Number, string VerificationCode, string IssuedOn, string? ExpiresOn);

/// <summary>
/// The staff side of certificates, through GraphQL as staff use it: completions and rosters issue certificates;
/// suspend, revoke and reissue change them. Verification tests build their certificates here.
/// </summary>
internal sealed class CertificateDesk(Func<GraphQLClient> client, TestIdentity staff)
{
    private const string Fields = "id number verificationCode issuedOn expiresOn";

    public static string CourseId(string code) => GlobalId.Encode(CourseType.TypeName, CourseCatalogue.Courses.Single(c => c.Code == code).Id);

    public static Course Course(string code) => CourseCatalogue.Courses.Single(c => c.Code == code);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>recordCompletion: one member, one course, one certificate.</summary>
    public async Task<IssuedCertificate> RecordAsync(Member member, string courseCode, DateOnly completedOn)
    {
        var data = await client().DataAsync(
            "mutation($input: RecordCompletionInput!) { recordCompletion(input: $input) { certificate { " + Fields + " } userErrors { code field message } } }",
            new { input = new { memberId = TestData.MemberId(member), courseId = CourseId(courseCode), completedOn = Date(completedOn) } }, staff);
        return Read(MutationAssert.Succeeded(data.At("recordCompletion"), "certificate"));
    }

    /// <summary>recordRoster: a class of members by member number, one certificate each, in row order.</summary>
    public async Task<List<IssuedCertificate>> RosterAsync(string courseCode, IEnumerable<Member> members, DateOnly completedOn)
    {
        var rows = members.Select(m => new { member = m.MemberNumber, completedOn = Date(completedOn) }).ToList();
        var data = await client().DataAsync(
            "mutation($input: RecordRosterInput!) { recordRoster(input: $input) { certificates { " + Fields + " } userErrors { code field message } } }",
            new { input = new { courseId = CourseId(courseCode), rows } }, staff);
        var payload = data.At("recordRoster");
        Assert.Empty(MutationAssert.ErrorsOf(payload));
        return [.. payload.GetProperty("certificates").EnumerateArray().Select(Read)];
    }

    public Task<IssuedCertificate> SuspendAsync(IssuedCertificate certificate, string reason) =>
        ChangeAsync("suspendCertificate", "CertificateReasonInput", new { certificateId = certificate.Id, reason });

    public Task<IssuedCertificate> RevokeAsync(IssuedCertificate certificate, string reason) =>
        ChangeAsync("revokeCertificate", "CertificateReasonInput", new { certificateId = certificate.Id, reason });

    /// <summary>Returns the new certificate; the old one answers REPLACED.</summary>
    public Task<IssuedCertificate> ReissueAsync(IssuedCertificate certificate) =>
        ChangeAsync("reissueCertificate", "CertificateIdInput", new { certificateId = certificate.Id });

    /// <summary>Any staff action on a certificate (reinstateCertificate, …); requires success.</summary>
    public async Task<IssuedCertificate> ChangeAsync(string mutation, string inputType, object input)
    {
        var data = await client().DataAsync(
            $"mutation($input: {inputType}!) {{ {mutation}(input: $input) {{ certificate {{ {Fields} }} userErrors {{ code field message }} }} }}", new { input }, staff);
        return Read(MutationAssert.Succeeded(data.At(mutation), "certificate"));
    }

    private static IssuedCertificate Read(JsonElement c) => new(c.Str("id")!, c.Str("number")!, c.Str("verificationCode")!, c.Str("issuedOn")!,
        c.GetProperty("expiresOn").ValueKind == JsonValueKind.Null ? null : c.Str("expiresOn"));
}
