using System.Net;
using System.Text.Json;
using Membership.Conferences;
using Membership.Data;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Members;
using Membership.Payments;
using Membership.Payments.Sandbox;
using Membership.Tests.Conferences;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Tests.Payments.Sandbox;

/// <summary>
/// The Development payment sandbox as a developer meets it: its page says what is being bought and returns to the
/// right front-end page, its state survives a restart, and a pending payment whose session is gone gets a fresh one.
/// </summary>
public abstract class SandboxCheckoutTests(ApiFixture api) : PaymentTest(api)
{
    private const string DevelopmentBase = "http://dev-box.test:8123";

    [SkippableFact]
    public async Task A_pending_dues_payment_survives_a_restart_and_is_paid_on_the_sandbox_page()
    {
        var plan = await Data.PlanAsync(price: 7300);
        var member = await Data.MemberAsync(plan);
        Checkout checkout;
        string url;
        await using (var first = DevelopmentHost())
        {
            var started = DuesDriver.Payload(await new GraphQLClient(Browser(first)).PostAsync(
                "mutation($input: StartDuesPaymentInput!) { startDuesPayment(input: $input) { checkoutUrl payment { id status receiptNumber checkoutUrl } userErrors { code } } }",
                new { input = new { planId = TestData.PlanId(plan), autoRenew = false } }, TestIdentity.Member(member.Id)), "startDuesPayment");
            checkout = DuesDriver.Opened(started);
            url = started.Str("checkoutUrl")!;
        }

        // Development builds links from the request's own scheme, host and port.
        Assert.StartsWith($"{DevelopmentBase}/sandbox/checkout/cs_test_", url);
        await using var second = DevelopmentHost();
        using var browser = Browser(second);
        var page = await browser.GetAsync(new Uri(url).PathAndQuery);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(plan.Name), html);
        Assert.Contains($"Membership dues: {plan.TermMonths} months from payment", html);
        Assert.Contains("73.00", html);
        var paid = await PayOnPageAsync(browser, url, html);
        var settings = second.Services.GetRequiredService<IOptions<StripeOptions>>().Value;
        Assert.Equal(settings.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", checkout.SessionId, StringComparison.Ordinal), paid.Headers.Location?.ToString());
        Assert.Equal(DuesPaymentStatus.Succeeded, (await Dues.PaymentAsync(checkout.Id)).Status);
        var again = await PayOnPageAsync(browser, url, (await (await browser.GetAsync(new Uri(url).PathAndQuery)).Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // a completed checkout cannot be paid twice
    }

    [SkippableFact]
    public async Task A_ticket_orders_sandbox_page_lists_its_tickets_and_returns_to_the_ticket_pages()
    {
        await using var development = DevelopmentHost();
        var tickets = new TicketDriver(development);
        var conference = await tickets.ConferenceAsync();
        var type = await tickets.TicketTypeAsync(conference, memberPrice: 45000);
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var order = TicketDriver.Ordered(await new GraphQLClient(Browser(development)).PostAsync(TicketDriver.PurchaseDocument, new
        {
            i = new
            {
                conferenceId = conference.GlobalId,
                items = new object[]
                {
                    new { ticketTypeId = type.GlobalId, attendee = new { name = "Guest One", email = "guest1@example.org" } },
                    new { ticketTypeId = type.GlobalId, attendee = new { name = "Guest Two", email = "guest2@example.org" } },
                },
            },
        }, TestIdentity.Member(member.Id)));
        var url = order.Str("checkoutUrl")!;
        await using var db = await Api.Db.CreateDbContextAsync();
        var typeName = await db.TicketTypes.Where(t => t.Id == type.Id).Select(t => t.Name).SingleAsync();
        using var browser = Browser(development);

        var html = await (await browser.GetAsync(new Uri(url).PathAndQuery)).Content.ReadAsStringAsync();
        var paid = await PayOnPageAsync(browser, url, html);

        Assert.StartsWith($"{DevelopmentBase}/sandbox/checkout/", url);
        Assert.Contains($"{WebUtility.HtmlEncode(typeName)} × 2", html);
        Assert.Contains($"Order {order.Str("number")}", html);
        var session = new Uri(url).Segments[^1];
        var settings = development.Services.GetRequiredService<IOptions<StripeOptions>>().Value;
        Assert.Equal(settings.TicketSuccessUrl.Replace("{CHECKOUT_SESSION_ID}", session, StringComparison.Ordinal), paid.Headers.Location?.ToString());
        Assert.Equal(TicketOrderStatus.Paid, (await tickets.OrderAsync(TicketDriver.Key(order))).Status);
        var mail = Assert.Single(await Api.MailsToAsync(member.Email), m => m.Subject.Contains(order.Str("number")!, StringComparison.Ordinal));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(mail.Text, $@"QR: {System.Text.RegularExpressions.Regex.Escape(DevelopmentBase)}/tickets/[^/\s]+/qr\.svg"));
    }

    [SkippableFact]
    public async Task A_dues_payment_whose_session_the_sandbox_lost_gets_a_fresh_checkout_that_can_be_paid()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);
        var checkout = await Dues.StartedAsync(plan, member);
        await ForgetAsync(checkout.SessionId);

        var fresh = await CheckoutUrlAsync(checkout.GlobalId, member);

