using System.Text.Json;
using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Sales;

/// <summary>Orders that never reach Stripe's checkout page: free ones are paid at once; refused ones are cancelled and give their seats back.</summary>
public abstract class FreeAndRefusedOrderTests(ApiFixture api) : SalesTest(api)
{
    [SkippableFact]
    public async Task A_free_ticket_is_paid_at_once_without_a_checkout()
    {
        var (conference, type) = await OnSaleAsync(quota: 5, memberPrice: 0, nonMemberPrice: 0);
        var member = await MemberAsync();

        var result = await Tickets.MemberPurchaseAsync(conference, type, member);

        AssertPaidAtOnce(result, out var id);
        Assert.DoesNotContain(Tickets.Stripe.Requests, r => r.Form.GetValueOrDefault("metadata[order_id]") == id.ToString());
        Assert.Equal((1, 1, 1), await Tickets.CountsAsync(conference, type));
    }

    [SkippableFact]
    public async Task An_order_a_full_voucher_makes_free_is_paid_at_once_and_uses_the_voucher()
    {
        var (conference, type, code, voucher) = await DiscountedAsync(maxUses: 3, percentOff: 100, quota: 5);

        var result = await GuestBuysAsync(conference, [ForGuest(type), ForGuest(type, "Kim Guest", "kim@example.org")], code);

        AssertPaidAtOnce(result, out var id);
        Assert.Equal(code, Payload(result).Str("order.voucherCode"));
        Assert.DoesNotContain(Tickets.Stripe.Requests, r => r.Form.GetValueOrDefault("metadata[order_id]") == id.ToString());
        Assert.Equal(2, (await VoucherRowAsync(voucher)).Used); // a use per ticket it discounts
        Assert.Equal((2, 2, 2), await Tickets.CountsAsync(conference, type));
    }

    [SkippableFact]
    public async Task A_checkout_Stripe_refuses_cancels_the_order_and_gives_back_its_seats_and_voucher_use()
    {
        var (conference, type, code, voucher) = await DiscountedAsync(maxUses: 2, percentOff: 10, capacity: 2, quota: 2);
        var buyer = $"{TestData.Unique("refused")}@example.org";
        await using var refusing = SalesHosts.RefusingCheckout(Api);

        var result = await BuyAsync(GuestOrder(conference, [ForGuest(type), ForGuest(type, "Kim Guest", "kim@example.org")], code, buyer), TestIdentity.Anonymous,
            new TicketDriver(refusing));

        Refused(result, "PAYMENT_PROVIDER_ERROR");
        await using (var db = await Tickets.Db.CreateDbContextAsync())
        {
            var order = await db.TicketOrders.AsNoTracking().Include(o => o.Tickets).SingleAsync(o => o.BuyerEmail == buyer);
            Assert.Equal(TicketOrderStatus.Cancelled, order.Status);
            Assert.All(order.Tickets, t => Assert.Equal(TicketStatus.Cancelled, t.Status));
            Assert.Null(order.StripeCheckoutSessionId);
        }

        Assert.Equal((0, 0, 0), await Tickets.CountsAsync(conference, type));
        Assert.Equal(0, (await VoucherRowAsync(voucher)).Used);
        var (_, again) = Placed(await GuestBuysAsync(conference, [ForGuest(type), ForGuest(type, "Kim Guest", "kim@example.org")], code));
        Assert.Equal(("PENDING", 108000), (again.Str("status"), again.At("total.amount").GetInt64()));
    }

    [SkippableFact]
    public async Task A_checkout_Stripe_cannot_be_reached_for_cancels_the_order_and_gives_back_its_seats()
    {
        var (conference, type) = await OnSaleAsync(capacity: 2, quota: 2);
        var buyer = $"{TestData.Unique("unreached")}@example.org";
        await using var unreachable = SalesHosts.RefusingCheckout(Api, unreachable: true);

        var result = await BuyAsync(GuestOrder(conference, [ForGuest(type), ForGuest(type, "Kim Guest", "kim@example.org")], email: buyer), TestIdentity.Anonymous,
            new TicketDriver(unreachable));

        Refused(result, "PAYMENT_PROVIDER_ERROR");
        await using (var db = await Tickets.Db.CreateDbContextAsync())
        {
            Assert.Equal(TicketOrderStatus.Cancelled, (await db.TicketOrders.AsNoTracking().SingleAsync(o => o.BuyerEmail == buyer)).Status);
        }

        Assert.Equal((0, 0, 0), await Tickets.CountsAsync(conference, type));
    }

    private static void AssertPaidAtOnce(GraphQLResult result, out Guid id)
    {
        var payload = Payload(result);
        Assert.Empty(MutationAssert.ErrorsOf(payload));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("checkoutUrl").ValueKind);
        var order = payload.GetProperty("order");
        Assert.Equal(("PAID", 0), (order.Str("status"), order.At("total.amount").GetInt64()));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("holdExpiresAt").ValueKind);
        Assert.All(order.GetProperty("tickets").EnumerateArray(), t => Assert.Equal(("VALID", 0), (t.Str("status"), t.At("price.amount").GetInt64())));
        id = TicketDriver.Key(order);
    }
}

public sealed class FreeAndRefusedOrderTestsOnSqlite(SqliteApi api) : FreeAndRefusedOrderTests(api), IClassFixture<SqliteApi>;

public sealed class FreeAndRefusedOrderTestsOnPostgreSql(PostgreSqlApi api) : FreeAndRefusedOrderTests(api), IClassFixture<PostgreSqlApi>;

public sealed class FreeAndRefusedOrderTestsOnSqlServer(SqlServerApi api) : FreeAndRefusedOrderTests(api), IClassFixture<SqlServerApi>;
