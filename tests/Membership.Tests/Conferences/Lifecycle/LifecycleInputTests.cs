using System.Text.Json;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Lifecycle;

/// <summary>Bad input to the mutations after a sale: refused with a user error (or 401, or FORBIDDEN), and nothing written.</summary>
public abstract class LifecycleInputTests(ApiFixture api) : LifecycleTest(api)
{
    [SkippableFact]
    public async Task Malformed_ids_and_ids_of_other_types_are_invalid_ids_and_nothing_is_written()
    {
        var (order, ticket, _) = await PaidOrderAsync();
        var written = await WrittenAsync();

        foreach (var bad in new[] { "not-an-id", TestData.Id("Conference", Guid.CreateVersion7()) })
        {
            Refused(await CancelAsync(bad, TestIdentity.Staff), "cancelTicketOrder", "order", "INVALID_ID", "input", "orderId");
            Refused(await RefundAsync(bad, 100), "refundTicketOrder", "order", "INVALID_ID", "input", "orderId");
            Refused(await RefundAsync(OrderId(order), 100, [bad]), "refundTicketOrder", "order", "INVALID_ID", "input", "cancelTicketIds", "0");
            Refused(await AssignAsync(bad, Someone("Casey Officer"), TestIdentity.Staff), "assignTicketAttendee", "ticket", "INVALID_ID", "input", "ticketId");
            Refused(await TransferAsync(bad, Someone("Jordan Lee"), TestIdentity.Staff), "transferTicket", "ticket", "INVALID_ID", "input", "ticketId");
            Refused(await TransferAsync(TicketId(ticket), new { memberId = bad }, TestIdentity.Staff), "transferTicket", "ticket", "INVALID_ID", "input", "to", "memberId");
            Refused(await JoinAsync(bad, TestIdentity.Anonymous, "Sam Guest", "sam@example.org"), "joinWaitingList", "entry", "INVALID_ID", "input", "ticketTypeId");
            Refused(await LeaveAsync(bad, TestIdentity.Staff), "leaveWaitingList", "entry", "INVALID_ID", "input", "entryId");
        }

        Assert.Equal(written, await WrittenAsync());
    }

    [SkippableFact]
    public async Task Unknown_ids_are_not_found_and_nothing_is_written()
    {
        var (order, ticket, _) = await PaidOrderAsync();
        var unknown = Guid.CreateVersion7();
        var written = await WrittenAsync();

        Refused(await CancelAsync(OrderId(unknown), TestIdentity.Staff), "cancelTicketOrder", "order", "NOT_FOUND", "input", "orderId");
        Refused(await RefundAsync(OrderId(unknown), 100), "refundTicketOrder", "order", "NOT_FOUND", "input", "orderId");
        Refused(await RefundAsync(OrderId(order), 100, [TicketId(unknown)]), "refundTicketOrder", "order", "NOT_CANCELLABLE", "input", "cancelTicketIds", "0");
        Refused(await AssignAsync(TicketId(unknown), Someone("Casey Officer"), TestIdentity.Staff), "assignTicketAttendee", "ticket", "NOT_FOUND", "input", "ticketId");
        Refused(await TransferAsync(TicketId(unknown), Someone("Jordan Lee"), TestIdentity.Staff), "transferTicket", "ticket", "NOT_FOUND", "input", "ticketId");
        Refused(await TransferAsync(TicketId(ticket), new { memberId = TestData.Id("Member", unknown) }, TestIdentity.Staff), "transferTicket", "ticket", "NOT_FOUND", "input", "to", "memberId");
        Refused(await JoinAsync(TestData.Id("TicketType", unknown), TestIdentity.Anonymous, "Sam Guest", "sam@example.org"), "joinWaitingList", "entry", "NOT_FOUND", "input", "ticketTypeId");
        Refused(await LeaveAsync(EntryId(unknown), TestIdentity.Staff), "leaveWaitingList", "entry", "NOT_FOUND", "input", "entryId");

        Assert.Equal(written, await WrittenAsync());
    }

