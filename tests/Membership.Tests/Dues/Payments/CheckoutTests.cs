using System.Text.Json;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Members;
using Membership.Payments;
using Membership.Payments.Sandbox;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Tests.Dues.Payments;

/// <summary>startDuesPayment: what Stripe is asked for, one customer per member, one open checkout per click, and who may pay.</summary>
public abstract class CheckoutTests(ApiFixture api) : PaymentTest(api)
{
    [SkippableFact]
    public async Task The_checkout_session_carries_the_plans_price_the_customer_the_payment_and_its_idempotency_key()
    {
        var plan = await Data.PlanAsync(price: 8250);
        var member = await Data.MemberAsync(plan);

        var checkout = await Dues.StartedAsync(plan, member);

        var payment = await Dues.PaymentAsync(checkout.Id);
        var customer = Assert.Single(Dues.Sent("POST", "/v1/customers"), r => r.Form.GetValueOrDefault("metadata[member_id]") == member.Id.ToString());
        var session = SessionOf(payment);
        var settings = Api.Services.GetRequiredService<IOptions<StripeOptions>>().Value;
        Assert.Equal("payment", session.Form["mode"]);
        Assert.Equal("8250", session.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("usd", session.Form["line_items[0][price_data][currency]"]);
        Assert.Equal("1", session.Form["line_items[0][quantity]"]);
        Assert.False(session.Form.ContainsKey("line_items[1][quantity]"));
        Assert.Equal(payment.StripeCustomerId, session.Form["customer"]);
        Assert.Equal($"customer-{member.Id}", customer.IdempotencyKey);
        Assert.Equal(checkout.Id.ToString(), session.Form["metadata[payment_id]"]);
        Assert.Equal(settings.SuccessUrl, session.Form["success_url"]);
        Assert.Equal(settings.CancelUrl, session.Form["cancel_url"]);
        Assert.Equal(payment.IdempotencyKey.ToString(), session.IdempotencyKey);
        Assert.Equal(checkout.SessionId, payment.StripeCheckoutSessionId);
        Assert.Equal((8250L, "USD", DuesPaymentKind.Individual), (payment.Amount, payment.Currency, payment.Kind));
        Assert.Equal(member.Id, Assert.Single(payment.Lines).MemberId);
    }

    [SkippableFact]
    public async Task An_auto_renewing_checkout_is_a_subscription_session_renewing_every_term()
    {
        var plan = await Data.PlanAsync(months: 12);
        var member = await Data.MemberAsync(plan);

        var checkout = await Dues.StartedAsync(plan, member, autoRenew: true);

        var session = SessionOf(await Dues.PaymentAsync(checkout.Id));
        Assert.Equal("subscription", session.Form["mode"]);
        Assert.Equal("7500", session.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("month", session.Form["line_items[0][price_data][recurring][interval]"]);
        Assert.Equal("12", session.Form["line_items[0][price_data][recurring][interval_count]"]);
        Assert.Equal(member.Id.ToString(), session.Form["subscription_data[metadata][member_id]"]);
        Assert.Equal(checkout.Id.ToString(), session.Form["subscription_data[metadata][payment_id]"]);
    }

    [SkippableFact]
    public async Task A_member_has_one_Stripe_customer_across_payments()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);

        await Dues.PaidAsync(plan, member);
        var second = await Dues.StartedAsync(plan, member);

        Assert.Single(Dues.Sent("POST", "/v1/customers"), r => r.Form.GetValueOrDefault("metadata[member_id]") == member.Id.ToString());
        var payments = await Dues.PaymentsOfAsync(member);
        Assert.Equal(2, payments.Count);
        Assert.Single(payments.Select(p => p.StripeCustomerId).Distinct());
        Assert.Equal(payments[0].StripeCustomerId, SessionOf(payments[1]).Form["customer"]);
        Assert.Equal(second.Id, payments[1].Id);
    }

