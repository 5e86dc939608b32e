using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Records;

/// <summary>The printable certificate (holder and staff, signed in) and the public status link behind its verification code.</summary>
public abstract class CertificateDocumentTests(ApiFixture api) : ApiTest(api)
{
    private readonly CertificationRequests _requests = new(api);

    [SkippableFact]
    public async Task The_holder_downloads_the_certificate_as_a_pdf()
    {
        var member = await _requests.MemberAsync();
        var certificate = await _requests.CertificateAsync(member, "BASIC-SRO");

        using var response = await PdfAsync(certificate.Str("number")!, TestIdentity.Member(member.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Contains($"{certificate.Str("number")}.pdf", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_pdf_reads_the_holder_the_course_hours_number_and_verification_code()
    {
        var member = await _requests.MemberAsync(m => m.SetName("Renée", "Okonkwo-Ballard"));
        var certificate = await _requests.CertificateAsync(member, "ADVANCED-SRO");

        using var response = await PdfAsync(certificate.Str("number")!, TestIdentity.Member(member.Id));
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var page = Assert.Single(pdf.GetPages());
        var text = string.Join(" ", page.GetWords().Select(w => w.Text));

        Assert.Contains("Renée Okonkwo-Ballard", text, StringComparison.Ordinal);
        Assert.Contains(certificate.Str("title")!, text, StringComparison.Ordinal);
        Assert.Contains("24 hours", text, StringComparison.Ordinal);
        Assert.Contains($"Certificate number {certificate.Str("number")}", text, StringComparison.Ordinal);
        Assert.Contains($"Verification code {certificate.Str("verificationCode")}", text, StringComparison.Ordinal);
        Assert.Contains($"/certificates/status/{certificate.Str("verificationCode")}", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Staff_download_any_certificate_and_the_number_is_matched_whatever_its_case()
    {
        var certificate = await _requests.CertificateAsync(await _requests.MemberAsync(), "AMHT");

        using var response = await PdfAsync(certificate.Str("number")!.ToLowerInvariant(), TestIdentity.Staff);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Another_member_gets_404_as_for_a_certificate_that_does_not_exist()
    {
        var certificate = await _requests.CertificateAsync(await _requests.MemberAsync(), "BASIC-SRO");
        var other = TestIdentity.Member((await _requests.MemberAsync()).Id);

        using var foreign = await PdfAsync(certificate.Str("number")!, other);
        using var missing = await PdfAsync("SRO-1999-999999", other);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(await missing.Content.ReadAsStringAsync(), await foreign.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Without_a_token_the_pdf_is_refused_with_401()
    {
        var certificate = await _requests.CertificateAsync(await _requests.MemberAsync(), "BASIC-SRO");

        using var response = await PdfAsync(certificate.Str("number")!, TestIdentity.Anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task The_status_link_answers_anyone_with_the_number_and_current_status()
    {
        var certificate = await _requests.CertificateAsync(await _requests.MemberAsync(), "CPTED");
        var code = certificate.Str("verificationCode")!;

        var active = await StatusAsync(code);
        Assert.True(active.GetProperty("found").GetBoolean());
        Assert.Equal(certificate.Str("number"), active.Str("number"));
        Assert.Equal("ACTIVE", active.Str("status"));
        Assert.False(active.TryGetProperty("holderName", out _));

        MutationAssert.Succeeded(await _requests.AsStaffAsync("suspendCertificate", "CertificateReasonInput", "certificate { status }",
            new { certificateId = certificate.Str("id"), reason = "Audit" }), "certificate");
        Assert.Equal("SUSPENDED", (await StatusAsync(code.ToLowerInvariant())).Str("status"));
        Assert.DoesNotContain("Audit", (await StatusAsync(code)).ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_status_link_of_a_reissued_certificate_answers_its_successors_status_and_number()
    {
        var certificate = await _requests.CertificateAsync(await _requests.MemberAsync(), "CPTED");
        var reissued = MutationAssert.Succeeded(await _requests.AsStaffAsync("reissueCertificate", "CertificateIdInput", "certificate { id number }",
            new { certificateId = certificate.Str("id") }), "certificate");
        MutationAssert.Succeeded(await _requests.AsStaffAsync("revokeCertificate", "CertificateReasonInput", "certificate { status }",
            new { certificateId = reissued.Str("id"), reason = "Issued in error" }), "certificate");

        var status = await StatusAsync(certificate.Str("verificationCode")!);

        Assert.Equal(certificate.Str("number"), status.Str("number"));
        Assert.Equal("REVOKED", status.Str("status"));
        Assert.Equal(reissued.Str("number"), status.Str("reissuedAs"));
    }

    [SkippableFact]
    public async Task An_unknown_code_is_404()
    {
        using var response = await GetAsync("/certificates/status/0000000000ZZZZZZZZZZ", TestIdentity.Anonymous);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("found").GetBoolean());
    }

    private async Task<JsonElement> StatusAsync(string code)
    {
        using var response = await GetAsync($"/certificates/status/{code}", TestIdentity.Anonymous);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> PdfAsync(string number, TestIdentity? identity) => GetAsync($"/certificates/{number}/pdf", identity);

    /// <summary>A plain GET, with the test scheme's identity header when there is a caller.</summary>
    private Task<HttpResponseMessage> GetAsync(string path, TestIdentity? identity)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (identity is not null)
        {
            request.Headers.Add(TestAuthenticationHandler.HeaderName, identity.Header);
        }

        return Client.Http.SendAsync(request);
    }
}

public sealed class CertificateDocumentTestsOnSqlite(SqliteApi api) : CertificateDocumentTests(api), IClassFixture<SqliteApi>;

public sealed class CertificateDocumentTestsOnPostgreSql(PostgreSqlApi api) : CertificateDocumentTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CertificateDocumentTestsOnSqlServer(SqlServerApi api) : CertificateDocumentTests(api), IClassFixture<SqlServerApi>;
