using System.Globalization;
using Membership.Data;
using Membership.Identity;
using Membership.Identity.Oidc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Membership.Certifications.Verification;

namespace Membership.Certifications.Records;

/// <summary>The printable certificate (PDF) and the public status link a signed credential points to.</summary>
public static class CertificateDocuments
{
    public static string PdfPath(Certificate certificate) => $"/certificates/{certificate.Number}/pdf";

    public static string StatusPath(Certificate certificate) => $"/certificates/status/{certificate.VerificationCode}";

    public static IEndpointRouteBuilder MapCertificateDocuments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.ServiceProvider.GetRequiredService<CertificateFonts>().Register(); // before any PDF (certificates, receipts) is drawn
        // The holder or staff, with a bearer token like any API call.
        endpoints.MapGet("/certificates/{number}/pdf", async (string number, HttpContext http, MembershipDbContext db, AssociationCalendar calendar,
            PublicLinks links, CertificatePdf pdfs) =>
        {
            var caller = new Caller(http.User);
            var normalized = CertificateNumbers.Normalize(number);
            var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Number == normalized, http.RequestAborted);
            if (certificate is null || !caller.MaySeePrivateDataOf(certificate.MemberId))
            {
                return Results.NotFound(); // the same answer for "no such certificate" and "not yours"
            }

            var pdf = pdfs.Render(certificate, calendar.Today(), links.To(StatusPath(certificate)));
            return Results.File(pdf, "application/pdf", $"{certificate.Number}.pdf");
        }).RequireAuthorization(Policies.Authenticated);

        // Anyone holding the verification code (printed on the certificate, inside the credential): status only, no
        // personal data. Limited per address (an IPv6 address by its /64); a refused request writes nothing.
        endpoints.MapGet("/certificates/status/{code}", async (string code, HttpContext http, MembershipDbContext db, AssociationCalendar calendar,
            RateLimits limits, IOptions<VerificationOptions> verification) =>
        {
            var rule = new RateLimitRule("certificate-status", verification.Value.StatusChecksPerMinute, TimeSpan.FromMinutes(1));
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
                Id = RecordIds.New(), At = calendar.Now(), Channel = VerificationChannel.CredentialStatus, Query = certificate?.Number ?? "(unknown code)",
                CertificateId = certificate?.Id, MemberId = certificate?.MemberId, Found = certificate is not null, Status = answer.Status,
                Address = http.Connection.RemoteIpAddress?.ToString(),
            });
            await db.SaveChangesAsync(http.RequestAborted);
            if (CertificateStatusPage.IsWantedBy(http.Request))
            {
                return CertificateStatusPage.For(certificate, answer, calendar.Now());
            }

            return StatusJson(certificate, answer, calendar.Now());
        });
        return endpoints;
    }

    /// <summary>The status link's answer to a machine: found, number, status, the successor's number.</summary>
    public static IResult StatusJson(Certificate? certificate, CertificateAnswer answer, DateTimeOffset checkedAt) => certificate is null
        ? Results.NotFound(new { found = false })
        : Results.Ok(new
        {
            found = true, number = certificate.Number, status = answer.Status.ToString()!.ToUpperInvariant(), reissuedAs = answer.ReissuedAs?.Number, checkedAt,
        });
}
