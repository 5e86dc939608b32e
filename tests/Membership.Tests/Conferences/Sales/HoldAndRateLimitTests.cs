using System.Globalization;
using System.Net;
using System.Text.Json;
using Membership.Conferences;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Sales;

/// <summary>How long a pending order holds its seats, and how often someone not signed in may try to buy.</summary>
public abstract class HoldAndRateLimitTests(ApiFixture api) : SalesTest(api)
{
    [SkippableFact]
    public async Task A_pending_order_holds_its_seats_for_fifteen_minutes_by_default()
    {
        var (conference, type) = await OnSaleAsync();

        var before = DateTimeOffset.UtcNow;
        var (id, order) = Placed(await GuestBuysAsync(conference, [ForGuest(type)]));
        var after = DateTimeOffset.UtcNow;

        AssertBetween(order, before.AddMinutes(15), after.AddMinutes(15));
        Assert.InRange((await Tickets.OrderAsync(id)).HoldExpiresAt, before.AddMinutes(15).AddSeconds(-1), after.AddMinutes(15).AddSeconds(1));
    }

    [SkippableTheory]
    [InlineData(null, 30)] // the default hold, 15 minutes, is shorter than Stripe's least
    [InlineData("10", 30)]
    [InlineData("40", 40)]
    public async Task The_checkout_closes_with_the_hold_and_never_sooner_than_Stripes_thirty_minutes(string? holdMinutes, int closesAfterMinutes)
    {
        var (conference, type) = await OnSaleAsync();
        await using var host = SalesHosts.WithSettings(Api, holdMinutes is null ? [] : [("Tickets:HoldMinutes", holdMinutes)]);
        var driver = new TicketDriver(host);

        var before = DateTimeOffset.UtcNow;
        var (id, _) = Placed(await BuyAsync(GuestOrder(conference, [ForGuest(type)]), TestIdentity.Anonymous, driver));
        var after = DateTimeOffset.UtcNow;

        var session = (await Tickets.OrderAsync(id)).StripeCheckoutSessionId;
        var sent = Assert.Single(driver.Stripe.Requests, r => r.Method == "POST" && r.Path == CheckoutPath && r.Form.GetValueOrDefault("client_reference_id") == id.ToString());
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(sent.Form["expires_at"], CultureInfo.InvariantCulture));
        Assert.NotNull(session);
        Assert.InRange(expiresAt, before.AddMinutes(closesAfterMinutes).AddSeconds(-1), after.AddMinutes(closesAfterMinutes).AddSeconds(10));
    }

    [SkippableFact]
    public async Task The_hold_lasts_as_long_as_Tickets_HoldMinutes_says()
    {
        var (conference, type) = await OnSaleAsync();
        await using var host = SalesHosts.WithSettings(Api, ("Tickets:HoldMinutes", "40"));

        var before = DateTimeOffset.UtcNow;
        var (_, order) = Placed(await BuyAsync(GuestOrder(conference, [ForGuest(type)]), TestIdentity.Anonymous, new TicketDriver(host)));
        var after = DateTimeOffset.UtcNow;

        AssertBetween(order, before.AddMinutes(40), after.AddMinutes(40));
    }

    [SkippableFact]
    public async Task An_unpaid_order_gives_its_seats_back_when_its_hold_ends_and_not_before()
    {
        var (conference, type) = await OnSaleAsync(capacity: 3, quota: 3);
        var (id, _) = Placed(await GuestBuysAsync(conference, [ForGuest(type), ForGuest(type, "Kim Guest", "kim@example.org")]));

        await using (var early = ShiftedClock.Host(Api, DateTimeOffset.UtcNow.AddMinutes(14)))
        {
            await TicketDriver.ExpireAsync(early);
        }

        Assert.Equal((TicketOrderStatus.Pending, (2, 2, 2)), ((await Tickets.OrderAsync(id)).Status, await Tickets.CountsAsync(conference, type)));
        await using (var late = ShiftedClock.Host(Api, DateTimeOffset.UtcNow.AddMinutes(16)))
        {
            await TicketDriver.ExpireAsync(late);
        }

        Assert.Equal((TicketOrderStatus.Expired, (0, 0, 0)), ((await Tickets.OrderAsync(id)).Status, await Tickets.CountsAsync(conference, type)));
    }

    [SkippableFact]
    public async Task The_fourth_anonymous_purchase_from_one_address_in_an_hour_is_rate_limited_but_members_are_not()
    {
        var (conference, type) = await OnSaleAsync();
        var member = await MemberAsync();
        await using var host = SalesHosts.RateLimited(Api, perHour: 3);
        var limited = new TicketDriver(host);
        for (var i = 0; i < 3; i++)
        {
            Placed(await BuyAsync(GuestOrder(conference, [ForGuest(type)], email: $"try{i}@example.org"), TestIdentity.Anonymous, limited));
        }

        var before = await LedgerAsync();

        var fourth = await BuyAsync(GuestOrder(conference, [ForGuest(type)], email: "try3@example.org"), TestIdentity.Anonymous, limited);

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.Status);
        Assert.Equal(["RATE_LIMITED"], fourth.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, fourth.Data.GetProperty("purchaseTickets").ValueKind);
        Assert.InRange(fourth.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal(before, await LedgerAsync());
        foreach (var buyer in new[] { member, await MemberAsync(), await MemberAsync(), await MemberAsync() })
        {
            Placed(await BuyAsync(new { conferenceId = conference.GlobalId, items = new[] { ForMember(type, buyer) } }, TestIdentity.Member(buyer.Id), limited));
        }
    }

    private static void AssertBetween(JsonElement order, DateTimeOffset from, DateTimeOffset to)
    {
        var holdExpiresAt = DateTimeOffset.Parse(order.Str("holdExpiresAt")!, CultureInfo.InvariantCulture);
        Assert.InRange(holdExpiresAt, from.AddSeconds(-1), to.AddSeconds(1));
    }
}

public sealed class HoldAndRateLimitTestsOnSqlite(SqliteApi api) : HoldAndRateLimitTests(api), IClassFixture<SqliteApi>;

public sealed class HoldAndRateLimitTestsOnPostgreSql(PostgreSqlApi api) : HoldAndRateLimitTests(api), IClassFixture<PostgreSqlApi>;

public sealed class HoldAndRateLimitTestsOnSqlServer(SqlServerApi api) : HoldAndRateLimitTests(api), IClassFixture<SqlServerApi>;
