using System.Text.Json;
using Membership.Tests.Conferences.CheckIn;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Queries;

/// <summary>Orders and tickets are their buyer's and holder's (and staff's): nobody else reads them, not even their existence.</summary>
public abstract class TicketVisibilityTests(ApiFixture api) : TicketTest(api)
{
    private const string OwnTicketsDocument = """
        query($id: ID!) {
          me { ...own }
          member(id: $id) { ...own }
        }
        fragment own on Member { ticketOrders { id number status tickets { id code attendeeName } } tickets { id code status conference { id } } }
        """;

    private const string AnonymousPurchase =
        "mutation($i: PurchaseTicketsInput!) { purchaseTickets(input: $i) { checkoutUrl order { number status total { amount currency } checkoutUrl SELECTION } "
        + TicketSteps.UserErrors + " } }";

    [SkippableFact]
    public async Task A_member_sees_their_orders_and_their_tickets_with_codes()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var conference = await Tickets.ConferenceAsync();
        var purchase = TicketDriver.Ordered(await Tickets.MemberPurchaseAsync(conference, await Tickets.TicketTypeAsync(conference), member, count: 2));
        var order = await Tickets.PaidAsync(TicketDriver.Key(purchase));
        var own = order.Tickets.Single(t => t.AttendeeMemberId == member.Id);

        var data = await Client.DataAsync(OwnTicketsDocument, new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id));

        foreach (var record in new[] { data.GetProperty("me"), data.GetProperty("member") })
        {
            var listed = Assert.Single(record.GetProperty("ticketOrders").EnumerateArray());
            Assert.Equal((order.Number, "PAID"), (listed.Str("number"), listed.Str("status")));
            Assert.Equal(order.Tickets.Select(t => t.Code).Order(), listed.GetProperty("tickets").EnumerateArray().Select(t => t.Str("code")).Order());
            var ticket = Assert.Single(record.GetProperty("tickets").EnumerateArray()); // the guest's ticket is not the member's to show at the door
            Assert.Equal((own.Code, "VALID", conference.GlobalId), (ticket.Str("code"), ticket.Str("status"), ticket.Str("conference.id")));
        }
    }

    [SkippableFact]
    public async Task Another_member_sees_nothing_of_a_members_orders_and_tickets()
    {
        var plan = await Data.PlanAsync();
        var owner = await Data.MemberAsync(plan);
        var other = await Data.MemberAsync(plan);
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.MemberTicketAsync(conference, await Tickets.TicketTypeAsync(conference), owner);

        var nodes = await Client.DataAsync("query($o: ID!, $t: ID!) { order: node(id: $o) { id } ticket: node(id: $t) { id } }",
            new { o = TestData.Id("TicketOrder", ticket.OrderId), t = TestData.Id("Ticket", ticket.Id) }, TestIdentity.Member(other.Id));
        var fields = await Client.PostAsync("query($id: ID!) { member(id: $id) { id ticketOrders { id } tickets { code } waitingListEntries { id } } }",
            new { id = TestData.MemberId(owner) }, TestIdentity.Member(other.Id));

        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (nodes.GetProperty("order").ValueKind, nodes.GetProperty("ticket").ValueKind));
        Assert.Equal(TestData.MemberId(owner), fields.Data.Str("member.id")); // in the directory, but not their tickets
        Assert.All(new[] { "ticketOrders", "tickets", "waitingListEntries" }, f => Assert.Equal(JsonValueKind.Null, fields.Data.At("member." + f).ValueKind));
        Assert.Equal(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"], fields.ErrorCodes);
    }

    [SkippableFact]
    public async Task A_partner_client_sees_nothing_of_a_members_orders_tickets_or_waiting_list_places()
    {
        var owner = await Data.MemberAsync(await Data.PlanAsync());
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.MemberTicketAsync(conference, await Tickets.TicketTypeAsync(conference), owner);

        var nodes = await Client.PostAsync("""
            query($o: ID!, $t: ID!) {
              order: node(id: $o) { id ... on TicketOrder { number buyerEmail } }
              ticket: node(id: $t) { id ... on Ticket { code attendeeName } }
            }
            """, new { o = TestData.Id("TicketOrder", ticket.OrderId), t = TestData.Id("Ticket", ticket.Id) }, TestIdentity.Partner);
        var fields = await Client.PostAsync("query($id: ID!) { member(id: $id) { id ticketOrders { id } tickets { code } waitingListEntries { id } } }",
            new { id = TestData.MemberId(owner) }, TestIdentity.Partner);

        Assert.False(nodes.HasErrors, nodes.Text);
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (nodes.Data.GetProperty("order").ValueKind, nodes.Data.GetProperty("ticket").ValueKind));
        var member = fields.Body.GetProperty("data").GetProperty("member");
        Assert.True(member.ValueKind == JsonValueKind.Null
            || new[] { "ticketOrders", "tickets", "waitingListEntries" }.All(f => member.GetProperty(f).ValueKind == JsonValueKind.Null), fields.Text);
        Assert.DoesNotContain(ticket.Code, fields.Text + nodes.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Email, fields.Text + nodes.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_anonymous_buyer_gets_the_order_number_total_and_checkout()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference, nonMemberPrice: 52500);

        var result = await Client.PostAsync(AnonymousPurchase.Replace("SELECTION", string.Empty, StringComparison.Ordinal), new { i = GuestOrder(conference, type) }, TestIdentity.Anonymous);

        var order = MutationAssert.Succeeded(result.Data.GetProperty("purchaseTickets"), "order");
        Assert.StartsWith("T-", order.Str("number"), StringComparison.Ordinal);
        Assert.Equal(("PENDING", 52500, "USD"), (order.Str("status"), order.At("total.amount").GetInt32(), order.Str("total.currency")));
        Assert.StartsWith("http", order.Str("checkoutUrl"), StringComparison.Ordinal);
        Assert.Equal(order.Str("checkoutUrl"), result.Data.Str("purchaseTickets.checkoutUrl"));
    }

    [SkippableTheory]
    [InlineData("tickets { attendeeName }")]
    [InlineData("tickets { attendeeEmail }")]
    [InlineData("tickets { code }")]
    [InlineData("buyerEmail")]
    [InlineData("buyerName")]
    public async Task An_anonymous_buyer_cannot_select_personal_fields_and_nothing_is_bought(string selection)
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);

        var result = await Client.PostAsync(AnonymousPurchase.Replace("SELECTION", selection, StringComparison.Ordinal), new { i = GuestOrder(conference, type) }, TestIdentity.Anonymous);

        MutationAssert.Unauthenticated(result);
        await using var db = await Api.Db.CreateDbContextAsync();
        Assert.False(await db.TicketOrders.AnyAsync(o => o.ConferenceId == conference.Id));
    }

    private static object GuestOrder(Made conference, Made type) => new
    {
        conferenceId = conference.GlobalId, buyer = new { name = "Pat Buyer", email = "pat.buyer@example.org" },
        items = new[] { new { ticketTypeId = type.GlobalId, attendee = new { name = "Pat Buyer", email = "pat.buyer@example.org" } } },
    };
}

public sealed class TicketVisibilityTestsOnSqlite(SqliteApi api) : TicketVisibilityTests(api), IClassFixture<SqliteApi>;

public sealed class TicketVisibilityTestsOnPostgreSql(PostgreSqlApi api) : TicketVisibilityTests(api), IClassFixture<PostgreSqlApi>;

public sealed class TicketVisibilityTestsOnSqlServer(SqlServerApi api) : TicketVisibilityTests(api), IClassFixture<SqlServerApi>;
