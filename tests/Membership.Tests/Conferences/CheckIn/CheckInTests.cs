using Membership.Conferences;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.CheckIn;

/// <summary>checkInTicket at the door: one admission per ticket, and a clear answer for every code that does not admit.</summary>
public abstract class CheckInTests(ApiFixture api) : TicketTest(api)
{
    [SkippableFact]
    public async Task The_first_scan_admits_and_a_second_answers_already_checked_in_with_the_first_time()
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));

        var first = await Tickets.ScanAsync(conference, ticket.Code);
        var second = await Tickets.ScanAsync(conference, ticket.Code);

        Assert.Equal(("CHECKED_IN", "ALREADY_CHECKED_IN"), (first.Str("result"), second.Str("result")));
        Assert.NotNull(first.Str("checkedInAt"));
        Assert.Equal(first.Str("checkedInAt"), second.Str("checkedInAt"));
        Assert.Equal(TicketStatus.CheckedIn, (await Tickets.TicketRowAsync(ticket.Id)).Status);
    }

    [SkippableTheory]
    [InlineData("not-an-id")]
    [InlineData("TicketType")]
    public async Task A_malformed_conference_id_is_refused_online_and_offline_and_the_ticket_stays_valid(string bad)
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));
        var wrong = new Made(conference.Id, bad == "not-an-id" ? bad : TestData.Id(bad, conference.Id));

        var online = await Tickets.CheckInAsync(wrong, ticket.Code);
        var offline = await Tickets.UploadAsync(wrong, [(ticket.Code, DateTimeOffset.UtcNow.AddMinutes(-5))]);

        Assert.False(online.HasErrors, online.Text);
        MutationAssert.Failed(online.Data.GetProperty("checkInTicket"), "checkIn", "INVALID_ID", "input", "conferenceId");
        MutationAssert.Failed(offline, "results", "INVALID_ID", "input", "conferenceId");
        var row = await Tickets.TicketRowAsync(ticket.Id);
        Assert.Equal((TicketStatus.Valid, (DateTimeOffset?)null), (row.Status, row.CheckedInAt));
    }

    [SkippableFact]
    public async Task Ten_scanners_racing_on_one_ticket_admit_it_once()
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Tickets.ScanAsync(conference, ticket.Code)));

        Assert.Equal(1, results.Count(r => r.Str("result") == "CHECKED_IN"));
        Assert.Equal(9, results.Count(r => r.Str("result") == "ALREADY_CHECKED_IN"));
        Assert.Single(results.Select(r => r.Str("checkedInAt")).Distinct());
    }

    [SkippableFact]
    public async Task The_scanner_shows_the_attendee_and_the_ticket_type()
    {
        var conference = await Tickets.ConferenceAsync();
        var typeName = TestData.Unique("Exhibitor ");
        var type = await Tickets.TicketTypeAsync(conference, shape: i => i["name"] = typeName);
        var ticket = await Tickets.TicketAsync(conference, type, "Morgan Example");

        var admitted = await Tickets.ScanAsync(conference, ticket.Code);

        Assert.Equal(("Morgan Example", typeName), (admitted.Str("attendeeName"), admitted.Str("ticketType")));
        Assert.False(string.IsNullOrWhiteSpace(admitted.Str("message")));
    }

    [SkippableFact]
    public async Task A_forged_or_tampered_code_is_invalid()
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));

        var forged = await Tickets.ScanAsync(conference, "CfDJ8-not-a-ticket-of-ours");
        var tampered = await Tickets.ScanAsync(conference, TicketSteps.Tampered(ticket.Code));

        Assert.Equal(("INVALID", "INVALID"), (forged.Str("result"), tampered.Str("result")));
        Assert.Null(tampered.Str("attendeeName"));
        Assert.Equal(TicketStatus.Valid, (await Tickets.TicketRowAsync(ticket.Id)).Status);
    }

    [SkippableFact]
    public async Task The_ticket_of_an_unpaid_order_is_invalid()
    {
        var conference = await Tickets.ConferenceAsync();
        var pending = await Tickets.SoldAsync(conference, await Tickets.TicketTypeAsync(conference), ["Pat Pending"], paid: false);

        var scan = await Tickets.ScanAsync(conference, pending.Tickets.Single().Code);

        Assert.Equal("INVALID", scan.Str("result"));
        Assert.Null(scan.Str("attendeeName"));
        Assert.Equal(TicketStatus.Reserved, (await Tickets.TicketRowAsync(pending.Tickets.Single().Id)).Status);
    }

    [SkippableFact]
    public async Task A_transferred_tickets_old_code_is_invalid_and_the_new_code_admits()
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference), "Old Holder");
        var replacement = await Tickets.TransferAsync(ticket, "New Holder");

        var old = await Tickets.ScanAsync(conference, ticket.Code);
        var current = await Tickets.ScanAsync(conference, replacement.Code);

        Assert.Equal(("INVALID", null), (old.Str("result"), old.Str("attendeeName")));
        Assert.Equal(("CHECKED_IN", "New Holder"), (current.Str("result"), current.Str("attendeeName")));
    }

    [SkippableFact]
    public async Task A_cancelled_orders_ticket_answers_cancelled()
    {
        var conference = await Tickets.ConferenceAsync();
        var order = await Tickets.SoldAsync(conference, await Tickets.TicketTypeAsync(conference), ["Casey Cancelled"]);
        await Tickets.CancelAsync(order.Id);

        var scan = await Tickets.ScanAsync(conference, order.Tickets.Single().Code);

        Assert.Equal(("CANCELLED", null), (scan.Str("result"), scan.Str("checkedInAt")));
        Assert.Equal(TicketStatus.Cancelled, (await Tickets.TicketRowAsync(order.Tickets.Single().Id)).Status);
    }

    [SkippableFact]
    public async Task A_ticket_scanned_at_another_conference_is_refused_and_stays_valid()
    {
        var conference = await Tickets.ConferenceAsync();
        var elsewhere = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));

        var scan = await Tickets.ScanAsync(elsewhere, ticket.Code);

        Assert.Equal(("WRONG_CONFERENCE", null), (scan.Str("result"), scan.Str("attendeeName")));
        Assert.Equal(TicketStatus.Valid, (await Tickets.TicketRowAsync(ticket.Id)).Status);
        Assert.Equal("CHECKED_IN", (await Tickets.ScanAsync(conference, ticket.Code)).Str("result"));
    }

    [SkippableFact]
    public async Task The_code_carries_nothing_personal()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.MemberTicketAsync(conference, await Tickets.TicketTypeAsync(conference), member);

        string[] personal = [$"{member.FirstName} {member.LastName}", member.LastName, member.Email, member.Email.Split('@')[0], member.MemberNumber, member.Id.ToString("N"), member.Id.ToString(),
            TestData.MemberId(member), TestData.Id("Ticket", ticket.Id), ticket.Id.ToString("N")];

        Assert.All(personal, value => Assert.DoesNotContain(value, ticket.Code, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("CHECKED_IN", (await Tickets.ScanAsync(conference, ticket.Code)).Str("result"));
    }
}

public sealed class CheckInTestsOnSqlite(SqliteApi api) : CheckInTests(api), IClassFixture<SqliteApi>;

public sealed class CheckInTestsOnPostgreSql(PostgreSqlApi api) : CheckInTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CheckInTestsOnSqlServer(SqlServerApi api) : CheckInTests(api), IClassFixture<SqlServerApi>;
