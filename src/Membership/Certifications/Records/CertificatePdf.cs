using System.Globalization;
using Membership.Documents;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Membership.Certifications.Records;

/// <summary>The paper the certificate is printed on (landscape).</summary>
public enum PaperSize
{
    /// <summary>US Letter, 11 × 8.5 in: the default, where most members print.</summary>
    Letter,

    /// <summary>A4, 297 × 210 mm.</summary>
    A4,
}

/// <summary>The <c>Certificates</c> configuration section.</summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    public PaperSize PaperSize { get; set; } = PaperSize.Letter;

    /// <summary>Where DejaVu Sans is (Debian: fonts-dejavu-core).</summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";
}

/// <summary>The printable certificate: one landscape page with a QR code of its status link, for a verifier's phone.</summary>
public sealed class CertificatePdf(IOptions<CertificateOptions> options)
{
    private const double QrSize = 84; // points: about 3 cm, what a phone reads from arm's length

    /// <summary>Who, what, how many hours, when, the number, the verification code, and the status link as text and QR.</summary>
    public byte[] Render(Certificate certificate, DateOnly today, string statusUrl)
    {
        var paper = options.Value.PaperSize;
        CertificateFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"{certificate.Title} — {certificate.HolderName}";
        var page = document.AddPage();
        (page.Width, page.Height) = paper == PaperSize.A4
            ? (XUnit.FromMillimeter(297), XUnit.FromMillimeter(210))
            : (XUnit.FromInch(11), XUnit.FromInch(8.5));
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point;
            var height = page.Height.Point;
            var title = new XFont(CertificateFonts.Family, 30, XFontStyleEx.Bold);
            var large = new XFont(CertificateFonts.Family, 24, XFontStyleEx.Bold);
            var body = new XFont(CertificateFonts.Family, 13, XFontStyleEx.Regular);
            var small = new XFont(CertificateFonts.Family, 10, XFontStyleEx.Regular);
            graphics.DrawRectangle(new XPen(XColors.DarkBlue, 3), 20, 20, width - 40, height - 40);
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
            Line($"Certificate number {certificate.Number}   ·   Verification code {certificate.VerificationCode}", body, 420);
            Line($"Check it: {statusUrl}", small, 445);
            var status = CertificateStatusRules.Compute(certificate, today);
            if (status != CertificateStatus.Active)
            {
                Line($"Status on {Date(today)}: {status.ToString().ToUpperInvariant()}", large, 360);
            }

            var left = width - 36 - QrSize;
            var top = height - 36 - QrSize;
            DrawQr(graphics, QrCodes.Modules(statusUrl), left, top);
            graphics.DrawString("Scan to check", small, XBrushes.Black, new XRect(left - 40, top - 14, QrSize + 80, 12), XStringFormats.TopCenter);
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>The QR as vector squares: sharp at any print size, and no image format to depend on.</summary>
    private static void DrawQr(XGraphics graphics, bool[,] modules, double left, double top)
    {
        var size = modules.GetLength(0);
        var module = QrSize / size;
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                if (modules[row, column])
                {
                    graphics.DrawRectangle(XBrushes.Black, left + (column * module), top + (row * module), module, module);
                }
            }
        }
    }

    private static string Date(DateOnly date) => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// PDFsharp needs the font files themselves on Linux. DejaVu Sans (Debian's fonts-dejavu-core) is used, from
/// <c>Certificates:FontDirectory</c>. PDFsharp keeps one font resolver per process (<see cref="GlobalFontSettings"/>, to be
/// set once, before any text is drawn): the first host of the process registers its own when it maps its endpoints.
/// </summary>
internal sealed class CertificateFonts(IOptions<CertificateOptions> options) : IFontResolver
{
    public const string Family = "Certificate Sans";
    private static readonly Lock Gate = new();
    private static bool _registered;

    public void Register()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                GlobalFontSettings.FontResolver = this;
                _registered = true;
            }
        }
    }

    /// <summary>For whatever draws a PDF: the fonts were registered when the host started.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                throw new InvalidOperationException("The certificate fonts are registered when the host maps its endpoints (MapCertificateDocuments); no PDF can be drawn before.");
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[] GetFont(string faceName)
    {
        var path = Path.Combine(options.Value.FontDirectory, faceName + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"Certificate font {path} is missing: install fonts-dejavu-core or set Certificates:FontDirectory.", path);
    }
}