    [SkippableFact]
    public async Task Missing_names_emails_and_reasons_are_required_and_nothing_is_written()
    {
        var (order, ticket, holder) = await PaidOrderAsync();
        var sold = await SoldOutAsync();
        var (conference, type) = await EventAsync();
        var block = (await Tickets.OrderAsync(await AgencyOrderAsync(conference, type, await MemberAsync(await Data.AgencyAsync())))).Tickets[0];
        var written = await WrittenAsync();

        RefusedAll(await JoinAsync(sold.Type.GlobalId, TestIdentity.Anonymous), "joinWaitingList", "entry", Required("name"), Required("email"));
        Refused(await JoinAsync(sold.Type.GlobalId, TestIdentity.Anonymous, "Sam Guest", "not-an-email"), "joinWaitingList", "entry", "INVALID_EMAIL", "input", "email");
        RefusedAll(await TransferAsync(TicketId(ticket), new { }, TestIdentity.Member(holder.Id)), "transferTicket", "ticket", Required("to", "name"), Required("to", "email"));
        RefusedAll(await AssignAsync(TicketId(block.Id), new { name = " " }, TestIdentity.Staff), "assignTicketAttendee", "ticket", Required("attendee", "name"), Required("attendee", "email"));
        Refused(await RefundAsync(OrderId(order), 100, reason: "  "), "refundTicketOrder", "order", "REQUIRED", "input", "reason");

        Assert.Equal(written, await WrittenAsync());
    }

    [SkippableFact]
    public async Task Names_carrying_line_breaks_or_web_addresses_are_INVALID_NAME_and_nothing_is_written()
    {
        var (_, ticket, holder) = await PaidOrderAsync();
        var sold = await SoldOutAsync();
        var (conference, type) = await EventAsync();
        var block = (await Tickets.OrderAsync(await AgencyOrderAsync(conference, type, await MemberAsync(await Data.AgencyAsync())))).Tickets[0];
        var written = await WrittenAsync();

        Refused(await JoinAsync(sold.Type.GlobalId, TestIdentity.Anonymous, "Sam\n\nACTION REQUIRED: verify at https://evil.example", "sam@example.org"),
            "joinWaitingList", "entry", "INVALID_NAME", "input", "name");
        Refused(await TransferAsync(TicketId(ticket), Someone("Jordan www.evil.example"), TestIdentity.Member(holder.Id)), "transferTicket", "ticket", "INVALID_NAME", "input", "to", "name");
        Refused(await AssignAsync(TicketId(block.Id), Someone("Casey\u202Eevil"), TestIdentity.Staff), "assignTicketAttendee", "ticket", "INVALID_NAME", "input", "attendee", "name");

        Assert.Equal(written, await WrittenAsync());
    }

    [SkippableFact]
    public async Task A_refund_of_a_negative_zero_or_too_large_amount_is_out_of_range_and_nothing_is_written()
    {
        var (order, _, _) = await PaidOrderAsync();
        var total = (await Tickets.OrderAsync(order)).Total;
        var written = await WrittenAsync();

        foreach (var amount in new[] { -1L, 0L, total + 1, int.MaxValue })
        {
            Refused(await RefundAsync(OrderId(order), amount), "refundTicketOrder", "order", "OUT_OF_RANGE", "input", "amount");
        }

        Assert.Equal(written, await WrittenAsync());
    }

