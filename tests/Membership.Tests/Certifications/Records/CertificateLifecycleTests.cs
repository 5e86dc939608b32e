using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Records;

/// <summary>What staff do to an issued certificate: suspend, reinstate, revoke, reissue; and expiry by date.</summary>
public abstract class CertificateLifecycleTests(ApiFixture api) : ApiTest(api)
{
    private const string Fields = "id number holderName status issuedOn expiresOn suspensionReason revocationReason replacedBy { number holderName status }";

    private readonly CertificationRequests _requests = new(api);

    [SkippableFact]
    public async Task A_suspension_keeps_its_reason_for_staff_only_and_reinstating_makes_it_active_again()
    {
        var member = await _requests.MemberAsync();
        var certificate = await _requests.CertificateAsync(member, "BASIC-SRO");
        var id = certificate.Str("id")!;

        var suspended = MutationAssert.Succeeded(await ActAsync("suspendCertificate", new { certificateId = id, reason = "Under internal review" }), "certificate");
        Assert.Equal("SUSPENDED", suspended.Str("status"));
        Assert.Equal("Under internal review", suspended.Str("suspensionReason"));
        Assert.Equal("Under internal review", (await _requests.StaffCertificateAsync(certificate.Str("number")!, Fields)).Str("suspensionReason"));

        var own = await _requests.MemberAsSeenByAsync(member, "certificates { number status suspensionReason }", TestIdentity.Member(member.Id));
        Assert.Equal(["FORBIDDEN"], own.ErrorCodes);
        Assert.Equal("SUSPENDED", own.Data.Str("member.certificates.0.status"));
        Assert.Equal(JsonValueKind.Null, own.Data.At("member.certificates.0.suspensionReason").ValueKind);
        Assert.DoesNotContain("Under internal review", own.Text, StringComparison.Ordinal);

        MutationAssert.Failed(await ActAsync("suspendCertificate", new { certificateId = id, reason = "Again" }), "certificate", "ALREADY_SUSPENDED", "input", "certificateId");

        var reinstated = MutationAssert.Succeeded(await ActAsync("reinstateCertificate", new { certificateId = id }), "certificate");
        Assert.Equal("ACTIVE", reinstated.Str("status"));
        Assert.Equal(JsonValueKind.Null, reinstated.GetProperty("suspensionReason").ValueKind);
        MutationAssert.Failed(await ActAsync("reinstateCertificate", new { certificateId = id }), "certificate", "NOT_SUSPENDED", "input", "certificateId");
    }

    [SkippableFact]
    public async Task Suspending_or_revoking_needs_a_reason()
    {
        var certificate = await _requests.CertificateAsync(await _requests.MemberAsync(), "SSO");
        var id = certificate.Str("id")!;

        MutationAssert.Failed(await ActAsync("suspendCertificate", new { certificateId = id, reason = " " }), "certificate", "REQUIRED", "input", "reason");
        MutationAssert.Failed(await ActAsync("revokeCertificate", new { certificateId = id, reason = "" }), "certificate", "REQUIRED", "input", "reason");

        Assert.Equal("ACTIVE", (await _requests.StaffCertificateAsync(certificate.Str("number")!, "status")).Str("status"));
    }

    [SkippableFact]
    public async Task A_revoked_certificate_cannot_change_any_more()
    {
        var member = await _requests.MemberAsync();
        var certificate = await _requests.CertificateAsync(member, "CPTED");
        var id = certificate.Str("id")!;
        MutationAssert.Succeeded(await ActAsync("suspendCertificate", new { certificateId = id, reason = "Complaint received" }), "certificate");

        var revoked = MutationAssert.Succeeded(await ActAsync("revokeCertificate", new { certificateId = id, reason = "Completion was falsified" }), "certificate");
        Assert.Equal("REVOKED", revoked.Str("status"));
        Assert.Equal("Completion was falsified", revoked.Str("revocationReason"));

        foreach (var (action, input) in new (string, object)[]
                 {
                     ("suspendCertificate", new { certificateId = id, reason = "x" }),
                     ("reinstateCertificate", new { certificateId = id }),
                     ("revokeCertificate", new { certificateId = id, reason = "again" }),
                     ("reissueCertificate", new { certificateId = id }),
                 })
        {
            MutationAssert.Failed(await ActAsync(action, input), "certificate", "ALREADY_REVOKED", "input", "certificateId");
        }

        var own = await _requests.MemberAsSeenByAsync(member, "certificates { number status }", TestIdentity.Member(member.Id));
        Assert.Equal("REVOKED", Assert.Single(own.Data.At("member.certificates").EnumerateArray()).Str("status"));
        Assert.Equal("REVOKED", (await _requests.StaffCertificateAsync(certificate.Str("number")!, "status")).Str("status"));
    }

