using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Dues.Payments;

/// <summary>
/// The receipt mail of every paid dues payment (after Stripe's signed webhook: a checkout, a renewal invoice), once per
/// payment however often Stripe repeats itself, and sent again on request: by the member for their own, by staff.
/// </summary>
public abstract class DuesReceiptMailTests(ApiFixture api) : PaymentTest(api)
{
    private const string ResendDocument = "mutation($input: ResendDuesReceiptInput!) { resendDuesReceipt(input: $input) { payment { receiptNumber } userErrors { code field message } } }";

    [SkippableFact]
    public async Task A_paid_checkout_mails_one_receipt_even_when_Stripe_repeats_its_news()
    {
        var (plan, member) = await MemberAsync();
        var checkout = await Dues.StartedAsync(plan, member);
        var events = await Dues.Stripe.PayAsync(checkout.SessionId);

        Assert.Empty(Receipts(await Api.MailsToAsync(member.Email))); // nothing before Stripe confirms
        await Dues.DeliverAsync([.. events, .. events]);
        await Dues.DeliverAtOnceAsync(events);

        var receipt = Assert.Single(Receipts(await Api.MailsToAsync(member.Email)));
        var line = Assert.Single((await Dues.PaymentAsync(checkout.Id)).Lines);
        Assert.Equal($"Receipt {checkout.ReceiptNumber}: {plan.Name}", receipt.Subject);
        Assert.Contains("Total: 75.00 USD", receipt.Text);
        Assert.Contains($"Test {member.LastName} ({member.MemberNumber}): 75.00 USD, term {DuesDriver.Day(line.PeriodStart!.Value)} to {DuesDriver.Day(line.PeriodEnd!.Value)}", receipt.Text);
        Assert.Contains("National Association of School Resource Officers", receipt.Text);
    }

    [SkippableFact]
    public async Task A_paid_renewal_invoice_mails_a_receipt_of_its_own_and_a_failed_one_none()
    {
        var (plan, member) = await MemberAsync();
        var checkout = await Dues.PaidAsync(plan, member, autoRenew: true);
        var subscription = (await Dues.PaymentAsync(checkout.Id)).StripeSubscriptionId!;

        await Dues.DeliverAsync(await Dues.Stripe.RenewAsync(subscription, paid: false));
        var renewal = await Dues.Stripe.RenewAsync(subscription, paid: true);
        await Dues.DeliverAsync([.. renewal, .. renewal]);

        var payments = await Dues.PaymentsOfAsync(member);
        var paidRenewal = Assert.Single(payments, p => p.Kind == DuesPaymentKind.Renewal && p.Status == DuesPaymentStatus.Succeeded);
        var receipts = Receipts(await Api.MailsToAsync(member.Email));
        Assert.Equal([checkout.ReceiptNumber, paidRenewal.ReceiptNumber], receipts.Select(r => r.Subject.Split(' ', ':')[1]));
    }

    [SkippableFact]
    public async Task A_member_has_their_receipt_sent_again_once_a_day()
    {
        var (plan, member) = await MemberAsync();
        var checkout = await Dues.PaidAsync(plan, member);

        var first = await ResendAsync(checkout.GlobalId, TestIdentity.Member(member.Id));
        var second = await ResendAsync(checkout.GlobalId, TestIdentity.Member(member.Id));

        Assert.Equal(checkout.ReceiptNumber, MutationAssert.Succeeded(first, "payment").Str("receiptNumber"));
        MutationAssert.Succeeded(second, "payment");
        var receipts = Receipts(await Api.MailsToAsync(member.Email));
        Assert.Equal(2, receipts.Count); // the first and one resend
        Assert.Equal(receipts[0].Text, receipts[1].Text);
    }

    [SkippableFact]
    public async Task Another_members_payment_is_refused_as_not_found_and_mails_nothing()
    {
        var (plan, member) = await MemberAsync();
        var checkout = await Dues.PaidAsync(plan, member);
        var other = await Data.MemberAsync(plan);

        var payload = await ResendAsync(checkout.GlobalId, TestIdentity.Member(other.Id));

        MutationAssert.Failed(payload, "payment", "NOT_FOUND", "input", "paymentId");
        Assert.Empty(Receipts(await Api.MailsToAsync(other.Email)));
        Assert.Single(Receipts(await Api.MailsToAsync(member.Email)));
        MutationAssert.Failed(await ResendAsync("not-an-id", TestIdentity.Member(other.Id)), "payment", "INVALID_ID", "input", "paymentId");
    }

    [SkippableFact]
    public async Task Staff_resend_to_the_payer_and_an_unpaid_payment_has_no_receipt()
    {
        var (plan, member) = await MemberAsync();
        var paid = await Dues.PaidAsync(plan, member);
        var pending = await Dues.StartedAsync(plan, member);

        MutationAssert.Succeeded(await ResendAsync(paid.GlobalId, TestIdentity.Staff), "payment");
        MutationAssert.Failed(await ResendAsync(pending.GlobalId, TestIdentity.Member(member.Id)), "payment", "NOT_PAID", "input", "paymentId");

        Assert.Equal(2, Receipts(await Api.MailsToAsync(member.Email)).Count);
        var anonymous = await Client.PostAsync(ResendDocument, new { input = new { paymentId = paid.GlobalId } });
        Assert.Contains(anonymous.ErrorCodes, c => c is "UNAUTHENTICATED" or "FORBIDDEN");
    }

    [SkippableFact]
    public async Task A_receipt_sent_again_after_a_full_refund_shows_the_refund()
    {
        var (plan, member) = await MemberAsync();
        var paid = await Dues.PaidAsync(plan, member);
        var refund = await Client.PostAsync("mutation($input: RefundDuesPaymentInput!) { refundDuesPayment(input: $input) { userErrors { code } } }",
            new { input = new { paymentId = paid.GlobalId, reason = "Joined twice" } }, TestIdentity.Staff);
        Assert.Empty(DuesDriver.Payload(refund, "refundDuesPayment").UserErrorCodes());

        MutationAssert.Succeeded(await ResendAsync(paid.GlobalId, TestIdentity.Member(member.Id)), "payment");

        var receipts = Receipts(await Api.MailsToAsync(member.Email));
        Assert.Equal(2, receipts.Count);
        Assert.DoesNotContain("Refunded", receipts[0].Text);
        Assert.Contains("Refunded: 75.00 USD", receipts[1].Text);
    }

    private async Task<(MembershipPlan Plan, Member Member)> MemberAsync()
    {
        var plan = await Data.PlanAsync(months: 12);
        return (plan, await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6)));
    }

    private async Task<System.Text.Json.JsonElement> ResendAsync(string paymentId, TestIdentity caller) =>
        DuesDriver.Payload(await Client.PostAsync(ResendDocument, new { input = new { paymentId } }, caller), "resendDuesReceipt");

    private static List<Identity.Accounts.ReceivedMail> Receipts(IEnumerable<Identity.Accounts.ReceivedMail> mails) =>
        [.. mails.Where(m => m.Subject.StartsWith("Receipt R-", StringComparison.Ordinal))];
}

public sealed class DuesReceiptMailTestsOnSqlite(SqliteApi api) : DuesReceiptMailTests(api), IClassFixture<SqliteApi>;

public sealed class DuesReceiptMailTestsOnPostgreSql(PostgreSqlApi api) : DuesReceiptMailTests(api), IClassFixture<PostgreSqlApi>;

public sealed class DuesReceiptMailTestsOnSqlServer(SqlServerApi api) : DuesReceiptMailTests(api), IClassFixture<SqlServerApi>;
