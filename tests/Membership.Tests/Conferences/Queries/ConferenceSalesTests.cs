using System.Text.Json;
using Membership.Tests.Conferences.CheckIn;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Queries;

/// <summary>How a conference sells (staff only), its vouchers (staff only), and which conferences the public sees.</summary>
public abstract class ConferenceSalesTests(ApiFixture api) : TicketTest(api)
{
    private const string SalesDocument = """
        query($id: ID!) { node(id: $id) { ... on Conference {
          sales { ticketType { id } quota held sold checkedIn cancelled available waiting revenue { amount currency } }
        } } }
        """;

    /// <summary>Each staff-only list, asked for one conference (or its ticket type), as a non-staff caller would try it.</summary>
    public static TheoryData<string, string> StaffOnly => new()
    {
        { "ticketOrders", "query($c: ID!) { ticketOrders(conferenceId: $c) { nodes { number } } }" },
        { "conferenceAttendees", "query($c: ID!) { conferenceAttendees(conferenceId: $c) { nodes { id } } }" },
        { "waitingList", "query($t: ID!) { waitingList(ticketTypeId: $t) { nodes { id } } }" },
        { "node.sales", "query($c: ID!) { node(id: $c) { ... on Conference { sales { sold } } } }" },
        { "node.vouchers", "query($c: ID!) { node(id: $c) { ... on Conference { vouchers { code } } } }" },
    };

    [SkippableFact]
    public async Task Sales_count_held_sold_used_cancelled_available_waiting_and_revenue_per_type()
    {
        var conference = await Tickets.ConferenceAsync();
        var full = await Tickets.TicketTypeAsync(conference, quota: 5, nonMemberPrice: 60000);
        var workshop = await Tickets.TicketTypeAsync(conference, quota: 1, nonMemberPrice: 25000);
        var pair = await Tickets.SoldAsync(conference, full, ["One Sold", "Two Sold"]);
        await Tickets.ScanAsync(conference, pair.Tickets[0].Code);
        await Tickets.SoldAsync(conference, full, ["Held Pending"], paid: false);
        var refunded = await Tickets.SoldAsync(conference, full, ["Gone Refunded"]);
        await Tickets.CancelAsync(refunded.Id);
        await Tickets.SoldAsync(conference, workshop, ["Last Seat"]);
        await Tickets.JoinWaitingListAsync(workshop, "First Waiting");
        await Tickets.JoinWaitingListAsync(workshop, "Second Waiting");

        var sales = (await Client.DataAsync(SalesDocument, new { id = conference.GlobalId }, TestIdentity.Staff)).At("node.sales").EnumerateArray()
            .ToDictionary(s => s.Str("ticketType.id")!, Counts);

        Assert.Equal((5, 1, 2, 1, 1, 2, 0, 120000L, "USD"), sales[full.GlobalId]);
        Assert.Equal((1, 0, 1, 0, 0, 0, 2, 25000L, "USD"), sales[workshop.GlobalId]);
    }

    [SkippableFact]
    public async Task Staff_see_a_conferences_vouchers()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        var code = TestData.Unique("SRO").ToUpperInvariant();
        await Tickets.VoucherAsync(conference, [type], code, maxUses: 7, percentOff: 10);

        var data = await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Conference { vouchers { code percentOff maxUses used ticketTypes { id } } } } }",
            new { id = conference.GlobalId }, TestIdentity.Staff);

        var voucher = Assert.Single(data.At("node.vouchers").EnumerateArray());
        Assert.Equal((code, 10, 7, 0), (voucher.Str("code"), voucher.GetProperty("percentOff").GetInt32(), voucher.GetProperty("maxUses").GetInt32(), voucher.GetProperty("used").GetInt32()));
        Assert.Equal([type.GlobalId], voucher.GetProperty("ticketTypes").EnumerateArray().Select(t => t.Str("id")));
    }

    [SkippableTheory]
    [MemberData(nameof(StaffOnly))]
    public async Task A_caller_who_is_not_staff_cannot_read_staffs_lists(string field, string document)
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        await Tickets.TicketAsync(conference, type);
        var variables = new { c = conference.GlobalId, t = type.GlobalId };

        var anonymous = await Client.PostAsync(document, variables, TestIdentity.Anonymous);
        var member = await Client.PostAsync(document, variables, await NonStaff.IdentityAsync(Api, NonStaff.Member));
        var partner = await Client.PostAsync(document, variables, TestIdentity.Partner);
        var staff = await Client.PostAsync(document, variables, TestIdentity.Staff);

        MutationAssert.Unauthenticated(anonymous);
        Assert.All(new[] { member, partner }, refused => TicketSteps.Forbidden(refused, field));
        Assert.False(staff.HasErrors, staff.Text);
    }

    [SkippableFact]
    public async Task The_public_list_of_conferences_hides_drafts_from_everyone_but_staff()
    {
        var draft = await Tickets.ConferenceAsync(status: "DRAFT");
        var onSale = await Tickets.ConferenceAsync();
        var member = await NonStaff.IdentityAsync(Api, NonStaff.Member);
        const string Document = "query($id: ID!) { conferences(first: 100) { nodes { id status } } node(id: $id) { id } }";

        var seen = new Dictionary<string, JsonElement>();
        foreach (var (who, caller) in new[] { ("anonymous", TestIdentity.Anonymous), ("member", member), ("staff", TestIdentity.Staff) })
        {
            seen[who] = await Client.DataAsync(Document, new { id = draft.GlobalId }, caller);
        }

        Assert.All(new[] { "anonymous", "member" }, who =>
        {
            var ids = Ids(seen[who]);
            Assert.Contains(onSale.GlobalId, ids);
            Assert.DoesNotContain(draft.GlobalId, ids);
            Assert.DoesNotContain("DRAFT", seen[who].At("conferences.nodes").EnumerateArray().Select(n => n.Str("status")));
            Assert.Equal(JsonValueKind.Null, seen[who].GetProperty("node").ValueKind);
        });
        Assert.Contains(draft.GlobalId, Ids(seen["staff"]));
        Assert.Equal(draft.GlobalId, seen["staff"].Str("node.id"));
    }

    private static (int, int, int, int, int, int, int, long, string?) Counts(JsonElement s) =>
        (s.GetProperty("quota").GetInt32(), s.GetProperty("held").GetInt32(), s.GetProperty("sold").GetInt32(), s.GetProperty("checkedIn").GetInt32(),
            s.GetProperty("cancelled").GetInt32(), s.GetProperty("available").GetInt32(), s.GetProperty("waiting").GetInt32(), s.At("revenue.amount").GetInt64(), s.Str("revenue.currency"));

    private static List<string?> Ids(JsonElement data) => [.. data.At("conferences.nodes").EnumerateArray().Select(n => n.Str("id"))];
}

public sealed class ConferenceSalesTestsOnSqlite(SqliteApi api) : ConferenceSalesTests(api), IClassFixture<SqliteApi>;

public sealed class ConferenceSalesTestsOnPostgreSql(PostgreSqlApi api) : ConferenceSalesTests(api), IClassFixture<PostgreSqlApi>;

public sealed class ConferenceSalesTestsOnSqlServer(SqlServerApi api) : ConferenceSalesTests(api), IClassFixture<SqlServerApi>;
