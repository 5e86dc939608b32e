using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Dues.Payments;

/// <summary>refundDuesPayment (staff): a partial refund keeps the term, a full one takes it back; Stripe's refund news changes nothing more.</summary>
public abstract class RefundTests(ApiFixture api) : PaymentTest(api)
{
    private const string RefundDocument =
        "mutation($input: RefundDuesPaymentInput!) { refundDuesPayment(input: $input) { payment { " + DuesDriver.PaymentFields + " } userErrors { code field message } } }";

    [SkippableFact]
    public async Task A_partial_refund_leaves_the_term_and_asks_Stripe_under_the_refunds_idempotency_key()
    {
        var (member, checkout) = await RenewedEarlyAsync();
        var terms = await Dues.TermsAsync(member);

        var payment = MutationAssert.Succeeded(await RefundAsync(checkout, 2500), "payment");

        Assert.Equal(("PARTIALLY_REFUNDED", 2500, 7500), (payment.Str("status"), payment.At("refunded.amount").GetInt32(), payment.At("amount.amount").GetInt32()));
        Assert.Equal(terms.Select(t => (t.Id, t.RefundedAt)), (await Dues.TermsAsync(member)).Select(t => (t.Id, t.RefundedAt)));
        await AssertCurrentAsync(member, terms[1], "ACTIVE");
        var intent = (await Dues.PaymentAsync(checkout.Id)).StripePaymentIntentId;
        var request = Assert.Single(Dues.Sent("POST", "/v1/refunds"), r => r.Form["payment_intent"] == intent);
        Assert.Equal("2500", request.Form["amount"]);
        await using var db = await Api.Db.CreateDbContextAsync();
        var refund = await db.DuesRefunds.AsNoTracking().SingleAsync(r => r.PaymentId == checkout.Id);
        Assert.Equal((refund.IdempotencyKey.ToString(), 2500L, "staff"), (request.IdempotencyKey, refund.Amount, refund.CreatedBy));
        Assert.NotNull(refund.StripeRefundId);
    }

    [SkippableFact]
    public async Task A_full_refund_takes_the_term_back_and_the_previous_term_counts_again()
    {
        var (member, checkout) = await RenewedEarlyAsync();
        var terms = await Dues.TermsAsync(member);

        var payment = MutationAssert.Succeeded(await RefundAsync(checkout, null), "payment");

        Assert.Equal(("REFUNDED", 7500), (payment.Str("status"), payment.At("refunded.amount").GetInt32()));
        Assert.NotNull((await Dues.TermsAsync(member))[1].RefundedAt);
        await AssertCurrentAsync(member, terms[0], "ACTIVE");
    }

