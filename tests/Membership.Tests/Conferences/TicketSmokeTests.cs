using System.Net;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences;

/// <summary>The whole path once: staff set up a conference, a member buys, Stripe confirms, the scanner admits, attendance counts.</summary>
public abstract class TicketSmokeTests(ApiFixture api) : TicketTest(api)
{
    [SkippableFact]
    public async Task A_member_buys_pays_and_is_checked_in_once()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var conference = await Tickets.ConferenceAsync(capacity: 100);
        var type = await Tickets.TicketTypeAsync(conference, quota: 2);

        var purchase = await Tickets.MemberPurchaseAsync(conference, type, member);

        var order = TicketDriver.Ordered(purchase);
        Assert.Equal(("PENDING", 45000), (order.Str("status"), order.At("total.amount").GetInt32()));
        Assert.StartsWith("http", purchase.Data.Str("purchaseTickets.checkoutUrl"));
        await Tickets.PaidAsync(TicketDriver.Key(order));
        var paid = (await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on TicketOrder { status tickets { status code qrSvgUrl } } } }",
            new { id = order.Str("id") }, TestIdentity.Member(member.Id))).At("node");
        Assert.Equal(("PAID", "VALID"), (paid.Str("status"), paid.Str("tickets.0.status")));
        using (var qr = await Client.Http.GetAsync(paid.Str("tickets.0.qrSvgUrl")))
        {
            Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (qr.StatusCode, qr.Content.Headers.ContentType?.MediaType));
        }

        var first = (await Tickets.CheckInAsync(conference, paid.Str("tickets.0.code"))).Data.At("checkInTicket.checkIn");
        var second = (await Tickets.CheckInAsync(conference, paid.Str("tickets.0.code"))).Data.At("checkInTicket.checkIn");

        Assert.Equal(("CHECKED_IN", "ALREADY_CHECKED_IN"), (first.Str("result"), second.Str("result")));
        Assert.Equal(first.Str("checkedInAt"), second.Str("checkedInAt"));
        var attendance = (await Client.DataAsync("query($id: ID!) { member(id: $id) { conferenceAttendances { source } } }",
            new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id))).At("member");
        Assert.Equal("CHECK_IN", attendance.Str("conferenceAttendances.0.source"));
    }
}

public sealed class TicketSmokeTestsOnSqlite(SqliteApi api) : TicketSmokeTests(api), IClassFixture<SqliteApi>;

public sealed class TicketSmokeTestsOnPostgreSql(PostgreSqlApi api) : TicketSmokeTests(api), IClassFixture<PostgreSqlApi>;
