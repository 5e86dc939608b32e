using System.Globalization;
using System.Net;
using System.Text.Json;
using Membership.Agencies;
using Membership.Conferences;
using Membership.Members;
using Membership.Payments;
using Membership.Payments.Sandbox;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Sales;

/// <summary>What the sales rows of a database add up to; equal before and after a refused purchase when it wrote nothing.</summary>
public sealed record SalesLedger(int Orders, int Tickets, int TypeSeats, int EventSeats, int VoucherUses, int CheckoutSessions);

/// <summary>Base of the sales tests: buyers, purchase inputs, what Stripe was asked for, and the ledger that shows a refusal wrote nothing.</summary>
public abstract class SalesTest(ApiFixture api) : TicketTest(api)
{
    public const string CheckoutPath = "/v1/checkout/sessions";

    /// <summary>A voucher code no other test uses, in capitals as codes are kept.</summary>
    protected static string NewCode(string prefix) => TestData.Unique(prefix).ToUpperInvariant();

    /// <summary>A conference on sale now with one ticket type on sale, as the driver makes them.</summary>
    protected async Task<(Made Conference, Made Type)> OnSaleAsync(int quota = 100, int capacity = 1000, long memberPrice = 45000, long nonMemberPrice = 60000,
        Action<Dictionary<string, object?>>? shape = null, string status = "ON_SALE")
    {
        var conference = await Tickets.ConferenceAsync(capacity, status);
        return (conference, await Tickets.TicketTypeAsync(conference, quota, memberPrice, nonMemberPrice, shape));
    }

    /// <summary>A conference on sale with one ticket type and a voucher for it, valid now.</summary>
    protected async Task<(Made Conference, Made Type, string Code, Made Voucher)> DiscountedAsync(int maxUses, int? percentOff = null, long? amountOff = null, int quota = 100, int capacity = 1000)
    {
        var (conference, type) = await OnSaleAsync(quota, capacity);
        var code = NewCode("V");
        return (conference, type, code, await Tickets.VoucherAsync(conference, [type], code, maxUses, percentOff, amountOff));
    }

    /// <summary>A member in good standing (a current, activated term).</summary>
    protected async Task<Member> MemberAsync(Agency? agency = null) => await Data.MemberAsync(await Data.PlanAsync(), agency);

    /// <summary>A member whose one-year term ended a year ago: past the 30 days of grace, so lapsed.</summary>
    protected async Task<Member> LapsedMemberAsync() => await Data.MemberAsync(await Data.PlanAsync(months: 12, graceDays: 30), termStart: Data.Today.AddYears(-2));

    /// <summary>An item for the member who buys it.</summary>
    protected static object ForMember(Made type, Member member) => new { ticketTypeId = type.GlobalId, attendee = new { memberId = TestData.MemberId(member) } };

    /// <summary>An item for someone named by name and e-mail.</summary>
    protected static object ForGuest(Made type, string name = "Sam Guest", string email = "sam.guest@example.org") =>
        new { ticketTypeId = type.GlobalId, attendee = new { name, email } };

    /// <summary>A purchase by someone not signed in: buyer and attendees by name and e-mail.</summary>
    protected static object GuestOrder(Made conference, IEnumerable<object> items, string? voucherCode = null, string email = "pat.buyer@example.org") =>
        new { conferenceId = conference.GlobalId, voucherCode, buyer = new { name = "Pat Buyer", email }, items = items.ToArray() };

    /// <summary>purchaseTickets with a raw input, anonymous when <paramref name="caller"/> is null, on the fixture's instance or another.</summary>
    protected Task<GraphQLResult> BuyAsync(object input, TestIdentity? caller, TicketDriver? instance = null) =>
        (instance ?? Tickets).Client().PostAsync(TicketDriver.PurchaseDocument, new { i = input }, caller);

    /// <summary>A mutation taking one input (its type named after the field: createVoucher takes CreateVoucherInput); returns the raw result.</summary>
    protected Task<GraphQLResult> MutateAsync(string field, string resultField, object input, TestIdentity? caller) =>
        Client.PostAsync($"mutation($i: {char.ToUpperInvariant(field[0])}{field[1..]}Input!) {{ {field}(input: $i) {{ {resultField} {{ id }} userErrors {{ code field message }} }} }}",
            new { i = input }, caller);