        var session = new Uri(fresh!).Segments[^1];
        Assert.NotEqual(checkout.SessionId, session);
        Assert.Equal("open", (string?)(await Dues.Stripe.FindAsync(session))!["status"]);
        Assert.Equal(session, (await Dues.PaymentAsync(checkout.Id)).StripeCheckoutSessionId);
        Assert.Equal(fresh, await CheckoutUrlAsync(checkout.GlobalId, member)); // kept, not replaced on every read
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(session));
        Assert.Equal(DuesPaymentStatus.Succeeded, (await Dues.PaymentAsync(checkout.Id)).Status);
    }

    [SkippableFact]
    public async Task Clicking_again_after_the_checkout_expired_at_Stripe_opens_a_fresh_one_and_the_late_expiry_news_changes_nothing()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);
        var checkout = await Dues.StartedAsync(plan, member);
        var expired = await Dues.Stripe.ExpireAsync(checkout.SessionId); // its news not delivered yet

        var again = await Dues.StartedAsync(plan, member);
        await Dues.DeliverAsync(expired);

        Assert.Equal(checkout.Id, again.Id);
        Assert.NotEqual(checkout.SessionId, again.SessionId);
        Assert.Equal(DuesPaymentStatus.Pending, (await Dues.PaymentAsync(checkout.Id)).Status);
    }

    [SkippableFact]
    public async Task A_checkout_past_Stripes_24_hours_is_replaced_when_the_payment_is_read()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);
        var checkout = await Dues.StartedAsync(plan, member);
        await using var tomorrow = ShiftedClock.Host(Api, DateTimeOffset.UtcNow.AddHours(25));

        var fresh = await new DuesDriver(tomorrow).Client().DataAsync("query($id: ID!) { node(id: $id) { ... on DuesPayment { checkoutUrl } } }",
            new { id = checkout.GlobalId }, TestIdentity.Member(member.Id));

        var session = new Uri(fresh.GetProperty("node").Str("checkoutUrl")!).Segments[^1];
        Assert.NotEqual(checkout.SessionId, session);
        Assert.Equal(session, (await Dues.PaymentAsync(checkout.Id)).StripeCheckoutSessionId);
    }

    [SkippableFact]
    public async Task A_pending_ticket_order_whose_session_is_gone_gets_a_fresh_checkout()
    {
        var tickets = new TicketDriver(Api.Factory);
        var conference = await tickets.ConferenceAsync();
        var type = await tickets.TicketTypeAsync(conference);
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var order = TicketDriver.Ordered(await tickets.MemberPurchaseAsync(conference, type, member));
        var old = (await tickets.OrderAsync(TicketDriver.Key(order))).StripeCheckoutSessionId!;
        await ForgetAsync(old);

        var read = await tickets.Client().DataAsync("query($id: ID!) { node(id: $id) { ... on TicketOrder { checkoutUrl } } }",
            new { id = order.Str("id") }, TestIdentity.Member(member.Id));

        var session = new Uri(read.GetProperty("node").Str("checkoutUrl")!).Segments[^1];
        Assert.NotEqual(old, session);
        Assert.Equal(session, (await tickets.OrderAsync(TicketDriver.Key(order))).StripeCheckoutSessionId);
        await tickets.DeliverAsync(await tickets.PayAsync(TicketDriver.Key(order)));
        Assert.Equal(TicketOrderStatus.Paid, (await tickets.OrderAsync(TicketDriver.Key(order))).Status);
    }

    /// <summary>The API in Development without a Stripe key: the sandbox, as `dotnet run` gives it, on the fixture's database.</summary>
    private WebApplicationFactory<Program> DevelopmentHost() => Api.CreateFactory(builder =>
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("DemoData:Enabled", "false");
        builder.UseSetting("Stripe:SecretKey", string.Empty);
        builder.ConfigureTestServices(services => services.AddSingleton(sp =>
            new StripeSandbox(string.Empty, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IDbContextFactory<MembershipDbContext>>())));
    });

    private static HttpClient Browser(WebApplicationFactory<Program> host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(DevelopmentBase), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Presses Pay on the sandbox page, with the page's anti-forgery token.</summary>
    private static async Task<HttpResponseMessage> PayOnPageAsync(HttpClient browser, string url, string html)
    {
        var form = OidcApi.HiddenFields(html);
        form["outcome"] = "pay";
        return await browser.PostAsync(new Uri(url).PathAndQuery, new FormUrlEncodedContent(form));
    }

    /// <summary>The sandbox loses a session, as a developer's reset database would.</summary>
    private async Task ForgetAsync(string sessionId) => Assert.True(await Api.Stripe.ForgetAsync(sessionId));

    private async Task<string?> CheckoutUrlAsync(string paymentId, Member member) =>
        (await Dues.Client().DataAsync("query($id: ID!) { node(id: $id) { ... on DuesPayment { checkoutUrl } } }", new { id = paymentId }, TestIdentity.Member(member.Id)))
            .GetProperty("node").Str("checkoutUrl");
}

public sealed class SandboxCheckoutTestsOnSqlite(SqliteApi api) : SandboxCheckoutTests(api), IClassFixture<SqliteApi>;

public sealed class SandboxCheckoutTestsOnPostgreSql(PostgreSqlApi api) : SandboxCheckoutTests(api), IClassFixture<PostgreSqlApi>;
