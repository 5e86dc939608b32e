using Membership.Tests.Infrastructure;

namespace Membership.Tests.Dues.Payments;

public abstract class CheckoutSmokeTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task A_paid_checkout_extends_the_membership_once_however_often_Stripe_says_so()
    {
        var plan = await _data.PlanAsync();
        var member = await _data.MemberAsync(plan, termStart: _data.Today.AddMonths(-6));
        var start = await Client.DataAsync("mutation($p: ID!) { startDuesPayment(input: { planId: $p }) { checkoutUrl payment { id status } userErrors { code } } }",
            new { p = TestData.PlanId(plan) }, TestIdentity.Member(member.Id));
        var session = Api.Stripe.Requests.Last(r => r.Path == "/v1/checkout/sessions");
        Assert.Equal("7500", session.Form["line_items[0][price_data][unit_amount]"]);
        Assert.False(string.IsNullOrEmpty(session.IdempotencyKey));

        var sessionId = new Uri(start.Str("startDuesPayment.checkoutUrl")!).Segments[^1];
        var events = Api.Stripe.Pay(sessionId);
        var http = Client.Http;
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FakeStripe.DeliverAsync(http, events[0])));
        Assert.All(deliveries, r => Assert.True(r.IsSuccessStatusCode));

        var after = await Client.DataAsync("query($id: ID!) { member(id: $id) { terms { startsOn endsOn } duesPayments { status } } }",
            new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id));
        Assert.Equal(2, after.At("member.terms").GetArrayLength());
        Assert.Equal("SUCCEEDED", after.Str("member.duesPayments.0.status"));
    }
}

public sealed class CheckoutSmokeTestsOnSqlite(SqliteApi api) : CheckoutSmokeTests(api), IClassFixture<SqliteApi>;

public sealed class CheckoutSmokeTestsOnPostgreSql(PostgreSqlApi api) : CheckoutSmokeTests(api), IClassFixture<PostgreSqlApi>;
