using System.Globalization;
using System.Net;
using System.Text.Json;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Dues.Payments;

/// <summary>Payments as members and staff read them: Member.duesPayments, staff's duesPayments filters, and the receipt PDF.</summary>
public abstract class PaymentRecordTests(ApiFixture api) : PaymentTest(api)
{
    private const string ListDocument =
        "query($status: [DuesPaymentStatus!], $from: DateTimeOffset, $to: DateTimeOffset, $paidFrom: DateTimeOffset, $paidTo: DateTimeOffset, $planId: ID, $agencyId: ID, $memberId: ID) { "
        + "duesPayments(first: 50, status: $status, from: $from, to: $to, paidFrom: $paidFrom, paidTo: $paidTo, planId: $planId, agencyId: $agencyId, memberId: $memberId) { "
        + "totalCount nodes { receiptNumber } } }";

    [SkippableFact]
    public async Task A_member_sees_their_payments_with_receipt_amount_status_and_period()
    {
        var plan = await Data.PlanAsync(price: 8250);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6));
        var paid = await Dues.PaidAsync(plan, member);
        var pending = await Dues.StartedAsync(plan, member);

        var payments = (await Dues.MemberAsync(member)).GetProperty("duesPayments");

        Assert.Equal([pending.ReceiptNumber, paid.ReceiptNumber], payments.EnumerateArray().Select(p => p.Str("receiptNumber")));
        Assert.Matches(@"^R-\d{4}-\d{6}$", paid.ReceiptNumber);
        var term = (await Dues.TermsAsync(member))[^1];
        var (first, second) = (payments[1], payments[0]);
        Assert.Equal(("SUCCEEDED", "INDIVIDUAL", 8250, "USD"), (first.Str("status"), first.Str("kind"), first.At("amount.amount").GetInt32(), first.Str("amount.currency")));
        Assert.Equal((DuesDriver.Day(term.StartsOn), DuesDriver.Day(term.EndsOn!.Value), 8250), (first.Str("lines.0.periodStart"), first.Str("lines.0.periodEnd"), first.At("lines.0.amount").GetInt32()));
        Assert.Equal(($"https://localhost/receipts/{paid.ReceiptNumber}/pdf", (string?)null), (first.Str("receiptPdfUrl"), first.Str("checkoutUrl")));
        Assert.NotNull(first.Str("completedAt"));
        Assert.Equal(("PENDING", (string?)null, (string?)null), (second.Str("status"), second.Str("receiptPdfUrl"), second.Str("lines.0.periodStart")));
        Assert.NotNull(second.Str("checkoutUrl"));
    }

    [SkippableFact]
    public async Task Staff_filter_payments_by_status_date_range_plan_agency_and_member()
    {
        var (plan, other) = (await Data.PlanAsync(), await Data.PlanAsync());
        var agency = await Data.AgencyAsync();
        var officers = await Data.MembersAsync(2, plan, agency, Data.Today.AddMonths(-6));
        var (m1, m2, m3) = (await Data.MemberAsync(plan), await Data.MemberAsync(plan), await Data.MemberAsync(other));
        var old = await Dues.PaidAsync(plan, m1);
        var pending = await Dues.StartedAsync(plan, m2);
        var group = DuesDriver.Opened(DuesDriver.Payload(await Dues.StartForAgencyAsync(agency, plan, officers, TestIdentity.Staff), "startAgencyDuesPayment"));
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(group.SessionId));
        var elsewhere = await Dues.PaidAsync(other, m3);
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            await db.DuesPayments.Where(p => p.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, DateTimeOffset.UtcNow.AddDays(-10)));
        }

        var cut = DateTimeOffset.UtcNow.AddDays(-5).ToString("O", CultureInfo.InvariantCulture);
        var planId = TestData.PlanId(plan);
        Assert.Equal([group.ReceiptNumber, pending.ReceiptNumber, old.ReceiptNumber], await ListAsync(new { planId }));
        Assert.Equal([pending.ReceiptNumber], await ListAsync(new { planId, status = new[] { "PENDING" } }));
        Assert.Equal([group.ReceiptNumber, old.ReceiptNumber], await ListAsync(new { planId, status = new[] { "SUCCEEDED", "FAILED" } }));
        Assert.Equal([group.ReceiptNumber, pending.ReceiptNumber], await ListAsync(new { planId, from = cut }));
        Assert.Equal([old.ReceiptNumber], await ListAsync(new { planId, to = cut }));
        Assert.Equal([group.ReceiptNumber], await ListAsync(new { agencyId = TestData.AgencyId(agency) }));
        Assert.Equal([old.ReceiptNumber], await ListAsync(new { memberId = TestData.MemberId(m1) }));
        Assert.Equal([group.ReceiptNumber], await ListAsync(new { memberId = TestData.MemberId(officers[1]) }));
        Assert.Equal([elsewhere.ReceiptNumber], await ListAsync(new { planId = TestData.PlanId(other) }));
    }

    [SkippableFact]
    public async Task Another_member_is_forbidden_from_a_members_payments()
    {
        var plan = await Data.PlanAsync();
        var (payer, other) = (await Data.MemberAsync(plan), await Data.MemberAsync(plan));
        var paid = await Dues.PaidAsync(plan, payer);
        var them = TestIdentity.Member(other.Id);

        var fields = await Client.PostAsync("query($id: ID!) { member(id: $id) { lastName duesPayments { id } autoRenewal { status } } }", new { id = TestData.MemberId(payer) }, them);
        Assert.Equal(["FORBIDDEN", "FORBIDDEN"], fields.ErrorCodes);
        Assert.Equal((payer.LastName, JsonValueKind.Null), (fields.Data.Str("member.lastName"), fields.Data.At("member.duesPayments").ValueKind));

        var list = await Client.PostAsync(ListDocument, new { memberId = TestData.MemberId(payer) }, them);
        Assert.Equal(["FORBIDDEN"], list.ErrorCodes);
        Assert.DoesNotContain(paid.ReceiptNumber, list.Text, StringComparison.Ordinal);

        const string Node = "query($id: ID!) { node(id: $id) { ... on DuesPayment { receiptNumber } } }";
        Assert.Equal(JsonValueKind.Null, (await Client.DataAsync(Node, new { id = paid.GlobalId }, them)).At("node").ValueKind);
        Assert.Equal(paid.ReceiptNumber, (await Client.DataAsync(Node, new { id = paid.GlobalId }, TestIdentity.Member(payer.Id))).Str("node.receiptNumber"));
    }

    [SkippableFact]
    public async Task The_payer_and_staff_download_the_receipt_as_a_pdf_and_nobody_else_finds_it()
    {
        var plan = await Data.PlanAsync();
        var (payer, other) = (await Data.MemberAsync(plan), await Data.MemberAsync(plan));
        var paid = await Dues.PaidAsync(plan, payer);

        foreach (var who in new[] { TestIdentity.Member(payer.Id), TestIdentity.Staff })
        {
            using var response = await ReceiptAsync(paid.ReceiptNumber, who);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        }

        using var notTheirs = await ReceiptAsync(paid.ReceiptNumber, TestIdentity.Member(other.Id));
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        using var anonymous = await ReceiptAsync(paid.ReceiptNumber, TestIdentity.Anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [SkippableFact]
    public async Task A_group_receipt_of_60_officers_runs_over_pages_with_every_member_number_and_the_total()
    {
        var agency = await Data.AgencyAsync();
        var plan = await Data.PlanAsync(price: 7500);
        var officers = await Data.MembersAsync(60, plan, agency, Data.Today.AddMonths(-6));
        var group = DuesDriver.Opened(DuesDriver.Payload(await Dues.StartForAgencyAsync(agency, plan, officers, TestIdentity.Staff), "startAgencyDuesPayment"));
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(group.SessionId));

        using var response = await ReceiptAsync(group.ReceiptNumber, TestIdentity.Staff);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());

        Assert.True(pdf.NumberOfPages > 1, $"60 lines on {pdf.NumberOfPages} page(s)");
        var text = Squeezed(string.Concat(pdf.GetPages().Select(p => p.Text)));
        Assert.All(officers, o => Assert.Contains(Squeezed($"({o.MemberNumber})"), text, StringComparison.Ordinal));
        Assert.Contains(Squeezed("Total: 4500.00 USD"), text, StringComparison.Ordinal);
        Assert.Contains(Squeezed($"Page {pdf.NumberOfPages} of {pdf.NumberOfPages}"), text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_officer_a_group_payment_covered_opens_its_receipt_and_an_unrelated_member_does_not()
    {
        var agency = await Data.AgencyAsync();
        var plan = await Data.PlanAsync();
        var officers = await Data.MembersAsync(3, plan, agency, Data.Today.AddMonths(-6));
        var payer = await Data.MemberAsync(plan, agency);
        var stranger = await Data.MemberAsync(plan, agency); // same agency, not covered, not the payer
        var group = DuesDriver.Opened(DuesDriver.Payload(await Dues.StartForAgencyAsync(agency, plan, officers, TestIdentity.Member(payer.Id)), "startAgencyDuesPayment"));
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(group.SessionId));

        foreach (var who in new[] { payer, officers[2] })
        {
            using var allowed = await ReceiptAsync(group.ReceiptNumber, TestIdentity.Member(who.Id));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await ReceiptAsync(group.ReceiptNumber, TestIdentity.Member(stranger.Id));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [SkippableFact]
    public async Task Staff_filter_by_the_paid_date_which_is_not_the_start_date()
    {
        var plan = await Data.PlanAsync();
        var (m1, m2, m3) = (await Data.MemberAsync(plan), await Data.MemberAsync(plan), await Data.MemberAsync(plan));
        var paidLongAgo = await Dues.PaidAsync(plan, m1);
        var paidNow = await Dues.PaidAsync(plan, m2);
        var failed = await Dues.StartedAsync(plan, m3);
        await Dues.DeliverAsync(await Dues.Stripe.FailAsync(failed.SessionId)); // completedAt set, never paid
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            // Started now, paid ten days ago would be impossible; started ten days later than paid shows which date is read.
            await db.DuesPayments.Where(p => p.Id == paidLongAgo.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CompletedAt, DateTimeOffset.UtcNow.AddDays(-10)));
        }

        var cut = DateTimeOffset.UtcNow.AddDays(-5).ToString("O", CultureInfo.InvariantCulture);
        var planId = TestData.PlanId(plan);
        Assert.Equal([paidLongAgo.ReceiptNumber], await ListAsync(new { planId, paidTo = cut }));
        Assert.Equal([paidNow.ReceiptNumber], await ListAsync(new { planId, paidFrom = cut }));
        Assert.Equal([failed.ReceiptNumber, paidNow.ReceiptNumber, paidLongAgo.ReceiptNumber], await ListAsync(new { planId, from = cut }));
    }

    [SkippableFact]
    public async Task A_pending_payment_has_no_receipt()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan);
        var pending = await Dues.StartedAsync(plan, member);

        using var response = await ReceiptAsync(pending.ReceiptNumber, TestIdentity.Member(member.Id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The receipt numbers staff get for these filters, newest first.</summary>
    private async Task<IReadOnlyList<string>> ListAsync(object filters)
    {
        var connection = (await Client.DataAsync(ListDocument, filters, TestIdentity.Staff)).GetProperty("duesPayments");
        var receipts = connection.GetProperty("nodes").EnumerateArray().Select(n => n.Str("receiptNumber")!).ToList();
        Assert.Equal(receipts.Count, connection.GetProperty("totalCount").GetInt32());
        return receipts;
    }

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private async Task<HttpResponseMessage> ReceiptAsync(string number, TestIdentity? caller)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/receipts/{number}/pdf");
        if (caller is not null)
        {
            request.Headers.Add(TestAuthenticationHandler.HeaderName, caller.Header);
        }

        return await Client.Http.SendAsync(request);
    }
}

public sealed class PaymentRecordTestsOnSqlite(SqliteApi api) : PaymentRecordTests(api), IClassFixture<SqliteApi>;

public sealed class PaymentRecordTestsOnPostgreSql(PostgreSqlApi api) : PaymentRecordTests(api), IClassFixture<PostgreSqlApi>;

public sealed class PaymentRecordTestsOnSqlServer(SqlServerApi api) : PaymentRecordTests(api), IClassFixture<SqlServerApi>;
