using System.Globalization;
using Membership.Certifications;
using Membership.Data;
using Membership.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Membership.Certifications.Records;

namespace Membership.Dues.Payments;

/// <summary>Receipt numbers, and the printable receipt (PDF) of a paid payment.</summary>
public static class Receipts
{
    public const string SequenceName = "receipt";

    /// <summary>R-2026-000123: the year and a sequence. Taken inside the caller's transaction.</summary>
    public static async Task<string> NextNumberAsync(MembershipDbContext db, AssociationCalendar calendar, CancellationToken ct)
    {
        var value = await db.NextAsync(SequenceName, ct);
        return string.Create(CultureInfo.InvariantCulture, $"R-{calendar.Today().Year}-{value:D6}");
    }

    public static string PdfPath(DuesPayment payment) => $"/receipts/{payment.ReceiptNumber}/pdf";

    public static IEndpointRouteBuilder MapReceipts(this IEndpointRouteBuilder endpoints)
    {
        // The payer, a member the payment covered, or staff, with a bearer token like any API call.
        endpoints.MapGet("/receipts/{number}/pdf", async (string number, HttpContext http, MembershipDbContext db) =>
        {
            var caller = new Caller(http.User);
            var normalized = number.Trim().ToUpperInvariant();
            var payment = await db.DuesPayments.AsNoTracking().Include(p => p.Lines).SingleOrDefaultAsync(p => p.ReceiptNumber == normalized, http.RequestAborted);
            var mine = payment is not null && (caller.IsStaff || (caller.MemberId is { } self && (payment.PayerMemberId == self || payment.Lines.Any(l => l.MemberId == self))));
            if (!mine || payment!.Status is DuesPaymentStatus.Pending or DuesPaymentStatus.Failed or DuesPaymentStatus.Expired)
            {
                return Results.NotFound(); // the same answer for "no such receipt", "not yours" and "not paid"
            }

            var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == payment.PlanId, http.RequestAborted);
            var ids = payment.Lines.Select(l => l.MemberId).ToList();
            var names = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
                .ToDictionaryAsync(m => m.Id, m => $"{m.FirstName} {m.LastName} ({m.MemberNumber})", http.RequestAborted);
            var agency = payment.AgencyId is { } agencyId
                ? await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Name).SingleOrDefaultAsync(http.RequestAborted)
                : null;
            return Results.File(Render(payment, plan, names, agency), "application/pdf", $"{payment.ReceiptNumber}.pdf");
        }).RequireAuthorization(Policies.Authenticated);
        return endpoints;
    }

    /// <summary>
    /// The receipt: a heading, one line per member covered, the total. A group payment of up to 100 officers runs over
    /// several pages: lines that do not fit go on the next page, under the receipt number, and every page is numbered.
    /// </summary>
    public static byte[] Render(DuesPayment payment, MembershipPlan plan, IReadOnlyDictionary<Guid, string> names, string? agency)
    {
        const double Left = 60, Top = 60, Bottom = 60;
        CertificateFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Receipt {payment.ReceiptNumber}";
        var heading = new XFont(CertificateFonts.Family, 18, XFontStyleEx.Bold);
        var body = new XFont(CertificateFonts.Family, 11, XFontStyleEx.Regular);
        var page = document.AddPage();
        var g = XGraphics.FromPdfPage(page);
        var y = Top;
        void Line(string text, XFont font, double gap = 18)
        {
            if (y + gap > page.Height.Point - Bottom)
            {
                g.Dispose();
                page = document.AddPage();
                g = XGraphics.FromPdfPage(page);
                y = Top;
                g.DrawString($"Receipt {payment.ReceiptNumber} (continued)", body, XBrushes.Black, new XPoint(Left, y));
                y += 28;
            }

            g.DrawString(text, font, XBrushes.Black, new XPoint(Left, y));
            y += gap;
        }

        try
        {
            Line("National Association of School Resource Officers", body, 28);
            Line($"Receipt {payment.ReceiptNumber}", heading, 30);
            Line($"Date paid: {payment.CompletedAt?.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}", body);
            Line($"Status: {payment.Status}", body);
            if (agency is not null)
            {
                Line($"Paid by: {agency}", body);
            }

            Line($"Plan: {plan.Name} ({plan.Code})", body, 28);
            foreach (var line in payment.Lines)
            {
                var period = line.PeriodStart is { } start ? $"  {start:yyyy-MM-dd} to {(line.PeriodEnd is { } end ? end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "life")}" : string.Empty;
                Line($"{names.GetValueOrDefault(line.MemberId, "Member")}: {Money(line.Amount, payment.Currency)}{period}", body);
            }

            y += 10;
            Line($"Total: {Money(payment.Amount, payment.Currency)}", heading, 26);
            if (payment.RefundedAmount > 0)
            {
                Line($"Refunded: {Money(payment.RefundedAmount, payment.Currency)}", body);
            }
        }
        finally
        {
            g.Dispose();
        }

        for (var i = 0; i < document.PageCount; i++)
        {
            var each = document.Pages[i];
            using var footer = XGraphics.FromPdfPage(each, XGraphicsPdfPageOptions.Append);
            footer.DrawString($"Page {i + 1} of {document.PageCount}", body, XBrushes.Black, new XPoint(Left, each.Height.Point - Bottom / 2));
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    public static string Money(long minor, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{minor / 100m:0.00} {currency}");
}
