using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Membership.Agencies;
using Membership.Conferences;
using Membership.Dues;
using Membership.Members;
using Membership.Payments;
using Membership.Payments.Sandbox;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Membership.Conferences.Lifecycle;

namespace Membership.Tests.Conferences.Lifecycle;

/// <summary>A conference with one ticket type, and a member's paid order of it.</summary>
public sealed record Sale(Made Conference, Made Type, Member Buyer, Guid Order);

/// <summary>
/// Base of the tests of what happens after a sale: the mutations on orders, tickets and waiting lists, instances
/// whose clock is later (to pass a hold or an offer), what was asked of Stripe, and the mail outbox.
/// </summary>
public abstract partial class LifecycleTest(ApiFixture api) : TicketTest(api), IAsyncLifetime
{
    private const string UserErrors = " userErrors { code field message } } }";
    private const string TicketFields = "id status code attendeeName qrSvgUrl";
    private const string EntryFields = "id status offerExpiresAt"; // name and email are personal: not for callers who are not signed in

    /// <summary>Past a pending order's 30-minute hold.</summary>
    protected static readonly TimeSpan HoldPassed = TimeSpan.FromMinutes(31);

    /// <summary>Past a waiting-list offer's 24 hours.</summary>
    protected static readonly TimeSpan OfferPassed = TimeSpan.FromHours(25);

    private readonly List<WebApplicationFactory<Program>> _instances = [];
    private MembershipPlan? _plan;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    /// <summary>Another instance on the same database and fake Stripe, its clock stopped <paramref name="by"/> from now; started.</summary>
    protected WebApplicationFactory<Program> Later(TimeSpan by) => At(DateTimeOffset.UtcNow + by);

    /// <summary>Another instance on the same database and fake Stripe, its clock stopped at <paramref name="now"/>; started.</summary>
    protected WebApplicationFactory<Program> At(DateTimeOffset now)
    {
        var instance = ShiftedClock.Host(Api, now, Tickets.Stripe);
        _instances.Add(instance);
        _ = instance.Server;
        return instance;
    }

    protected async Task<Member> MemberAsync(Agency? agency = null) => await Data.MemberAsync(_plan ??= await Data.PlanAsync(), agency);

    /// <summary>A conference with one ticket type of <paramref name="seats"/> seats (the conference has as many).</summary>
    protected async Task<(Made Conference, Made Type)> EventAsync(int seats = 10, DateTimeOffset? refundCutoff = null, DateTimeOffset? transferCutoff = null,
        Action<Dictionary<string, object?>>? shape = null)
    {
        var conference = await Tickets.ConferenceAsync(capacity: seats, refundCutoff: refundCutoff, transferCutoff: transferCutoff);
        return (conference, await Tickets.TicketTypeAsync(conference, quota: seats, shape: shape));
    }

    /// <summary>A member's pending order (the first ticket theirs, the others for guests); its key.</summary>
    protected async Task<Guid> PendingAsync(Made conference, Made type, Member member, int count = 1, string? voucherCode = null) =>
        TicketDriver.Key(TicketDriver.Ordered(await Tickets.MemberPurchaseAsync(conference, type, member, count, voucherCode)));

    /// <summary>A member's order, paid; its key.</summary>
    protected async Task<Guid> PaidAsync(Made conference, Made type, Member member, int count = 1)
    {
        var order = await PendingAsync(conference, type, member, count);
        await Tickets.PaidAsync(order);
        return order;
    }

    /// <summary>An officer's pending order of a block of unnamed tickets for their agency; its key.</summary>
    protected async Task<Guid> AgencyOrderAsync(Made conference, Made type, Member officer, int count = 2) =>
        TicketDriver.Key(TicketDriver.Ordered(await Tickets.PurchaseAsync(new
        {
            conferenceId = conference.GlobalId, agencyId = TestData.Id("Agency", officer.AgencyId!.Value),
            items = Enumerable.Range(0, count).Select(_ => new { ticketTypeId = type.GlobalId }).ToArray(),
        }, TestIdentity.Member(officer.Id))));

    /// <summary>An attendee who is not a member: a name and a fresh e-mail address.</summary>
    protected static object Someone(string name) => new { name, email = $"{TestData.Unique("attendee")}@example.org" };

