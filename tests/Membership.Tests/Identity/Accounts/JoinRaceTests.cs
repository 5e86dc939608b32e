using System.Net;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// Applications racing with one new e-mail address (a double click, a retried request): one account and one member,
/// every racer gets the same answer (never an unexpected error), and the address gets its confirmation and one
/// note that it is in use. On each provider, as their locking differs.
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
        Assert.All(results, r => Assert.Equal(results[0].Text, r.Text));
        Assert.Empty(MutationAssert.ErrorsOf(results[0].Data.At("joinAssociation")));
        Assert.Equal((1, 1), await JoinRequests.CountAsync(Api, input.email));
        var mails = (await Api.MailsToAsync(input.email)).Select(m => m.Subject).ToList();
        Assert.Single(mails, s => s == "Confirm your membership application");
        Assert.Single(mails, s => s == "You already have an account with us"); // the others were told once, by the dedupe key
    }
}

public sealed class JoinRaceTestsOnSqlite(SqliteApi api) : JoinRaceTests(api), IClassFixture<SqliteApi>;

public sealed class JoinRaceTestsOnPostgreSql(PostgreSqlApi api) : JoinRaceTests(api), IClassFixture<PostgreSqlApi>;
