using Membership.Conferences;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.CheckIn;

/// <summary>Only scanners check tickets in: staff, or a client with the ticket.checkin scope; members and partners are refused.</summary>
public abstract class ScannerAccessTests(ApiFixture api) : TicketTest(api)
{
    [SkippableTheory]
    [InlineData(NonStaff.Member)]
    [InlineData(NonStaff.Partner)]
    public async Task A_caller_who_is_no_scanner_is_forbidden_to_check_in_and_the_ticket_stays_valid(string who)
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));
        var caller = await NonStaff.IdentityAsync(Api, who);

        var scan = await Tickets.CheckInAsync(conference, ticket.Code, caller);
        var upload = await Tickets.Client().PostAsync(TicketSteps.UploadDocument,
            new { i = new { conferenceId = conference.GlobalId, scans = new[] { new { code = ticket.Code, scannedAt = DateTimeOffset.UtcNow } } } }, caller);

        MutationAssert.Forbidden(scan, "checkInTicket");
        MutationAssert.Forbidden(upload, "uploadCheckInScans");
        Assert.Equal(TicketStatus.Valid, (await Tickets.TicketRowAsync(ticket.Id)).Status);
    }

    [SkippableFact]
    public async Task Checking_in_without_a_token_is_401()
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));

        var scan = await Tickets.Client().PostAsync(TicketDriver.CheckInDocument, new { i = new { conferenceId = conference.GlobalId, code = ticket.Code } }, TestIdentity.Anonymous);
        var upload = await Tickets.Client().PostAsync(TicketSteps.UploadDocument,
            new { i = new { conferenceId = conference.GlobalId, scans = new[] { new { code = ticket.Code, scannedAt = DateTimeOffset.UtcNow } } } }, TestIdentity.Anonymous);

        MutationAssert.Unauthenticated(scan);
        MutationAssert.Unauthenticated(upload);
        Assert.Equal(TicketStatus.Valid, (await Tickets.TicketRowAsync(ticket.Id)).Status);
    }

    [SkippableFact]
    public async Task Staff_check_in()
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));

        var scan = await Tickets.ScanAsync(conference, ticket.Code, TestIdentity.Staff);

        Assert.Equal("CHECKED_IN", scan.Str("result"));
        Assert.Equal("staff", (await Tickets.TicketRowAsync(ticket.Id)).CheckedInBy);
    }
}

public sealed class ScannerAccessTestsOnSqlite(SqliteApi api) : ScannerAccessTests(api), IClassFixture<SqliteApi>;

public sealed class ScannerAccessTestsOnPostgreSql(PostgreSqlApi api) : ScannerAccessTests(api), IClassFixture<PostgreSqlApi>;

public sealed class ScannerAccessTestsOnSqlServer(SqlServerApi api) : ScannerAccessTests(api), IClassFixture<SqlServerApi>;
