using System.Net;
using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Membership.Conferences.CheckIn;

namespace Membership.Tests.Conferences.Lifecycle;

/// <summary>transferTicket replaces a ticket (and its code) for another person; assignTicketAttendee names an agency's ticket once.</summary>
public abstract class TransferTests(ApiFixture api) : LifecycleTest(api)
{
    [SkippableFact]
    public async Task A_holder_transfers_a_ticket_and_only_the_new_code_admits()
    {
        var (conference, type, holder, order) = await SaleAsync();
        var old = await OnlyTicketAsync(order);

        var ticket = Transferred(await TransferAsync(TicketId(old.Id), Someone("Jordan Lee"), TestIdentity.Member(holder.Id)));

        Assert.Equal(("VALID", "Jordan Lee"), (ticket.Str("status"), ticket.Str("attendeeName")));
        Assert.NotEqual(old.Code, ticket.Str("code"));
        var replaced = await TicketAsync(old.Id);
        Assert.Equal((TicketStatus.Transferred, TicketDriver.Key(ticket)), (replaced.Status, replaced.TransferredToId));
        Assert.Equal("INVALID", (await Tickets.CheckInAsync(conference, old.Code)).Data.Str("checkInTicket.checkIn.result"));
        using (var qr = await Client.Http.GetAsync(TicketQr.Path(old.Code, "svg")))
        {
            Assert.Equal(HttpStatusCode.NotFound, qr.StatusCode);
        }

        using (var qr = await Client.Http.GetAsync(ticket.Str("qrSvgUrl")))
        {
            Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        }

        Assert.Equal("CHECKED_IN", (await Tickets.CheckInAsync(conference, ticket.Str("code"))).Data.Str("checkInTicket.checkIn.result"));
        await AssertSeatsAsync(conference, type, 1);
    }

    [SkippableFact]
    public async Task Staff_see_the_trail_of_a_transfer_from_whom_to_whom_by_whom_and_when()
    {
        var (_, _, holder, order) = await SaleAsync();
        var old = await OnlyTicketAsync(order);
        var ticket = Transferred(await TransferAsync(TicketId(old.Id), Someone("Jordan Lee"), TestIdentity.Member(holder.Id)));

        var trail = await NodeAsync(TicketId(old.Id), "... on Ticket { status transfer { fromName toName by at newTicket { id } } }");

        Assert.Equal(("TRANSFERRED", $"{holder.FirstName} {holder.LastName}", "Jordan Lee", $"member:{holder.Id}", ticket.Str("id")),
            (trail.Str("status"), trail.Str("transfer.fromName"), trail.Str("transfer.toName"), trail.Str("transfer.by"), trail.Str("transfer.newTicket.id")));
        Assert.False(string.IsNullOrEmpty(trail.Str("transfer.at")));
    }

    [SkippableFact]
    public async Task After_the_transfer_cut_off_the_holder_is_refused_but_staff_may_transfer()
    {
        var (_, _, holder, order) = await SaleAsync(transferCutoff: DateTimeOffset.UtcNow.AddHours(-1));
        var old = await OnlyTicketAsync(order);

        MutationAssert.Failed((await TransferAsync(TicketId(old.Id), Someone("Jordan Lee"), TestIdentity.Member(holder.Id))).Data.GetProperty("transferTicket"),
            "ticket", "TRANSFER_CLOSED", "input", "ticketId");
        Assert.Equal(TicketStatus.Valid, (await TicketAsync(old.Id)).Status);

        Transferred(await TransferAsync(TicketId(old.Id), Someone("Jordan Lee"), TestIdentity.Staff));
        Assert.Equal(TicketStatus.Transferred, (await TicketAsync(old.Id)).Status);
    }

    [SkippableFact]
    public async Task A_checked_in_or_cancelled_ticket_cannot_be_transferred()
    {
        var (conference, _, holder, order) = await SaleAsync(count: 2);
        var tickets = (await Tickets.OrderAsync(order)).Tickets;
        var (used, cancelled) = (tickets[0], tickets[1]);
        Assert.Equal("CHECKED_IN", (await Tickets.CheckInAsync(conference, used.Code)).Data.Str("checkInTicket.checkIn.result"));
        MutationAssert.Succeeded((await RefundAsync(OrderId(order), 0, [TicketId(cancelled.Id)])).Data.GetProperty("refundTicketOrder"), "order");

        foreach (var ticket in new[] { used, cancelled })
        {
            MutationAssert.Failed((await TransferAsync(TicketId(ticket.Id), Someone("Jordan Lee"), TestIdentity.Member(holder.Id))).Data.GetProperty("transferTicket"),
                "ticket", "NOT_TRANSFERABLE", "input", "ticketId");
        }

        Assert.Equal(2, (await Tickets.OrderAsync(order)).Tickets.Count);
        Assert.Equal(0, await TransfersFromAsync(used.Id) + await TransfersFromAsync(cancelled.Id));
    }

