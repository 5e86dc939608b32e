using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// verifyCertificates costs the same number of SQL commands however many numbers it is asked (up to 100): the
/// certificates, the members and their certificates in one query each, and the log entries in one insert. Counted on
/// each provider, because how inserts are sent differs between them.
/// </summary>
public abstract class PartnerBatchCostTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task A_batch_of_100_runs_as_many_SQL_commands_as_a_batch_of_5()
    {
        var members = await _data.MembersAsync(50, await _data.PlanAsync());
        var certificates = await new CertificateDesk(() => Client, TestIdentity.Staff).RosterAsync("CPTED", members, _data.Today.AddDays(-7));
        object Ask(int certificatesAsked, int membersAsked) => new
        {
            c = certificates.Take(certificatesAsked).Select(c => c.Number),
            m = members.Take(membersAsked).Select(m => m.MemberNumber),
        };
        await Client.DataAsync(PartnerBatchTests.Batch, Ask(3, 2), TestIdentity.Partner); // warm: the schema and the loaders

        var five = await CommandsAsync(Ask(3, 2));
        var hundred = await CommandsAsync(Ask(50, 50));

        Assert.True(hundred == five, $"{Api.Provider}: a batch of 5 ran {five} SQL commands, a batch of 100 ran {hundred}");
    }

    private async Task<int> CommandsAsync(object variables)
    {
        Api.Commands.Reset();
        await Client.DataAsync(PartnerBatchTests.Batch, variables, TestIdentity.Partner);
        return Api.Commands.Count;
    }
}

public sealed class PartnerBatchCostTestsOnSqlite(SqliteApi api) : PartnerBatchCostTests(api), IClassFixture<SqliteApi>;

public sealed class PartnerBatchCostTestsOnPostgreSql(PostgreSqlApi api) : PartnerBatchCostTests(api), IClassFixture<PostgreSqlApi>;