    [SkippableFact]
    public async Task A_full_refund_of_a_lapsed_members_renewal_leaves_them_lapsed()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-14));
        var checkout = await Dues.PaidAsync(plan, member);
        Assert.Equal("ACTIVE", (await Dues.MemberAsync(member)).Str("membershipStatus"));

        MutationAssert.Succeeded(await RefundAsync(checkout, 7500), "payment");

        await AssertCurrentAsync(member, (await Dues.TermsAsync(member))[0], "LAPSED");
    }

    [SkippableFact]
    public async Task Refunding_more_than_remains_is_out_of_range_and_asks_Stripe_nothing()
    {
        var (_, checkout) = await RenewedEarlyAsync();
        MutationAssert.Succeeded(await RefundAsync(checkout, 5000), "payment");
        var refunds = Dues.Sent("POST", "/v1/refunds").Count;

        MutationAssert.Failed(await RefundAsync(checkout, 2501), "payment", "OUT_OF_RANGE", "input", "amount");

        Assert.Equal(refunds, Dues.Sent("POST", "/v1/refunds").Count);
        Assert.Equal(5000, (await Dues.PaymentAsync(checkout.Id)).RefundedAmount);
    }

    [SkippableFact]
    public async Task A_pending_payment_is_not_refundable()
    {
        var plan = await Data.PlanAsync();
        var checkout = await Dues.StartedAsync(plan, await Data.MemberAsync(plan));
        var refunds = Dues.Sent("POST", "/v1/refunds").Count;

        MutationAssert.Failed(await RefundAsync(checkout, null), "payment", "NOT_REFUNDABLE", "input", "paymentId");

        Assert.Equal(refunds, Dues.Sent("POST", "/v1/refunds").Count);
    }

    [SkippableFact]
    public async Task The_charge_refunded_news_that_follows_a_refund_changes_nothing_more()
    {
        var (member, checkout) = await RenewedEarlyAsync();
        MutationAssert.Succeeded(await RefundAsync(checkout, 2500), "payment");
        var partial = await Dues.MemberAsync(member);

        await Dues.DeliverAsync(await RefundNewsAsync(checkout));
        Assert.Equal(partial.GetRawText(), (await Dues.MemberAsync(member)).GetRawText());

        MutationAssert.Succeeded(await RefundAsync(checkout, null), "payment");
        var full = await Dues.MemberAsync(member);
        var news = await RefundNewsAsync(checkout);
        Assert.Equal(2, news.Count);
        await Dues.DeliverAsync([.. news.Reverse(), .. news]); // the older, partial news last as well
        Assert.Equal(full.GetRawText(), (await Dues.MemberAsync(member)).GetRawText());
        Assert.Equal("REFUNDED", full.Str("duesPayments.0.status"));
    }

    [SkippableFact]
    public async Task A_full_refund_made_in_Stripes_dashboard_arrives_by_webhook_and_takes_the_term_back()
    {
        var (member, checkout) = await RenewedEarlyAsync();
        var terms = await Dues.TermsAsync(member);
        var intent = (await Dues.PaymentAsync(checkout.Id)).StripePaymentIntentId!;
        await Dues.CallStripeAsync(HttpMethod.Post, "/v1/refunds", new() { ["payment_intent"] = intent });

        await Dues.DeliverAsync(await RefundNewsAsync(checkout));

        Assert.Equal(("REFUNDED", 7500), ((await Dues.MemberAsync(member)).Str("duesPayments.0.status"), (int)(await Dues.PaymentAsync(checkout.Id)).RefundedAmount));
        await AssertCurrentAsync(member, terms[0], "ACTIVE");
    }

    [SkippableFact]
    public async Task Staff_see_a_payments_Stripe_ids_and_refunds_and_its_member_gets_FORBIDDEN_for_them()
    {
        const string Document = "query($id: ID!) { node(id: $id) { ... on DuesPayment { receiptNumber stripeCheckoutSessionId stripePaymentIntentId "
            + "stripeSubscriptionId stripeInvoiceId stripeCustomerId refunds { amount { amount currency } reason refundedBy refundedAt stripeRefundId } } } }";
        var (member, checkout) = await RenewedEarlyAsync();
        MutationAssert.Succeeded(await RefundAsync(checkout, 2500), "payment");
        MutationAssert.Succeeded(await RefundAsync(checkout, 1000), "payment");
        var payment = await Dues.PaymentAsync(checkout.Id);
        await using var db = await Api.Db.CreateDbContextAsync();
        var refunds = await db.DuesRefunds.AsNoTracking().Where(r => r.PaymentId == checkout.Id).OrderBy(r => r.CreatedAt).ToListAsync();

        var staff = (await Client.DataAsync(Document, new { id = checkout.GlobalId }, TestIdentity.Staff)).GetProperty("node");

        Assert.Equal((checkout.SessionId, payment.StripePaymentIntentId, payment.StripeCustomerId, (string?)null, (string?)null),
            (staff.Str("stripeCheckoutSessionId"), staff.Str("stripePaymentIntentId"), staff.Str("stripeCustomerId"), staff.Str("stripeSubscriptionId"), staff.Str("stripeInvoiceId")));
        Assert.StartsWith("pi_", payment.StripePaymentIntentId, StringComparison.Ordinal);
        Assert.Equal(
            refunds.Select(r => (r.Amount, (string?)"USD", (string?)"Duplicate payment", (string?)"staff", r.StripeRefundId)),
            staff.GetProperty("refunds").EnumerateArray().Select(r => ((long)r.At("amount.amount").GetInt32(), r.Str("amount.currency"), r.Str("reason"), r.Str("refundedBy"), r.Str("stripeRefundId"))));
        Assert.Equal([2500L, 1000L], refunds.Select(r => r.Amount));
        Assert.All(staff.GetProperty("refunds").EnumerateArray(), r => Assert.NotNull(r.Str("refundedAt")));

        var own = await Client.PostAsync(Document, new { id = checkout.GlobalId }, TestIdentity.Member(member.Id));

        Assert.Equal(Enumerable.Repeat("FORBIDDEN", 6), own.ErrorCodes);
        var node = own.Data.GetProperty("node");
        Assert.Equal(checkout.ReceiptNumber, node.Str("receiptNumber"));
        foreach (var field in new[] { "stripeCheckoutSessionId", "stripePaymentIntentId", "stripeSubscriptionId", "stripeInvoiceId", "stripeCustomerId", "refunds" })
        {
            Assert.Equal(JsonValueKind.Null, node.GetProperty(field).ValueKind);
        }

        Assert.DoesNotContain(checkout.SessionId, own.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Duplicate payment", own.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Members_cannot_refund_even_their_own_payment()
    {
        var (member, checkout) = await RenewedEarlyAsync();

        var result = await Client.PostAsync(RefundDocument, new { input = new { paymentId = checkout.GlobalId, reason = "Changed my mind" } }, TestIdentity.Member(member.Id));

        MutationAssert.Forbidden(result, "refundDuesPayment");
        Assert.Equal(0, (await Dues.PaymentAsync(checkout.Id)).RefundedAmount);
    }

    /// <summary>A member two months before the end of a year's term who paid 75.00 USD for the next.</summary>
    private async Task<(Member Member, Checkout Checkout)> RenewedEarlyAsync()
    {
        var plan = await Data.PlanAsync(price: 7500);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-10));
        return (member, await Dues.PaidAsync(plan, member));
    }

    /// <summary>The refundDuesPayment payload of a staff call.</summary>
    private async Task<JsonElement> RefundAsync(Checkout checkout, long? amount) =>
        DuesDriver.Payload(await Client.PostAsync(RefundDocument, new { input = new { paymentId = checkout.GlobalId, amount, reason = "Duplicate payment" } }, TestIdentity.Staff), "refundDuesPayment");

    /// <summary>Stripe's charge.refunded events about this payment, newest first.</summary>
    private async Task<IReadOnlyList<JsonObject>> RefundNewsAsync(Checkout checkout)
    {
        var intent = (await Dues.PaymentAsync(checkout.Id)).StripePaymentIntentId;
        return [.. (await Dues.EventsAsync("charge.refunded")).Where(e => (string?)e["data"]!["object"]!["payment_intent"] == intent)];
    }

    private async Task AssertCurrentAsync(Member member, MembershipTerm term, string status)
    {
        var read = await Dues.MemberAsync(member);
        Assert.Equal((status, DuesDriver.Day(term.StartsOn)), (read.Str("membershipStatus"), read.Str("currentTerm.startsOn")));
        Assert.Equal(status is "ACTIVE" or "GRACE", read.GetProperty("inGoodStanding").GetBoolean());
    }
}

public sealed class RefundTestsOnSqlite(SqliteApi api) : RefundTests(api), IClassFixture<SqliteApi>;

public sealed class RefundTestsOnPostgreSql(PostgreSqlApi api) : RefundTests(api), IClassFixture<PostgreSqlApi>;

public sealed class RefundTestsOnSqlServer(SqlServerApi api) : RefundTests(api), IClassFixture<SqlServerApi>;
