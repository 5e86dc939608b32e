using System.Net;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using QRCoder;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Graphics;
using Membership.Certifications.Records;

namespace Membership.Tests.Certifications.Records;

/// <summary>
/// The printed certificate a verifier checks with a phone: US Letter unless A4 is configured, a QR code of the status
/// link, and every link on it from Oidc:PublicBaseUrl, whatever Host the request named (outside Development).
/// </summary>
public abstract class CertificatePdfTests(ApiFixture api) : ApiTest(api)
{
    private const string PublicBaseUrl = "https://members.example.org";
    private readonly CertificationRequests _requests = new(api);

    [SkippableTheory]
    [InlineData("Verification:PartnerMissesPerHour", "-1")]
    [InlineData("Verification:StatusChecksPerMinute", "-5")]
    [InlineData("Certificates:FontDirectory", " ")]
    [InlineData("Certificates:PaperSize", "Tabloid")]
    public void A_host_with_a_negative_verification_limit_an_empty_font_folder_or_an_unknown_paper_refuses_to_start_naming_the_key(string key, string value)
    {
        using var host = Api.CreateFactory(b => b.UseSetting(key, value));

        var error = Record.Exception(() => host.Server);

        Assert.NotNull(error);
        Assert.Contains(key.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_pdf_is_US_Letter_landscape_by_default_and_A4_when_configured()
    {
        var member = await _requests.MemberAsync();
        var number = (await _requests.CertificateAsync(member, "BASIC-SRO")).Str("number")!;
        await using var a4 = Api.CreateFactory(b => b.UseSetting("Certificates:PaperSize", "A4"));

        using var letter = await PdfAsync(Client.Http, number, TestIdentity.Member(member.Id));
        using var metric = await PdfAsync(Https(a4, "https://localhost"), number, TestIdentity.Member(member.Id));

        Assert.Equal((792d, 612d), Size(letter));
        Assert.Equal((842d, 595d), Size(metric));
    }

    [SkippableFact]
    public async Task The_pdf_carries_a_QR_code_of_its_status_link()
    {
        var member = await _requests.MemberAsync();
        var certificate = await _requests.CertificateAsync(member, "CPTED");

        using var pdf = await PdfAsync(Client.Http, certificate.Str("number")!, TestIdentity.Member(member.Id));

        Assert.Equal(Modules($"https://localhost/certificates/status/{certificate.Str("verificationCode")}"), Modules(pdf.GetPage(1)));
    }

    [SkippableFact]
    public async Task In_production_every_link_on_the_pdf_and_in_the_api_comes_from_the_public_base_url_whatever_the_host_header()
    {
        var member = await _requests.MemberAsync();
        var certificate = await _requests.CertificateAsync(member, "AMHT");
        var status = $"{PublicBaseUrl}/certificates/status/{certificate.Str("verificationCode")}";
        await using var production = Api.CreateFactory(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Oidc:PublicBaseUrl", PublicBaseUrl);
            b.UseSetting("Mail:SmtpHost", "127.0.0.1");
        });
        var attacker = Https(production, "https://evil.example");

        using var pdf = await PdfAsync(attacker, certificate.Str("number")!, TestIdentity.Member(member.Id));
        var links = await new GraphQLClient(attacker).DataAsync("query($id: ID!) { node(id: $id) { ... on Certificate { pdfUrl } } }",
            new { id = certificate.Str("id") }, TestIdentity.Member(member.Id));

        var text = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains(status, text, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
        Assert.Equal(Modules(status), Modules(pdf.GetPage(1)));
        Assert.Equal($"{PublicBaseUrl}/certificates/{certificate.Str("number")}/pdf", links.Str("node.pdfUrl"));
    }

    private static HttpClient Https(WebApplicationFactory<Program> host, string baseAddress) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });

    private static async Task<UglyToad.PdfPig.PdfDocument> PdfAsync(HttpClient http, string number, TestIdentity identity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/certificates/{number}/pdf");
        request.Headers.Add(TestAuthenticationHandler.HeaderName, identity.Header);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
    }

    private static (double Width, double Height) Size(UglyToad.PdfPig.PdfDocument pdf) =>
        (Math.Round(pdf.GetPage(1).Width), Math.Round(pdf.GetPage(1).Height));

    /// <summary>The dark and light modules of the QR code of a text (without the quiet zone), as the generator makes it.</summary>
    private static string Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return string.Join("\n", data.ModuleMatrix.Skip(4).SkipLast(4).Select(row => string.Concat(Enumerable.Range(4, row.Length - 8).Select(i => row[i] ? '#' : '.'))));
    }

    /// <summary>The QR drawn on the page, read back from its filled squares: one square per dark module.</summary>
    private static string Modules(Page page)
    {
        var squares = page.Paths.Where(p => p.IsFilled).SelectMany(p => p)
            .Select(s => s.GetBoundingRectangle()).OfType<UglyToad.PdfPig.Core.PdfRectangle>()
            .Where(r => r.Width > 0.5 && r.Width < 5 && Math.Abs(r.Width - r.Height) < 0.01).ToList();
        Assert.NotEmpty(squares);
        var module = squares.Min(r => r.Width);
        var (left, top) = (squares.Min(r => r.Left), squares.Max(r => r.Top));
        var size = (int)Math.Round((squares.Max(r => r.Right) - left) / module);
        var grid = new char[size, size];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                grid[row, column] = '.';
            }
        }

        foreach (var square in squares)
        {
            grid[(int)Math.Round((top - square.Top) / module), (int)Math.Round((square.Left - left) / module)] = '#';
        }

        return string.Join("\n", Enumerable.Range(0, size).Select(row => string.Concat(Enumerable.Range(0, size).Select(column => grid[row, column]))));
    }
}

public sealed class CertificatePdfTestsOnSqlite(SqliteApi api) : CertificatePdfTests(api), IClassFixture<SqliteApi>;

public sealed class CertificatePdfTestsOnPostgreSql(PostgreSqlApi api) : CertificatePdfTests(api), IClassFixture<PostgreSqlApi>;
