using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Sales;

/// <summary>What a ticket costs: member or not, early bird or not, voucher or not; and that Stripe is asked for exactly the order's total.</summary>
public abstract class PricingTests(ApiFixture api) : SalesTest(api)
{
    public const string GoodStanding = "member in good standing";
    public const string Guest = "guest";
    public const string Lapsed = "lapsed member";
    public const string InGrace = "member in grace";

    [SkippableTheory]
    [InlineData(GoodStanding, true, null, 35000)]
    [InlineData(GoodStanding, true, "percent", 28000)]
    [InlineData(GoodStanding, true, "amount", 30000)]
    [InlineData(GoodStanding, false, null, 45000)]
    [InlineData(GoodStanding, false, "percent", 36000)]
    [InlineData(GoodStanding, false, "amount", 40000)]
    [InlineData(InGrace, true, "percent", 28000)]
    [InlineData(InGrace, false, null, 45000)]
    [InlineData(Guest, true, null, 50000)]
    [InlineData(Guest, true, "percent", 40000)]
    [InlineData(Guest, true, "amount", 45000)]
    [InlineData(Guest, false, null, 60000)]
    [InlineData(Guest, false, "percent", 48000)]
    [InlineData(Guest, false, "amount", 55000)]
    [InlineData(Lapsed, true, null, 50000)]
    [InlineData(Lapsed, true, "percent", 40000)]
    [InlineData(Lapsed, true, "amount", 45000)]
    [InlineData(Lapsed, false, null, 60000)]
    [InlineData(Lapsed, false, "percent", 48000)]
    [InlineData(Lapsed, false, "amount", 55000)]
    public async Task A_ticket_costs_the_attendees_price_early_bird_applied_then_the_voucher(string attendee, bool earlyBird, string? voucher, long expected)
    {
        var (conference, type) = await OnSaleAsync(memberPrice: 45000, nonMemberPrice: 60000, shape: t =>
        {
            t["earlyBirdMemberPrice"] = 35000;
            t["earlyBirdNonMemberPrice"] = 50000;
            t["earlyBirdUntil"] = DateTimeOffset.UtcNow.AddDays(earlyBird ? 7 : -1);
        });
        var code = voucher is null ? null : NewCode("SAVE");
        if (code is not null)
        {
            await Tickets.VoucherAsync(conference, [type], code, maxUses: 10, percentOff: voucher == "percent" ? 20 : null, amountOff: voucher == "amount" ? 5000 : null);
        }

        var result = attendee switch
        {
            Guest => await GuestBuysAsync(conference, [ForGuest(type)], code),
            Lapsed => await MemberBuysAsync(conference, await LapsedMemberAsync(), code, type),
            InGrace => await MemberBuysAsync(conference, await Data.MemberAsync(await Data.PlanAsync(months: 12, graceDays: 30), termStart: Data.Today.AddMonths(-12).AddDays(-10)),
                code, type),
            _ => await MemberBuysAsync(conference, await MemberAsync(), code, type),
        };

        var (id, order) = Placed(result);
        Assert.Equal((expected, "USD"), (order.At("total.amount").GetInt64(), order.Str("total.currency")));
        Assert.Equal(expected, order.At("tickets.0.price.amount").GetInt64());
        Assert.Equal([(expected, 1)], LineItems(CheckoutOf(id)));
        Assert.Equal("usd", CheckoutOf(id).Form["line_items[0][price_data][currency]"]);
    }

    [SkippableFact]
    public async Task Stripe_is_asked_for_each_price_times_its_quantity_adding_up_to_the_order_total()
    {
        var conference = await Tickets.ConferenceAsync();
        var full = await Tickets.TicketTypeAsync(conference, memberPrice: 45000, nonMemberPrice: 60000);
        var day = await Tickets.TicketTypeAsync(conference, memberPrice: 15000, nonMemberPrice: 20000);
        var member = await MemberAsync();

        var (id, order) = Placed(await BuyAsync(new
        {
            conferenceId = conference.GlobalId,
            items = new[] { ForMember(full, member), ForGuest(full, "Ann Guest", "ann@example.org"), ForGuest(day, "Bo Guest", "bo@example.org"), ForGuest(full, "Cy Guest", "cy@example.org") },
        }, TestIdentity.Member(member.Id)));

        var lines = LineItems(CheckoutOf(id));
        Assert.Equal(45000 + (2 * 60000) + 20000, order.At("total.amount").GetInt64());
        Assert.Equal(order.At("total.amount").GetInt64(), lines.Sum(l => l.UnitAmount * l.Quantity));
        Assert.Equal([(20000L, 1), (45000L, 1), (60000L, 2)], lines.Order());
        Assert.Equal([45000, 60000, 20000, 60000], order.GetProperty("tickets").EnumerateArray().Select(t => t.At("price.amount").GetInt64()));
        Assert.Equal(order.At("total.amount").GetInt64(), (await Tickets.OrderAsync(id)).Total);
    }

