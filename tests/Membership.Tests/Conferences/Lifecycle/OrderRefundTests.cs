using Membership.Payments;
using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Membership.Conferences.Lifecycle;

namespace Membership.Tests.Conferences.Lifecycle;

/// <summary>refundTicketOrder (staff) gives back part of a paid order; refunds made in Stripe's dashboard arrive by webhook and count the same.</summary>
public abstract class OrderRefundTests(ApiFixture api) : LifecycleTest(api)
{
    private const long Total = 45000 + 60000; // a member's ticket and a guest's

    [SkippableFact]
    public async Task A_partial_refund_leaves_the_tickets_valid_and_the_order_partially_refunded()
    {
        var (conference, type, _, order) = await SaleAsync(count: 2);

        var refunded = Refunded(await RefundAsync(OrderId(order), 10000));

        Assert.Equal(("PARTIALLY_REFUNDED", 10000, "Goodwill"), (refunded.Str("status"), refunded.At("refunded.amount").GetInt32(), refunded.Str("closeReason")));
        var read = await Tickets.OrderAsync(order);
        Assert.Equal((Total, 10000L), (read.Total, read.RefundedAmount));
        AssertTickets(read, TicketStatus.Valid, TicketStatus.Valid);
        await AssertSeatsAsync(conference, type, 2);
        var request = Assert.Single(RefundsOf(read));
        Assert.Equal(("10000", IdempotencyKeys.Derived(order, "part:0:10000").ToString()), (request.Form["amount"], request.IdempotencyKey));
        Assert.Equal(10000, await RefundedByStripeAsync(read));
    }

    [SkippableFact]
    public async Task A_partial_refund_that_cancels_a_ticket_frees_its_seat_and_keeps_the_other_valid()
    {
        var (conference, type, _, order) = await SaleAsync(count: 2);
        var guest = (await Tickets.OrderAsync(order)).Tickets.Single(t => t.AttendeeMemberId is null);

        var refunded = Refunded(await RefundAsync(OrderId(order), 60000, [TicketId(guest.Id)]));

        Assert.Equal(("PARTIALLY_REFUNDED", 60000), (refunded.Str("status"), refunded.At("refunded.amount").GetInt32()));
        var read = await Tickets.OrderAsync(order);
        Assert.Equal(TicketStatus.Cancelled, read.Tickets.Single(t => t.Id == guest.Id).Status);
        Assert.Equal(TicketStatus.Valid, read.Tickets.Single(t => t.Id != guest.Id).Status);
        await AssertSeatsAsync(conference, type, 1);
        Assert.Equal(60000, await RefundedByStripeAsync(read));
    }

    [SkippableFact]
    public async Task Refunding_what_remains_with_every_ticket_refunds_the_order_in_full()
    {
        var (conference, type, _, order) = await SaleAsync(count: 2);
        Refunded(await RefundAsync(OrderId(order), 10000));
        var tickets = (await Tickets.OrderAsync(order)).Tickets.Select(t => TicketId(t.Id)).ToList();

        var refunded = Refunded(await RefundAsync(OrderId(order), Total - 10000, tickets));

        Assert.Equal(("REFUNDED", (int)Total), (refunded.Str("status"), refunded.At("refunded.amount").GetInt32()));
        var read = await Tickets.OrderAsync(order);
        AssertTickets(read, TicketStatus.Cancelled, TicketStatus.Cancelled);
        await AssertSeatsAsync(conference, type, 0);
        Assert.Equal(2, RefundsOf(read).Count);
        Assert.Equal(Total, await RefundedByStripeAsync(read));
    }

