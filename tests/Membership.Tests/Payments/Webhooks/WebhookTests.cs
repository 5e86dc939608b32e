using System.Net;
using System.Text.Json.Nodes;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Members;
using Membership.Payments;
using Membership.Payments.Sandbox;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Payments.Webhooks;

/// <summary>POST /webhooks/stripe: only Stripe's signed, fresh news is taken, each event once, from the session's current state.</summary>
public abstract class WebhookTests(ApiFixture api) : PaymentTest(api)
{
    [SkippableFact]
    public async Task A_bad_signature_is_refused_and_changes_nothing()
    {
        var (member, checkout, _) = await CheckoutAsync();
        var completed = (await Dues.Stripe.PayAsync(checkout.SessionId))[0];
        var before = await SnapshotAsync(member);

        using var response = await FakeStripe.DeliverAsync(Client.Http, completed, secret: "whsec_someone_else");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(member, before, completed);
    }

    [SkippableFact]
    public async Task A_tampered_body_is_refused_and_changes_nothing()
    {
        var (member, checkout, _) = await CheckoutAsync();
        var completed = (await Dues.Stripe.PayAsync(checkout.SessionId))[0];
        var before = await SnapshotAsync(member);
        var (body, signature) = StripeSandbox.Sign(completed, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow);
        var tampered = body.Replace("\"livemode\":false", "\"livemode\":true", StringComparison.Ordinal);
        Assert.NotEqual(body, tampered);

        Assert.Equal(HttpStatusCode.BadRequest, await Dues.PostWebhookAsync(tampered, signature));

        await AssertUnchangedAsync(member, before, completed);
        Assert.Equal(HttpStatusCode.OK, await Dues.PostWebhookAsync(body, signature)); // the untouched body was fine
    }

    [SkippableFact]
    public async Task A_signed_event_over_256_KB_is_refused_with_413_and_changes_nothing()
    {
        var (member, checkout, _) = await CheckoutAsync();
        var completed = (await Dues.Stripe.PayAsync(checkout.SessionId))[0];
        var before = await SnapshotAsync(member);
        var padded = completed.DeepClone().AsObject();
        padded["padding"] = new string('x', PaymentsSetup.MaxWebhookBytes);
        var (body, signature) = StripeSandbox.Sign(padded, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await Dues.PostWebhookAsync(body, signature));

        await AssertUnchangedAsync(member, before, completed);
        var (original, originalSignature) = StripeSandbox.Sign(completed, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, await Dues.PostWebhookAsync(original, originalSignature)); // the same event at its own size is taken
    }

