using System.Globalization;
using System.Text;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conferences.CheckIn;

/// <summary>The QR image of a ticket: whoever has the code has the ticket, so the code is the only key to its image.</summary>
public static class TicketQr
{
    public static string Path(string code, string format) => $"/tickets/{Uri.EscapeDataString(code)}/qr.{format}";

    public static byte[] Png(string code) => Documents.QrCodes.Png(code);

    public static string Svg(string code) => Documents.QrCodes.Svg(code);
}

/// <summary>HTTP downloads: ticket QR images, the offline check-in list for scanners, the attendee list (CSV) for staff.</summary>
public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTicketEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/tickets/{code}/qr.{format}", async (string code, string format, HttpContext http, MembershipDbContext db, TicketCodes codes) =>
        {
            // The same 404 for a forged, an old (transferred) and an unusable code.
            var id = codes.Read(code);
            var usable = id is { } ticketId && format is "svg" or "png"
                && await db.Tickets.AsNoTracking().AnyAsync(t => t.Id == ticketId && t.Code == code && (t.Status == TicketStatus.Valid || t.Status == TicketStatus.CheckedIn), http.RequestAborted);
            if (!usable)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "private, no-store";
            return format == "svg"
                ? Results.Text(TicketQr.Svg(code), "image/svg+xml", Encoding.UTF8)
                : Results.File(TicketQr.Png(code), "image/png");
        });

        endpoints.MapGet("/conferences/{conferenceId}/check-in-list", async (string conferenceId, HttpContext http, MembershipDbContext db, AssociationCalendar calendar) =>
        {
            if (!GlobalId.TryParse(conferenceId, ConferenceType.TypeName, out var id) || !await db.Conferences.AnyAsync(c => c.Id == id, http.RequestAborted))
            {
                return Results.NotFound();
            }

            var tickets = await (from t in db.Tickets.AsNoTracking()
                                 join type in db.TicketTypes.AsNoTracking() on t.TicketTypeId equals type.Id
                                 where t.ConferenceId == id && (t.Status == TicketStatus.Valid || t.Status == TicketStatus.CheckedIn)
                                 orderby t.Id
                                 select new { code = t.Code, status = t.Status == TicketStatus.Valid ? "VALID" : "CHECKED_IN", ticketType = type.Name, attendeeName = t.AttendeeName, checkedInAt = t.CheckedInAt })
                .ToListAsync(http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Json(new { conferenceId, generatedAt = calendar.Now(), tickets });
        }).RequireAuthorization(Policies.Scanner);

        endpoints.MapGet("/conferences/{conferenceId}/attendees.csv", async (string conferenceId, HttpContext http, MembershipDbContext db) =>
        {
            if (!GlobalId.TryParse(conferenceId, ConferenceType.TypeName, out var id) || !await db.Conferences.AnyAsync(c => c.Id == id, http.RequestAborted))
            {
                return Results.NotFound();
            }

            var rows = from t in db.Tickets.AsNoTracking()
                       join type in db.TicketTypes.AsNoTracking() on t.TicketTypeId equals type.Id
                       join o in db.TicketOrders.AsNoTracking() on t.OrderId equals o.Id
                       join m in db.Members.AsNoTracking() on t.AttendeeMemberId equals m.Id into attendee
                       from m in attendee.DefaultIfEmpty()
                       join a in db.Agencies.AsNoTracking() on o.BuyerAgencyId equals a.Id into agency
                       from a in agency.DefaultIfEmpty()
                       where t.ConferenceId == id && (t.Status == TicketStatus.Valid || t.Status == TicketStatus.CheckedIn)
                       orderby type.Name, t.AttendeeName, t.Id
                       select new
                       {
                           o.Number, TicketType = type.Name, t.Status, t.AttendeeName, t.AttendeeEmail, MemberNumber = m == null ? (long?)null : m.Number,
                           Agency = a == null ? null : a.Name, t.Price, type.Currency, t.CheckedInAt,
                       };
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"attendees.csv\"";
            http.Response.Headers.CacheControl = "private, no-store";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false)) { NewLine = "\r\n" }; // RFC 4180 records end with CRLF
            await writer.WriteLineAsync(Record(["order", "ticket_type", "status", "attendee_name", "attendee_email", "member_number", "agency", "price_minor_units", "currency", "checked_in_at"]));
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(http.RequestAborted))
            {
                await writer.WriteLineAsync(Record([r.Number, r.TicketType, r.Status == TicketStatus.CheckedIn ? "CHECKED_IN" : "VALID", r.AttendeeName, r.AttendeeEmail,
                    r.MemberNumber is { } n ? Members.MemberNumbers.Format(n) : null, r.Agency, r.Price.ToString(CultureInfo.InvariantCulture), r.Currency,
                    r.CheckedInAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)]));
            }

            return Results.Empty;
        }).RequireAuthorization(Policies.Staff);
        return endpoints;
    }

    /// <summary>One CSV record: every field quoted (RFC 4180), so no separator inside a value splits it, whichever
    /// separator the spreadsheet's locale uses (a comma, or a semicolon).</summary>
    internal static string Record(IEnumerable<string?> fields) => string.Join(',', fields.Select(Cell));

    /// <summary>A quoted field; a value a spreadsheet would read as a formula gets a leading apostrophe (OWASP, CSV injection).</summary>
    internal static string Cell(string? value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
