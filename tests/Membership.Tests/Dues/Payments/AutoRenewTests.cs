using System.Text.Json;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Dues.Payments;

/// <summary>Dues by subscription: the first checkout, later renewals (paid or failed), switching renewal off, and cancellation at Stripe.</summary>
public abstract class AutoRenewTests(ApiFixture api) : PaymentTest(api)
{
    private const string SetDocument =
        "mutation($input: SetAutoRenewInput!) { setAutoRenew(input: $input) { autoRenewal { status enabled currentPeriodEnd } userErrors { code field message } } }";

    [SkippableFact]
    public async Task A_paid_subscription_checkout_extends_once_and_turns_auto_renewal_on()
    {
        var (plan, member) = await MemberAsync();
        var checkout = await Dues.StartedAsync(plan, member, autoRenew: true);

        var events = await Dues.Stripe.PayAsync(checkout.SessionId);
        await Dues.DeliverAsync([.. events, .. events]);

        Assert.Equal(["checkout.session.completed", "customer.subscription.created", "invoice.paid"], events.Select(e => (string)e["type"]!));
        Assert.Equal(2, (await Dues.TermsAsync(member)).Count);
        var payment = Assert.Single(await Dues.PaymentsOfAsync(member));
        Assert.Equal((DuesPaymentStatus.Succeeded, DuesPaymentKind.Individual, true), (payment.Status, payment.Kind, payment.AutoRenew));
        Assert.NotNull(payment.StripePaymentIntentId); // from the subscription's first invoice: a refund can find it
        await AssertRenewalAsync(member, "active", true);
        var row = await SubscriptionAsync(payment.StripeSubscriptionId!);
        Assert.Equal((member.Id, plan.Id), (row.MemberId, row.PlanId));
    }

    [SkippableFact]
    public async Task Subscription_news_before_the_checkout_news_still_ends_with_one_extension_and_the_subscription()
    {
        var (plan, member) = await MemberAsync();
        var checkout = await Dues.StartedAsync(plan, member, autoRenew: true);
        var events = await Dues.Stripe.PayAsync(checkout.SessionId);
        var subscription = (string)(await Dues.Stripe.FindAsync(checkout.SessionId))!["subscription"]!;
        var updated = await Dues.Stripe.EmitAsync("customer.subscription.updated", (await Dues.Stripe.FindAsync(subscription))!);

        await Dues.DeliverAsync([updated]);
        Assert.Equal("active", (await SubscriptionAsync(subscription)).Status);
        await Dues.DeliverAsync([events[2], events[1], events[0]]);

        Assert.Equal(2, (await Dues.TermsAsync(member)).Count);
        Assert.Equal(subscription, Assert.Single(await Dues.PaymentsOfAsync(member)).StripeSubscriptionId);
        await AssertRenewalAsync(member, "active", true);
    }

    [SkippableFact]
    public async Task A_paid_renewal_extends_once_more_with_a_renewal_payment()
    {
        var (member, subscription) = await SubscribedAsync();

        var renewal = await Dues.Stripe.RenewAsync(subscription, paid: true);
        await Dues.DeliverAsync([.. renewal, .. renewal]);

        var terms = await Dues.TermsAsync(member);
        Assert.Equal(3, terms.Count);
        Assert.Equal(terms[1].EndsOn!.Value.AddDays(1), terms[2].StartsOn);
        var payment = Assert.Single(await Dues.PaymentsOfAsync(member), p => p.Kind == DuesPaymentKind.Renewal);
        Assert.Equal((DuesPaymentStatus.Succeeded, 7500L, "USD", subscription), (payment.Status, payment.Amount, payment.Currency, payment.StripeSubscriptionId));
        Assert.Equal((string)renewal[0]["data"]!["object"]!["id"]!, payment.StripeInvoiceId);
        Assert.Equal(terms[2].Id, Assert.Single(payment.Lines).TermId);
        var read = await Dues.MemberAsync(member);
        Assert.Equal(("RENEWAL", "SUCCEEDED"), (read.Str("duesPayments.0.kind"), read.Str("duesPayments.0.status")));
    }

    [SkippableFact]
    public async Task A_failed_renewal_records_a_failed_payment_and_extends_nothing()
    {
        var (member, subscription) = await SubscribedAsync();

        var renewal = await Dues.Stripe.RenewAsync(subscription, paid: false);
        await Dues.DeliverAsync([.. renewal, .. renewal]);

        Assert.Equal(["invoice.payment_failed", "customer.subscription.updated"], renewal.Select(e => (string)e["type"]!));
        Assert.Equal(2, (await Dues.TermsAsync(member)).Count);
        var payment = Assert.Single(await Dues.PaymentsOfAsync(member), p => p.Kind == DuesPaymentKind.Renewal);
        Assert.Equal(DuesPaymentStatus.Failed, payment.Status);
        Assert.All(payment.Lines, l => Assert.Null(l.TermId));
        await AssertRenewalAsync(member, "past_due", true);
    }