    [SkippableFact]
    public async Task A_second_click_returns_the_same_open_checkout()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);

        var first = await Dues.StartedAsync(plan, member);
        var second = await Dues.StartedAsync(plan, member);

        Assert.Equal(first, second);
        Assert.Single(await Dues.PaymentsOfAsync(member));
        Assert.Single(Dues.Sent("POST", "/v1/checkout/sessions"), r => r.Form.GetValueOrDefault("metadata[payment_id]") == first.Id.ToString());
    }

    [SkippableFact]
    public async Task A_plan_of_another_category_is_refused()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync(MemberCategory.Regular));
        await AssertRefusedAsync(await Data.PlanAsync(MemberCategory.Associate), member, false, "PLAN_CATEGORY_MISMATCH", "input", "planId");
    }

    [SkippableFact]
    public async Task An_inactive_plan_is_refused()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        await AssertRefusedAsync(await Data.PlanAsync(active: false), member, false, "PLAN_INACTIVE", "input", "planId");
    }

    [SkippableFact]
    public async Task A_free_plan_is_refused()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        await AssertRefusedAsync(await Data.PlanAsync(price: 0), member, false, "FREE_PLAN", "input", "planId");
    }

    [SkippableFact]
    public async Task Auto_renewal_of_a_fixed_period_plan_is_refused()
    {
        var plan = await Data.PlanAsync(kind: TermKind.FixedPeriod);
        await AssertRefusedAsync(plan, await Data.MemberAsync(plan), true, "AUTO_RENEW_UNAVAILABLE", "input", "autoRenew");
    }

    [SkippableFact]
    public async Task Auto_renewal_of_an_anniversary_plan_longer_than_Stripes_36_month_interval_is_refused()
    {
        var plan = await Data.PlanAsync(months: 48);
        await AssertRefusedAsync(plan, await Data.MemberAsync(plan), true, "AUTO_RENEW_UNAVAILABLE", "input", "autoRenew");

        var longest = await Data.PlanAsync(months: DuesCheckout.MaxSubscriptionMonths);
        var checkout = await Dues.StartedAsync(longest, await Data.MemberAsync(longest), autoRenew: true);
        Assert.Equal("36", SessionOf(await Dues.PaymentAsync(checkout.Id)).Form["line_items[0][price_data][recurring][interval_count]"]);
    }

    [SkippableTheory]
    [InlineData(System.Net.HttpStatusCode.Conflict)] // two first checkouts sent the customer's idempotency key at once
    [InlineData(System.Net.HttpStatusCode.InternalServerError)]
    public async Task Stripe_refusing_the_customer_is_a_PAYMENT_PROVIDER_ERROR_and_writes_nothing(System.Net.HttpStatusCode status)
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);
        var failures = Api.Services.GetRequiredService<StripeFailures>();

        using (failures.Fail("POST", "/v1/customers", status))
        {
            var result = await Dues.StartAsync(plan, TestIdentity.Member(member.Id));
            Assert.DoesNotContain("INTERNAL_SERVER_ERROR", result.ErrorCodes);
            MutationAssert.Failed(DuesDriver.Payload(result, "startDuesPayment"), "payment", "PAYMENT_PROVIDER_ERROR");
        }

        Assert.Empty(await Dues.PaymentsOfAsync(member));
        Assert.DoesNotContain(Dues.Sent("POST", "/v1/checkout/sessions"), r => r.Form.GetValueOrDefault("customer") is null);
        var retry = await Dues.StartedAsync(plan, member); // Stripe is back: the same click works
        Assert.NotNull((await Dues.PaymentAsync(retry.Id)).StripeCustomerId);
    }

    [SkippableFact]
    public async Task Stripe_refusing_the_checkout_is_a_PAYMENT_PROVIDER_ERROR_and_writes_nothing()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);
        var failures = Api.Services.GetRequiredService<StripeFailures>();

        using (failures.Fail("POST", "/v1/checkout/sessions"))
        {
            MutationAssert.Failed(DuesDriver.Payload(await Dues.StartAsync(plan, TestIdentity.Member(member.Id)), "startDuesPayment"), "payment", "PAYMENT_PROVIDER_ERROR");
        }

        Assert.Empty(await Dues.PaymentsOfAsync(member));
    }

    [SkippableFact]
    public async Task A_payment_is_committed_before_Stripe_is_called_so_a_checkout_Stripe_did_not_answer_for_is_opened_by_the_next_click()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);
        await using (var unreachable = Conferences.Sales.SalesHosts.Unreachable(Api, Api.Stripe, null, "/v1/checkout/sessions"))
        {
            var failed = await new DuesDriver(unreachable).StartAsync(plan, TestIdentity.Member(member.Id));
            MutationAssert.Failed(DuesDriver.Payload(failed, "startDuesPayment"), "payment", "PAYMENT_PROVIDER_ERROR");
        }

        var pending = Assert.Single(await Dues.PaymentsOfAsync(member)); // written before Stripe was asked, and kept: Stripe may have made the session
        Assert.Equal((DuesPaymentStatus.Pending, null), (pending.Status, pending.StripeCheckoutSessionId));

        var retry = await Dues.StartedAsync(plan, member);

        Assert.Equal((pending.Id, pending.ReceiptNumber), (retry.Id, retry.ReceiptNumber));
        var sent = Assert.Single(Dues.Sent("POST", "/v1/checkout/sessions"), r => r.Form.GetValueOrDefault("metadata[payment_id]") == pending.Id.ToString());
        Assert.Equal(pending.IdempotencyKey.ToString(), sent.IdempotencyKey); // the first call's key: Stripe would answer with what it made then
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(retry.SessionId));
        Assert.Equal(DuesPaymentStatus.Succeeded, (await Dues.PaymentAsync(pending.Id)).Status);
    }

    [SkippableFact]
    public async Task A_production_host_without_a_Stripe_key_answers_PAYMENTS_UNAVAILABLE_and_has_no_sandbox()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);
        await using var production = Api.CreateFactory(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Stripe:SecretKey", string.Empty);
            builder.UseSetting("Stripe:ApiBase", string.Empty);
            builder.UseSetting("Oidc:PublicBaseUrl", "https://members.example.org");
            builder.UseSetting("Mail:SmtpHost", "127.0.0.1");
        });
        var client = new GraphQLClient(production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));

        var result = await client.PostAsync("mutation($input: StartDuesPaymentInput!) { startDuesPayment(input: $input) { checkoutUrl userErrors { code } } }",
            new { input = new { planId = TestData.PlanId(plan), autoRenew = false } }, TestIdentity.Member(member.Id));

        Assert.Equal(["PAYMENTS_UNAVAILABLE"], result.ErrorCodes);
        Assert.Empty(await Dues.PaymentsOfAsync(member));
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            using var sandbox = await client.Http.SendAsync(new HttpRequestMessage(method, "/sandbox/checkout/cs_test_anything"));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, sandbox.StatusCode);
        }
    }

    [SkippableFact]
    public async Task A_suspended_member_is_refused()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan, shape: m => (m.SuspendedAt, m.SuspensionReason) = (DateTimeOffset.UtcNow, "Under review"));
        await AssertRefusedAsync(plan, member, false, "MEMBERSHIP_CLOSED", "input", "planId");
    }

    [SkippableFact]
    public async Task A_member_whose_dues_already_renew_automatically_is_refused_a_second_subscription()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);
        await Dues.PaidAsync(plan, member, autoRenew: true);
        var sessions = Dues.Sent("POST", "/v1/checkout/sessions").Count;

        var payload = DuesDriver.Payload(await Dues.StartAsync(plan, TestIdentity.Member(member.Id), autoRenew: true), "startDuesPayment");

        Assert.NotEmpty(MutationAssert.ErrorsOf(payload)); // a second subscription would bill every year twice
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("payment").ValueKind);
        Assert.Equal(sessions, Dues.Sent("POST", "/v1/checkout/sessions").Count);
    }

    [SkippableFact]
    public async Task A_member_cannot_pay_for_another_member()
    {
        var plan = await Data.PlanAsync();
        var (payer, other) = (await Data.MemberAsync(plan), await Data.MemberAsync(plan));
        var sessions = Dues.Sent("POST", "/v1/checkout/sessions").Count;

        MutationAssert.Forbidden(await Dues.StartAsync(plan, TestIdentity.Member(payer.Id), member: other), "startDuesPayment");

        Assert.Empty(await Dues.PaymentsOfAsync(other));
        Assert.Equal(sessions, Dues.Sent("POST", "/v1/checkout/sessions").Count);
    }

    [SkippableFact]
    public async Task Staff_pay_for_a_member()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);

        var checkout = await Dues.StartedAsync(plan, member, caller: TestIdentity.Staff);

        var payment = await Dues.PaymentAsync(checkout.Id);
        Assert.Equal((member.Id, "staff"), (payment.PayerMemberId, payment.CreatedBy));
        Assert.Equal(member.Id, Assert.Single(payment.Lines).MemberId);
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(checkout.SessionId));
        Assert.Equal(2, (await Dues.TermsAsync(member)).Count);
    }

    [SkippableFact]
    public async Task Anonymous_callers_get_401()
    {
        var plan = await Data.PlanAsync();

        MutationAssert.Unauthenticated(await Dues.StartAsync(plan, TestIdentity.Anonymous));
    }

    private SandboxRequest SessionOf(DuesPayment payment) =>
        Assert.Single(Dues.Sent("POST", "/v1/checkout/sessions"), r => r.Form.GetValueOrDefault("metadata[payment_id]") == payment.Id.ToString());

    /// <summary>The checkout is refused with this one error, and nothing is written here or at Stripe.</summary>
    private async Task AssertRefusedAsync(MembershipPlan plan, Member member, bool autoRenew, string code, params string[] field)
    {
        var requests = Dues.Stripe.Requests.Count;

        var payload = DuesDriver.Payload(await Dues.StartAsync(plan, TestIdentity.Member(member.Id), autoRenew), "startDuesPayment");

        MutationAssert.Failed(payload, "payment", code, field);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("checkoutUrl").ValueKind);
        Assert.Empty(await Dues.PaymentsOfAsync(member));
        Assert.Equal(requests, Dues.Stripe.Requests.Count);
    }
}

public sealed class CheckoutTestsOnSqlite(SqliteApi api) : CheckoutTests(api), IClassFixture<SqliteApi>;

public sealed class CheckoutTestsOnPostgreSql(PostgreSqlApi api) : CheckoutTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CheckoutTestsOnSqlServer(SqlServerApi api) : CheckoutTests(api), IClassFixture<SqlServerApi>;
