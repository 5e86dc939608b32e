using System.Text.Json;
using Membership.Members;
using Membership.Tests.Conferences;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Members;

/// <summary>
/// A member's agency is their own claim until staff accept them: it grants rights at the agency (its ticket orders and
/// tickets, paying its dues) only while the member is ACTIVE or in GRACE, never to a pending applicant.
/// </summary>
public abstract class AgencyAffiliationTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    private const string OrderAndTickets = "query($o: ID!, $t: ID!) { order: node(id: $o) { id } ticket: node(id: $t) { id } }";

    [SkippableFact]
    public async Task A_pending_applicant_of_an_agency_cannot_see_its_block_orders_but_an_active_officer_can()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var officer = await _data.MemberAsync(plan, agency);
        var applicant = await _data.MemberAsync(plan, agency, activated: false);
        var tickets = new TicketDriver(Api.Factory);
        var conference = await tickets.ConferenceAsync();
        var type = await tickets.TicketTypeAsync(conference);
        var order = TicketDriver.Ordered(await tickets.PurchaseAsync(new
        {
            conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency),
            items = new[] { new { ticketTypeId = type.GlobalId }, new { ticketTypeId = type.GlobalId } },
        }, TestIdentity.Member(officer.Id)));
        var ticket = TestData.Id("Ticket", (await tickets.OrderAsync(TicketDriver.Key(order))).Tickets[0].Id);
        var ids = new { o = order.Str("id"), t = ticket };

        var asApplicant = await Client.DataAsync(OrderAndTickets, ids, TestIdentity.Member(applicant.Id));
        var asOfficer = await Client.DataAsync(OrderAndTickets, ids, TestIdentity.Member(officer.Id));

        Assert.Equal(JsonValueKind.Null, asApplicant.At("order").ValueKind);
        Assert.Equal(JsonValueKind.Null, asApplicant.At("ticket").ValueKind);
        Assert.Equal(order.Str("id"), asOfficer.Str("order.id"));
        Assert.Equal(ticket, asOfficer.Str("ticket.id"));
    }

    [SkippableFact]
    public async Task A_pending_applicant_cannot_buy_for_or_pay_the_dues_of_the_agency_they_named()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var colleague = await _data.MemberAsync(plan, agency);
        var applicant = await _data.MemberAsync(plan, agency, activated: false);
        var tickets = new TicketDriver(Api.Factory);
        var conference = await tickets.ConferenceAsync();
        var type = await tickets.TicketTypeAsync(conference);

        var purchase = await tickets.PurchaseAsync(new
        {
            conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency), items = new[] { new { ticketTypeId = type.GlobalId } },
        }, TestIdentity.Member(applicant.Id));
        var dues = await Client.PostAsync(
            "mutation($input: StartAgencyDuesPaymentInput!) { startAgencyDuesPayment(input: $input) { checkoutUrl userErrors { code } } }",
            new { input = new { agencyId = TestData.AgencyId(agency), planId = TestData.PlanId(plan), memberIds = new[] { TestData.MemberId(colleague) } } },
            TestIdentity.Member(applicant.Id));

        Assert.Contains("FORBIDDEN", purchase.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], dues.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, dues.Data.At("startAgencyDuesPayment").ValueKind);
    }

    [SkippableFact]
    public async Task An_active_member_acts_for_the_agency_they_named_only_once_staff_confirm_it()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var member = await _data.MemberAsync(plan, agency);
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            // As joinAssociation leaves it: the member's own claim, then activated by paying their dues.
            await db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AgencyConfirmedAt, (DateTimeOffset?)null));
        }

        var tickets = new TicketDriver(Api.Factory);
        var conference = await tickets.ConferenceAsync();
        var type = await tickets.TicketTypeAsync(conference);
        var block = new { conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency), items = new[] { new { ticketTypeId = type.GlobalId } } };

        var unconfirmed = await tickets.PurchaseAsync(block, TestIdentity.Member(member.Id));
        var confirm = (await Client.DataAsync(
            "mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { agencyConfirmedAt } userErrors { code } } }",
            new { input = new { id = TestData.MemberId(member), agencyId = TestData.AgencyId(agency) } }, TestIdentity.Staff)).At("updateMember");
        var confirmed = await tickets.PurchaseAsync(block, TestIdentity.Member(member.Id));

        Assert.Contains("FORBIDDEN", unconfirmed.ErrorCodes);
        Assert.Equal(0, confirm.At("userErrors").GetArrayLength());
        Assert.Equal(JsonValueKind.String, confirm.At("member.agencyConfirmedAt").ValueKind);
        Assert.Equal("PENDING", TicketDriver.Ordered(confirmed).Str("status"));
    }

    [SkippableFact]
    public async Task When_the_agency_was_confirmed_is_the_members_and_staffs_to_read()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var member = await _data.MemberAsync(plan, agency);
        var other = await _data.MemberAsync(plan, agency);
        const string query = "query($id: ID!) { member(id: $id) { id agencyConfirmedAt } }";
        var id = new { id = TestData.MemberId(member) };

        var self = await Client.DataAsync(query, id, TestIdentity.Member(member.Id));
        var staff = await Client.DataAsync(query, id, TestIdentity.Staff);
        var colleague = await Client.PostAsync(query, id, TestIdentity.Member(other.Id));

        Assert.Equal(JsonValueKind.String, self.At("member.agencyConfirmedAt").ValueKind);
        Assert.Equal(self.Str("member.agencyConfirmedAt"), staff.Str("member.agencyConfirmedAt"));
        Assert.Equal(["FORBIDDEN"], colleague.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, colleague.Data.At("member.agencyConfirmedAt").ValueKind);
    }
}

public sealed class AgencyAffiliationTestsOnSqlite(SqliteApi api) : AgencyAffiliationTests(api), IClassFixture<SqliteApi>;

public sealed class AgencyAffiliationTestsOnPostgreSql(PostgreSqlApi api) : AgencyAffiliationTests(api), IClassFixture<PostgreSqlApi>;

public sealed class AgencyAffiliationTestsOnSqlServer(SqlServerApi api) : AgencyAffiliationTests(api), IClassFixture<SqlServerApi>;
