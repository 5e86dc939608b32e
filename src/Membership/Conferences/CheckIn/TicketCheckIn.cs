using Membership.Certifications;
using Membership.Data;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conferences.CheckIn;

public enum CheckInOutcome
{
    CheckedIn,
    AlreadyCheckedIn,
    Invalid,
    Cancelled,
    WrongConference,
}

/// <summary>What a scanner shows: the outcome, when the ticket was first used, and whose ticket it is (to compare with an ID).</summary>
public sealed record CheckInResult(CheckInOutcome Outcome, string Message, Ticket? Ticket, DateTimeOffset? CheckedInAt, string? TicketTypeName);

/// <summary>One scan, made online now or offline earlier.</summary>
public sealed record Scan(string? Code, DateTimeOffset ScannedAt);

/// <summary>
/// Checks tickets in. A check-in is one conditional UPDATE ("only if still valid"), so scanners racing on one ticket get
/// one CHECKED_IN and the others ALREADY_CHECKED_IN with its time; a scan uploaded later from an offline device that was
/// made before the recorded check-in moves its time back: the first scan wins. A member's check-in at the national conference
/// records their attendance of it, which counts toward the Practitioner designation (unless the ticket type does not count).
/// </summary>
public sealed class TicketCheckIn(IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, TicketCodes codes)
{
    public const int MaxScansPerUpload = 1000;

    /// <param name="offline">A scan made earlier on a device without a connection: where it is earlier than the recorded check-in, it becomes the check-in's time.</param>
    public async Task<CheckInResult> CheckInAsync(Guid conferenceId, Scan scan, string by, CancellationToken ct, bool offline = false)
    {
        var ticketId = codes.Read(scan.Code);
        await using var db = await factory.CreateDbContextAsync(ct);

        // The code must be the ticket's current one: a transferred ticket's old code finds the old, Transferred ticket.
        var ticket = ticketId is { } id ? await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.Code == scan.Code!.Trim(), ct) : null;
        if (ticket is null)
        {
            return new CheckInResult(CheckInOutcome.Invalid, "This is not a ticket of ours.", null, null, null);
        }

        var typeName = await db.TicketTypes.Where(t => t.Id == ticket.TicketTypeId).Select(t => t.Name).SingleAsync(ct);
        if (ticket.ConferenceId != conferenceId)
        {
            return new CheckInResult(CheckInOutcome.WrongConference, "This ticket is for another conference.", null, null, typeName);
        }

        switch (ticket.Status)
        {
            case TicketStatus.Cancelled:
                return new CheckInResult(CheckInOutcome.Cancelled, "This ticket was cancelled.", ticket, null, typeName);
            case TicketStatus.Transferred:
                return new CheckInResult(CheckInOutcome.Invalid, "This ticket was transferred to someone else; its code no longer works.", null, null, typeName);
            case TicketStatus.Reserved:
                return new CheckInResult(CheckInOutcome.Invalid, "This ticket's order is not paid.", null, null, typeName);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var at = scan.ScannedAt;
        var first = await db.Tickets.Where(t => t.Id == ticket.Id && t.Status == TicketStatus.Valid)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.CheckedIn).SetProperty(t => t.CheckedInAt, at).SetProperty(t => t.CheckedInBy, by), ct) == 1;
        if (first && ticket.AttendeeMemberId is { } member)
        {
            await RecordAttendanceAsync(db, ticket, member, at, ct);
        }
        else if (!first && offline)
        {
            // Used already. A scan made earlier offline and uploaded now moves the time back: the first scan wins.
            await db.Tickets.Where(t => t.Id == ticket.Id && t.Status == TicketStatus.CheckedIn && t.CheckedInAt > at)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.CheckedInAt, at).SetProperty(t => t.CheckedInBy, by), ct);
        }

        await transaction.CommitAsync(ct);
        var now = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticket.Id, ct);
        return now.Status switch
        {
            TicketStatus.CheckedIn when first => new CheckInResult(CheckInOutcome.CheckedIn, "Welcome.", now, now.CheckedInAt, typeName),
            TicketStatus.CheckedIn => new CheckInResult(CheckInOutcome.AlreadyCheckedIn, $"This ticket was used at {now.CheckedInAt:u}.", now, now.CheckedInAt, typeName),
            TicketStatus.Cancelled => new CheckInResult(CheckInOutcome.Cancelled, "This ticket was cancelled.", now, null, typeName),
            _ => new CheckInResult(CheckInOutcome.Invalid, "This ticket was transferred to someone else; its code no longer works.", null, null, typeName),
        };
    }

    /// <summary>Scans an offline device made, applied in the order they were made; each answers as it would have online.</summary>
    public async Task<IReadOnlyList<CheckInResult>> UploadAsync(Guid conferenceId, IReadOnlyList<Scan> scans, string by, CancellationToken ct)
    {
        var results = new CheckInResult[scans.Count];
        foreach (var (scan, index) in scans.Select((s, i) => (s, i)).OrderBy(p => p.s.ScannedAt))
        {
            results[index] = await CheckInAsync(conferenceId, scan, by, ct, offline: true);
        }

        return results;
    }

    /// <summary>
    /// The first check-in of a member at the national conference, with a ticket type that counts (not a course, an
    /// exhibitor or a guest pass), records their attendance of its year (once a year).
    /// </summary>
    private async Task RecordAttendanceAsync(MembershipDbContext db, Ticket ticket, Guid memberId, DateTimeOffset at, CancellationToken ct)
    {
        if (!await db.TicketTypes.AnyAsync(t => t.Id == ticket.TicketTypeId && t.CountsAsAttendance, ct))
        {
            return;
        }

        var conference = await db.Conferences.Where(c => c.Id == ticket.ConferenceId).Select(c => new { c.TimeZone, c.National }).SingleAsync(ct);
        if (!conference.National)
        {
            return; // a regional event is not the annual conference the designation counts
        }

        var zone = conference.TimeZone;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ConferenceZones.Find(zone)).DateTime);
        if (await db.ConferenceAttendances.AnyAsync(a => a.MemberId == memberId && a.Year == day.Year, ct))
        {
            return;
        }

        db.ConferenceAttendances.Add(new ConferenceAttendance { Id = RecordIds.New(), MemberId = memberId, Year = day.Year, AttendedOn = day, Source = "CHECK_IN", RecordedAt = calendar.Now() });
        try
        {
            await db.SaveChangesAsync(ct); // EF Core saves inside a savepoint: a lost race leaves the check-in intact
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear(); // recorded by a concurrent check-in of another of the member's tickets
        }
    }
}

/// <summary>IANA time zones of venues; an unknown one (never stored: creation checks it) falls back to UTC.</summary>
public static class ConferenceZones
{
    public static TimeZoneInfo Find(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static bool Exists(string? id) => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
