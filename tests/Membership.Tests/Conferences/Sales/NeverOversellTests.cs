using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Sales;

/// <summary>A rush of buyers over HTTP at once: no quota, capacity or voucher is ever passed, every loser is told why, and the counters agree with the tickets.</summary>
public abstract class NeverOversellTests(ApiFixture api) : SalesTest(api)
{
    [SkippableFact]
    public async Task Two_hundred_buyers_racing_for_ten_seats_get_exactly_ten_orders()
    {
        var (conference, type) = await OnSaleAsync(capacity: 500, quota: 15);
        foreach (var early in await Data.MembersAsync(5, await Data.PlanAsync()))
        {
            TicketDriver.Ordered(await Tickets.MemberPurchaseAsync(conference, type, early)); // 10 seats left (one buyer holds at most 2 unpaid orders)
        }

        var members = await Data.MembersAsync(50, await Data.PlanAsync());

        var results = await RaceAsync(Enumerable.Range(0, 200).Select<int, Func<Task<GraphQLResult>>>(i => i % 4 == 0
            ? () => Tickets.MemberPurchaseAsync(conference, type, members[i / 4])
            : () => GuestBuysAsync(conference, [ForGuest(type)], email: $"racer{i}@example.org")));

        var payloads = results.Select(Payload).ToList();
        var winners = payloads.Where(p => MutationAssert.ErrorsOf(p).Count == 0).ToList();
        Assert.Equal(10, winners.Count);
        Assert.All(winners, w => Assert.Equal(("PENDING", 1), (w.Str("order.status"), w.At("order.tickets").GetArrayLength())));
        Assert.All(payloads.Where(p => MutationAssert.ErrorsOf(p).Count > 0), p => MutationAssert.Failed(p, "order", "SOLD_OUT", "input", "items"));
        Assert.Equal((15, 15, 15), await Tickets.CountsAsync(conference, type));
        Assert.Equal(15, await OrdersOfAsync(conference));
        Assert.All(winners, w => CheckoutOf(TicketDriver.Key(w.GetProperty("order"))));
    }

    [SkippableFact]
    public async Task Buyers_racing_over_two_ticket_types_never_pass_the_conference_capacity()
    {
        var conference = await Tickets.ConferenceAsync(capacity: 10);
        var full = await Tickets.TicketTypeAsync(conference, quota: 8);
        var day = await Tickets.TicketTypeAsync(conference, quota: 8);

        var results = await RaceAsync(Enumerable.Range(0, 120).Select<int, Func<Task<GraphQLResult>>>(i =>
            () => GuestBuysAsync(conference, [ForGuest(i % 2 == 0 ? full : day)], email: $"rusher{i}@example.org")));

        var payloads = results.Select(Payload).ToList();
        Assert.Equal(10, payloads.Count(p => MutationAssert.ErrorsOf(p).Count == 0));
        Assert.All(payloads.Where(p => MutationAssert.ErrorsOf(p).Count > 0), p => MutationAssert.Failed(p, "order", "SOLD_OUT", "input", "items"));
        var (seats, fullTaken, fullHolding) = await Tickets.CountsAsync(conference, full);
        var (_, dayTaken, dayHolding) = await Tickets.CountsAsync(conference, day);
        Assert.Equal((10, 10), (seats, fullTaken + dayTaken));
        Assert.Equal((fullTaken, dayTaken), (fullHolding, dayHolding));
        Assert.InRange(fullTaken, 2, 8);
        Assert.Equal(10, await OrdersOfAsync(conference));
    }

    [SkippableFact]
    public async Task Fifty_buyers_racing_for_a_voucher_of_five_uses_get_five_discounted_orders()
    {
        var (conference, type, code, voucher) = await DiscountedAsync(maxUses: 5, percentOff: 50, capacity: 500, quota: 100);

        var results = await RaceAsync(Enumerable.Range(0, 50).Select<int, Func<Task<GraphQLResult>>>(i =>
            () => GuestBuysAsync(conference, [ForGuest(type)], code.ToLowerInvariant(), $"saver{i}@example.org")));

        var payloads = results.Select(Payload).ToList();
        var winners = payloads.Where(p => MutationAssert.ErrorsOf(p).Count == 0).ToList();
        Assert.Equal(5, winners.Count);
        Assert.All(winners, w => Assert.Equal((code, 30000L), (w.Str("order.voucherCode"), w.At("order.total.amount").GetInt64())));
        Assert.All(payloads.Where(p => MutationAssert.ErrorsOf(p).Count > 0), p => MutationAssert.Failed(p, "order", "VOUCHER_EXHAUSTED", "input", "voucherCode"));
        Assert.Equal(5, (await VoucherRowAsync(voucher)).Used);
        Assert.Equal((5, 5, 5), await Tickets.CountsAsync(conference, type));
        Assert.Equal(5, await OrdersOfAsync(conference));
    }
}

public sealed class NeverOversellTestsOnSqlite(SqliteApi api) : NeverOversellTests(api), IClassFixture<SqliteApi>;

public sealed class NeverOversellTestsOnPostgreSql(PostgreSqlApi api) : NeverOversellTests(api), IClassFixture<PostgreSqlApi>;

public sealed class NeverOversellTestsOnSqlServer(SqlServerApi api) : NeverOversellTests(api), IClassFixture<SqlServerApi>;
