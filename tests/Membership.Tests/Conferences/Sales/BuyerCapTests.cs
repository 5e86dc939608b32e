using System.Net;
using System.Text;
using System.Text.Json;
using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Sales;

/// <summary>
/// Holding seats costs nothing until the hold ends, so one signed-in buyer may have at most 2 unpaid orders and 20
/// held seats per conference (Tickets:MaxPendingOrdersPerBuyer, Tickets:MaxHeldSeatsPerBuyer), counted in the database
/// under the buyer's lock: aliased mutations of one request, racing requests and other instances all count together.
/// Partner systems buy nothing; anonymous buyers stay under the per-address limit.
/// </summary>
public abstract class BuyerCapTests(ApiFixture api) : SalesTest(api)
{
    [SkippableFact]
    public async Task Thirty_aliased_purchases_by_a_pending_applicant_hold_at_most_the_cap()
    {
        var (conference, type) = await OnSaleAsync(quota: 400, capacity: 400, shape: t => t["maxPerOrder"] = 10);
        var applicant = await Data.MemberAsync(await Data.PlanAsync(), activated: false);
        var document = new StringBuilder("mutation($i: PurchaseTicketsInput!) {");
        for (var i = 0; i < 30; i++)
        {
            document.Append(System.Globalization.CultureInfo.InvariantCulture, $" a{i}: purchaseTickets(input: $i) {{ order {{ id }} userErrors {{ code }} }}");
        }

        var result = await Client.PostAsync(document.Append(" }").ToString(),
            new { i = new { conferenceId = conference.GlobalId, buyer = new { name = "Pat Hoarder", email = "pat@example.org" }, items = Enumerable.Range(0, 10).Select(_ => ForGuest(type)).ToArray() } },
            TestIdentity.Member(applicant.Id));

        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, result.Text);
        var payloads = Enumerable.Range(0, 30).Select(i => result.Data.At($"a{i}")).ToList();
        Assert.Equal(2, payloads.Count(p => p.At("order").ValueKind == JsonValueKind.Object));
        Assert.All(payloads.Skip(2), p => Assert.Equal(["HOLD_LIMIT_REACHED"], p.UserErrorCodes()));
        Assert.Equal((20, 20), await HeldAsync(conference, type));
    }

    [SkippableFact]
    public async Task Racing_purchases_of_one_buyer_on_two_instances_hold_at_most_the_cap()
    {
        var (conference, type) = await OnSaleAsync(quota: 400, capacity: 400);
        var member = await MemberAsync();
        await using var other = SalesHosts.WithSettings(Api);
        var instances = new[] { Tickets, new TicketDriver(other) };
        var input = new { conferenceId = conference.GlobalId, buyer = new { name = "Pat Racer", email = "pat@example.org" }, items = Enumerable.Range(0, 3).Select(_ => ForGuest(type)).ToArray() };

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => BuyAsync(input, TestIdentity.Member(member.Id), instances[i % 2])));

        var payloads = results.Select(Payload).ToList();
        Assert.Equal(2, payloads.Count(p => p.At("order").ValueKind == JsonValueKind.Object));
        Assert.Equal(10, payloads.Count(p => p.UserErrorCodes().SequenceEqual(["HOLD_LIMIT_REACHED"])));
        Assert.Equal((6, 6), await HeldAsync(conference, type));
    }

    [SkippableFact]
    public async Task Held_seats_are_capped_too_and_an_order_that_closes_makes_room_again()
    {
        var (conference, type) = await OnSaleAsync(quota: 400, capacity: 400, shape: t => t["maxPerOrder"] = 20);
        var member = await MemberAsync();
        object Order(int seats) => new { conferenceId = conference.GlobalId, buyer = new { name = "Pat Buyer", email = "pat@example.org" }, items = Enumerable.Range(0, seats).Select(_ => ForGuest(type)).ToArray() };
        var buyer = TestIdentity.Member(member.Id);

        var first = Placed(await BuyAsync(Order(15), buyer));
        var over = Payload(await BuyAsync(Order(6), buyer));
        var within = Placed(await BuyAsync(Order(5), buyer));
        var third = Payload(await BuyAsync(Order(1), buyer));
        await Tickets.PaidAsync(first.Id);
        var afterPaying = Placed(await BuyAsync(Order(1), buyer));

        MutationAssert.Failed(over, "order", "HOLD_LIMIT_REACHED", "input", "items");
        MutationAssert.Failed(third, "order", "HOLD_LIMIT_REACHED", "input", "items");
        Assert.Equal("PENDING", within.Order.Str("status"));
        Assert.Equal("PENDING", afterPaying.Order.Str("status"));
    }

    [SkippableFact]
    public async Task A_partner_token_cannot_buy_tickets()
    {
        var (conference, type) = await OnSaleAsync();
        var before = await LedgerAsync();

        var partner = await BuyAsync(GuestOrder(conference, [ForGuest(type)]), TestIdentity.PartnerOf((await Data.AgencyAsync()).Id));
        var bare = await BuyAsync(GuestOrder(conference, [ForGuest(type)]), TestIdentity.Partner);

        foreach (var refused in new[] { partner, bare })
        {
            Assert.Equal(["FORBIDDEN"], refused.ErrorCodes);
            Assert.Equal(JsonValueKind.Null, refused.Data.At("purchaseTickets").ValueKind);
        }

        Assert.Equal(before, await LedgerAsync());
    }

    [SkippableFact]
    public async Task Anonymous_buyers_are_held_to_the_per_address_limit_not_to_the_buyer_caps()
    {
        var (conference, type) = await OnSaleAsync();
        await using var host = SalesHosts.RateLimited(Api, perHour: 4);
        var limited = new TicketDriver(host);
        for (var i = 0; i < 4; i++)
        {
            Placed(await BuyAsync(GuestOrder(conference, [ForGuest(type)], email: "same.person@example.org"), TestIdentity.Anonymous, limited));
        }

        var fifth = await BuyAsync(GuestOrder(conference, [ForGuest(type)], email: "same.person@example.org"), TestIdentity.Anonymous, limited);

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.Status);
        Assert.Equal(["RATE_LIMITED"], fifth.ErrorCodes);
    }

    [SkippableFact]
    public async Task Staff_selling_at_the_desk_are_not_capped()
    {
        var (conference, type) = await OnSaleAsync();

        for (var i = 0; i < 3; i++)
        {
            Placed(await BuyAsync(GuestOrder(conference, [ForGuest(type)], email: $"desk{i}@example.org"), TestIdentity.Staff));
        }
    }

    /// <summary>Seats the conference's type counters hold, and seats in pending orders.</summary>
    private async Task<(int TypeTaken, int PendingSeats)> HeldAsync(Made conference, Made type)
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        return (await db.TicketTypes.Where(t => t.Id == type.Id).Select(t => t.Taken).SingleAsync(),
            await db.Tickets.CountAsync(t => t.ConferenceId == conference.Id && t.Status == TicketStatus.Reserved));
    }
}

public sealed class BuyerCapTestsOnSqlite(SqliteApi api) : BuyerCapTests(api), IClassFixture<SqliteApi>;

public sealed class BuyerCapTestsOnPostgreSql(PostgreSqlApi api) : BuyerCapTests(api), IClassFixture<PostgreSqlApi>;

public sealed class BuyerCapTestsOnSqlServer(SqlServerApi api) : BuyerCapTests(api), IClassFixture<SqlServerApi>;
