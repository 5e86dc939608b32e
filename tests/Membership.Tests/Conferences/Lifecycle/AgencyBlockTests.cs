using System.Text.Json;
using Membership.Conferences;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Lifecycle;

/// <summary>
/// An agency's block of tickets is managed by the officer who bought it (and staff). A named attendee sees their own
/// ticket; the agency's other members see nothing of the block and change nothing in it.
/// </summary>
public abstract class AgencyBlockTests(ApiFixture api) : LifecycleTest(api)
{
    private const string TicketSelection = "... on Ticket { id code attendeeName attendeeEmail qrSvgUrl }";
    private const string OrderSelection = "... on TicketOrder { id number tickets { id code attendeeName } }";

    [SkippableFact]
    public async Task A_colleague_reads_nothing_of_another_officers_block_and_the_named_attendee_reads_only_their_own_ticket()
    {
        var (conference, type) = await EventAsync();
        var agency = await Data.AgencyAsync();
        var (buyer, attendee, colleague) = (await MemberAsync(agency), await MemberAsync(agency), await MemberAsync(agency));
        var order = await AgencyOrderAsync(conference, type, buyer);
        await Tickets.PaidAsync(order);
        var tickets = (await Tickets.OrderAsync(order)).Tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToList();
        MutationAssert.Succeeded((await AssignAsync(TicketId(tickets[0].Id), new { memberId = TestData.MemberId(attendee) }, TestIdentity.Member(buyer.Id)))
            .Data.GetProperty("assignTicketAttendee"), "ticket");

        foreach (var ticket in tickets)
        {
            Assert.Equal(JsonValueKind.Null, (await NodeAsync(TicketId(ticket.Id), TicketSelection, TestIdentity.Member(colleague.Id))).ValueKind);
        }

        Assert.Equal(JsonValueKind.Null, (await NodeAsync(OrderId(order), OrderSelection, TestIdentity.Member(colleague.Id))).ValueKind);
        var own = await NodeAsync(TicketId(tickets[0].Id), TicketSelection, TestIdentity.Member(attendee.Id));
        Assert.Equal((tickets[0].Code, attendee.Email), (own.Str("code"), own.Str("attendeeEmail")));
        Assert.Equal(JsonValueKind.Null, (await NodeAsync(TicketId(tickets[1].Id), TicketSelection, TestIdentity.Member(attendee.Id))).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await NodeAsync(OrderId(order), OrderSelection, TestIdentity.Member(attendee.Id))).ValueKind);
        var mine = await Client.DataAsync("{ me { tickets { id code } ticketOrders { id } } }", null, TestIdentity.Member(attendee.Id));
        Assert.Equal(tickets[0].Code, Assert.Single(mine.At("me.tickets").EnumerateArray()).Str("code"));
        Assert.Empty(mine.At("me.ticketOrders").EnumerateArray());
        var bought = await NodeAsync(OrderId(order), OrderSelection, TestIdentity.Member(buyer.Id));
        Assert.Equal(tickets.Select(t => t.Code).Order(), bought.GetProperty("tickets").EnumerateArray().Select(t => t.Str("code")).Order());
    }

    [SkippableFact]
    public async Task The_buyer_reads_a_guest_attendees_e_mail_but_not_a_member_attendees_which_is_theirs_and_staffs()
    {
        var (conference, type) = await EventAsync();
        var agency = await Data.AgencyAsync();
        var (buyer, attendee) = (await MemberAsync(agency), await MemberAsync(agency));
        var order = await AgencyOrderAsync(conference, type, buyer);
        await Tickets.PaidAsync(order);
        var tickets = (await Tickets.OrderAsync(order)).Tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToList();
        var guestEmail = $"{TestData.Unique("guest")}@example.org";
        MutationAssert.Succeeded((await AssignAsync(TicketId(tickets[0].Id), new { memberId = TestData.MemberId(attendee) }, TestIdentity.Member(buyer.Id)))
            .Data.GetProperty("assignTicketAttendee"), "ticket");
        MutationAssert.Succeeded((await AssignAsync(TicketId(tickets[1].Id), new { name = "Casey Guest", email = guestEmail }, TestIdentity.Member(buyer.Id)))
            .Data.GetProperty("assignTicketAttendee"), "ticket");
        const string read = "query($id: ID!) { node(id: $id) { ... on Ticket { attendeeName attendeeEmail } } }";

        var memberTicketAsBuyer = await Client.PostAsync(read, new { id = TicketId(tickets[0].Id) }, TestIdentity.Member(buyer.Id));
        var guestTicketAsBuyer = await Client.DataAsync(read, new { id = TicketId(tickets[1].Id) }, TestIdentity.Member(buyer.Id));
        var memberTicketAsAttendee = await Client.DataAsync(read, new { id = TicketId(tickets[0].Id) }, TestIdentity.Member(attendee.Id));
        var memberTicketAsStaff = await Client.DataAsync(read, new { id = TicketId(tickets[0].Id) }, TestIdentity.Staff);

        Assert.Equal(["FORBIDDEN"], memberTicketAsBuyer.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, memberTicketAsBuyer.Data.At("node.attendeeEmail").ValueKind);
        Assert.False(string.IsNullOrEmpty(memberTicketAsBuyer.Data.Str("node.attendeeName"))); // the name stays: the buyer named them
        Assert.Equal(guestEmail, guestTicketAsBuyer.Str("node.attendeeEmail"));
        Assert.Equal(attendee.Email, memberTicketAsAttendee.Str("node.attendeeEmail"));
        Assert.Equal(attendee.Email, memberTicketAsStaff.Str("node.attendeeEmail"));
    }

    [SkippableFact]
    public async Task A_colleague_cannot_cancel_name_or_transfer_a_block_and_nothing_changes()
    {
        var (conference, type) = await EventAsync();
        var agency = await Data.AgencyAsync();
        var (buyer, colleague) = (await MemberAsync(agency), await MemberAsync(agency));
        var order = await AgencyOrderAsync(conference, type, buyer);
        await Tickets.PaidAsync(order);
        var tickets = (await Tickets.OrderAsync(order)).Tickets;
        var refunds = Sent("POST", "/v1/refunds").Count;
        var asColleague = TestIdentity.Member(colleague.Id);

        MutationAssert.Failed((await CancelAsync(OrderId(order), asColleague)).Data.GetProperty("cancelTicketOrder"), "order", "NOT_FOUND", "input", "orderId");
        MutationAssert.Failed((await AssignAsync(TicketId(tickets[0].Id), Someone("Casey Officer"), asColleague)).Data.GetProperty("assignTicketAttendee"), "ticket", "NOT_FOUND", "input", "ticketId");
        MutationAssert.Failed((await TransferAsync(TicketId(tickets[1].Id), Someone("Jordan Lee"), asColleague)).Data.GetProperty("transferTicket"), "ticket", "NOT_FOUND", "input", "ticketId");

        var read = await Tickets.OrderAsync(order);
        Assert.Equal(TicketOrderStatus.Paid, read.Status);
        Assert.All(read.Tickets, t => Assert.Equal((TicketStatus.Valid, (string?)null), (t.Status, t.AttendeeName)));
        Assert.Equal(refunds, Sent("POST", "/v1/refunds").Count);
        await AssertSeatsAsync(conference, type, 2);
    }

    [SkippableFact]
    public async Task The_buyer_transfers_a_block_ticket_and_cancels_the_block()
    {
        var (conference, type) = await EventAsync();
        var buyer = await MemberAsync(await Data.AgencyAsync());
        var order = await AgencyOrderAsync(conference, type, buyer);
        await Tickets.PaidAsync(order);
        var ticket = (await Tickets.OrderAsync(order)).Tickets[0];

        var moved = MutationAssert.Succeeded((await TransferAsync(TicketId(ticket.Id), Someone("Jordan Lee"), TestIdentity.Member(buyer.Id))).Data.GetProperty("transferTicket"), "ticket");
        var cancelled = await CancelledAsync(order, TestIdentity.Member(buyer.Id));

        Assert.Equal("Jordan Lee", moved.Str("attendeeName"));
        Assert.Equal("REFUNDED", cancelled.Str("status"));
        await AssertSeatsAsync(conference, type, 0);
    }
}

public sealed class AgencyBlockTestsOnSqlite(SqliteApi api) : AgencyBlockTests(api), IClassFixture<SqliteApi>;

public sealed class AgencyBlockTestsOnPostgreSql(PostgreSqlApi api) : AgencyBlockTests(api), IClassFixture<PostgreSqlApi>;

public sealed class AgencyBlockTestsOnSqlServer(SqlServerApi api) : AgencyBlockTests(api), IClassFixture<SqlServerApi>;