    /// <summary>A conference of <paramref name="seats"/> seats, and a member's paid order of <paramref name="count"/> tickets.</summary>
    protected async Task<Sale> SaleAsync(int count = 1, int seats = 10, DateTimeOffset? refundCutoff = null, DateTimeOffset? transferCutoff = null,
        Action<Dictionary<string, object?>>? shape = null)
    {
        var (conference, type) = await EventAsync(seats, refundCutoff, transferCutoff, shape);
        var buyer = await MemberAsync();
        return new Sale(conference, type, buyer, await PaidAsync(conference, type, buyer, count));
    }

    /// <summary>A type of <paramref name="seats"/> seats, all bought by one member in one paid order: sold out.</summary>
    protected Task<Sale> SoldOutAsync(int seats = 1) => SaleAsync(seats, seats);

    /// <summary>The conference's and the type's counters and the seats behind them (tickets and offers) are all <paramref name="taken"/>.</summary>
    protected async Task AssertSeatsAsync(Made conference, Made type, int taken) =>
        Assert.Equal((taken, taken, taken), await Tickets.CountsAsync(conference, type));

    protected static void AssertTickets(TicketOrder order, params TicketStatus[] statuses) =>
        Assert.Equal(statuses, order.Tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => t.Status));

    protected static string OrderId(Guid key) => TestData.Id("TicketOrder", key);

    protected static string TicketId(Guid key) => TestData.Id("Ticket", key);

    protected static string EntryId(Guid key) => TestData.Id("WaitingListEntry", key);

    protected Task<GraphQLResult> CancelAsync(string orderId, TestIdentity? caller, string? reason = null) =>
        Client.PostAsync("mutation($i: CancelTicketOrderInput!) { cancelTicketOrder(input: $i) { order { " + TicketDriver.OrderFields + " }" + UserErrors,
            new { i = new { orderId, reason } }, caller);

    /// <summary>cancelTicketOrder, which must succeed; the order as it returns it.</summary>
    protected async Task<JsonElement> CancelledAsync(Guid order, TestIdentity caller, string? reason = null) =>
        MutationAssert.Succeeded((await CancelAsync(OrderId(order), caller, reason)).Data.GetProperty("cancelTicketOrder"), "order");

    /// <summary>refundTicketOrder as staff.</summary>
    protected Task<GraphQLResult> RefundAsync(string orderId, long amount, IEnumerable<string>? cancelTicketIds = null, string reason = "Goodwill") =>
        RefundAsAsync(TestIdentity.Staff, orderId, amount, cancelTicketIds, reason);

    protected Task<GraphQLResult> RefundAsAsync(TestIdentity? caller, string orderId, long amount, IEnumerable<string>? cancelTicketIds = null, string reason = "Goodwill") =>
        Client.PostAsync("mutation($i: RefundTicketOrderInput!) { refundTicketOrder(input: $i) { order { " + TicketDriver.OrderFields + " }" + UserErrors,
            new { i = new { orderId, amount, cancelTicketIds = cancelTicketIds?.ToArray(), reason } }, caller);

    protected Task<GraphQLResult> TransferAsync(string ticketId, object to, TestIdentity? caller) =>
        Client.PostAsync("mutation($i: TransferTicketInput!) { transferTicket(input: $i) { ticket { " + TicketFields + " }" + UserErrors,
            new { i = new { ticketId, to } }, caller);

    protected Task<GraphQLResult> AssignAsync(string ticketId, object attendee, TestIdentity? caller) =>
        Client.PostAsync("mutation($i: AssignTicketAttendeeInput!) { assignTicketAttendee(input: $i) { ticket { " + TicketFields + " }" + UserErrors,
            new { i = new { ticketId, attendee } }, caller);

    protected Task<GraphQLResult> JoinAsync(string ticketTypeId, TestIdentity? caller, string? name = null, string? email = null) =>
        Client.PostAsync("mutation($i: JoinWaitingListInput!) { joinWaitingList(input: $i) { entry { " + EntryFields + " }" + UserErrors,
            new { i = new { ticketTypeId, name, email } }, caller);

    protected Task<GraphQLResult> LeaveAsync(string entryId, TestIdentity? caller) =>
        Client.PostAsync("mutation($i: LeaveWaitingListInput!) { leaveWaitingList(input: $i) { entry { " + EntryFields + " }" + UserErrors,
            new { i = new { entryId } }, caller);

    /// <summary>A member joins the waiting list of <paramref name="type"/>; the entry's key.</summary>
    protected async Task<Guid> JoinedAsync(Made type, Member member)
    {
        var result = await JoinAsync(type.GlobalId, TestIdentity.Member(member.Id));
        return TicketDriver.Key(MutationAssert.Succeeded(result.Data.GetProperty("joinWaitingList"), "entry"));
    }

    protected async Task<WaitingListEntry> EntryAsync(Guid key)
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        return await db.WaitingList.AsNoTracking().SingleAsync(w => w.Id == key);
    }

    protected async Task<int> VoucherUsesAsync(Made voucher)
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        return await db.Vouchers.Where(v => v.Id == voucher.Id).Select(v => v.Used).SingleAsync();
    }

    /// <summary>A node as <paramref name="caller"/> reads it, through <c>node(id)</c> with the given selection.</summary>
    protected async Task<JsonElement> NodeAsync(string id, string selection, TestIdentity? caller = null) =>
        (await Client.DataAsync("query($id: ID!) { node(id: $id) { " + selection + " } }", new { id }, caller ?? TestIdentity.Staff)).GetProperty("node");

    protected async Task<JsonElement> ReadOrderAsync(Guid order, TestIdentity? caller = null) =>
        await NodeAsync(OrderId(order), "... on TicketOrder { " + TicketDriver.OrderFields + " closedAt paidAt tickets { qrSvgUrl } }", caller);

    /// <summary>What the tests' fake Stripe was asked, of one method and path.</summary>
    protected IReadOnlyList<SandboxRequest> Sent(string method, string path) => [.. Tickets.Stripe.Requests.Where(r => r.Method == method && r.Path == path)];

    /// <summary>The refunds asked of Stripe for the order's payment.</summary>
    protected IReadOnlyList<SandboxRequest> RefundsOf(TicketOrder order) =>
        [.. Sent("POST", "/v1/refunds").Where(r => r.Form.GetValueOrDefault("payment_intent") == order.StripePaymentIntentId)];

    /// <summary>How much of the order's charge Stripe has given back.</summary>
    protected async Task<long> RefundedByStripeAsync(TicketOrder order)
    {
        var intent = (await Tickets.Stripe.FindAsync(order.StripePaymentIntentId!))!;
        return (long)(await Tickets.Stripe.FindAsync((string)intent["latest_charge"]!))!["amount_refunded"]!;
    }

    /// <summary>Stripe was asked once to give back the whole order, under the key derived from the order, and did.</summary>
    protected async Task AssertRefundedOnceAsync(TicketOrder order, string purpose)
    {
        Assert.Equal((TicketOrderStatus.Refunded, order.Total), (order.Status, order.RefundedAmount));
        var request = Assert.Single(RefundsOf(order));
        Assert.Equal((order.Total.ToString(CultureInfo.InvariantCulture), IdempotencyKeys.Derived(order.Id, purpose).ToString()), (request.Form["amount"], request.IdempotencyKey));
        Assert.Equal(order.Total, await RefundedByStripeAsync(order));
    }

    /// <summary>Calls the fake Stripe directly, as someone working in Stripe's dashboard would.</summary>
    protected Task<JsonObject> CallStripeAsync(HttpMethod method, string path, Dictionary<string, string>? form) =>
        new DuesDriver(Api.Factory).CallStripeAsync(method, path, form);

    /// <summary>Stripe's events of one type whose object has <paramref name="value"/> in <paramref name="field"/>, oldest first.</summary>
    protected async Task<IReadOnlyList<JsonObject>> NewsAsync(string type, string field, string? value) =>
        [.. (await new DuesDriver(Api.Factory).EventsAsync(type)).Where(e => (string?)e["data"]!["object"]![field] == value).Reverse()];

    /// <summary>The mails sent to <paramref name="address"/>, oldest first (the outbox sender runs first).</summary>
    private protected Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string address) => Api.MailsToAsync(address);

    /// <summary>The offer code in the one waiting-list offer mailed to <paramref name="address"/>.</summary>
    protected async Task<string> OfferCodeMailedToAsync(string address)
    {
        var offer = Assert.Single(await MailsToAsync(address), m => m.Subject == "A conference seat is yours to take");
        return OfferCode().Match(offer.Text).Value;
    }

    [GeneratedRegex(@"\b[0-9a-f]{32}\b")]
    private static partial Regex OfferCode();
}
