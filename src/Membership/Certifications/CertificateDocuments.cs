using System.Globalization;
using Membership.Data;
using Membership.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Membership.Certifications;

/// <summary>The printable certificate (PDF) and the public status link a signed credential points to.</summary>
public static class CertificateDocuments
{
    public static string PdfPath(Certificate certificate) => $"/certificates/{certificate.Number}/pdf";

    public static string StatusPath(Certificate certificate) => $"/certificates/status/{certificate.VerificationCode}";

    public static IEndpointRouteBuilder MapCertificateDocuments(this IEndpointRouteBuilder endpoints)
    {
        // The holder or staff, with a bearer token like any API call.
        endpoints.MapGet("/certificates/{number}/pdf", async (string number, HttpContext http, MembershipDbContext db, AssociationCalendar calendar) =>
        {
            var caller = new Caller(http.User);
            var normalized = CertificateNumbers.Normalize(number);
            var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Number == normalized, http.RequestAborted);
            if (certificate is null || !caller.MaySeePrivateDataOf(certificate.MemberId))
            {
                return Results.NotFound(); // the same answer for "no such certificate" and "not yours"
            }

            var pdf = Render(certificate, calendar.Today(), $"{http.Request.Scheme}://{http.Request.Host}{StatusPath(certificate)}");
            return Results.File(pdf, "application/pdf", $"{certificate.Number}.pdf");
        }).RequireAuthorization(Policies.Authenticated);

        // Anyone holding the verification code (printed on the certificate, inside the credential): status only, no
        // personal data. Limited per address (an IPv6 address by its /64); a refused request writes nothing.
        endpoints.MapGet("/certificates/status/{code}", async (string code, HttpContext http, MembershipDbContext db, AssociationCalendar calendar,
            RateLimits limits, IConfiguration configuration) =>
        {
            var rule = new RateLimitRule("certificate-status", configuration.GetValue("Verification:StatusChecksPerMinute", 60), TimeSpan.FromMinutes(1));
            var decision = await limits.TryAcquireAsync(rule, RateLimits.AddressKey(http.Connection.RemoteIpAddress), http.RequestAborted);
            http.Response.Headers.Vary = "Accept"; // a page for browsers, JSON for machines
            if (!decision.Allowed)
            {
                var seconds = (int)Math.Ceiling(decision.RetryAfter.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return CertificateStatusPage.IsWantedBy(http.Request) ? CertificateStatusPage.TooMany(seconds) : Results.Json(new { error = "RATE_LIMITED" }, statusCode: StatusCodes.Status429TooManyRequests);
            }

            var normalized = code.ToUpperInvariant();
            var certificate = code.Length is > 0 and <= 32
                ? await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.VerificationCode == normalized, http.RequestAborted)
                : null;
            var successor = certificate is null ? null : (await CertificateSuccessors.LoadAsync(db, [certificate], http.RequestAborted)).GetValueOrDefault(certificate.Id);
            var answer = certificate is null ? CertificateAnswer.NotFound : CertificateAnswer.Of(certificate, successor, calendar.Today());
            db.VerificationLog.Add(new VerificationLogEntry
            {
                Id = calendar.NewId(), At = calendar.Now(), Channel = VerificationChannel.CredentialStatus, Query = certificate?.Number ?? "(unknown code)",
                CertificateId = certificate?.Id, MemberId = certificate?.MemberId, Found = certificate is not null, Status = answer.Status,
                Address = http.Connection.RemoteIpAddress?.ToString(),
            });
            await db.SaveChangesAsync(http.RequestAborted);
            if (CertificateStatusPage.IsWantedBy(http.Request))
            {
                return CertificateStatusPage.For(certificate, answer, calendar.Now());
            }

            return certificate is null
                ? Results.NotFound(new { found = false })
                : Results.Ok(new
                {
                    found = true, number = certificate.Number, status = answer.Status.ToString()!.ToUpperInvariant(), reissuedAs = answer.ReissuedAs?.Number,
                    checkedAt = calendar.Now(),
                });
        });
        return endpoints;
    }

    /// <summary>One A4-landscape page: who, what, how many hours, when, the number and the verification code.</summary>
    public static byte[] Render(Certificate certificate, DateOnly today, string statusUrl)
    {
        CertificateFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"{certificate.Title} — {certificate.HolderName}";
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(297);
        page.Height = XUnit.FromMillimeter(210);
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point;
            var title = new XFont(CertificateFonts.Family, 30, XFontStyleEx.Bold);
            var large = new XFont(CertificateFonts.Family, 24, XFontStyleEx.Bold);
            var body = new XFont(CertificateFonts.Family, 13, XFontStyleEx.Regular);
            var small = new XFont(CertificateFonts.Family, 10, XFontStyleEx.Regular);
            graphics.DrawRectangle(new XPen(XColors.DarkBlue, 3), 20, 20, width - 40, page.Height.Point - 40);
            void Line(string text, XFont font, double y) => graphics.DrawString(text, font, XBrushes.Black, new XRect(0, y, width, 30), XStringFormats.TopCenter);

            Line("National Association of School Resource Officers", body, 60);
            Line(certificate.Kind == CertificateKind.Practitioner ? "Certificate of Designation" : "Certificate of Completion", title, 95);
            Line("This certifies that", body, 160);
            Line(certificate.HolderName, large, 185);
            Line(certificate.Kind == CertificateKind.Practitioner ? "has been designated" : "has completed", body, 235);
            Line(certificate.Title, large, 258);
            var hours = certificate.DurationMinutes is { } minutes ? $"{(minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture)} hours · " : string.Empty;
            var expires = certificate.ExpiresOn is { } end ? $" · valid until {Date(end)}" : string.Empty;
            Line($"{hours}issued {Date(certificate.IssuedOn)}{expires}", body, 310);
            Line($"Certificate number {certificate.Number}   ·   Verification code {certificate.VerificationCode}", body, 440);
            Line($"Check it: {statusUrl}", small, 465);
            var status = CertificateStatusRules.Compute(certificate, today);
            if (status != CertificateStatus.Active)
            {
                Line($"Status on {Date(today)}: {status.ToString().ToUpperInvariant()}", large, 360);
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    private static string Date(DateOnly date) => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// PDFsharp needs the font files themselves on Linux. DejaVu Sans (Debian's fonts-dejavu-core) is used, from
/// <c>Certificates:FontDirectory</c> or the usual system folder.
/// </summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string Family = "Certificate Sans";
    private static readonly Lock Gate = new();
    private static string _folder = "/usr/share/fonts/truetype/dejavu";
    private static bool _registered;

    public static void Configure(IConfiguration configuration)
    {
        if (configuration["Certificates:FontDirectory"] is { Length: > 0 } folder)
        {
            _folder = folder;
        }
    }

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                GlobalFontSettings.FontResolver = new CertificateFonts();
                _registered = true;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[] GetFont(string faceName)
    {
        var path = Path.Combine(_folder, faceName + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"Certificate font {path} is missing: install fonts-dejavu-core or set Certificates:FontDirectory.", path);
    }
}