    [SkippableFact]
    public async Task Refunding_more_than_remains_is_out_of_range_and_asks_Stripe_nothing()
    {
        var (conference, type, _, order) = await SaleAsync(count: 2);
        Refunded(await RefundAsync(OrderId(order), 10000));

        MutationAssert.Failed((await RefundAsync(OrderId(order), Total - 10000 + 1)).Data.GetProperty("refundTicketOrder"), "order", "OUT_OF_RANGE", "input", "amount");

        var read = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.PartiallyRefunded, 10000L), (read.Status, read.RefundedAmount));
        Assert.Single(RefundsOf(read));
        await AssertSeatsAsync(conference, type, 2);
    }

    [SkippableFact]
    public async Task An_unpaid_order_is_not_refundable()
    {
        var (conference, type) = await EventAsync();
        var order = await PendingAsync(conference, type, await MemberAsync());
        var refunds = Sent("POST", "/v1/refunds").Count;

        MutationAssert.Failed((await RefundAsync(OrderId(order), 1000)).Data.GetProperty("refundTicketOrder"), "order", "NOT_REFUNDABLE", "input", "orderId");

        Assert.Equal(TicketOrderStatus.Pending, (await Tickets.OrderAsync(order)).Status);
        Assert.Equal(refunds, Sent("POST", "/v1/refunds").Count);
    }

    [SkippableFact]
    public async Task A_full_refund_made_in_Stripes_dashboard_refunds_the_order_and_frees_its_seats()
    {
        var (conference, type, _, order) = await SaleAsync(count: 2);
        var intent = (await Tickets.OrderAsync(order)).StripePaymentIntentId;
        await CallStripeAsync(HttpMethod.Post, "/v1/refunds", new() { ["payment_intent"] = intent! });

        await Tickets.DeliverAsync(await NewsAsync("charge.refunded", "payment_intent", intent));

        var read = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.Refunded, Total), (read.Status, read.RefundedAmount));
        AssertTickets(read, TicketStatus.Cancelled, TicketStatus.Cancelled);
        await AssertSeatsAsync(conference, type, 0);
    }

    [SkippableFact]
    public async Task A_partial_refund_made_in_Stripes_dashboard_marks_the_order_partially_refunded()
    {
        var (conference, type, _, order) = await SaleAsync(count: 2);
        var intent = (await Tickets.OrderAsync(order)).StripePaymentIntentId;
        await CallStripeAsync(HttpMethod.Post, "/v1/refunds", new() { ["payment_intent"] = intent!, ["amount"] = "5000" });

        await Tickets.DeliverAsync(await NewsAsync("charge.refunded", "payment_intent", intent));

        var read = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.PartiallyRefunded, 5000L), (read.Status, read.RefundedAmount));
        AssertTickets(read, TicketStatus.Valid, TicketStatus.Valid);
        await AssertSeatsAsync(conference, type, 2);
    }

    [SkippableFact]
    public async Task Refunding_all_that_remains_but_keeping_the_tickets_stays_so_when_Stripes_news_of_it_arrives()
    {
        var (conference, type, _, order) = await SaleAsync(count: 2);
        var intent = (await Tickets.OrderAsync(order)).StripePaymentIntentId;

        Refunded(await RefundAsync(OrderId(order), Total, reason: "Speakers' tickets are on the house"));
        await Tickets.DeliverAsync(await NewsAsync("charge.refunded", "payment_intent", intent));

        var read = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.PartiallyRefunded, Total), (read.Status, read.RefundedAmount));
        AssertTickets(read, TicketStatus.Valid, TicketStatus.Valid);
        await AssertSeatsAsync(conference, type, 2);
        Assert.Equal(Total, await RefundedByStripeAsync(read));
    }

    [SkippableFact]
    public async Task A_partial_refund_then_its_news_then_a_dashboard_refund_of_the_rest_refunds_the_order_in_full()
    {
        var (conference, type, _, order) = await SaleAsync(count: 2);
        var intent = (await Tickets.OrderAsync(order)).StripePaymentIntentId;
        Refunded(await RefundAsync(OrderId(order), 10000));
        await Tickets.DeliverAsync(await NewsAsync("charge.refunded", "payment_intent", intent));
        Assert.Equal((TicketOrderStatus.PartiallyRefunded, 10000L), ((await Tickets.OrderAsync(order)).Status, (await Tickets.OrderAsync(order)).RefundedAmount));

        await CallStripeAsync(HttpMethod.Post, "/v1/refunds", new() { ["payment_intent"] = intent! });
        await Tickets.DeliverAsync((await NewsAsync("charge.refunded", "payment_intent", intent)).Skip(1));

        var read = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.Refunded, Total), (read.Status, read.RefundedAmount));
        AssertTickets(read, TicketStatus.Cancelled, TicketStatus.Cancelled);
        await AssertSeatsAsync(conference, type, 0);
    }

    [SkippableTheory]
    [InlineData(10000)]
    [InlineData(Total)]
    public async Task When_Stripe_cannot_be_reached_a_refund_is_a_provider_error_and_nothing_is_written(long amount)
    {
        var (conference, type, _, order) = await SaleAsync(count: 2);
        var before = await Tickets.OrderAsync(order);
        await using var unreachable = Sales.SalesHosts.Unreachable(Api, Tickets.Stripe, null, "/v1/refunds");
        var tickets = before.Tickets.Select(t => TicketId(t.Id)).ToArray();

        var result = await new TicketDriver(unreachable).Client().PostAsync(
            "mutation($i: RefundTicketOrderInput!) { refundTicketOrder(input: $i) { order { id } userErrors { code field message } } }",
            new { i = new { orderId = OrderId(order), amount, cancelTicketIds = amount == Total ? tickets : null, reason = "Goodwill" } }, TestIdentity.Staff);

        MutationAssert.Failed(result.Data.GetProperty("refundTicketOrder"), "order", "PAYMENT_PROVIDER_ERROR");
        var read = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.Paid, 0L, (string?)null), (read.Status, read.RefundedAmount, read.CloseReason));
        AssertTickets(read, TicketStatus.Valid, TicketStatus.Valid);
        await AssertSeatsAsync(conference, type, 2);
        Assert.Equal(0, await RefundedByStripeAsync(read));
    }

    [SkippableFact]
    public async Task When_Stripe_cannot_be_reached_cancelling_a_paid_order_is_a_provider_error_and_nothing_is_written()
    {
        var (conference, type, buyer, order) = await SaleAsync();
        await using var unreachable = Sales.SalesHosts.Unreachable(Api, Tickets.Stripe, null, "/v1/refunds");

        var result = await new TicketDriver(unreachable).Client().PostAsync(
            "mutation($i: CancelTicketOrderInput!) { cancelTicketOrder(input: $i) { order { id } userErrors { code field message } } }",
            new { i = new { orderId = OrderId(order) } }, TestIdentity.Member(buyer.Id));

        MutationAssert.Failed(result.Data.GetProperty("cancelTicketOrder"), "order", "PAYMENT_PROVIDER_ERROR");
        var read = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.Paid, 0L), (read.Status, read.RefundedAmount));
        AssertTickets(read, TicketStatus.Valid);
        await AssertSeatsAsync(conference, type, 1);
    }

    private static System.Text.Json.JsonElement Refunded(GraphQLResult result) => MutationAssert.Succeeded(result.Data.GetProperty("refundTicketOrder"), "order");
}

public sealed class OrderRefundTestsOnSqlite(SqliteApi api) : OrderRefundTests(api), IClassFixture<SqliteApi>;

public sealed class OrderRefundTestsOnPostgreSql(PostgreSqlApi api) : OrderRefundTests(api), IClassFixture<PostgreSqlApi>;

public sealed class OrderRefundTestsOnSqlServer(SqlServerApi api) : OrderRefundTests(api), IClassFixture<SqlServerApi>;
