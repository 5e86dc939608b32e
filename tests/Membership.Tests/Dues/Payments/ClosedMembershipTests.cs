using System.Text.Json;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Dues.Payments;

/// <summary>
/// A suspended or cancelled membership: closing it ends its automatic renewal at Stripe, and a payment that arrives for
/// it afterwards extends nothing and is refunded (a group payment: the closed officers' share only).
/// </summary>
public abstract class ClosedMembershipTests(ApiFixture api) : PaymentTest(api)
{
    private const string StaffViewDocument =
        "query($id: ID!) { member(id: $id) { membershipStatus autoRenewal { status enabled } duesPayments { id status refunded { amount } "
        + "refunds { amount { amount } reason refundedBy stripeRefundId } } } }";

    private StripeFailures Failures => Api.Services.GetRequiredService<StripeFailures>();

    [SkippableFact]
    public async Task Cancelling_a_membership_turns_its_auto_renewal_off_at_Stripe()
    {
        var (member, subscription) = await SubscribedAsync();

        await CloseAsync("cancelMembership", member);

        var request = Assert.Single(Dues.Sent("POST", $"/v1/subscriptions/{subscription}"));
        Assert.Equal("true", request.Form["cancel_at_period_end"]);
        Assert.False(string.IsNullOrEmpty(request.IdempotencyKey));
        var read = await StaffViewAsync(member);
        Assert.Equal(("CANCELLED", false), (read.Str("membershipStatus"), read.At("autoRenewal.enabled").GetBoolean()));
    }

    [SkippableFact]
    public async Task Suspension_with_Stripe_unreachable_still_succeeds_and_reconciliation_ends_the_renewal()
    {
        var (member, subscription) = await SubscribedAsync();

        using (Failures.Fail("POST", $"/v1/subscriptions/{subscription}"))
        {
            await CloseAsync("suspendMember", member);
        }

        Assert.True((await StaffViewAsync(member)).At("autoRenewal.enabled").GetBoolean()); // still owed: the live subscription of a closed member
        await Client.DataAsync("mutation { reconcilePayments { failed } }", identity: TestIdentity.Staff);

        Assert.Equal("true", Assert.Single(Dues.Sent("POST", $"/v1/subscriptions/{subscription}")).Form["cancel_at_period_end"]);
        Assert.False((await StaffViewAsync(member)).At("autoRenewal.enabled").GetBoolean());
        var refused = DuesDriver.Payload(await Client.PostAsync(
            "mutation($input: SetAutoRenewInput!) { setAutoRenew(input: $input) { autoRenewal { enabled } userErrors { code field message } } }",
            new { input = new { enabled = true } }, TestIdentity.Member(member.Id)), "setAutoRenew");
        MutationAssert.Failed(refused, "autoRenewal", "MEMBERSHIP_CLOSED", "input", "enabled");
    }

    [SkippableFact]
    public async Task A_renewal_invoice_paid_for_a_cancelled_member_gives_no_term_and_is_refunded_in_full()
    {
        var (member, subscription) = await SubscribedAsync();
        using (Failures.Fail("POST", $"/v1/subscriptions/{subscription}"))
        {
            await CloseAsync("cancelMembership", member); // Stripe did not hear: the renewal still bills
        }

        var renewal = await Dues.Stripe.RenewAsync(subscription, paid: true);
        await Dues.DeliverAsync(renewal);

        Assert.Equal(2, (await Dues.TermsAsync(member)).Count);
        var payment = Assert.Single(await Dues.PaymentsOfAsync(member), p => p.Kind == DuesPaymentKind.Renewal);
        Assert.Equal((DuesPaymentStatus.Refunded, 7500L), (payment.Status, payment.RefundedAmount));
        Assert.Null(Assert.Single(payment.Lines).TermId);
        var refund = await AssertRefundedAsync(payment, 7500);
        Assert.Contains("cancelled", refund.Reason, StringComparison.Ordinal);
        var read = (await StaffViewAsync(member)).GetProperty("duesPayments").EnumerateArray().Single(p => p.Str("id") == TestData.Id("DuesPayment", payment.Id));
        Assert.Equal(("REFUNDED", 7500, "system", refund.Reason), (read.Str("status"), read.At("refunded.amount").GetInt32(), read.Str("refunds.0.refundedBy"), read.Str("refunds.0.reason")));
        Assert.Equal("CANCELLED", (await StaffViewAsync(member)).Str("membershipStatus"));
        // The same news again, and Stripe's refund news, change nothing; the renewal is ended now that Stripe answers.
        var refunded = (await Dues.EventsAsync("charge.refunded")).Where(e => (string?)e["data"]!["object"]!["payment_intent"] == payment.StripePaymentIntentId);
        await Dues.DeliverAsync([.. renewal, .. refunded]);
        await AssertRefundedAsync(await Dues.PaymentAsync(payment.Id), 7500);
        Assert.Equal("true", Dues.Sent("POST", $"/v1/subscriptions/{subscription}")[^1].Form["cancel_at_period_end"]);
    }

