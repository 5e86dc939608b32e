using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// Member numbers must not tell an applicant whether someone else's address is in use: an application with an address in
/// use spends a number as a new member does, so the numbers on either side of it are the same distance apart.
/// </summary>
public abstract class JoinNumberTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task The_numbers_around_an_application_are_as_far_apart_whether_or_not_its_address_was_in_use()
    {
        var plan = await _data.PlanAsync();
        var member = JoinRequests.Input(plan);
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(Api, member)); // the victim's address is in use from now on

        var aroundInUse = await NumbersAroundAsync(plan, JoinRequests.Input(plan, member.email));
        var aroundNew = await NumbersAroundAsync(plan, JoinRequests.Input(plan));

        Assert.Equal(2, aroundNew);
        Assert.Equal(aroundNew, aroundInUse);
        Assert.Equal((1, 1), await JoinRequests.CountAsync(Api, member.email)); // still one member and one account
    }

    /// <summary>Joins with a new address, then the given application, then another new address: how far apart the two new members' numbers are.</summary>
    private async Task<long> NumbersAroundAsync(Membership.Dues.MembershipPlan plan, JoinInput middle)
    {
        var before = JoinRequests.Input(plan);
        var after = JoinRequests.Input(plan);
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(Api, before));
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(Api, middle));
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(Api, after));
        return await NumberOfAsync(after.email) - await NumberOfAsync(before.email);
    }

    private async Task<long> NumberOfAsync(string email)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        var normalized = MemberRules.NormalizeEmail(email);
        return await db.Members.Where(m => m.EmailNormalized == normalized).Select(m => m.Number).SingleAsync();
    }
}

public sealed class JoinNumberTestsOnSqlite(SqliteApi api) : JoinNumberTests(api), IClassFixture<SqliteApi>;

public sealed class JoinNumberTestsOnPostgreSql(PostgreSqlApi api) : JoinNumberTests(api), IClassFixture<PostgreSqlApi>;
