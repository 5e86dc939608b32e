using Membership.Tests.Conferences.CheckIn;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Queries;

/// <summary>Orders with their tickets, ticket types and conference come through batch loaders: the SQL commands do not grow with the page.</summary>
public abstract class TicketLoadingTests(ApiFixture api) : TicketTest(api)
{
    private const string Document = """
        query($c: ID!) {
          ticketOrders(conferenceId: $c, first: 50) {
            nodes {
              number status total { amount } conference { name }
              tickets { status attendeeName code price { amount } ticketType { name } conference { name } order { number } }
            }
          }
        }
        """;

    [SkippableFact]
    public async Task Twenty_orders_with_their_tickets_cost_as_many_commands_as_two()
    {
        var few = await ConferenceWithOrdersAsync(2);
        var many = await ConferenceWithOrdersAsync(20);

        var (fewCommands, fewOrders) = await CommandsForAsync(few);
        var (manyCommands, manyOrders) = await CommandsForAsync(many);

        Assert.Equal((2, 20), (fewOrders, manyOrders));
        Assert.Equal(fewCommands, manyCommands);
    }

    private const string AttendeesDocument = """
        query($c: ID!) {
          conferenceAttendees(conferenceId: $c, status: [VALID, TRANSFERRED], first: 50) {
            nodes {
              status attendeeName attendeeMember { id lastName }
              order { number buyerMember { id lastName } agency { id name } voucherCode }
              transfer { fromName toName by newTicket { status } }
            }
          }
        }
        """;

    private const string OwnOrdersDocument = """
        {
          me {
            ticketOrders {
              number status voucherCode total { amount }
              tickets { status code attendeeName attendeeMember { id } ticketType { name } conference { name } order { number } }
            }
            tickets { code ticketType { name } }
          }
        }
        """;

    [SkippableFact]
    public async Task Twenty_attendees_with_their_members_orders_agencies_vouchers_and_transfers_cost_as_many_commands_as_two()
    {
        var few = await AgencyTicketsTransferredAsync(1);
        var many = await AgencyTicketsTransferredAsync(10);

        var (fewCommands, fewRows) = await AttendeeCommandsAsync(few);
        var (manyCommands, manyRows) = await AttendeeCommandsAsync(many);

        Assert.Equal((2, 20), (fewRows, manyRows));
        Assert.Equal(fewCommands, manyCommands);
    }

    [SkippableFact]
    public async Task A_members_twenty_orders_with_their_tickets_cost_as_many_commands_as_two()
    {
        var few = await MemberWithOrdersAsync(2);
        var many = await MemberWithOrdersAsync(20);

        var (fewCommands, fewOrders) = await OwnOrderCommandsAsync(few);
        var (manyCommands, manyOrders) = await OwnOrderCommandsAsync(many);

        Assert.Equal((2, 20), (fewOrders, manyOrders));
        Assert.Equal(fewCommands, manyCommands);
    }

