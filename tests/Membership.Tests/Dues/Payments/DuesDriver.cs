using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Agencies;
using Membership.Data;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.GraphQL;
using Membership.Members;
using Membership.Payments;
using Membership.Payments.Sandbox;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Dues.Payments;

/// <summary>A checkout as the tests follow it: our payment (key and global ID) and Stripe's session.</summary>
internal sealed record Checkout(Guid Id, string GlobalId, string SessionId, string ReceiptNumber);

/// <summary>
/// One running API as the payment tests drive it: the dues operations over GraphQL, Stripe's side played by the
/// sandbox, its events delivered to the webhook endpoint, and the rows read back.
/// </summary>
internal sealed class DuesDriver(WebApplicationFactory<Program> host)
{
    public const string PaymentFields =
        "id receiptNumber kind status agency { id } amount { amount currency } refunded { amount currency } autoRenew checkoutUrl receiptPdfUrl failureReason createdAt completedAt "
        + "lines { amount periodStart periodEnd member { id } }";

    public const string MemberFields =
        "membershipStatus inGoodStanding currentTerm { startsOn endsOn status } terms { startsOn endsOn status } "
        + "duesPayments { " + PaymentFields + " } autoRenewal { status enabled currentPeriodEnd }";

    private const string StartPayload = "checkoutUrl payment { " + PaymentFields + " } userErrors { code field message }";

    private const string StartDocument = "mutation($input: StartDuesPaymentInput!) { startDuesPayment(input: $input) { " + StartPayload + " } }";

    private const string AgencyDocument = "mutation($input: StartAgencyDuesPaymentInput!) { startAgencyDuesPayment(input: $input) { " + StartPayload + " } }";

    private const string MemberDocument = "query($id: ID!) { member(id: $id) { " + MemberFields + " } }";