    [SkippableFact]
    public async Task Turning_auto_renewal_off_asks_Stripe_to_cancel_at_the_period_end_and_on_again_to_continue()
    {
        var (member, subscription) = await SubscribedAsync();

        var off = await SetAsync(member, enabled: false);

        var request = Dues.Sent("POST", $"/v1/subscriptions/{subscription}")[^1];
        Assert.Equal("true", request.Form["cancel_at_period_end"]);
        Assert.False(string.IsNullOrEmpty(request.IdempotencyKey));
        Assert.Equal(("active", false), (off.Str("status"), off.GetProperty("enabled").GetBoolean()));
        await AssertRenewalAsync(member, "active", false);
        Assert.Equal(2, (await Dues.TermsAsync(member)).Count); // the paid term runs out as bought

        var on = await SetAsync(member, enabled: true);
        Assert.Equal("false", Dues.Sent("POST", $"/v1/subscriptions/{subscription}")[^1].Form["cancel_at_period_end"]);
        Assert.True(on.GetProperty("enabled").GetBoolean());
    }

    [SkippableFact]
    public async Task A_subscription_cancelled_at_Stripe_shows_as_canceled_and_cannot_be_switched_back_on()
    {
        var (member, subscription) = await SubscribedAsync();

        await Dues.DeliverAsync(await Dues.Stripe.CancelAsync(subscription));

        await AssertRenewalAsync(member, "canceled", false);
        Assert.Equal("ACTIVE", (await Dues.MemberAsync(member)).Str("membershipStatus"));
        var payload = DuesDriver.Payload(await Client.PostAsync(SetDocument, new { input = new { enabled = true } }, TestIdentity.Member(member.Id)), "setAutoRenew");
        MutationAssert.Failed(payload, "autoRenewal", "NO_SUBSCRIPTION", "input", "enabled");
    }

    [SkippableFact]
    public async Task Staff_read_and_change_a_members_auto_renewal()
    {
        var (member, subscription) = await SubscribedAsync();

        var seen = (await Dues.MemberAsync(member, TestIdentity.Staff)).GetProperty("autoRenewal");
        Assert.Equal(("active", true), (seen.Str("status"), seen.GetProperty("enabled").GetBoolean()));

        var payload = DuesDriver.Payload(await Client.PostAsync(SetDocument, new { input = new { memberId = TestData.MemberId(member), enabled = false } }, TestIdentity.Staff), "setAutoRenew");

        Assert.False(MutationAssert.Succeeded(payload, "autoRenewal").GetProperty("enabled").GetBoolean());
        Assert.Equal("true", Dues.Sent("POST", $"/v1/subscriptions/{subscription}")[^1].Form["cancel_at_period_end"]);
        await AssertRenewalAsync(member, "active", false); // as the member now reads it
        var staffView = (await Dues.MemberAsync(member, TestIdentity.Staff)).GetProperty("autoRenewal");
        Assert.False(staffView.GetProperty("enabled").GetBoolean());
    }

    [SkippableFact]
    public async Task Another_member_cannot_change_a_members_auto_renewal()
    {
        var (member, subscription) = await SubscribedAsync();
        var other = await Data.MemberAsync(await Data.PlanAsync());

        var result = await Client.PostAsync(SetDocument, new { input = new { memberId = TestData.MemberId(member), enabled = false } }, TestIdentity.Member(other.Id));

        MutationAssert.Forbidden(result, "setAutoRenew");
        Assert.Empty(Dues.Sent("POST", $"/v1/subscriptions/{subscription}"));
    }

    /// <summary>A member six months into a year's term, and their plan.</summary>
    private async Task<(MembershipPlan Plan, Member Member)> MemberAsync()
    {
        var plan = await Data.PlanAsync(months: 12);
        return (plan, await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6)));
    }

    /// <summary>A member whose subscription checkout is paid and applied; returns Stripe's subscription ID.</summary>
    private async Task<(Member Member, string Subscription)> SubscribedAsync()
    {
        var (plan, member) = await MemberAsync();
        var checkout = await Dues.PaidAsync(plan, member, autoRenew: true);
        return (member, (await Dues.PaymentAsync(checkout.Id)).StripeSubscriptionId!);
    }

    private async Task<JsonElement> SetAsync(Member member, bool enabled)
    {
        var payload = DuesDriver.Payload(await Client.PostAsync(SetDocument, new { input = new { enabled } }, TestIdentity.Member(member.Id)), "setAutoRenew");
        return MutationAssert.Succeeded(payload, "autoRenewal");
    }

    private async Task AssertRenewalAsync(Member member, string status, bool enabled)
    {
        var renewal = (await Dues.MemberAsync(member)).GetProperty("autoRenewal");
        Assert.Equal((status, enabled), (renewal.Str("status"), renewal.GetProperty("enabled").GetBoolean()));
    }

    private async Task<DuesSubscription> SubscriptionAsync(string stripeId)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.DuesSubscriptions.AsNoTracking().SingleAsync(s => s.StripeSubscriptionId == stripeId);
    }
}

public sealed class AutoRenewTestsOnSqlite(SqliteApi api) : AutoRenewTests(api), IClassFixture<SqliteApi>;

public sealed class AutoRenewTestsOnPostgreSql(PostgreSqlApi api) : AutoRenewTests(api), IClassFixture<PostgreSqlApi>;

public sealed class AutoRenewTestsOnSqlServer(SqlServerApi api) : AutoRenewTests(api), IClassFixture<SqlServerApi>;
