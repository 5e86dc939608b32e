using System.Net;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// Applications racing with one new e-mail address (a double click, a retried request): one account and one member,
/// and every other racer is told EMAIL_TAKEN, never an unexpected error. On each provider, as their locking differs.
/// </summary>
public abstract class JoinRaceTests(ApiFixture api) : ApiTest(api)
{
    [SkippableFact]
    public async Task Joins_racing_with_one_new_email_make_one_account_and_one_member()
    {
        var data = new TestData(Api);
        var input = JoinRequests.Input(await data.PlanAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => JoinRequests.JoinAsync(Api, input)));

        Assert.All(results, r => Assert.True(r.Status == HttpStatusCode.OK && !r.HasErrors, r.Text));
        var outcomes = results.Select(r => string.Join(",", MutationAssert.ErrorsOf(r.Data.At("joinAssociation")))).Order(StringComparer.Ordinal);
        Assert.Equal(["", "EMAIL_TAKEN input.email", "EMAIL_TAKEN input.email", "EMAIL_TAKEN input.email"], outcomes);
        Assert.Equal((1, 1), await JoinRequests.CountAsync(Api, input.email));
    }
}

public sealed class JoinRaceTestsOnSqlite(SqliteApi api) : JoinRaceTests(api), IClassFixture<SqliteApi>;

public sealed class JoinRaceTestsOnPostgreSql(PostgreSqlApi api) : JoinRaceTests(api), IClassFixture<PostgreSqlApi>;
