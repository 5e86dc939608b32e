using Membership.Tests.Infrastructure;
using Membership.Certifications.Verification;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// verifyCertificates and consentingOfficers cost the same number of SQL commands however many numbers or officers
/// they answer: a query per kind of row and the log entries in one insert. Counted on each provider, because how
/// inserts are sent differs between them.
/// </summary>
public abstract class PartnerBatchCostTests(ApiFixture api) : ApiTest(api)
{
    private const string Officers = """
        query($first: Int) { consentingOfficers(first: $first) { totalCount nodes { memberNumber name certificates { number status } } } }
        """;

    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task A_batch_of_100_runs_as_many_SQL_commands_as_a_batch_of_5()
    {
        var agency = await _data.AgencyAsync();
        var partner = TestIdentity.PartnerOf(agency.Id);
        var members = await _data.MembersAsync(50, await _data.PlanAsync(), agency); // the agency's own officers: their numbers answer
        var certificates = await new CertificateDesk(() => Client, TestIdentity.Staff).RosterAsync("CPTED", members, _data.Today.AddDays(-7));
        object Ask(int certificatesAsked, int membersAsked) => new
        {
            c = certificates.Take(certificatesAsked).Select(c => c.Number),
            m = members.Take(membersAsked).Select(m => m.MemberNumber),
        };

        // The rate limit takes a block of permits (and sweeps old windows) at a window's first use: stay inside one window.
        await using var instance = Api.CreateFactory(PublicLookup.StoppedClock);
        var client = PublicLookup.Client(instance);
        await client.DataAsync(PartnerBatchTests.Batch, Ask(3, 2), partner); // warm: the schema, the loaders and the limit's block

        var five = await CommandsAsync(PartnerBatchTests.Batch, Ask(3, 2), partner, client);
        var hundred = await CommandsAsync(PartnerBatchTests.Batch, Ask(50, 50), partner, client);

        Assert.True(hundred == five, $"{Api.Provider}: a batch of 5 ran {five} SQL commands, a batch of 100 ran {hundred}");
    }

    [SkippableFact]
    public async Task Listing_30_consenting_officers_runs_as_many_SQL_commands_as_listing_3()
    {
        var few = await ConsentingAgencyAsync(3);
        var many = await ConsentingAgencyAsync(30);
        await Client.DataAsync(Officers, new { first = 50 }, few); // warm

        var three = await CommandsAsync(Officers, new { first = 50 }, few);
        var thirty = await CommandsAsync(Officers, new { first = 50 }, many);

        Assert.True(thirty == three, $"{Api.Provider}: listing 3 officers ran {three} SQL commands, listing 30 ran {thirty}");
        var listed = await Client.DataAsync(Officers, new { first = 50 }, many);
        Assert.Equal(30, listed.At("consentingOfficers.nodes").GetArrayLength());
        Assert.All(listed.At("consentingOfficers.nodes").EnumerateArray(), o => Assert.Equal(2, o.GetProperty("certificates").GetArrayLength()));
    }

    /// <summary>An agency whose <paramref name="count"/> officers (of other agencies) granted it access, each with two certificates.</summary>
    private async Task<TestIdentity> ConsentingAgencyAsync(int count)
    {
        var agency = await _data.AgencyAsync();
        var officers = await _data.MembersAsync(count, await _data.PlanAsync());
        var desk = new CertificateDesk(() => Client, TestIdentity.Staff);
        await desk.RosterAsync("CPTED", officers, _data.Today.AddDays(-7));
        await desk.RosterAsync("AMHT", officers, _data.Today.AddDays(-3));
        foreach (var officer in officers)
        {
            var granted = await Client.DataAsync($"mutation($input: AgencyConsentInput!) {{ grantVerificationAccess(input: $input) {{ {VerificationParties.Consent} }} }}",
                new { input = new { agencyId = TestData.AgencyId(agency) } }, TestIdentity.Member(officer.Id));
            MutationAssert.Succeeded(granted.At("grantVerificationAccess"), "consent");
        }

        return TestIdentity.PartnerOf(agency.Id);
    }

    private async Task<int> CommandsAsync(string document, object variables, TestIdentity identity, GraphQLClient? client = null)
    {
        Api.Commands.Reset();
        await (client ?? Client).DataAsync(document, variables, identity);
        return Api.Commands.Count;
    }
}

public sealed class PartnerBatchCostTestsOnSqlite(SqliteApi api) : PartnerBatchCostTests(api), IClassFixture<SqliteApi>;

public sealed class PartnerBatchCostTestsOnPostgreSql(PostgreSqlApi api) : PartnerBatchCostTests(api), IClassFixture<PostgreSqlApi>;