    [SkippableFact]
    public async Task Reissuing_after_a_name_change_gives_a_new_number_and_the_old_one_is_replaced()
    {
        var member = await _requests.MemberAsync();
        var old = await _requests.CertificateAsync(member, "AMHT", _requests.Today.AddDays(-40));
        var newLastName = TestData.Unique("Married");
        MutationAssert.Succeeded(await _requests.AsStaffAsync("updateMember", "UpdateMemberInput", "member { lastName }",
            new { id = TestData.MemberId(member), lastName = newLastName }), "member");

        var reissued = MutationAssert.Succeeded(await ActAsync("reissueCertificate", new { certificateId = old.Str("id") }), "certificate");

        Assert.NotEqual(old.Str("number"), reissued.Str("number"));
        Assert.Equal($"{member.FirstName} {newLastName}", reissued.Str("holderName"));
        Assert.Equal("ACTIVE", reissued.Str("status"));
        Assert.Equal(old.Str("issuedOn"), reissued.Str("issuedOn"));
        Assert.Equal(old.Str("expiresOn"), reissued.Str("expiresOn"));

        var before = await _requests.StaffCertificateAsync(old.Str("number")!, Fields);
        Assert.Equal("REPLACED", before.Str("status"));
        Assert.Equal(CertificationRequests.HolderName(member), before.Str("holderName"));
        Assert.Equal(reissued.Str("number"), before.Str("replacedBy.number"));
        Assert.Equal($"{member.FirstName} {newLastName}", before.Str("replacedBy.holderName"));

        var own = await _requests.MemberAsSeenByAsync(member, "certificates { number status }", TestIdentity.Member(member.Id));
        Assert.Equal(
            new[] { $"{old.Str("number")} REPLACED", $"{reissued.Str("number")} ACTIVE" }.Order(StringComparer.Ordinal),
            own.Data.At("member.certificates").EnumerateArray().Select(c => $"{c.Str("number")} {c.Str("status")}").Order(StringComparer.Ordinal));
        MutationAssert.Failed(await ActAsync("reissueCertificate", new { certificateId = old.Str("id") }), "certificate", "ALREADY_REVOKED", "input", "certificateId");
    }

    [SkippableFact]
    public async Task A_certificate_past_its_expiry_date_is_expired_and_one_without_never_is()
    {
        var member = await _requests.MemberAsync();
        var fourYearsAgo = _requests.Today.AddYears(-4);

        var amht = await _requests.CertificateAsync(member, "AMHT", fourYearsAgo);
        var basic = await _requests.CertificateAsync(member, "BASIC-SRO", fourYearsAgo);

        Assert.Equal("EXPIRED", amht.Str("status"));
        Assert.Equal(CertificationRequests.Iso(fourYearsAgo.AddMonths(36)), amht.Str("expiresOn"));
        Assert.Equal("ACTIVE", basic.Str("status"));
        var own = await _requests.MemberAsSeenByAsync(member, "certificates { number status }", TestIdentity.Member(member.Id));
        Assert.Contains(own.Data.At("member.certificates").EnumerateArray(), c => c.Str("number") == amht.Str("number") && c.Str("status") == "EXPIRED");
    }

    [SkippableFact]
    public async Task Only_staff_act_on_certificates()
    {
        var member = await _requests.MemberAsync();
        var certificate = await _requests.CertificateAsync(member, "BASIC-SRO");

        var result = await _requests.MutateAsync("revokeCertificate", "CertificateReasonInput", "certificate { id }", new { certificateId = certificate.Str("id"), reason = "mine" },
            TestIdentity.Member(member.Id));

        MutationAssert.Forbidden(result, "revokeCertificate");
        Assert.Equal("ACTIVE", (await _requests.StaffCertificateAsync(certificate.Str("number")!, "status")).Str("status"));
        MutationAssert.Failed(await ActAsync("reinstateCertificate", new { certificateId = TestData.Id("Certificate", Guid.CreateVersion7()) }),
            "certificate", "NOT_FOUND", "input", "certificateId");
    }

    /// <summary>A staff action on a certificate; the input type follows from whether it carries a reason.</summary>
    private Task<JsonElement> ActAsync(string action, object input)
    {
        var inputType = input.GetType().GetProperty("reason") is null ? "CertificateIdInput" : "CertificateReasonInput";
        return _requests.AsStaffAsync(action, inputType, $"certificate {{ {Fields} }}", input);
    }
}

public sealed class CertificateLifecycleTestsOnSqlite(SqliteApi api) : CertificateLifecycleTests(api), IClassFixture<SqliteApi>;

public sealed class CertificateLifecycleTestsOnPostgreSql(PostgreSqlApi api) : CertificateLifecycleTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CertificateLifecycleTestsOnSqlServer(SqlServerApi api) : CertificateLifecycleTests(api), IClassFixture<SqlServerApi>;