    /// <summary>
    /// A conference where <paramref name="count"/> agency officers each bought their own ticket with a voucher for their
    /// agency, and staff then passed each to a guest: 2 × count attendee rows (the old ticket and the new).
    /// </summary>
    private async Task<Made> AgencyTicketsTransferredAsync(int count)
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        var code = TestData.Unique("LOAD").ToUpperInvariant();
        await Tickets.VoucherAsync(conference, [type], code, maxUses: 100, percentOff: 10);
        var plan = await Data.PlanAsync();
        for (var i = 0; i < count; i++)
        {
            var agency = await Data.AgencyAsync();
            var officer = await Data.MemberAsync(plan, agency);
            var order = TicketDriver.Ordered(await Tickets.PurchaseAsync(new
            {
                conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency), voucherCode = code,
                items = new[] { new { ticketTypeId = type.GlobalId, attendee = new { memberId = TestData.MemberId(officer) } } },
            }, TestIdentity.Member(officer.Id)));
            var paid = await Tickets.PaidAsync(TicketDriver.Key(order));
            await Tickets.TransferAsync(paid.Tickets.Single(), $"Guest {i}");
        }

        return conference;
    }

    private async Task<(int Commands, int Rows)> AttendeeCommandsAsync(Made conference)
    {
        Api.Commands.Reset();
        var data = await Client.DataAsync(AttendeesDocument, new { c = conference.GlobalId }, TestIdentity.Staff);
        var commands = Api.Commands.Count;
        var rows = data.At("conferenceAttendees.nodes").EnumerateArray().ToList();
        var old = rows.Where(r => r.Str("status") == "TRANSFERRED").ToList();
        Assert.Equal(rows.Count / 2, old.Count);
        Assert.All(old, r => Assert.False(string.IsNullOrEmpty(r.Str("attendeeMember.lastName")) || string.IsNullOrEmpty(r.Str("transfer.toName"))
            || r.Str("transfer.newTicket.status") != "VALID"));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.Str("order.buyerMember.lastName")) || string.IsNullOrEmpty(r.Str("order.agency.name"))
            || string.IsNullOrEmpty(r.Str("order.voucherCode"))));
        return (commands, rows.Count);
    }

    /// <summary>A member with <paramref name="count"/> paid orders of two tickets each (their own and a guest's).</summary>
    private async Task<Membership.Members.Member> MemberWithOrdersAsync(int count)
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        for (var i = 0; i < count; i++)
        {
            await Tickets.PaidAsync(TicketDriver.Key(TicketDriver.Ordered(await Tickets.MemberPurchaseAsync(conference, type, member, count: 2))));
        }

        return member;
    }

    private async Task<(int Commands, int Orders)> OwnOrderCommandsAsync(Membership.Members.Member member)
    {
        Api.Commands.Reset();
        var data = await Client.DataAsync(OwnOrdersDocument, null, TestIdentity.Member(member.Id));
        var commands = Api.Commands.Count;
        var orders = data.At("me.ticketOrders").EnumerateArray().ToList();
        Assert.All(orders.SelectMany(o => o.GetProperty("tickets").EnumerateArray()), t =>
            Assert.False(string.IsNullOrEmpty(t.Str("code")) || string.IsNullOrEmpty(t.Str("ticketType.name")) || string.IsNullOrEmpty(t.Str("order.number"))));
        Assert.Equal(orders.Count, data.At("me.tickets").GetArrayLength());
        return (commands, orders.Count);
    }

    /// <summary>A conference with two ticket types and <paramref name="count"/> orders of two tickets each, alternating types, half paid.</summary>
    private async Task<Made> ConferenceWithOrdersAsync(int count)
    {
        var conference = await Tickets.ConferenceAsync();
        Made[] types = [await Tickets.TicketTypeAsync(conference), await Tickets.TicketTypeAsync(conference)];
        for (var i = 0; i < count; i++)
        {
            await Tickets.SoldAsync(conference, types[i % 2], [$"First {i}", $"Second {i}"], paid: i % 2 == 0);
        }

        return conference;
    }

    private async Task<(int Commands, int Orders)> CommandsForAsync(Made conference)
    {
        Api.Commands.Reset();
        var data = await Client.DataAsync(Document, new { c = conference.GlobalId }, TestIdentity.Staff);
        var commands = Api.Commands.Count;
        var orders = data.At("ticketOrders.nodes").EnumerateArray().ToList();
        Assert.All(orders, o => Assert.Equal(2, o.GetProperty("tickets").GetArrayLength()));
        Assert.All(orders.SelectMany(o => o.GetProperty("tickets").EnumerateArray()), t =>
            Assert.False(string.IsNullOrEmpty(t.Str("ticketType.name")) || string.IsNullOrEmpty(t.Str("conference.name")) || string.IsNullOrEmpty(t.Str("order.number"))));
        return (commands, orders.Count);
    }
}

public sealed class TicketLoadingTestsOnSqlite(SqliteApi api) : TicketLoadingTests(api), IClassFixture<SqliteApi>;

public sealed class TicketLoadingTestsOnPostgreSql(PostgreSqlApi api) : TicketLoadingTests(api), IClassFixture<PostgreSqlApi>;

public sealed class TicketLoadingTestsOnSqlServer(SqlServerApi api) : TicketLoadingTests(api), IClassFixture<SqlServerApi>;
