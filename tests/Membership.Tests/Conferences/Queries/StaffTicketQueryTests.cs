using System.Text.Json;
using Membership.Tests.Conferences.CheckIn;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Queries;

/// <summary>Staff's lists of a conference: orders, attendees and the waiting list, filtered and paged.</summary>
public abstract class StaffTicketQueryTests(ApiFixture api) : TicketTest(api)
{
    private const string OrdersDocument = """
        query($c: ID!, $status: [TicketOrderStatus!], $agency: ID, $search: String, $first: Int, $after: String) {
          ticketOrders(conferenceId: $c, status: $status, agencyId: $agency, search: $search, first: $first, after: $after) {
            nodes { number } pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string AttendeesDocument = """
        query($c: ID!, $type: ID, $status: [TicketStatus!], $search: String) {
          conferenceAttendees(conferenceId: $c, ticketTypeId: $type, status: $status, search: $search, first: 100) { nodes { attendeeName } }
        }
        """;

    [SkippableFact]
    public async Task Staff_find_orders_by_status_agency_number_and_buyer_email()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        var agency = await Data.AgencyAsync();
        var email = $"{TestData.Unique("orders")}@example.org";
        var paid = await Tickets.SoldAsync(conference, type, ["Paid Person"], buyerEmail: email);
        var pending = await Tickets.SoldAsync(conference, type, ["Pending Person"], paid: false);
        var block = await Tickets.SoldAsync(conference, type, ["Block Person"], agencyId: agency.Id);
        var cancelled = await Tickets.SoldAsync(conference, type, ["Cancelled Person"]);
        await Tickets.CancelAsync(cancelled.Id);

        Assert.Equal([pending.Number], await OrderNumbersAsync(conference, new { status = new[] { "PENDING" } }));
        Assert.Equal([cancelled.Number], await OrderNumbersAsync(conference, new { status = new[] { "REFUNDED" } }));
        Assert.Equal([block.Number, paid.Number], await OrderNumbersAsync(conference, new { status = new[] { "PAID" } }));
        Assert.Equal([block.Number], await OrderNumbersAsync(conference, new { agency = TestData.AgencyId(agency) }));
        Assert.Equal([block.Number], await OrderNumbersAsync(conference, new { search = block.Number.ToLowerInvariant() }));
        Assert.Equal([paid.Number], await OrderNumbersAsync(conference, new { search = $"  {email.ToUpperInvariant()} " }));
        Assert.Equal([cancelled.Number, block.Number, pending.Number, paid.Number], await OrderNumbersAsync(conference, new { }));
    }

    [SkippableFact]
    public async Task Staff_page_through_orders_newest_first()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await Tickets.SoldAsync(conference, type, [$"Person {i}"], paid: false)).Number);
        }

        var first = await OrdersAsync(conference, new { first = 2 });
        var rest = await OrdersAsync(conference, new { first = 2, after = first.Str("pageInfo.endCursor") });

        Assert.True(first.At("pageInfo.hasNextPage").GetBoolean());
        Assert.False(rest.At("pageInfo.hasNextPage").GetBoolean());
        Assert.Equal(Enumerable.Reverse(numbers), Numbers(first).Concat(Numbers(rest)));
    }

    [SkippableFact]
    public async Task Staff_find_attendees_by_type_status_and_a_part_of_the_name_or_the_email()
    {
        var conference = await Tickets.ConferenceAsync();
        var full = await Tickets.TicketTypeAsync(conference);
        var day = await Tickets.TicketTypeAsync(conference);
        var jose = await Tickets.TicketAsync(conference, full, "José Núñez");
        var joseph = await Tickets.TicketAsync(conference, day, "Joseph Smith");
        await Tickets.ScanAsync(conference, joseph.Code);
        var gone = await Tickets.SoldAsync(conference, full, ["Ann Gone"]);
        await Tickets.CancelAsync(gone.Id);

        Assert.Equal(["José Núñez", "Joseph Smith"], await AttendeesAsync(conference, new { }));
        Assert.Equal(["Joseph Smith"], await AttendeesAsync(conference, new { type = day.GlobalId }));
        Assert.Equal(["Joseph Smith"], await AttendeesAsync(conference, new { status = new[] { "CHECKED_IN" } }));
        Assert.Equal(["Ann Gone"], await AttendeesAsync(conference, new { status = new[] { "CANCELLED" } }));
        Assert.Equal(["José Núñez"], await AttendeesAsync(conference, new { search = "NUNEZ" }));
        Assert.Equal(["José Núñez"], await AttendeesAsync(conference, new { search = "ñúñ" }));
        Assert.Equal(["José Núñez", "Joseph Smith"], await AttendeesAsync(conference, new { search = "jos" }));
        Assert.Equal(["José Núñez"], await AttendeesAsync(conference, new { search = jose.AttendeeEmail!.ToUpperInvariant() }));
        Assert.Empty(await AttendeesAsync(conference, new { search = "j%" })); // a wildcard is only a character
    }

    [SkippableFact]
    public async Task An_attendee_search_shorter_than_two_characters_fails_with_SEARCH_TOO_SHORT()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        await Tickets.TicketAsync(conference, type, "José Núñez");

        foreach (var search in new[] { "j", " é ", "%" })
        {
            var variables = new { c = conference.GlobalId, search };
            var result = await Client.PostAsync(AttendeesDocument, variables, TestIdentity.Staff);
            Assert.Equal(["SEARCH_TOO_SHORT"], result.ErrorCodes);
            Assert.Equal(JsonValueKind.Null, result.Data.GetProperty("conferenceAttendees").ValueKind);
        }

        // No search, or only spaces, lists everyone.
        Assert.Equal(["José Núñez"], await AttendeesAsync(conference, new { search = "  " }));
        Assert.Equal(["José Núñez"], await AttendeesAsync(conference, new { search = "jo" }));
    }

    [SkippableFact]
    public async Task Staff_see_the_waiting_list_first_come_first()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference, quota: 1);
        await Tickets.TicketAsync(conference, type);
        await Tickets.JoinWaitingListAsync(type, "Wanda First");
        await Tickets.JoinWaitingListAsync(type, "Walt Second");

        var list = await Client.DataAsync("query($t: ID!) { waitingList(ticketTypeId: $t) { nodes { name status ticketType { id } } } }", new { t = type.GlobalId }, TestIdentity.Staff);

        Assert.Equal([("Wanda First", "WAITING"), ("Walt Second", "WAITING")], list.At("waitingList.nodes").EnumerateArray().Select(n => (n.Str("name"), n.Str("status"))));
        Assert.All(list.At("waitingList.nodes").EnumerateArray(), n => Assert.Equal(type.GlobalId, n.Str("ticketType.id")));
    }

    private async Task<JsonElement> OrdersAsync(Made conference, object filters)
    {
        var variables = JsonSerializer.SerializeToNode(filters)!.AsObject();
        variables["c"] = conference.GlobalId;
        return (await Client.DataAsync(OrdersDocument, variables, TestIdentity.Staff)).GetProperty("ticketOrders");
    }

    private async Task<List<string?>> OrderNumbersAsync(Made conference, object filters) => Numbers(await OrdersAsync(conference, filters));

    private static List<string?> Numbers(JsonElement connection) => [.. connection.GetProperty("nodes").EnumerateArray().Select(n => n.Str("number"))];

    private async Task<List<string?>> AttendeesAsync(Made conference, object filters)
    {
        var variables = JsonSerializer.SerializeToNode(filters)!.AsObject();
        variables["c"] = conference.GlobalId;
        var data = await Client.DataAsync(AttendeesDocument, variables, TestIdentity.Staff);
        return [.. data.At("conferenceAttendees.nodes").EnumerateArray().Select(n => n.Str("attendeeName"))];
    }
}

public sealed class StaffTicketQueryTestsOnSqlite(SqliteApi api) : StaffTicketQueryTests(api), IClassFixture<SqliteApi>;

public sealed class StaffTicketQueryTestsOnPostgreSql(PostgreSqlApi api) : StaffTicketQueryTests(api), IClassFixture<PostgreSqlApi>;

public sealed class StaffTicketQueryTestsOnSqlServer(SqlServerApi api) : StaffTicketQueryTests(api), IClassFixture<SqlServerApi>;
