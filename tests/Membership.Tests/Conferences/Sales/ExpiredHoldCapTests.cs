using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Conferences.Sales;

/// <summary>
/// The buyer caps count holds that still hold: an unpaid order whose hold has run out frees its place under the cap at
/// once, before the expiry job closes it.
/// </summary>
public abstract class ExpiredHoldCapTests(ApiFixture api) : SalesTest(api)
{
    [SkippableFact]
    public async Task Orders_whose_hold_ran_out_no_longer_count_towards_the_buyer_cap()
    {
        var (conference, type) = await OnSaleAsync(quota: 400, capacity: 400);
        var buyer = TestIdentity.Member((await MemberAsync()).Id);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var clocked = new TicketDriver(host);
        object Order() => new { conferenceId = conference.GlobalId, buyer = new { name = "Pat Buyer", email = "pat@example.org" }, items = new[] { ForGuest(type) } };
        for (var i = 0; i < new TicketOptions().MaxPendingOrdersPerBuyer; i++)
        {
            Placed(await BuyAsync(Order(), buyer, clocked));
        }

        var whileHeld = Payload(await BuyAsync(Order(), buyer, clocked));
        clock.Advance(TimeSpan.FromMinutes(new TicketOptions().HoldMinutes + 1)); // the holds ran out; no expiry job has run
        var afterTheHolds = await BuyAsync(Order(), buyer, clocked);

        MutationAssert.Failed(whileHeld, "order", "HOLD_LIMIT_REACHED", "input", "items");
        Assert.Equal("PENDING", Placed(afterTheHolds).Order.Str("status"));
    }
}

public sealed class ExpiredHoldCapTestsOnSqlite(SqliteApi api) : ExpiredHoldCapTests(api), IClassFixture<SqliteApi>;

public sealed class ExpiredHoldCapTestsOnPostgreSql(PostgreSqlApi api) : ExpiredHoldCapTests(api), IClassFixture<PostgreSqlApi>;