    [SkippableFact]
    public async Task A_checkout_paid_after_the_member_was_suspended_is_refunded_and_gives_no_term()
    {
        var plan = await Data.PlanAsync(months: 12);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6));
        var checkout = await Dues.StartedAsync(plan, member);

        await CloseAsync("suspendMember", member);
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(checkout.SessionId));

        Assert.Single(await Dues.TermsAsync(member));
        var payment = await Dues.PaymentAsync(checkout.Id);
        Assert.Equal(DuesPaymentStatus.Refunded, payment.Status);
        Assert.Null(Assert.Single(payment.Lines).TermId);
        Assert.Contains("suspended", (await AssertRefundedAsync(payment, 7500)).Reason, StringComparison.Ordinal);
        Assert.Equal("SUSPENDED", (await StaffViewAsync(member)).Str("membershipStatus"));
    }

    [SkippableFact]
    public async Task The_same_payment_news_delivered_three_times_at_once_sends_one_refund()
    {
        var plan = await Data.PlanAsync(months: 12);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6));
        var checkout = await Dues.StartedAsync(plan, member);
        await CloseAsync("cancelMembership", member);
        var completed = (await Dues.Stripe.PayAsync(checkout.SessionId))[0];

        var codes = await Dues.DeliverAtOnceAsync([completed, completed, completed]);

        Assert.All(codes, c => Assert.Equal(System.Net.HttpStatusCode.OK, c));
        var payment = await Dues.PaymentAsync(checkout.Id);
        await AssertRefundedAsync(payment, 7500);
        Assert.Single(await Dues.TermsAsync(member));
    }

    [SkippableFact]
    public async Task A_refund_Stripe_refused_is_sent_again_by_reconciliation_under_the_same_key()
    {
        var plan = await Data.PlanAsync(months: 12);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6));
        var checkout = await Dues.StartedAsync(plan, member);
        await CloseAsync("suspendMember", member);

        using (Failures.Fail("POST", "/v1/refunds"))
        {
            await Dues.DeliverAsync(await Dues.Stripe.PayAsync(checkout.SessionId));
        }

        var paid = await Dues.PaymentAsync(checkout.Id);
        Assert.Equal((DuesPaymentStatus.Succeeded, 0L), (paid.Status, paid.RefundedAmount)); // paid, its refund still owed
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            Assert.Null((await db.DuesRefunds.AsNoTracking().SingleAsync(r => r.PaymentId == checkout.Id)).StripeRefundId);
        }

        await Client.DataAsync("mutation { reconcilePayments { failed } }", identity: TestIdentity.Staff);

        await AssertRefundedAsync(await Dues.PaymentAsync(checkout.Id), 7500);
        Assert.Single(await Dues.TermsAsync(member));
    }

    [SkippableFact]
    public async Task A_group_payment_with_one_suspended_officer_refunds_only_that_officers_share()
    {
        var agency = await Data.AgencyAsync();
        var plan = await Data.PlanAsync(months: 12, price: 6000);
        var officers = await Data.MembersAsync(3, plan, agency, termStart: Data.Today.AddMonths(-6));
        var checkout = DuesDriver.Opened(DuesDriver.Payload(await Dues.StartForAgencyAsync(agency, plan, officers, TestIdentity.Staff), "startAgencyDuesPayment"));

        await CloseAsync("suspendMember", officers[1]);
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(checkout.SessionId));

        var payment = await Dues.PaymentAsync(checkout.Id);
        Assert.Equal((DuesPaymentStatus.PartiallyRefunded, 18000L), (payment.Status, payment.Amount));
        var refund = await AssertRefundedAsync(payment, 6000);
        Assert.Contains(officers[1].MemberNumber, refund.Reason, StringComparison.Ordinal);
        Assert.Null(payment.Lines.Single(l => l.MemberId == officers[1].Id).TermId);
        Assert.Single(await Dues.TermsAsync(officers[1]));
        foreach (var officer in new[] { officers[0], officers[2] })
        {
            Assert.NotNull(payment.Lines.Single(l => l.MemberId == officer.Id).TermId);
            Assert.Equal(2, (await Dues.TermsAsync(officer)).Count);
        }
    }

    /// <summary>
    /// Exactly one refund request went to Stripe for the payment, of <paramref name="amount"/>, under the idempotency
    /// key kept on our one automatic refund record, which holds Stripe's refund id; the payment shows the amount refunded.
    /// </summary>
    private async Task<DuesRefund> AssertRefundedAsync(DuesPayment payment, long amount)
    {
        Assert.Equal(amount, payment.RefundedAmount);
        var sent = Assert.Single(Dues.Sent("POST", "/v1/refunds"), r => r.Form["payment_intent"] == payment.StripePaymentIntentId);
        await using var db = await Api.Db.CreateDbContextAsync();
        var refund = await db.DuesRefunds.AsNoTracking().SingleAsync(r => r.PaymentId == payment.Id);
        Assert.Equal((amount.ToString(System.Globalization.CultureInfo.InvariantCulture), refund.IdempotencyKey.ToString()), (sent.Form["amount"], sent.IdempotencyKey));
        Assert.Equal((amount, ClosedMemberships.RefundedBy), (refund.Amount, refund.CreatedBy));
        Assert.NotNull(refund.StripeRefundId);
        return refund;
    }

    private async Task CloseAsync(string mutation, Member member)
    {
        var inputType = mutation == "suspendMember" ? "SuspendMemberInput" : "CancelMembershipInput";
        var payload = (await Client.DataAsync(
            $"mutation($input: {inputType}!) {{ {mutation}(input: $input) {{ member {{ membershipStatus }} userErrors {{ code field message }} }} }}",
            new { input = new { memberId = TestData.MemberId(member), reason = "Closed by the board" } }, TestIdentity.Staff)).At(mutation);
        MutationAssert.Succeeded(payload, "member");
    }

    private async Task<JsonElement> StaffViewAsync(Member member) =>
        (await Client.DataAsync(StaffViewDocument, new { id = TestData.MemberId(member) }, TestIdentity.Staff)).GetProperty("member");

    /// <summary>A member six months into a year's term whose subscription checkout is paid and applied; returns Stripe's subscription ID.</summary>
    private async Task<(Member Member, string Subscription)> SubscribedAsync()
    {
        var plan = await Data.PlanAsync(months: 12);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6));
        var checkout = await Dues.PaidAsync(plan, member, autoRenew: true);
        return (member, (await Dues.PaymentAsync(checkout.Id)).StripeSubscriptionId!);
    }
}

public sealed class ClosedMembershipTestsOnSqlite(SqliteApi api) : ClosedMembershipTests(api), IClassFixture<SqliteApi>;

public sealed class ClosedMembershipTestsOnPostgreSql(PostgreSqlApi api) : ClosedMembershipTests(api), IClassFixture<PostgreSqlApi>;

public sealed class ClosedMembershipTestsOnSqlServer(SqlServerApi api) : ClosedMembershipTests(api), IClassFixture<SqlServerApi>;