    [SkippableFact]
    public async Task A_members_only_ticket_cannot_go_to_someone_who_is_not_a_member()
    {
        var (_, _, holder, order) = await SaleAsync(shape: i => i["membersOnly"] = true);
        var old = await OnlyTicketAsync(order);

        MutationAssert.Failed((await TransferAsync(TicketId(old.Id), Someone("Jordan Lee"), TestIdentity.Member(holder.Id))).Data.GetProperty("transferTicket"),
            "ticket", "MEMBERS_ONLY", "input", "to", "memberId");

        Assert.Equal(TicketStatus.Valid, (await TicketAsync(old.Id)).Status);
        Assert.Single((await Tickets.OrderAsync(old.OrderId)).Tickets);
        Assert.Equal(0, await TransfersFromAsync(old.Id));
    }

    [SkippableFact]
    public async Task Two_transfers_of_one_ticket_at_once_let_exactly_one_through()
    {
        var (conference, type, holder, order) = await SaleAsync();
        var old = await OnlyTicketAsync(order);

        var results = await Task.WhenAll(
            TransferAsync(TicketId(old.Id), Someone("Jordan Lee"), TestIdentity.Member(holder.Id)),
            TransferAsync(TicketId(old.Id), Someone("Riley Moss"), TestIdentity.Member(holder.Id)));

        var payloads = results.Select(r => r.Data.GetProperty("transferTicket")).ToList();
        Assert.Single(payloads, p => p.UserErrorCodes().Count == 0);
        Assert.Single(payloads, p => p.UserErrorCodes().SequenceEqual(["NOT_TRANSFERABLE"]));
        var tickets = (await Tickets.OrderAsync(old.OrderId)).Tickets;
        Assert.Equal([TicketStatus.Valid, TicketStatus.Transferred], tickets.Select(t => t.Status).Order());
        Assert.Equal(1, await TransfersFromAsync(old.Id));
        await AssertSeatsAsync(conference, type, 1);
    }

    [SkippableFact]
    public async Task Naming_the_attendee_of_an_agency_block_ticket_keeps_its_code_and_a_second_naming_is_refused()
    {
        var (conference, type) = await EventAsync();
        var officer = await MemberAsync(await Data.AgencyAsync());
        var order = await AgencyOrderAsync(conference, type, officer);
        await Tickets.PaidAsync(order);
        var unnamed = (await Tickets.OrderAsync(order)).Tickets[0];
        Assert.Null(unnamed.AttendeeName);

        var named = MutationAssert.Succeeded((await AssignAsync(TicketId(unnamed.Id), Someone("Casey Officer"), TestIdentity.Member(officer.Id))).Data.GetProperty("assignTicketAttendee"), "ticket");
        var again = await AssignAsync(TicketId(unnamed.Id), Someone("Drew Other"), TestIdentity.Member(officer.Id));

        Assert.Equal(("VALID", "Casey Officer", unnamed.Code), (named.Str("status"), named.Str("attendeeName"), named.Str("code")));
        MutationAssert.Failed(again.Data.GetProperty("assignTicketAttendee"), "ticket", "ALREADY_RECORDED", "input", "ticketId");
        var read = await TicketAsync(unnamed.Id);
        Assert.Equal(("Casey Officer", unnamed.Code, TicketStatus.Valid), (read.AttendeeName, read.Code, read.Status));
    }

    private static System.Text.Json.JsonElement Transferred(GraphQLResult result) => MutationAssert.Succeeded(result.Data.GetProperty("transferTicket"), "ticket");

    private async Task<Ticket> OnlyTicketAsync(Guid order) => Assert.Single((await Tickets.OrderAsync(order)).Tickets);

    private async Task<Ticket> TicketAsync(Guid id)
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    private async Task<int> TransfersFromAsync(Guid ticket)
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        return await db.TicketTransfers.CountAsync(t => t.FromTicketId == ticket);
    }
}

public sealed class TransferTestsOnSqlite(SqliteApi api) : TransferTests(api), IClassFixture<SqliteApi>;

public sealed class TransferTestsOnPostgreSql(PostgreSqlApi api) : TransferTests(api), IClassFixture<PostgreSqlApi>;

public sealed class TransferTestsOnSqlServer(SqlServerApi api) : TransferTests(api), IClassFixture<SqlServerApi>;