    [SkippableFact]
    public async Task A_chunked_body_is_refused_with_413_once_past_256_KB_without_waiting_for_its_end()
    {
        using var body = new EndlessBody(PaymentsSetup.MaxWebhookBytes + 64 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, PaymentsSetup.WebhookPath) { Content = body };
        request.Headers.Add("Stripe-Signature", "t=1,v1=00");
        request.Headers.TransferEncodingChunked = true;

        try
        {
            // The body never ends: only a server that stops reading past its limit answers (the minute bounds a failing run only).
            // No redirect handling: it would buffer the whole body first.
            using var http = Api.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
            using var response = await http.SendAsync(request).WaitAsync(TimeSpan.FromMinutes(1));

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        finally
        {
            body.End();
        }
    }

    [SkippableFact]
    public async Task A_signature_older_than_300_seconds_is_refused_and_one_of_299_seconds_passes()
    {
        var (member, checkout, _) = await CheckoutAsync();
        var completed = (await Dues.Stripe.PayAsync(checkout.SessionId))[0];
        var before = await SnapshotAsync(member);

        using var stale = await FakeStripe.DeliverAsync(Client.Http, completed, DateTimeOffset.UtcNow.AddSeconds(-301));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        await AssertUnchangedAsync(member, before, completed);

        using var fresh = await FakeStripe.DeliverAsync(Client.Http, completed, DateTimeOffset.UtcNow.AddSeconds(-299));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(2, (await Dues.TermsAsync(member)).Count);
    }

    [SkippableFact]
    public async Task An_event_type_we_do_not_handle_is_accepted_and_changes_nothing()
    {
        var (member, checkout, _) = await CheckoutAsync();
        await Dues.Stripe.PayAsync(checkout.SessionId); // paid at Stripe, its checkout news not delivered yet
        var intent = (await Dues.Stripe.FindAsync((string)(await Dues.Stripe.FindAsync(checkout.SessionId))!["payment_intent"]!))!;
        var before = await SnapshotAsync(member);

        await Dues.DeliverAsync([await Dues.Stripe.EmitAsync("payment_intent.succeeded", intent), await Dues.Stripe.EmitAsync("customer.created", new JsonObject { ["id"] = "cus_other", ["object"] = "customer" })]);

        Assert.Equal(before, await SnapshotAsync(member));
    }

    [SkippableFact]
    public async Task A_charge_event_that_is_no_refund_leaves_a_paid_payment_paid()
    {
        var (member, checkout, _) = await CheckoutAsync();
        await Dues.DeliverAsync(await Dues.Stripe.PayAsync(checkout.SessionId));
        var intent = (await Dues.Stripe.FindAsync((await Dues.PaymentAsync(checkout.Id)).StripePaymentIntentId!))!;
        var charge = (await Dues.Stripe.FindAsync((string)intent["latest_charge"]!))!;
        var before = await SnapshotAsync(member);

        // Stripe sends charge.succeeded (and charge.updated) for every card payment to endpoints subscribed to them.
        await Dues.DeliverAsync([await Dues.Stripe.EmitAsync("charge.succeeded", charge), await Dues.Stripe.EmitAsync("charge.updated", charge)]);

        Assert.Equal(before, await SnapshotAsync(member));
        Assert.Equal("SUCCEEDED", (await Dues.MemberAsync(member)).Str("duesPayments.0.status"));
    }

    [SkippableFact]
    public async Task The_same_event_twice_extends_once()
    {
        var (member, checkout, _) = await CheckoutAsync();
        var completed = (await Dues.Stripe.PayAsync(checkout.SessionId))[0];

        await Dues.DeliverAsync([completed, completed]);

        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    [SkippableFact]
    public async Task The_same_event_three_times_at_once_extends_once()
    {
        var (member, checkout, _) = await CheckoutAsync();
        var completed = (await Dues.Stripe.PayAsync(checkout.SessionId))[0];

        Assert.All(await Dues.DeliverAtOnceAsync([completed, completed, completed]), code => Assert.Equal(HttpStatusCode.OK, code));

        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    [SkippableFact]
    public async Task Completed_and_async_payment_succeeded_for_one_session_extend_once_even_at_once()
    {
        var checkouts = new List<(Member Member, Checkout Checkout)>();
        var news = new List<JsonObject>();
        for (var i = 0; i < 4; i++) // four sessions, each with its two events, all delivered at the same time
        {
            var (member, checkout, _) = await CheckoutAsync();
            checkouts.Add((member, checkout));
            news.Add((await Dues.Stripe.PayAsync(checkout.SessionId))[0]);
            news.Add(await Dues.Stripe.EmitAsync("checkout.session.async_payment_succeeded", (await Dues.Stripe.FindAsync(checkout.SessionId))!));
        }

        Assert.All(await Dues.DeliverAtOnceAsync(news), code => Assert.Equal(HttpStatusCode.OK, code));
        await Dues.DeliverAsync(Enumerable.Reverse(news));

        foreach (var (member, checkout) in checkouts)
        {
            await Dues.AssertExtendedOnceAsync(member, checkout);
        }
    }

    [SkippableFact]
    public async Task A_failed_payment_is_recorded_extends_nothing_and_a_new_checkout_then_works()
    {
        var (member, checkout, plan) = await CheckoutAsync();

        await Dues.DeliverAsync(await Dues.Stripe.FailAsync(checkout.SessionId));

        var failed = await Dues.MemberAsync(member);
        Assert.Equal("FAILED", failed.Str("duesPayments.0.status"));
        Assert.False(string.IsNullOrEmpty(failed.Str("duesPayments.0.failureReason")));
        Assert.Equal(1, failed.At("terms").GetArrayLength());
        var retry = await Dues.PaidAsync(plan, member);
        Assert.NotEqual(checkout.Id, retry.Id);
        await Dues.AssertExtendedOnceAsync(member, retry);
        Assert.Equal(DuesPaymentStatus.Failed, (await Dues.PaymentAsync(checkout.Id)).Status);
    }

    [SkippableFact]
    public async Task An_expired_checkout_is_recorded_as_expired_and_extends_nothing()
    {
        var (member, checkout, _) = await CheckoutAsync();

        await Dues.DeliverAsync(await Dues.Stripe.ExpireAsync(checkout.SessionId));

        var after = await Dues.MemberAsync(member);
        Assert.Equal("EXPIRED", after.Str("duesPayments.0.status"));
        Assert.Null(after.Str("duesPayments.0.checkoutUrl"));
        Assert.Equal(1, after.At("terms").GetArrayLength());
    }

    [SkippableFact]
    public async Task Two_different_payments_for_one_member_applied_at_once_buy_consecutive_terms()
    {
        var (plan, other) = (await Data.PlanAsync(), await Data.PlanAsync()); // two plans: two checkouts, not one reused
        var members = await Data.MembersAsync(8, plan, termStart: Data.Today.AddMonths(-6));
        var paid = new List<(Member Member, Checkout[] Checkouts)>();
        var news = new List<JsonObject>();
        foreach (var member in members)
        {
            Checkout[] checkouts = [await Dues.StartedAsync(plan, member), await Dues.StartedAsync(other, member)];
            Assert.NotEqual(checkouts[0].Id, checkouts[1].Id);
            paid.Add((member, checkouts));
            foreach (var c in checkouts)
            {
                news.Add((await Dues.Stripe.PayAsync(c.SessionId))[0]);
            }
        }

        Assert.All(await Dues.DeliverAtOnceAsync(news), code => Assert.Equal(HttpStatusCode.OK, code));

        foreach (var (member, checkouts) in paid)
        {
            await AssertConsecutiveAsync(member, checkouts);
        }
    }

    [SkippableFact]
    public async Task A_group_payment_and_an_officers_own_payment_applied_at_once_buy_consecutive_terms()
    {
        var plan = await Data.PlanAsync();
        var cases = new List<(Member Officer, Checkout Own, Checkout Group, List<Member> Others)>();
        var news = new List<JsonObject>();
        for (var i = 0; i < 4; i++)
        {
            var agency = await Data.AgencyAsync();
            var officers = await Data.MembersAsync(3, plan, agency, Data.Today.AddMonths(-6));
            var group = DuesDriver.Opened(DuesDriver.Payload(await Dues.StartForAgencyAsync(agency, plan, officers, TestIdentity.Staff), "startAgencyDuesPayment"));
            var own = await Dues.StartedAsync(plan, officers[1]);
            cases.Add((officers[1], own, group, [officers[0], officers[2]]));
            news.Add((await Dues.Stripe.PayAsync(group.SessionId))[0]);
            news.Add((await Dues.Stripe.PayAsync(own.SessionId))[0]);
        }

        Assert.All(await Dues.DeliverAtOnceAsync(news), code => Assert.Equal(HttpStatusCode.OK, code));

        foreach (var (officer, own, group, others) in cases)
        {
            await AssertConsecutiveAsync(officer, own, group);
            foreach (var colleague in others)
            {
                Assert.Equal(2, (await Dues.TermsAsync(colleague)).Count);
            }
        }
    }

    [SkippableFact]
    public async Task An_effect_that_fails_leaves_no_event_record_and_nothing_changed_and_the_redelivery_applies_once()
    {
        var (member, checkout, _) = await CheckoutAsync();
        var completed = (await Dues.Stripe.PayAsync(checkout.SessionId))[0];
        var before = await SnapshotAsync(member);

        using (Failures.Fail("GET", $"/v1/checkout/sessions/{checkout.SessionId}"))
        {
            using var refused = await FakeStripe.DeliverAsync(Client.Http, completed);
            Assert.True((int)refused.StatusCode >= 500, $"Expected 5xx (Stripe retries), got {(int)refused.StatusCode}");
        }

        Assert.Single(Failures.Refused, r => r.Contains(checkout.SessionId, StringComparison.Ordinal));
        await AssertUnchangedAsync(member, before, completed);
        Assert.Equal(DuesPaymentStatus.Pending, (await Dues.PaymentAsync(checkout.Id)).Status);

        await Dues.DeliverAsync([completed, completed]);
        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    [SkippableFact]
    public async Task A_failure_after_the_term_was_written_rolls_the_term_back_with_the_event()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6));
        var checkout = await Dues.StartedAsync(plan, member, autoRenew: true);
        var events = await Dues.Stripe.PayAsync(checkout.SessionId);
        var subscription = (string)(await Dues.Stripe.FindAsync(checkout.SessionId))!["subscription"]!;
        var before = await SnapshotAsync(member);

        // The session is fetched and the term made; then Stripe fails on the subscription, still inside the transaction.
        using (Failures.Fail("GET", $"/v1/subscriptions/{subscription}"))
        {
            using var refused = await FakeStripe.DeliverAsync(Client.Http, events[0]);
            Assert.True((int)refused.StatusCode >= 500, $"Expected 5xx, got {(int)refused.StatusCode}");
        }

        await AssertUnchangedAsync(member, before, events[0]);
        Assert.Single(await Dues.TermsAsync(member));
        await Dues.DeliverAsync([.. events, .. events]);
        await Dues.AssertExtendedOnceAsync(member, checkout);
    }

    private StripeFailures Failures => Api.Services.GetRequiredService<StripeFailures>();

    /// <summary>Each checkout bought its own term, one after the other from the member's first, none overlapping.</summary>
    private async Task AssertConsecutiveAsync(Member member, params Checkout[] checkouts)
    {
        var terms = await Dues.TermsAsync(member);
        Assert.Equal(1 + checkouts.Length, terms.Count);
        for (var i = 1; i < terms.Count; i++)
        {
            Assert.Equal(terms[i - 1].EndsOn!.Value.AddDays(1), terms[i].StartsOn);
        }

        var lines = new List<DuesPaymentLine>();
        foreach (var checkout in checkouts)
        {
            var payment = await Dues.PaymentAsync(checkout.Id);
            Assert.Equal(DuesPaymentStatus.Succeeded, payment.Status);
            lines.Add(Assert.Single(payment.Lines, l => l.MemberId == member.Id));
        }

        Assert.Equal(terms.Skip(1).Select(t => (t.Id, t.StartsOn, t.EndsOn)).Order(), lines.Select(l => (l.TermId!.Value, l.PeriodStart!.Value, l.PeriodEnd)).Order());
    }

    /// <summary>A member six months into a year's term, with an open checkout for the next.</summary>
    private async Task<(Member Member, Checkout Checkout, MembershipPlan Plan)> CheckoutAsync()
    {
        var plan = await Data.PlanAsync();
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-6));
        return (member, await Dues.StartedAsync(plan, member), plan);
    }

    private async Task<string> SnapshotAsync(Member member) => (await Dues.MemberAsync(member)).GetRawText();

    private async Task AssertUnchangedAsync(Member member, string before, JsonObject refused)
    {
        Assert.Equal(before, await SnapshotAsync(member));
        Assert.False(await Dues.EventRecordedAsync(refused));
    }
}

/// <summary>A body sent in chunks (no Content-Length): its first bytes, then nothing more until <see cref="End"/>.</summary>
internal sealed class EndlessBody(int first) : HttpContent
{
    private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void End() => _end.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        var chunk = new byte[16 * 1024];
        Array.Fill(chunk, (byte)' ');
        for (var sent = 0; sent < first; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk);
            await stream.FlushAsync();
        }

        await _end.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

public sealed class WebhookTestsOnSqlite(SqliteApi api) : WebhookTests(api), IClassFixture<SqliteApi>;

public sealed class WebhookTestsOnPostgreSql(PostgreSqlApi api) : WebhookTests(api), IClassFixture<PostgreSqlApi>;

public sealed class WebhookTestsOnSqlServer(SqlServerApi api) : WebhookTests(api), IClassFixture<SqlServerApi>;
