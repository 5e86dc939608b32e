using System.Text.Json;
using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Lifecycle;

/// <summary>expireTicketHolds: a pending order past its hold closes once and gives its seats and voucher use back once, however many instances run it.</summary>
public abstract class ExpiryTests(ApiFixture api) : LifecycleTest(api)
{
    [SkippableFact]
    public async Task A_pending_order_past_its_hold_expires_and_gives_back_its_seats_and_voucher_use_once()
    {
        var (conference, type) = await EventAsync(seats: 5);
        var voucher = await Tickets.VoucherAsync(conference, [type], "HOLD10", maxUses: 5, percentOff: 10);
        var order = await PendingAsync(conference, type, await MemberAsync(), count: 2, voucherCode: "HOLD10");
        var later = Later(HoldPassed);
        var recent = TicketDriver.Key(TicketDriver.Ordered(await new TicketDriver(later).MemberPurchaseAsync(conference, type, await MemberAsync(), voucherCode: "HOLD10")));
        await AssertSeatsAsync(conference, type, 3);

        await TicketDriver.ExpireAsync(later);
        await TicketDriver.ExpireAsync(later);

        var expired = await Tickets.OrderAsync(order);
        Assert.Equal(TicketOrderStatus.Expired, expired.Status);
        Assert.NotNull(expired.ClosedAt);
        AssertTickets(expired, TicketStatus.Cancelled, TicketStatus.Cancelled);
        var read = await ReadOrderAsync(order);
        Assert.Equal(("EXPIRED", JsonValueKind.Null, JsonValueKind.Null),
            (read.Str("status"), read.GetProperty("holdExpiresAt").ValueKind, read.GetProperty("checkoutUrl").ValueKind));
        Assert.Equal(TicketOrderStatus.Pending, (await Tickets.OrderAsync(recent)).Status);
        await AssertSeatsAsync(conference, type, 1);
        Assert.Equal(1, await VoucherUsesAsync(voucher));
    }

    [SkippableFact]
    public async Task Expiring_an_order_ends_its_Stripe_checkout_so_nobody_pays_for_seats_it_no_longer_holds()
    {
        var (conference, type) = await EventAsync();
        var order = await PendingAsync(conference, type, await MemberAsync());
        var session = (await Tickets.OrderAsync(order)).StripeCheckoutSessionId!;
        var later = Later(HoldPassed);

        await TicketDriver.ExpireAsync(later);
        await TicketDriver.ExpireAsync(later);

        Assert.Equal(TicketOrderStatus.Expired, (await Tickets.OrderAsync(order)).Status);
        Assert.Single(Sent("POST", $"/v1/checkout/sessions/{session}/expire"));
        Assert.Equal("expired", (string?)(await Tickets.Stripe.FindAsync(session))!["status"]);
    }

    [SkippableFact]
    public async Task An_order_expires_even_when_Stripe_cannot_be_reached_to_end_its_checkout()
    {
        var (conference, type) = await EventAsync();
        var order = await PendingAsync(conference, type, await MemberAsync());
        var session = (await Tickets.OrderAsync(order)).StripeCheckoutSessionId!;
        await using var unreachable = Sales.SalesHosts.Unreachable(Api, Tickets.Stripe, DateTimeOffset.UtcNow + HoldPassed, "/expire");

        await TicketDriver.ExpireAsync(unreachable);

        Assert.Equal(TicketOrderStatus.Expired, (await Tickets.OrderAsync(order)).Status);
        Assert.Equal("open", (string?)(await Tickets.Stripe.FindAsync(session))!["status"]);
        await AssertSeatsAsync(conference, type, 0);
    }

    [SkippableFact]
    public async Task A_pending_order_within_its_hold_is_untouched()
    {
        var (conference, type) = await EventAsync();
        var order = await PendingAsync(conference, type, await MemberAsync());

        await TicketDriver.ExpireAsync(Later(TimeSpan.FromMinutes(14)));

        var pending = await Tickets.OrderAsync(order);
        Assert.Equal((TicketOrderStatus.Pending, (DateTimeOffset?)null), (pending.Status, pending.ClosedAt));
        AssertTickets(pending, TicketStatus.Reserved);
        await AssertSeatsAsync(conference, type, 1);
    }

    [SkippableFact]
    public async Task Two_instances_expiring_at_the_same_moment_close_each_order_and_release_each_seat_once()
    {
        var (conference, type) = await EventAsync(seats: 10);
        var voucher = await Tickets.VoucherAsync(conference, [type], "RACE", maxUses: 10, amountOff: 5000);
        List<Guid> orders = [];
        for (var i = 0; i < 3; i++)
        {
            orders.Add(await PendingAsync(conference, type, await MemberAsync(), count: 2, voucherCode: "RACE"));
        }

        var at = DateTimeOffset.UtcNow + HoldPassed;
        var (first, second) = (At(at), At(at));
        await new TicketDriver(first).MemberPurchaseAsync(conference, type, await MemberAsync(), voucherCode: "RACE");
        var due = await DueAsync(at);

        var expired = await Task.WhenAll(TicketDriver.ExpireAsync(first), TicketDriver.ExpireAsync(second));

        Assert.Equal(due, expired.Sum());
        foreach (var order in orders)
        {
            var read = await Tickets.OrderAsync(order);
            Assert.Equal(TicketOrderStatus.Expired, read.Status);
            AssertTickets(read, TicketStatus.Cancelled, TicketStatus.Cancelled);
        }

        await AssertSeatsAsync(conference, type, 1);
        Assert.Equal(1, await VoucherUsesAsync(voucher));
    }

    /// <summary>Pending orders and offers, of any test of this class, that an instance whose clock reads <paramref name="at"/> finds due.</summary>
    private async Task<int> DueAsync(DateTimeOffset at)
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        var holds = await db.TicketOrders.Where(o => o.Status == TicketOrderStatus.Pending).Select(o => o.HoldExpiresAt).ToListAsync();
        var offers = await db.WaitingList.Where(w => w.Status == WaitingStatus.Offered).Select(w => w.OfferExpiresAt).ToListAsync();
        return holds.Count(h => h < at) + offers.Count(o => o < at);
    }
}

public sealed class ExpiryTestsOnSqlite(SqliteApi api) : ExpiryTests(api), IClassFixture<SqliteApi>;

public sealed class ExpiryTestsOnPostgreSql(PostgreSqlApi api) : ExpiryTests(api), IClassFixture<PostgreSqlApi>;

public sealed class ExpiryTestsOnSqlServer(SqlServerApi api) : ExpiryTests(api), IClassFixture<SqlServerApi>;
