using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Conferences;
using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Membership.Payments;
using Membership.Payments.Sandbox;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Conferences;

/// <summary>A conference or ticket type the tests made: its key and its global ID.</summary>
public sealed record Made(Guid Id, string GlobalId);

/// <summary>
/// One running API as the ticket tests drive it: staff set up conferences over GraphQL, buyers purchase, Stripe's
/// side is played by the sandbox and its events delivered to the webhook, scanners check in; rows are read back.
/// </summary>
public sealed class TicketDriver(WebApplicationFactory<Program> host)
{
    /// <summary>What any buyer may read of their new order; personal fields (attendeeName, code, buyerEmail) need a signed-in buyer.</summary>
    public const string OrderFields = "id number status total { amount currency } refunded { amount } holdExpiresAt checkoutUrl voucherCode closeReason "
        + "tickets { id status price { amount } }";

    public const string PurchaseDocument =
        "mutation($i: PurchaseTicketsInput!) { purchaseTickets(input: $i) { checkoutUrl order { " + OrderFields + " } userErrors { code field message } } }";

    public const string CheckInDocument =
        "mutation($i: CheckInTicketInput!) { checkInTicket(input: $i) { checkIn { result message checkedInAt ticketType attendeeName } userErrors { code field message } } }";

    public GraphQLClient Client() => new(host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));

    public StripeSandbox Stripe => host.Services.GetRequiredService<StripeSandbox>();

    public IDbContextFactory<MembershipDbContext> Db => host.Services.GetRequiredService<IDbContextFactory<MembershipDbContext>>();

    /// <summary>A conference on sale now (registration opened yesterday), starting in 40 days.</summary>
    public async Task<Made> ConferenceAsync(int capacity = 1000, string status = "ON_SALE", DateTimeOffset? refundCutoff = null, DateTimeOffset? transferCutoff = null,
        bool? national = null)
    {
        var now = DateTimeOffset.UtcNow;
        var result = await Client().PostAsync(
            "mutation($i: CreateConferenceInput!) { createConference(input: $i) { conference { id } userErrors { code field message } } }",
            new { i = new { name = TestData.Unique("Conference "), venue = "Gaylord Opryland", city = "Nashville", state = "TN", timeZone = "America/Chicago",
                startsAt = now.AddDays(40), endsAt = now.AddDays(44), capacity, registrationOpensAt = now.AddDays(-1), registrationClosesAt = now.AddDays(30),
                refundCutoffAt = refundCutoff ?? now.AddDays(20), transferCutoffAt = transferCutoff ?? now.AddDays(35), status, national } },
            TestIdentity.Staff);
        return Made(Succeeded(result, "createConference", "conference"), ConferenceTypeName);
    }

    /// <summary>A ticket type on sale now; <paramref name="shape"/> adds or overrides CreateTicketTypeInput fields.</summary>
    public async Task<Made> TicketTypeAsync(Made conference, int quota = 100, long memberPrice = 45000, long nonMemberPrice = 60000, Action<Dictionary<string, object?>>? shape = null)
    {
        var input = new Dictionary<string, object?>
        {
            ["conferenceId"] = conference.GlobalId, ["name"] = TestData.Unique("Full conference "), ["memberPrice"] = memberPrice, ["nonMemberPrice"] = nonMemberPrice, ["quota"] = quota,
        };
        shape?.Invoke(input);
        var result = await Client().PostAsync(
            "mutation($i: CreateTicketTypeInput!) { createTicketType(input: $i) { ticketType { id } userErrors { code field message } } }", new { i = input }, TestIdentity.Staff);
        return Made(Succeeded(result, "createTicketType", "ticketType"), "TicketType");
    }

    public async Task<Made> VoucherAsync(Made conference, IEnumerable<Made> types, string code, int maxUses, int? percentOff = null, long? amountOff = null)
    {
        var now = DateTimeOffset.UtcNow;
        var result = await Client().PostAsync(
            "mutation($i: CreateVoucherInput!) { createVoucher(input: $i) { voucher { id } userErrors { code field message } } }",
            new { i = new { conferenceId = conference.GlobalId, code, percentOff, amountOff, ticketTypeIds = types.Select(t => t.GlobalId).ToArray(), maxUses,
                validFrom = now.AddDays(-1), validUntil = now.AddDays(30) } },
            TestIdentity.Staff);
        return Made(Succeeded(result, "createVoucher", "voucher"), "Voucher");
    }

    /// <summary>purchaseTickets with a raw input (anonymous when <paramref name="caller"/> is null).</summary>
    public Task<GraphQLResult> PurchaseAsync(object input, TestIdentity? caller) => Client().PostAsync(PurchaseDocument, new { i = input }, caller);

    /// <summary>A member buys <paramref name="count"/> tickets of one type: the first for themself, the others for named guests.</summary>
    public Task<GraphQLResult> MemberPurchaseAsync(Made conference, Made type, Member member, int count = 1, string? voucherCode = null) =>
        PurchaseAsync(new
        {
            conferenceId = conference.GlobalId, voucherCode,
            items = Enumerable.Range(0, count).Select(i => i == 0
                ? (object)new { ticketTypeId = type.GlobalId, attendee = new { memberId = TestData.MemberId(member) } }
                : new { ticketTypeId = type.GlobalId, attendee = new { name = $"Guest {i}", email = $"guest{i}@example.org" } }).ToArray(),
        }, TestIdentity.Member(member.Id));

    /// <summary>Someone who is not signed in buys tickets with a name and e-mail address.</summary>
    public Task<GraphQLResult> GuestPurchaseAsync(Made conference, Made type, int count = 1, string? voucherCode = null, string email = "buyer@example.org") =>
        PurchaseAsync(new
        {
            conferenceId = conference.GlobalId, voucherCode, buyer = new { name = "Pat Buyer", email },
            items = Enumerable.Range(0, count).Select(i => new { ticketTypeId = type.GlobalId, attendee = new { name = $"Guest {i}", email = $"guest{i}@example.org" } }).ToArray(),
        }, TestIdentity.Anonymous);

    /// <summary>The order a purchase created, with no user error.</summary>
    public static JsonElement Ordered(GraphQLResult result) => Succeeded(result, "purchaseTickets", "order");

    /// <summary>Stripe's customer pays the order's checkout; returns the events Stripe sends (not delivered yet).</summary>
    public async Task<IReadOnlyList<JsonObject>> PayAsync(Guid orderId)
    {
        var order = await OrderAsync(orderId);
        return await Stripe.PayAsync(order.StripeCheckoutSessionId ?? throw new InvalidOperationException("The order has no checkout."));
    }

    /// <summary>Pays and delivers the news; the order must end PAID.</summary>
    public async Task<TicketOrder> PaidAsync(Guid orderId)
    {
        await DeliverAsync(await PayAsync(orderId));
        var order = await OrderAsync(orderId);
        Assert.Equal(TicketOrderStatus.Paid, order.Status);
        return order;
    }

    public Task DeliverAsync(IEnumerable<JsonObject> events) => FakeStripe.DeliverEachAsync(Client().Http, events);

    public Task<GraphQLResult> CheckInAsync(Made conference, string? code, TestIdentity? caller = null) =>
        Client().PostAsync(CheckInDocument, new { i = new { conferenceId = conference.GlobalId, code } }, caller ?? TestIdentity.Staff);

    /// <summary>Expires what is due, as the job does, on <paramref name="instance"/> (e.g. one whose clock is later).</summary>
    public static async Task<int> ExpireAsync(WebApplicationFactory<Program> instance)
    {
        var client = new GraphQLClient(instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));
        return (await client.DataAsync("mutation { expireTicketHolds }", null, TestIdentity.Staff)).GetProperty("expireTicketHolds").GetInt32();
    }

    public async Task<TicketOrder> OrderAsync(Guid id)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.TicketOrders.AsNoTracking().Include(o => o.Tickets).SingleAsync(o => o.Id == id);
    }

    /// <summary>The counters and the tickets behind them: they must always agree.</summary>
    public async Task<(int SeatsTaken, int TypeTaken, int HoldingTickets)> CountsAsync(Made conference, Made type)
    {
        await using var db = await Db.CreateDbContextAsync();
        var seats = await db.Conferences.Where(c => c.Id == conference.Id).Select(c => c.SeatsTaken).SingleAsync();
        var taken = await db.TicketTypes.Where(t => t.Id == type.Id).Select(t => t.Taken).SingleAsync();
        var holding = await db.Tickets.CountAsync(t => t.TicketTypeId == type.Id
            && (t.Status == TicketStatus.Reserved || t.Status == TicketStatus.Valid || t.Status == TicketStatus.CheckedIn));
        var offered = await db.WaitingList.CountAsync(w => w.TicketTypeId == type.Id && w.Status == WaitingStatus.Offered);
        return (seats, taken, holding + offered);
    }

    public static Guid Key(JsonElement node) => GlobalId.TryDecode(node.Str("id"), out _, out var key) ? key : throw new InvalidOperationException("no id");

    private const string ConferenceTypeName = "Conference";

    private static Made Made(JsonElement node, string typeName) =>
        GlobalId.TryDecode(node.Str("id"), out var name, out var key) && name == typeName ? new Made(key, node.Str("id")!) : throw new InvalidOperationException($"not a {typeName}");

    private static JsonElement Succeeded(GraphQLResult result, string field, string resultField)
    {
        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, $"Expected success, got {(int)result.Status}: {result.Text}");
        return MutationAssert.Succeeded(result.Data.GetProperty(field), resultField);
    }
}

/// <summary>Base of the ticket tests: the data builder and the driver on the fixture's API.</summary>
public abstract class TicketTest(ApiFixture api) : ApiTest(api)
{
    private TicketDriver? _tickets;

    protected TestData Data { get; } = new(api);

    protected TicketDriver Tickets => _tickets ??= new TicketDriver(Api.Factory);
}
