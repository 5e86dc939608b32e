using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Lifecycle;

/// <summary>
/// An order whose hold ends while its payment is on its way: whichever comes first, the order ends in one
/// consistent state, the counters agree with the tickets, and money taken for seats that are gone goes back.
/// </summary>
public abstract class LatePaymentTests(ApiFixture api) : LifecycleTest(api)
{
    [SkippableFact]
    public async Task Paid_before_the_expiry_runs_the_order_stays_paid_and_the_expiry_does_nothing()
    {
        var (conference, type) = await EventAsync();
        var order = await PendingAsync(conference, type, await MemberAsync());
        await Tickets.PaidAsync(order);

        await TicketDriver.ExpireAsync(Later(HoldPassed));

        var paid = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.Paid, (DateTimeOffset?)null), (paid.Status, paid.ClosedAt));
        AssertTickets(paid, TicketStatus.Valid);
        await AssertSeatsAsync(conference, type, 1);
    }

    [SkippableFact]
    public async Task Paid_after_the_expiry_while_its_seats_are_still_free_the_order_is_paid_again_with_valid_tickets()
    {
        var (conference, type) = await EventAsync(seats: 2);
        var order = await PendingAsync(conference, type, await MemberAsync(), count: 2);
        await TicketDriver.ExpireAsync(Later(HoldPassed));
        await AssertSeatsAsync(conference, type, 0);

        await Tickets.DeliverAsync(await Tickets.PayAsync(order));

        var paid = await Tickets.OrderAsync(order);
        Assert.Equal(TicketOrderStatus.Paid, paid.Status);
        Assert.NotNull(paid.PaidAt);
        AssertTickets(paid, TicketStatus.Valid, TicketStatus.Valid);
        await AssertSeatsAsync(conference, type, 2);
        Assert.Empty(RefundsOf(paid));
    }

    [SkippableFact]
    public async Task An_order_paid_again_after_its_expiry_reads_as_paid_with_no_close_reason_or_time()
    {
        var (conference, type) = await EventAsync();
        var order = await PendingAsync(conference, type, await MemberAsync());
        await TicketDriver.ExpireAsync(Later(HoldPassed));

        await Tickets.DeliverAsync(await Tickets.PayAsync(order));

        var read = await ReadOrderAsync(order);
        Assert.Equal(("PAID", "VALID"), (read.Str("status"), read.Str("tickets.0.status")));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (read.GetProperty("closeReason").ValueKind, read.GetProperty("closedAt").ValueKind));
    }

    [SkippableFact]
    public async Task Paid_after_the_expiry_the_order_takes_its_voucher_use_again()
    {
        var (conference, type) = await EventAsync();
        var voucher = await Tickets.VoucherAsync(conference, [type], "ONCE", maxUses: 1, percentOff: 50);
        var order = await PendingAsync(conference, type, await MemberAsync(), voucherCode: "ONCE");
        await TicketDriver.ExpireAsync(Later(HoldPassed));
        Assert.Equal(0, await VoucherUsesAsync(voucher));

        await Tickets.DeliverAsync(await Tickets.PayAsync(order));

        Assert.Equal(TicketOrderStatus.Paid, (await Tickets.OrderAsync(order)).Status);
        Assert.Equal(1, await VoucherUsesAsync(voucher));
        var another = await Tickets.MemberPurchaseAsync(conference, type, await MemberAsync(), voucherCode: "ONCE");
        MutationAssert.Failed(another.Data.GetProperty("purchaseTickets"), "order", "VOUCHER_EXHAUSTED", "input", "voucherCode");
    }

    [SkippableFact]
    public async Task Paid_after_the_expiry_when_its_seats_were_sold_to_someone_else_the_payment_is_refunded_in_full()
    {
        var (conference, type) = await EventAsync(seats: 1);
        var late = await PendingAsync(conference, type, await MemberAsync());
        await TicketDriver.ExpireAsync(Later(HoldPassed));
        var other = await PaidAsync(conference, type, await MemberAsync());

        await Tickets.DeliverAsync(await Tickets.PayAsync(late));

        var refunded = await Tickets.OrderAsync(late);
        await AssertRefundedOnceAsync(refunded, "late-payment-refund");
        AssertTickets(refunded, TicketStatus.Cancelled);
        Assert.Equal(TicketOrderStatus.Paid, (await Tickets.OrderAsync(other)).Status);
        await using (var db = await Tickets.Db.CreateDbContextAsync())
        {
            // Money moved without a person asking: the audit log names the system.
            var orderId = Membership.GraphQL.GlobalId.Encode("TicketOrder", refunded.Id);
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Operation == "system.refund" && e.Objects.Any(o => o.ObjectId == orderId));
            Assert.Equal((Membership.Audit.AuditActorKind.System, Membership.Audit.AuditOutcome.Ok), (entry.ActorKind, entry.Outcome));
        }

        await AssertSeatsAsync(conference, type, 1);

        await Tickets.DeliverAsync(await NewsAsync("charge.refunded", "payment_intent", refunded.StripePaymentIntentId));

        Assert.Equal(TicketOrderStatus.Refunded, (await Tickets.OrderAsync(late)).Status);
        await AssertSeatsAsync(conference, type, 1);
    }

    [SkippableFact]
    public async Task Four_different_pieces_of_payment_news_at_once_for_an_expired_order_take_its_seats_once()
    {
        var (conference, type) = await EventAsync(seats: 10);
        var buyer = await MemberAsync();
        var order = await PendingAsync(conference, type, buyer);
        await TicketDriver.ExpireAsync(Later(HoldPassed));
        var completed = Assert.Single(await Tickets.PayAsync(order));

        // Stripe's checkout.session.completed and async_payment_succeeded, each also found again by reconciliation: four events, one payment.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Tickets.DeliverAsync([Another(completed, i % 2 == 0
            ? "checkout.session.completed" : "checkout.session.async_payment_succeeded")])));

        var paid = await Tickets.OrderAsync(order);
        Assert.Equal(TicketOrderStatus.Paid, paid.Status);
        AssertTickets(paid, TicketStatus.Valid);
        Assert.Empty(RefundsOf(paid));
        await AssertSeatsAsync(conference, type, 1);
        Assert.Single(await MailsToAsync(buyer.Email), m => m.Subject.StartsWith("Your tickets", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Expiry_and_payment_at_the_same_instant_end_in_one_paid_order_with_counters_agreeing()
    {
        var (conference, type) = await EventAsync(seats: 3);
        var order = await PendingAsync(conference, type, await MemberAsync(), count: 3);
        var news = await Tickets.PayAsync(order);
        var later = Later(HoldPassed);

        await Task.WhenAll(TicketDriver.ExpireAsync(later), Tickets.DeliverAsync(news));

        var paid = await Tickets.OrderAsync(order);
        Assert.Equal(TicketOrderStatus.Paid, paid.Status);
        AssertTickets(paid, TicketStatus.Valid, TicketStatus.Valid, TicketStatus.Valid);
        Assert.Empty(RefundsOf(paid));
        await AssertSeatsAsync(conference, type, 3);
    }

    [SkippableFact]
    public async Task The_same_payment_news_delivered_three_times_at_once_pays_the_order_once()
    {
        var (conference, type) = await EventAsync(seats: 2);
        var buyer = await MemberAsync();
        var order = await PendingAsync(conference, type, buyer, count: 2);
        var news = await Tickets.PayAsync(order);

        await Task.WhenAll(Tickets.DeliverAsync(news), Tickets.DeliverAsync(news), Tickets.DeliverAsync(news));

        var paid = await Tickets.OrderAsync(order);
        Assert.Equal(TicketOrderStatus.Paid, paid.Status);
        AssertTickets(paid, TicketStatus.Valid, TicketStatus.Valid);
        await AssertSeatsAsync(conference, type, 2);
        Assert.Single(await MailsToAsync(buyer.Email), m => m.Subject.StartsWith("Your tickets", StringComparison.Ordinal));
        await using var db = await Tickets.Db.CreateDbContextAsync();
        var ids = news.Select(e => (string)e["id"]!).ToList();
        Assert.Equal(ids.Count, await db.StripeEvents.CountAsync(e => ids.Contains(e.Id)));
    }

    /// <summary>The same news as another event: a new id, and the type given.</summary>
    private static JsonObject Another(JsonObject stripeEvent, string type)
    {
        var copy = stripeEvent.DeepClone().AsObject();
        copy["id"] = $"evt_{Guid.NewGuid():N}";
        copy["type"] = type;
        return copy;
    }
}

public sealed class LatePaymentTestsOnSqlite(SqliteApi api) : LatePaymentTests(api), IClassFixture<SqliteApi>;

public sealed class LatePaymentTestsOnPostgreSql(PostgreSqlApi api) : LatePaymentTests(api), IClassFixture<PostgreSqlApi>;

public sealed class LatePaymentTestsOnSqlServer(SqlServerApi api) : LatePaymentTests(api), IClassFixture<SqlServerApi>;
