using System.Text.Json;
using Membership.Agencies;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Dues.Payments;

/// <summary>startAgencyDuesPayment: one checkout for several of an agency's officers, each extended once when it is paid.</summary>
public abstract class AgencyCheckoutTests(ApiFixture api) : PaymentTest(api)
{
    [SkippableFact]
    public async Task A_colleague_pays_one_checkout_for_three_officers_and_each_is_extended_once()
    {
        var (agency, plan, officers) = await AgencyAsync();
        var colleague = await Data.MemberAsync(plan, agency);

        var checkout = await StartedAsync(agency, plan, officers, TestIdentity.Member(colleague.Id));
        var events = await Dues.Stripe.PayAsync(checkout.SessionId);
        await Dues.DeliverAsync([.. events, .. events]);

        foreach (var officer in officers)
        {
            var terms = await Dues.TermsAsync(officer);
            Assert.Equal(2, terms.Count);
            Assert.Equal(terms[0].EndsOn!.Value.AddDays(1), terms[1].StartsOn);
        }

        var payment = await Dues.PaymentAsync(checkout.Id);
        Assert.Equal((DuesPaymentStatus.Succeeded, DuesPaymentKind.AgencyGroup, agency.Id, colleague.Id), (payment.Status, payment.Kind, payment.AgencyId, payment.PayerMemberId));
        Assert.All(payment.Lines, l => Assert.NotNull(l.TermId));
    }

    [SkippableFact]
    public async Task Staff_start_an_agency_checkout_with_quantity_three_at_three_times_the_price()
    {
        var (agency, plan, officers) = await AgencyAsync();

        var checkout = await StartedAsync(agency, plan, officers, TestIdentity.Staff);

        var session = Assert.Single(Dues.Sent("POST", "/v1/checkout/sessions"), r => r.Form.GetValueOrDefault("metadata[payment_id]") == checkout.Id.ToString());
        Assert.Equal(("payment", "3", "6000"), (session.Form["mode"], session.Form["line_items[0][quantity]"], session.Form["line_items[0][price_data][unit_amount]"]));
        Assert.Equal(18000, (long)(await Dues.Stripe.FindAsync(checkout.SessionId))!["amount_total"]!);
        var payment = await Dues.PaymentAsync(checkout.Id);
        Assert.Equal((18000L, "USD", (Guid?)null), (payment.Amount, payment.Currency, payment.PayerMemberId));
        Assert.Equal(officers.Select(o => o.Id).Order(), payment.Lines.Select(l => l.MemberId).Order());
        Assert.All(payment.Lines, l => Assert.Equal(6000, l.Amount));
        var customer = Assert.Single(Dues.Sent("POST", "/v1/customers"), r => r.Form.GetValueOrDefault("metadata[agency_id]") == agency.Id.ToString());
        Assert.Equal(agency.Name, customer.Form["name"]);
    }

    [SkippableFact]
    public async Task An_officer_of_another_agency_is_refused_with_NOT_IN_AGENCY_at_its_place_in_the_list()
    {
        var outsider = await Data.MemberAsync(await Data.PlanAsync(), await Data.AgencyAsync()); // made first: it sorts first in the database
        var (agency, plan, officers) = await AgencyAsync();
        var requests = Dues.Stripe.Requests.Count;

        var result = await Dues.StartForAgencyAsync(agency, plan, [officers[0], officers[1], outsider], TestIdentity.Staff);

        MutationAssert.Failed(DuesDriver.Payload(result, "startAgencyDuesPayment"), "payment", "NOT_IN_AGENCY", "input", "memberIds", "2");
        Assert.Empty(await Dues.PaymentsOfAsync(officers[0]));
        Assert.Equal(requests, Dues.Stripe.Requests.Count);
    }

    [SkippableFact]
    public async Task An_officer_listed_twice_is_refused_with_DUPLICATE_at_the_repeat()
    {
        var (agency, plan, officers) = await AgencyAsync();
        var requests = Dues.Stripe.Requests.Count;

        var result = await Dues.StartForAgencyAsync(agency, plan, [officers[0], officers[1], officers[2], officers[1]], TestIdentity.Staff);

        MutationAssert.Failed(DuesDriver.Payload(result, "startAgencyDuesPayment"), "payment", "DUPLICATE", "input", "memberIds", "3");
        Assert.Empty(await Dues.PaymentsOfAsync(officers[1]));
        Assert.Equal(requests, Dues.Stripe.Requests.Count);
    }

    [SkippableFact]
    public async Task A_member_outside_the_agency_is_forbidden()
    {
        var (agency, plan, officers) = await AgencyAsync();
        var stranger = await Data.MemberAsync(plan, await Data.AgencyAsync());

        MutationAssert.Forbidden(await Dues.StartForAgencyAsync(agency, plan, officers, TestIdentity.Member(stranger.Id)), "startAgencyDuesPayment");

        Assert.Empty(await Dues.PaymentsOfAsync(officers[0]));
    }

    [SkippableFact]
    public async Task Anonymous_callers_get_401()
    {
        var (agency, plan, officers) = await AgencyAsync();

        MutationAssert.Unauthenticated(await Dues.StartForAgencyAsync(agency, plan, officers, TestIdentity.Anonymous));
    }

    /// <summary>An agency with three officers six months into a year's term, on a plan of 60.00 USD.</summary>
    private async Task<(Agency Agency, MembershipPlan Plan, List<Member> Officers)> AgencyAsync()
    {
        var agency = await Data.AgencyAsync();
        var plan = await Data.PlanAsync(price: 6000);
        return (agency, plan, await Data.MembersAsync(3, plan, agency, Data.Today.AddMonths(-6)));
    }

    private async Task<Checkout> StartedAsync(Agency agency, MembershipPlan plan, IEnumerable<Member> officers, TestIdentity caller)
    {
        var payload = DuesDriver.Payload(await Dues.StartForAgencyAsync(agency, plan, officers, caller), "startAgencyDuesPayment");
        Assert.Equal(3, payload.At("payment.lines").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, payload.At("payment.agency").ValueKind);
        return DuesDriver.Opened(payload);
    }
}

public sealed class AgencyCheckoutTestsOnSqlite(SqliteApi api) : AgencyCheckoutTests(api), IClassFixture<SqliteApi>;

public sealed class AgencyCheckoutTestsOnPostgreSql(PostgreSqlApi api) : AgencyCheckoutTests(api), IClassFixture<PostgreSqlApi>;

public sealed class AgencyCheckoutTestsOnSqlServer(SqlServerApi api) : AgencyCheckoutTests(api), IClassFixture<SqlServerApi>;