    [SkippableFact]
    public async Task Signing_in_is_needed_to_cancel_refund_name_transfer_or_leave_and_nothing_is_written()
    {
        var (order, ticket, _) = await PaidOrderAsync();
        var written = await WrittenAsync();

        MutationAssert.Unauthenticated(await CancelAsync(OrderId(order), TestIdentity.Anonymous));
        MutationAssert.Unauthenticated(await RefundAsAsync(TestIdentity.Anonymous, OrderId(order), 100));
        MutationAssert.Unauthenticated(await AssignAsync(TicketId(ticket), Someone("Casey Officer"), TestIdentity.Anonymous));
        MutationAssert.Unauthenticated(await TransferAsync(TicketId(ticket), Someone("Jordan Lee"), TestIdentity.Anonymous));
        MutationAssert.Unauthenticated(await LeaveAsync(EntryId(Guid.CreateVersion7()), TestIdentity.Anonymous));

        Assert.Equal(written, await WrittenAsync());
    }

    [SkippableFact]
    public async Task Only_staff_may_refund_an_order_or_expire_holds_and_nothing_is_written()
    {
        var (order, _, holder) = await PaidOrderAsync();
        var written = await WrittenAsync();

        foreach (var caller in new[] { TestIdentity.Member(holder.Id), TestIdentity.Partner })
        {
            MutationAssert.Forbidden(await RefundAsAsync(caller, OrderId(order), 100), "refundTicketOrder");
            var expire = await Client.PostAsync("mutation { expireTicketHolds }", null, caller);
            Assert.Contains("FORBIDDEN", expire.ErrorCodes);
            Assert.Equal(JsonValueKind.Null, expire.Data.GetProperty("expireTicketHolds").ValueKind);
        }

        Assert.Equal(written, await WrittenAsync());
    }

    /// <summary>A paid order of one ticket: the order's and the ticket's keys, and the member who bought it.</summary>
    private async Task<(Guid Order, Guid Ticket, Membership.Members.Member Holder)> PaidOrderAsync()
    {
        var (_, _, holder, order) = await SaleAsync();
        return (order, Assert.Single((await Tickets.OrderAsync(order)).Tickets).Id, holder);
    }

    private static string Required(params string[] field) => MutationAssert.Describe("REQUIRED", ["input", .. field]);

    /// <summary>The payload has no result and exactly these user errors ("CODE input.field").</summary>
    private static void RefusedAll(GraphQLResult result, string mutation, string resultField, params string[] errors)
    {
        Assert.False(result.HasErrors, result.Text);
        var payload = result.Data.GetProperty(mutation);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty(resultField).ValueKind);
        Assert.Equal(errors, MutationAssert.ErrorsOf(payload));
    }

    private static void Refused(GraphQLResult result, string mutation, string resultField, string code, params string[] field) =>
        RefusedAll(result, mutation, resultField, MutationAssert.Describe(code, field));

    /// <summary>Everything the lifecycle mutations write, and what was asked of Stripe, as one comparable text.</summary>
    private async Task<string> WrittenAsync()
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        var orders = await db.TicketOrders.OrderBy(o => o.Id).Select(o => new { o.Id, o.Status, o.RefundedAmount, o.CloseReason, o.ClosedAt }).ToListAsync();
        var tickets = await db.Tickets.OrderBy(t => t.Id).Select(t => new { t.Id, t.Status, t.AttendeeName, t.AttendeeEmail, t.Code }).ToListAsync();
        var waiting = await db.WaitingList.OrderBy(w => w.Id).Select(w => new { w.Id, w.Status }).ToListAsync();
        var seats = await db.TicketTypes.OrderBy(t => t.Id).Select(t => t.Taken).ToListAsync();
        return JsonSerializer.Serialize(new { orders, tickets, waiting, seats, transfers = await db.TicketTransfers.CountAsync(), stripe = Tickets.Stripe.Requests.Count });
    }
}

public sealed class LifecycleInputTestsOnSqlite(SqliteApi api) : LifecycleInputTests(api), IClassFixture<SqliteApi>;

public sealed class LifecycleInputTestsOnPostgreSql(PostgreSqlApi api) : LifecycleInputTests(api), IClassFixture<PostgreSqlApi>;

public sealed class LifecycleInputTestsOnSqlServer(SqlServerApi api) : LifecycleInputTests(api), IClassFixture<SqlServerApi>;