    /// <summary>A staff change that must succeed.</summary>
    protected async Task StaffChangesAsync(string field, string resultField, object input)
    {
        var result = await MutateAsync(field, resultField, input, TestIdentity.Staff);
        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, result.Text);
        MutationAssert.Succeeded(result.Data.GetProperty(field), resultField);
    }

    /// <summary>Someone not signed in buys these items.</summary>
    protected Task<GraphQLResult> GuestBuysAsync(Made conference, IEnumerable<object> items, string? voucherCode = null, string email = "pat.buyer@example.org") =>
        BuyAsync(GuestOrder(conference, items, voucherCode, email), TestIdentity.Anonymous);

    /// <summary>The purchaseTickets payload of a request that ran (HTTP 200, no GraphQL error).</summary>
    protected static JsonElement Payload(GraphQLResult result)
    {
        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, $"Expected a payload, got {(int)result.Status}: {result.Text}");
        return result.Data.GetProperty("purchaseTickets");
    }

    /// <summary>The purchase was refused with exactly this one user error.</summary>
    protected static void Refused(GraphQLResult result, string code, params string[] field) => MutationAssert.Failed(Payload(result), "order", code, field);

    /// <summary>The order a purchase created, with its key.</summary>
    protected static (Guid Id, JsonElement Order) Placed(GraphQLResult result)
    {
        var order = TicketDriver.Ordered(result);
        return (TicketDriver.Key(order), order);
    }

    /// <summary>Posts a purchase that must be refused with these user errors (in order), and shows it wrote nothing.</summary>
    protected async Task AssertRefusedAsync(object input, TestIdentity? caller, params string[] errors)
    {
        var before = await LedgerAsync();

        var payload = Payload(await BuyAsync(input, caller));

        Assert.Equal(errors, MutationAssert.ErrorsOf(payload));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("order").ValueKind);
        Assert.Equal(before, await LedgerAsync());
    }

    /// <summary>Orders, tickets, seat counters, voucher uses and checkout requests of the whole database (the class's own).</summary>
    protected async Task<SalesLedger> LedgerAsync()
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        return new SalesLedger(
            await db.TicketOrders.CountAsync(), await db.Tickets.CountAsync(), await db.TicketTypes.SumAsync(t => t.Taken), await db.Conferences.SumAsync(c => c.SeatsTaken),
            await db.Vouchers.SumAsync(v => v.Used), Tickets.Stripe.Requests.Count(r => r.Method == "POST" && r.Path == CheckoutPath));
    }

    /// <summary>The Checkout Session request Stripe received for an order.</summary>
    protected SandboxRequest CheckoutOf(Guid orderId) =>
        Assert.Single(Tickets.Stripe.Requests, r => r.Method == "POST" && r.Path == CheckoutPath && r.Form.GetValueOrDefault("metadata[order_id]") == orderId.ToString());

    /// <summary>The line items of a Checkout Session request: unit amount and quantity, in order.</summary>
    protected static IReadOnlyList<(long UnitAmount, int Quantity)> LineItems(SandboxRequest session) =>
        [.. Enumerable.Range(0, 100).TakeWhile(i => session.Form.ContainsKey($"line_items[{i}][quantity]")).Select(i => (
            long.Parse(session.Form[$"line_items[{i}][price_data][unit_amount]"], CultureInfo.InvariantCulture),
            int.Parse(session.Form[$"line_items[{i}][quantity]"], CultureInfo.InvariantCulture)))];

    /// <summary>Orders of a conference, whatever their status.</summary>
    protected async Task<int> OrdersOfAsync(Made conference)
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        return await db.TicketOrders.CountAsync(o => o.ConferenceId == conference.Id);
    }

    protected async Task<Voucher> VoucherRowAsync(Made voucher)
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        return await db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == voucher.Id);
    }

    /// <summary>Runs the purchases all at once and waits for every answer, within a minute.</summary>
    protected static async Task<GraphQLResult[]> RaceAsync(IEnumerable<Func<Task<GraphQLResult>>> purchases)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = purchases.Select(async purchase =>
        {
            await gate.Task;
            return await purchase();
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(racing).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
