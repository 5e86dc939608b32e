using Membership.Payments;
using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Membership.Conferences.Lifecycle;

namespace Membership.Tests.Conferences.Lifecycle;

/// <summary>cancelTicketOrder: a pending order lets its seats go; a paid one is refunded in full through Stripe, by its buyer until the cut-off, by staff always.</summary>
public abstract class CancellationTests(ApiFixture api) : LifecycleTest(api)
{
    [SkippableFact]
    public async Task A_buyer_cancelling_a_pending_order_frees_its_seats_and_expires_its_Stripe_checkout()
    {
        var (conference, type) = await EventAsync();
        var buyer = await MemberAsync();
        var order = await PendingAsync(conference, type, buyer, count: 2);

        var cancelled = await CancelledAsync(order, TestIdentity.Member(buyer.Id));

        Assert.Equal(("CANCELLED", "Cancelled by the buyer."), (cancelled.Str("status"), cancelled.Str("closeReason")));
        var read = await Tickets.OrderAsync(order);
        AssertTickets(read, TicketStatus.Cancelled, TicketStatus.Cancelled);
        await AssertSeatsAsync(conference, type, 0);
        Assert.Single(Sent("POST", $"/v1/checkout/sessions/{read.StripeCheckoutSessionId}/expire"));
        Assert.Equal("expired", (string?)(await Tickets.Stripe.FindAsync(read.StripeCheckoutSessionId!))!["status"]);
        Assert.Empty(RefundsOf(read));

        await Tickets.DeliverAsync(await NewsAsync("checkout.session.expired", "id", read.StripeCheckoutSessionId));

        Assert.Equal(TicketOrderStatus.Cancelled, (await Tickets.OrderAsync(order)).Status);
        await AssertSeatsAsync(conference, type, 0);
    }

    [SkippableFact]
    public async Task A_buyer_cancelling_a_paid_order_before_the_refund_cut_off_is_refunded_in_full_through_Stripe()
    {
        var (conference, type, buyer, order) = await SaleAsync(count: 2);

        var cancelled = await CancelledAsync(order, TestIdentity.Member(buyer.Id), "Cannot travel");

        var read = await Tickets.OrderAsync(order);
        Assert.Equal(("REFUNDED", read.Total, "Cannot travel"), (cancelled.Str("status"), (long)cancelled.At("refunded.amount").GetInt32(), cancelled.Str("closeReason")));
        AssertTickets(read, TicketStatus.Cancelled, TicketStatus.Cancelled);
        await AssertSeatsAsync(conference, type, 0);
        await AssertRefundedOnceAsync(read, "cancel");

        await Tickets.DeliverAsync(await NewsAsync("charge.refunded", "payment_intent", read.StripePaymentIntentId));

        Assert.Equal((TicketOrderStatus.Refunded, read.Total), ((await Tickets.OrderAsync(order)).Status, (await Tickets.OrderAsync(order)).RefundedAmount));
        await AssertSeatsAsync(conference, type, 0);
    }

    [SkippableFact]
    public async Task After_the_refund_cut_off_the_buyer_cannot_cancel_a_paid_order_but_staff_can()
    {
        var (conference, type, buyer, order) = await SaleAsync(refundCutoff: DateTimeOffset.UtcNow.AddHours(-1));

        MutationAssert.Failed((await CancelAsync(OrderId(order), TestIdentity.Member(buyer.Id))).Data.GetProperty("cancelTicketOrder"), "order", "NOT_CANCELLABLE", "input", "orderId");
        var unchanged = await Tickets.OrderAsync(order);
        Assert.Equal(TicketOrderStatus.Paid, unchanged.Status);
        Assert.Empty(RefundsOf(unchanged));

        var cancelled = await CancelledAsync(order, TestIdentity.Staff);

        Assert.Equal(("REFUNDED", "Cancelled by staff."), (cancelled.Str("status"), cancelled.Str("closeReason")));
        await AssertRefundedOnceAsync(await Tickets.OrderAsync(order), "cancel");
        await AssertSeatsAsync(conference, type, 0);
    }