    public GraphQLClient Client() => new(host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));

    public StripeSandbox Stripe => host.Services.GetRequiredService<StripeSandbox>();

    public IDbContextFactory<MembershipDbContext> Db => host.Services.GetRequiredService<IDbContextFactory<MembershipDbContext>>();

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public Task<GraphQLResult> StartAsync(MembershipPlan plan, TestIdentity? caller, bool autoRenew = false, Member? member = null) =>
        Client().PostAsync(StartDocument, new { input = new { planId = TestData.PlanId(plan), autoRenew, memberId = member is null ? null : TestData.MemberId(member) } }, caller);

    public Task<GraphQLResult> StartForAgencyAsync(Agency agency, MembershipPlan plan, IEnumerable<Member> officers, TestIdentity? caller) =>
        Client().PostAsync(AgencyDocument, new { input = new { agencyId = TestData.AgencyId(agency), planId = TestData.PlanId(plan), memberIds = officers.Select(TestData.MemberId).ToArray() } }, caller);

    /// <summary>The member starts paying for themself (or <paramref name="caller"/> for them); the checkout must open.</summary>
    public async Task<Checkout> StartedAsync(MembershipPlan plan, Member member, bool autoRenew = false, TestIdentity? caller = null) =>
        Opened(Payload(await StartAsync(plan, caller ?? TestIdentity.Member(member.Id), autoRenew, caller is null ? null : member), "startDuesPayment"));

    /// <summary>The payload of a mutation that must have run (no GraphQL errors).</summary>
    public static JsonElement Payload(GraphQLResult result, string field)
    {
        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, $"Expected success, got {(int)result.Status}: {result.Text}");
        return result.Data.GetProperty(field);
    }

    /// <summary>The checkout of a start payload without user errors.</summary>
    public static Checkout Opened(JsonElement payload)
    {
        var payment = MutationAssert.Succeeded(payload, "payment");
        Assert.Equal("PENDING", payment.Str("status"));
        Assert.True(GlobalId.TryDecode(payment.Str("id"), out _, out var id));
        var url = payload.Str("checkoutUrl")!;
        Assert.Equal(url, payment.Str("checkoutUrl"));
        return new Checkout(id, payment.Str("id")!, new Uri(url).Segments[^1], payment.Str("receiptNumber")!);
    }

    /// <summary>The member pays a new checkout, and Stripe's news of it is delivered.</summary>
    public async Task<Checkout> PaidAsync(MembershipPlan plan, Member member, bool autoRenew = false)
    {
        var checkout = await StartedAsync(plan, member, autoRenew);
        await DeliverAsync(await Stripe.PayAsync(checkout.SessionId));
        return checkout;
    }

    /// <summary>Delivers events one after the other, as Stripe signs them now; each must be accepted.</summary>
    public Task DeliverAsync(IEnumerable<JsonObject> events) => FakeStripe.DeliverEachAsync(Client().Http, events);

    /// <summary>Delivers the events all at once (the same one several times, or several about one payment); returns the status codes.</summary>
    public async Task<HttpStatusCode[]> DeliverAtOnceAsync(IEnumerable<JsonObject> events)
    {
        var http = Client().Http;
        var responses = await Task.WhenAll(events.Select(e => FakeStripe.DeliverAsync(http, e)));
        var codes = responses.Select(r => r.StatusCode).ToArray();
        Array.ForEach(responses, r => r.Dispose());
        return codes;
    }

    /// <summary>Posts a body with a signature header as given: for bodies and signatures Stripe would not send.</summary>
    public async Task<HttpStatusCode> PostWebhookAsync(string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, PaymentsSetup.WebhookPath) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Stripe-Signature", signature);
        using var response = await Client().Http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The member as <paramref name="caller"/> (default: the member) reads them: status, terms, payments, renewal.</summary>
    public async Task<JsonElement> MemberAsync(Member member, TestIdentity? caller = null) =>
        (await Client().DataAsync(MemberDocument, new { id = TestData.MemberId(member) }, caller ?? TestIdentity.Member(member.Id))).GetProperty("member");

    /// <summary>The checkout bought exactly one term, from the day after the one before it ends, and the member reads as active.</summary>
    public async Task AssertExtendedOnceAsync(Member member, Checkout checkout)
    {
        var terms = await TermsAsync(member);
        Assert.Equal(2, terms.Count);
        Assert.Equal(terms[0].EndsOn!.Value.AddDays(1), terms[1].StartsOn);
        var payment = await PaymentAsync(checkout.Id);
        Assert.Equal((DuesPaymentStatus.Succeeded, terms[1].Id), (payment.Status, Assert.Single(payment.Lines).TermId));
        var read = await MemberAsync(member);
        Assert.Equal(("ACTIVE", Day(terms[1].StartsOn)), (read.Str("membershipStatus"), read.Str("terms.0.startsOn")));
    }

    public async Task<List<MembershipTerm>> TermsAsync(Member member)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.MembershipTerms.AsNoTracking().Where(t => t.MemberId == member.Id).OrderBy(t => t.StartsOn).ThenBy(t => t.CreatedAt).ToListAsync();
    }

    public async Task<DuesPayment> PaymentAsync(Guid id)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.DuesPayments.AsNoTracking().Include(p => p.Lines).SingleAsync(p => p.Id == id);
    }

    /// <summary>Payments that cover or were made by the member.</summary>
    public async Task<List<DuesPayment>> PaymentsOfAsync(Member member)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.DuesPayments.AsNoTracking().Include(p => p.Lines)
            .Where(p => p.PayerMemberId == member.Id || p.Lines.Any(l => l.MemberId == member.Id)).OrderBy(p => p.CreatedAt).ToListAsync();
    }

    public async Task<bool> EventRecordedAsync(JsonObject stripeEvent)
    {
        await using var db = await Db.CreateDbContextAsync();
        var id = (string)stripeEvent["id"]!;
        return await db.StripeEvents.AnyAsync(e => e.Id == id);
    }

    /// <summary>The requests Stripe.net sent to this path (and method).</summary>
    public IReadOnlyList<SandboxRequest> Sent(string method, string path) => [.. Stripe.Requests.Where(r => r.Method == method && r.Path == path)];

    /// <summary>Stripe's events of one type, newest first, as GET /v1/events lists them.</summary>
    public async Task<IReadOnlyList<JsonObject>> EventsAsync(string type) =>
        [.. (await CallStripeAsync(HttpMethod.Get, "/v1/events", null))["data"]!.AsArray().Select(e => e!.AsObject()).Where(e => (string?)e["type"] == type)];

    /// <summary>Calls the fake Stripe directly, as someone working in Stripe's dashboard would.</summary>
    public async Task<JsonObject> CallStripeAsync(HttpMethod method, string path, Dictionary<string, string>? form)
    {
        using var invoker = new HttpMessageInvoker(Stripe, disposeHandler: false);
        using var request = new HttpRequestMessage(method, FakeStripe.ApiBase + path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        using var response = await invoker.SendAsync(request, CancellationToken.None);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}

/// <summary>Base of the payment tests: their data builder and driver on the fixture's API.</summary>
public abstract class PaymentTest(ApiFixture api) : ApiTest(api)
{
    private DuesDriver? _dues;

    protected TestData Data { get; } = new(api);

    private protected DuesDriver Dues => _dues ??= new DuesDriver(Api.Factory);
}
