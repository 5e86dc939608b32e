using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Records;

/// <summary>The status link read in a browser (a page) and by a machine (the JSON it has always answered).</summary>
public abstract class CertificateStatusPageTests(ApiFixture api) : ApiTest(api)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private readonly CertificationRequests _requests = new(api);

    [SkippableFact]
    public async Task A_browser_gets_a_page_with_number_holder_course_hours_dates_and_status()
    {
        var member = await _requests.MemberAsync(m => m.SetName("Renée", "O'Brien-Núñez"));
        var certificate = await _requests.CertificateAsync(member, "ADVANCED-SRO");

        using var response = await GetAsync($"/certificates/status/{certificate.Str("verificationCode")}", BrowserAccept);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains($"<dd>{certificate.Str("number")}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd>{Encoded("Renée O'Brien-Núñez")}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd>{Encoded(certificate.Str("title")!)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Hours</dt>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>24</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd>{LongDate(certificate.Str("issuedOn")!)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd>{(certificate.Str("expiresOn") is { } end ? LongDate(end) : "No expiry date")}</dd>", html, StringComparison.Ordinal);
        Assert.Contains(">Active</span>", html, StringComparison.Ordinal);
        Assert.Contains("valid today", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_suspended_certificate_reads_suspended_on_the_page_without_the_reason()
    {
        var certificate = await _requests.CertificateAsync(await _requests.MemberAsync(), "CPTED");
        MutationAssert.Succeeded(await _requests.AsStaffAsync("suspendCertificate", "CertificateReasonInput", "certificate { status }",
            new { certificateId = certificate.Str("id"), reason = "Audit of the roster" }), "certificate");

        using var response = await GetAsync($"/certificates/status/{certificate.Str("verificationCode")!.ToLowerInvariant()}", BrowserAccept);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(">Suspended</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit of the roster", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("application/json, text/html")]
    [InlineData("text/html;q=0.5, application/json")]
    public async Task Machines_keep_the_json_answer(string? accept)
    {
        var certificate = await _requests.CertificateAsync(await _requests.MemberAsync(), "CPTED");

        using var response = await GetAsync($"/certificates/status/{certificate.Str("verificationCode")}", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(certificate.Str("number"), json.Str("number"));
        Assert.Equal("ACTIVE", json.Str("status"));
        Assert.False(json.TryGetProperty("holderName", out _));
    }

    [SkippableFact]
    public async Task An_unknown_code_is_a_404_page_for_a_browser()
    {
        using var response = await GetAsync("/certificates/status/0000000000ZZZZZZZZZZ", "text/html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Certificate not found", html, StringComparison.Ordinal);
    }

    private static string LongDate(string iso) =>
        DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    private static string Encoded(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    private Task<HttpResponseMessage> GetAsync(string path, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return Client.Http.SendAsync(request);
    }
}

public sealed class CertificateStatusPageTestsOnSqlite(SqliteApi api) : CertificateStatusPageTests(api), IClassFixture<SqliteApi>;

public sealed class CertificateStatusPageTestsOnPostgreSql(PostgreSqlApi api) : CertificateStatusPageTests(api), IClassFixture<PostgreSqlApi>;