    [SkippableFact]
    public async Task A_buyer_cannot_cancel_an_order_one_of_whose_tickets_was_used()
    {
        var (conference, type, buyer, order) = await SaleAsync(count: 2);
        var code = (await Tickets.OrderAsync(order)).Tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).First().Code;
        Assert.Equal("CHECKED_IN", (await Tickets.CheckInAsync(conference, code)).Data.Str("checkInTicket.checkIn.result"));

        MutationAssert.Failed((await CancelAsync(OrderId(order), TestIdentity.Member(buyer.Id))).Data.GetProperty("cancelTicketOrder"), "order", "NOT_CANCELLABLE", "input", "orderId");

        Assert.Equal(TicketOrderStatus.Paid, (await Tickets.OrderAsync(order)).Status);
        await AssertSeatsAsync(conference, type, 2);
    }

    [SkippableFact]
    public async Task Another_member_cannot_cancel_an_order_they_did_not_buy()
    {
        var (conference, type, _, order) = await SaleAsync();
        var stranger = await MemberAsync();

        MutationAssert.Failed((await CancelAsync(OrderId(order), TestIdentity.Member(stranger.Id))).Data.GetProperty("cancelTicketOrder"), "order", "NOT_FOUND", "input", "orderId");

        var unchanged = await Tickets.OrderAsync(order);
        Assert.Equal(TicketOrderStatus.Paid, unchanged.Status);
        Assert.Empty(RefundsOf(unchanged));
        await AssertSeatsAsync(conference, type, 1);
    }

    [SkippableFact]
    public async Task A_second_cancel_is_not_cancellable_and_refunds_nothing_more()
    {
        var (conference, type, buyer, order) = await SaleAsync();
        await CancelledAsync(order, TestIdentity.Member(buyer.Id));

        MutationAssert.Failed((await CancelAsync(OrderId(order), TestIdentity.Member(buyer.Id))).Data.GetProperty("cancelTicketOrder"), "order", "NOT_CANCELLABLE", "input", "orderId");
        MutationAssert.Failed((await CancelAsync(OrderId(order), TestIdentity.Staff)).Data.GetProperty("cancelTicketOrder"), "order", "NOT_CANCELLABLE", "input", "orderId");

        await AssertRefundedOnceAsync(await Tickets.OrderAsync(order), "cancel");
        await AssertSeatsAsync(conference, type, 0);
    }

    [SkippableFact]
    public async Task Two_cancels_at_once_refund_the_order_once()
    {
        var (conference, type, buyer, order) = await SaleAsync(count: 2);

        var results = await Task.WhenAll(CancelAsync(OrderId(order), TestIdentity.Member(buyer.Id)), CancelAsync(OrderId(order), TestIdentity.Member(buyer.Id)));

        var payloads = results.Select(r => r.Data.GetProperty("cancelTicketOrder")).ToList();
        Assert.Contains(payloads, p => p.UserErrorCodes().Count == 0 && p.Str("order.status") == "REFUNDED");
        // The loser finds the order refunded, or changed meanwhile, or its refund request refused by Stripe as a repeat in flight.
        Assert.All(payloads, p => Assert.Subset(new HashSet<string> { "NOT_CANCELLABLE", "PAYMENT_PROVIDER_ERROR" }, p.UserErrorCodes().ToHashSet()));
        var read = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.Refunded, read.Total), (read.Status, read.RefundedAmount));
        Assert.Equal(read.Total, await RefundedByStripeAsync(read));
        Assert.All(RefundsOf(read), r => Assert.Equal(IdempotencyKeys.Derived(order, "cancel").ToString(), r.IdempotencyKey));
        AssertTickets(read, TicketStatus.Cancelled, TicketStatus.Cancelled);
        await AssertSeatsAsync(conference, type, 0);
    }
}

public sealed class CancellationTestsOnSqlite(SqliteApi api) : CancellationTests(api), IClassFixture<SqliteApi>;

public sealed class CancellationTestsOnPostgreSql(PostgreSqlApi api) : CancellationTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CancellationTestsOnSqlServer(SqlServerApi api) : CancellationTests(api), IClassFixture<SqlServerApi>;
