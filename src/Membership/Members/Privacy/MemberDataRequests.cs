using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity.Oidc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Members.Privacy;

/// <summary>The <c>MemberData</c> configuration section.</summary>
public sealed class MemberDataOptions
{
    public const string Section = "MemberData";

    /// <summary>Days the mailed link works; the document is deleted after.</summary>
    public int ExportDays { get; set; } = 7;

    /// <summary>Hours before a member may ask again.</summary>
    public int HoursBetweenRequests { get; set; } = 24;
}

/// <summary>
/// <c>requestMyData</c>: the signed-in member gets everything the association holds about them as one JSON document.
/// It is built in the request (one member's records are a few queries), stored in the database for
/// <see cref="MemberDataOptions.ExportDays"/> (any instance serves the link) and announced by mail with a link whose
/// secret only the mail holds (the row keeps its hash). One request per member per day.
/// </summary>
public static class MemberDataRequests
{
    public const string DownloadPath = "/my-data";

    public static Task<Payload<MemberDataExport>> RequestAsync(IResolveFieldContext context)
    {
        var memberId = context.Caller().MemberId!.Value;
        var calendar = context.Service<AssociationCalendar>();
        var options = context.Service<IOptions<MemberDataOptions>>().Value;
        var links = context.Service<PublicLinks>();
        return context.WriteAsync<MemberDataExport>(async (db, errors, ct) =>
        {
            // The member's row lock serialises a member's requests: a double-click makes one document.
            var now = calendar.Now();
            if (await db.Members.Where(m => m.Id == memberId && m.ErasedAt == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.UpdatedAt, now), ct) == 0)
            {
                errors.Add(UserErrorCodes.NotFound, "There is no member record for this account.");
                return null;
            }

            var since = now.AddHours(-options.HoursBetweenRequests);
            if (await db.MemberDataExports.AnyAsync(e => e.MemberId == memberId && e.RequestedAt > since, ct))
            {
                errors.Add(UserErrorCodes.TooSoon, $"Your data was requested less than {options.HoursBetweenRequests} hours ago: use the link mailed then.");
                return null;
            }

            var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId, ct);
            var secret = RandomNumberGenerator.GetBytes(32);
            var export = db.MemberDataExports.Add(new MemberDataExport
            {
                Id = RecordIds.New(), MemberId = memberId, RequestedAt = now, ExpiresAt = now.AddDays(options.ExportDays),
                TokenHash = SHA256.HashData(secret), Content = await MemberDataDocument.BuildAsync(db, member, now, ct),
            }).Entity;
            var link = links.To($"{DownloadPath}/{export.Id:N}", ("token", Base64Url(secret)));
            db.QueueMail(new MailMessage(MailKinds.MemberData, member.Email, "Your data held by the association",
                $"You asked for everything the association holds about you. Download it (JSON) until {export.ExpiresAt:u}:\n\n{link}\n\nIf you did not ask, ignore this message.")
            {
                HoldsCredential = true,
                DedupeKey = $"member-data:{export.Id}",
            }, calendar);
            return export;
        });
    }

    /// <summary>GET /my-data/{id}?token=…: the document, while the link is valid; 404 for anything else (the same answer for every failure).</summary>
    public static IEndpointRouteBuilder MapMemberDataDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DownloadPath + "/{id:guid}", async (Guid id, string? token, HttpContext http, IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar) =>
        {
            await using var db = await factory.CreateDbContextAsync(http.RequestAborted);
            var export = await db.MemberDataExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, http.RequestAborted);
            var secret = FromBase64Url(token);
            if (export is null || secret is null || export.ExpiresAt <= calendar.Now()
                || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(secret), export.TokenHash))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(export.Content), "application/json", $"my-data-{export.RequestedAt:yyyy-MM-dd}.json");
        });
        return endpoints;
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[]? FromBase64Url(string? text)
    {
        try
        {
            return string.IsNullOrEmpty(text) || text.Length > 64 ? null : System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Deletes expired documents. Safe on several instances at once: a row is deleted by whichever gets there.</summary>
internal sealed class MemberDataExportCleanupJob(IServiceProvider services, IDbContextFactory<MembershipDbContext> factory, TimeProvider clock) : LeasedPeriodicJob(services)
{
    protected override string Name => "member-data-exports";

    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.MemberDataExports.Where(e => e.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>
/// The document: the member's own record and every record of every feature that is linked to them, as stored (no
/// other person's data: payments list only the member's own lines, orders only the tickets that are theirs).
/// </summary>
internal static class MemberDataDocument
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<string> BuildAsync(MembershipDbContext db, Member member, DateTimeOffset now, CancellationToken ct)
    {
        var id = member.Id;
        var lines = await db.DuesPaymentLines.AsNoTracking().Where(l => l.MemberId == id).ToListAsync(ct);
        var paymentIds = lines.Select(l => l.PaymentId).ToList();
        var payments = await db.DuesPayments.AsNoTracking().Where(p => p.PayerMemberId == id || paymentIds.Contains(p.Id))
            .Select(p => new { p.Id, p.ReceiptNumber, p.Kind, p.Amount, p.Currency, p.RefundedAmount, p.Status, p.CreatedAt, p.CompletedAt, PaidByMe = p.PayerMemberId == id })
            .ToListAsync(ct);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.AttendeeMemberId == id)
            .Select(t => new { t.Id, t.OrderId, t.ConferenceId, t.Price, t.AttendeeName, t.AttendeeEmail, t.Status, t.CheckedInAt, t.CreatedAt }).ToListAsync(ct);
        var document = new
        {
            generatedAt = now,
            member = new
            {
                member.Id, member.MemberNumber, member.FirstName, member.LastName, member.Email, member.Phone, member.MailingAddress, member.DateOfBirth,
                member.AgencyId, member.JobTitle, member.Category, member.IsSwornOfficer, member.SroSince, member.StateCode, member.DirectoryOptIn,
                member.SuspendedAt, member.CreatedAt, member.UpdatedAt,
            },
            accounts = await db.Users.AsNoTracking().Where(u => u.MemberId == id)
                .Select(u => new { u.Id, u.UserName, u.Email, u.EmailConfirmed, u.DisplayName, u.CreatedAt }).ToListAsync(ct),
            terms = await db.MembershipTerms.AsNoTracking().Where(t => t.MemberId == id).ToListAsync(ct),
            duesPayments = payments,
            duesPaymentLines = lines,
            duesSubscriptions = await db.DuesSubscriptions.AsNoTracking().Where(s => s.MemberId == id)
                .Select(s => new { s.Id, s.PlanId, s.Status, s.CancelAtPeriodEnd, s.CurrentPeriodEnd }).ToListAsync(ct),
            certificates = await db.Certificates.AsNoTracking().Where(c => c.MemberId == id)
                .Select(c => new { c.Id, c.Number, c.Kind, c.Title, c.HolderName, c.DurationMinutes, c.IssuedOn, c.ExpiresOn, c.SuspendedAt, c.RevokedAt, c.ReplacedById })
                .ToListAsync(ct),
            courseCompletions = await db.CourseCompletions.AsNoTracking().Where(c => c.MemberId == id).ToListAsync(ct),
            inServiceTrainings = await db.InServiceTrainings.AsNoTracking().Where(t => t.MemberId == id).ToListAsync(ct),
            conferenceAttendances = await db.ConferenceAttendances.AsNoTracking().Where(a => a.MemberId == id).ToListAsync(ct),
            practitionerApplications = await db.PractitionerApplications.AsNoTracking().Where(a => a.MemberId == id).ToListAsync(ct),
            verificationConsents = await db.VerificationConsents.AsNoTracking().Where(c => c.MemberId == id).ToListAsync(ct),
            verificationsOfMyCertificates = await db.VerificationLog.AsNoTracking().Where(e => e.MemberId == id)
                .Select(e => new { e.At, e.Channel, e.Found, e.Status, e.AgencyId, e.ClientId }).ToListAsync(ct),
            ticketOrders = await db.TicketOrders.AsNoTracking().Where(o => o.BuyerMemberId == id)
                .Select(o => new { o.Id, o.Number, o.ConferenceId, o.BuyerName, o.BuyerEmail, o.Status, o.Total, o.Currency, o.RefundedAmount, o.CreatedAt, o.PaidAt, o.ClosedAt })
                .ToListAsync(ct),
            tickets,
            waitingList = await db.WaitingList.AsNoTracking().Where(w => w.MemberId == id)
                .Select(w => new { w.Id, w.TicketTypeId, w.Name, w.Email, w.Status, w.JoinedAt }).ToListAsync(ct),
            mailSentToMe = await db.MailOutbox.AsNoTracking().Where(m => m.Recipient == member.Email || m.Recipient == member.EmailNormalized)
                .Select(m => new { m.Kind, m.Subject, m.SentAt }).ToListAsync(ct),
        };
        return JsonSerializer.Serialize(document, Json);
    }
}
