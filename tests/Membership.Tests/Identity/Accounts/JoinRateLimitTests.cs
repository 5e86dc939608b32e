using System.Net;
using System.Text.Json;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// joinAssociation is anonymous, so it is limited per client address; the counters live in the database, so the limit
/// holds however many instances run behind the load balancer.
/// </summary>
public abstract class JoinRateLimitTests(OidcApi api) : OidcTest(api)
{
    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task The_third_join_from_one_address_in_an_hour_gets_429_and_writes_nothing()
    {
        var plan = await _data.PlanAsync();
        await using var instance = LimitedToTwo(TestClock.StartOfNextWindow(TimeSpan.FromHours(1)));
        var address = JoinRequests.NewAddress();
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address));
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address));
        var before = await JoinRequests.TotalsAsync(Api);

        var third = await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address);

        AssertRateLimited(third, TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(5));
        Assert.Equal(before, await JoinRequests.TotalsAsync(Api));
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), JoinRequests.NewAddress()));
    }

    [SkippableFact]
    public async Task The_address_may_join_again_once_its_hour_is_over()
    {
        var plan = await _data.PlanAsync();
        var clock = TestClock.StartOfNextWindow(TimeSpan.FromHours(1));
        await using var instance = LimitedToTwo(clock);
        var address = JoinRequests.NewAddress();
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address));
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address));
        clock.Advance(TimeSpan.FromMinutes(54)); // 54:05 into the hour
        AssertRateLimited(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address), new TimeSpan(0, 5, 55));

        clock.Advance(new TimeSpan(0, 5, 55));

        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address));
    }

    [SkippableFact]
    public async Task The_limit_holds_across_two_instances_on_one_database()
    {
        var plan = await _data.PlanAsync();
        var clock = TestClock.StartOfNextWindow(TimeSpan.FromHours(1));
        await using var first = LimitedToTwo(clock);
        await using var second = LimitedToTwo(clock);
        var address = JoinRequests.NewAddress();

        JoinRequests.Succeeded(await JoinRequests.JoinAsync(first, JoinRequests.Input(plan), address));
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(second, JoinRequests.Input(plan), address));
        var before = await JoinRequests.TotalsAsync(Api);

        AssertRateLimited(await JoinRequests.JoinAsync(first, JoinRequests.Input(plan), address), TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(5));
        AssertRateLimited(await JoinRequests.JoinAsync(second, JoinRequests.Input(plan), address), TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(5));
        Assert.Equal(before, await JoinRequests.TotalsAsync(Api));
    }

    /// <summary>An instance on the fixture's database allowing two joins per address and hour, on a clock the test moves.</summary>
    private WebApplicationFactory<Program> LimitedToTwo(TimeProvider clock) =>
        Api.CreateFactory(b => b.UseSetting("Oidc:JoinsPerAddressPerHour", "2").UseClock(clock));

    /// <summary>429 RATE_LIMITED, no data, and Retry-After the exact time left in the window (the clock stands still).</summary>
    private static void AssertRateLimited(GraphQLResult result, TimeSpan retryAfter)
    {
        Assert.True(result.Status == HttpStatusCode.TooManyRequests, $"{(int)result.Status}: {result.Text}");
        Assert.Equal(["RATE_LIMITED"], result.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, result.Data.At("joinAssociation").ValueKind);
        Assert.Equal(retryAfter, result.Headers.RetryAfter?.Delta);
    }
}

public sealed class JoinRateLimitTestsOnSqlite(OidcApi api) : JoinRateLimitTests(api), IClassFixture<OidcApi>;

public sealed class JoinRateLimitTestsOnPostgreSql(OidcApiOnPostgreSql api) : JoinRateLimitTests(api), IClassFixture<OidcApiOnPostgreSql>;