    [SkippableFact]
    public async Task A_voucher_discounts_only_the_ticket_types_it_names()
    {
        var conference = await Tickets.ConferenceAsync();
        var full = await Tickets.TicketTypeAsync(conference, nonMemberPrice: 60000);
        var day = await Tickets.TicketTypeAsync(conference, nonMemberPrice: 20000);
        var code = NewCode("FULL");
        await Tickets.VoucherAsync(conference, [full], code, maxUses: 10, percentOff: 25);

        var (id, order) = Placed(await GuestBuysAsync(conference, [ForGuest(full), ForGuest(day)], code));

        Assert.Equal([45000, 20000], order.GetProperty("tickets").EnumerateArray().Select(t => t.At("price.amount").GetInt64()));
        Assert.Equal((65000, code), (order.At("total.amount").GetInt64(), order.Str("voucherCode")));
        Assert.Equal(65000, LineItems(CheckoutOf(id)).Sum(l => l.UnitAmount * l.Quantity));
    }

    [SkippableFact]
    public async Task A_voucher_for_none_of_the_ordered_types_is_refused_and_nothing_is_written()
    {
        var conference = await Tickets.ConferenceAsync();
        var full = await Tickets.TicketTypeAsync(conference);
        var day = await Tickets.TicketTypeAsync(conference);
        var code = NewCode("DAYONLY");
        var voucher = await Tickets.VoucherAsync(conference, [day], code, maxUses: 10, amountOff: 1000);

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(full)], code), TestIdentity.Anonymous, MutationAssert.Describe("VOUCHER_NOT_APPLICABLE", "input", "voucherCode"));

        Assert.Equal(0, (await VoucherRowAsync(voucher)).Used);
    }

    [SkippableFact]
    public async Task A_fixed_discount_larger_than_the_price_makes_the_ticket_free_not_negative()
    {
        var conference = await Tickets.ConferenceAsync();
        var cheap = await Tickets.TicketTypeAsync(conference, nonMemberPrice: 3000);
        var dear = await Tickets.TicketTypeAsync(conference, nonMemberPrice: 60000);
        var code = NewCode("BIG");
        await Tickets.VoucherAsync(conference, [cheap, dear], code, maxUses: 10, amountOff: 5000);

        var (id, order) = Placed(await GuestBuysAsync(conference, [ForGuest(cheap), ForGuest(dear)], code));

        Assert.Equal([0, 55000], order.GetProperty("tickets").EnumerateArray().Select(t => t.At("price.amount").GetInt64()));
        Assert.Equal(55000, order.At("total.amount").GetInt64());
        Assert.Equal([(0L, 1), (55000L, 1)], LineItems(CheckoutOf(id)).Order());
    }

    [SkippableFact]
    public async Task The_prices_shown_for_a_ticket_type_are_those_charged_now()
    {
        var (conference, type) = await OnSaleAsync(memberPrice: 45000, nonMemberPrice: 60000, shape: t =>
        {
            t["earlyBirdNonMemberPrice"] = 50000;
            t["earlyBirdUntil"] = DateTimeOffset.UtcNow.AddDays(3);
        });

        var shown = (await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on TicketType { currentMemberPrice { amount } currentNonMemberPrice { amount } } } }",
            new { id = type.GlobalId })).At("node");

        Assert.Equal((45000, 50000), (shown.At("currentMemberPrice.amount").GetInt64(), shown.At("currentNonMemberPrice.amount").GetInt64()));
        Assert.Equal(50000, Placed(await GuestBuysAsync(conference, [ForGuest(type)])).Order.At("total.amount").GetInt64());
    }

    private Task<GraphQLResult> MemberBuysAsync(Made conference, Member member, string? voucherCode, Made type) =>
        BuyAsync(new { conferenceId = conference.GlobalId, voucherCode, items = new[] { ForMember(type, member) } }, TestIdentity.Member(member.Id));
}

public sealed class PricingTestsOnSqlite(SqliteApi api) : PricingTests(api), IClassFixture<SqliteApi>;

public sealed class PricingTestsOnPostgreSql(PostgreSqlApi api) : PricingTests(api), IClassFixture<PostgreSqlApi>;

public sealed class PricingTestsOnSqlServer(SqlServerApi api) : PricingTests(api), IClassFixture<SqlServerApi>;
