using System.Globalization;
using Membership.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Membership.Certifications.Verification;

namespace Membership.Certifications.Records;

/// <summary>The status link as a page, for a browser (Accept prefers text/html); machines keep the JSON answer.</summary>
public sealed partial class CertificateStatusPage
{
    [Parameter] public Certificate? Certificate { get; set; }

    [Parameter] public CertificateAnswer Answer { get; set; } = CertificateAnswer.NotFound;

    [Parameter] public DateTimeOffset CheckedAt { get; set; }

    /// <summary>
    /// Whether the request prefers HTML: text/html ranks above JSON (explicit, or through */*). A tie, or no Accept
    /// header at all, keeps the JSON machines have always had.
    /// </summary>
    public static bool IsWantedBy(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        double Quality(params string[] types) =>
            accepted.Where(a => types.Contains(a.MediaType.Value, StringComparer.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var html = Quality("text/html", "application/xhtml+xml");
        return html > 0 && html > Quality("application/json", "*/*", "application/*");
    }

    public static IResult For(Certificate? certificate, CertificateAnswer answer, DateTimeOffset now) =>
        WebPage.Render<CertificateStatusPage>(new()
        {
            [nameof(Certificate)] = certificate, [nameof(Answer)] = answer, [nameof(CheckedAt)] = now,
        }, certificate is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);

    public static IResult TooMany(int seconds) =>
        WebPage.Message("Too many checks", $"Too many certificate checks from your address. Try again in {seconds} seconds.", StatusCodes.Status429TooManyRequests);

    private string StatusName => Answer.Status switch
    {
        CertificateStatus.Active => "Active",
        CertificateStatus.Expired => "Expired",
        CertificateStatus.Suspended => "Suspended",
        CertificateStatus.Revoked => "Revoked",
        _ => "Replaced",
    };

    private string StatusClass => Answer.Status switch
    {
        CertificateStatus.Active => "status-good",
        CertificateStatus.Expired => "status-neutral",
        _ => "status-bad",
    };

    private string StatusSentence => (Answer.Status switch
    {
        CertificateStatus.Active => "This certificate is valid today.",
        CertificateStatus.Expired => "This certificate was valid, but its validity has ended.",
        CertificateStatus.Suspended => "This certificate is suspended: it is not valid for now.",
        CertificateStatus.Revoked => "This certificate has been revoked: it is not valid.",
        _ => "This certificate was replaced by a newer one.",
    }) + (Answer.ReissuedAs is { } successor
        ? $" It was reissued as {successor.Number} (after a change of name, for example); the status shown is that certificate's."
        : string.Empty);

    private static string Date(DateOnly date) => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}
