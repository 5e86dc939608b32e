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
