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
        await AwayFromTheWindowsEndAsync();
        var plan = await _data.PlanAsync();
        await using var instance = LimitedToTwo();
        var address = JoinRequests.NewAddress();
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address));
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address));
        var before = await JoinRequests.TotalsAsync(Api);

        var third = await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), address);

        AssertRateLimited(third);
        Assert.Equal(before, await JoinRequests.TotalsAsync(Api));
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan), JoinRequests.NewAddress()));
    }

    [SkippableFact]
    public async Task The_limit_holds_across_two_instances_on_one_database()
    {
        await AwayFromTheWindowsEndAsync();
        var plan = await _data.PlanAsync();
        await using var first = LimitedToTwo();
        await using var second = LimitedToTwo();
        var address = JoinRequests.NewAddress();

        JoinRequests.Succeeded(await JoinRequests.JoinAsync(first, JoinRequests.Input(plan), address));
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(second, JoinRequests.Input(plan), address));
        var before = await JoinRequests.TotalsAsync(Api);

        AssertRateLimited(await JoinRequests.JoinAsync(first, JoinRequests.Input(plan), address));
        AssertRateLimited(await JoinRequests.JoinAsync(second, JoinRequests.Input(plan), address));
        Assert.Equal(before, await JoinRequests.TotalsAsync(Api));
    }

    private WebApplicationFactory<Program> LimitedToTwo() => Api.CreateFactory(b => b.UseSetting("Oidc:JoinsPerAddressPerHour", "2"));

    private static void AssertRateLimited(GraphQLResult result)
    {
        Assert.True(result.Status == HttpStatusCode.TooManyRequests, $"{(int)result.Status}: {result.Text}");
        Assert.Equal(["RATE_LIMITED"], result.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, result.Data.At("joinAssociation").ValueKind);
        var retryAfter = result.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    /// <summary>The limit counts in fixed hourly windows: a test that straddles a window's end would start afresh halfway.</summary>
    private static async Task AwayFromTheWindowsEndAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var left = TimeSpan.FromHours(1) - TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerHour);
        if (left < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(left + TimeSpan.FromSeconds(1));
        }
    }
}

public sealed class JoinRateLimitTestsOnSqlite(OidcApi api) : JoinRateLimitTests(api), IClassFixture<OidcApi>;

public sealed class JoinRateLimitTestsOnPostgreSql(OidcApiOnPostgreSql api) : JoinRateLimitTests(api), IClassFixture<OidcApiOnPostgreSql>;
