using System.Text.Json;
using Membership.Tests.Infrastructure;
using Membership.Certifications.Verification;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// A member's consent to one agency exists once while it stands, even when the portal sends the grant twice at the same
/// moment (a double click, a retry): otherwise the agency lists the officer twice, and the member cannot withdraw any
/// more (withdrawal expects one standing consent and fails on two).
/// </summary>
public abstract class ConsentRaceTests(ApiFixture api) : ApiTest(api)
{
    private const string Grant = "mutation($input: AgencyConsentInput!) { grantVerificationAccess(input: $input) { " + VerificationParties.Consent + " } }";
    private const string Withdraw = "mutation($input: AgencyConsentInput!) { withdrawVerificationAccess(input: $input) { " + VerificationParties.Consent + " } }";

    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task Grants_sent_at_the_same_moment_leave_one_standing_consent_that_one_withdrawal_ends()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        var identity = TestIdentity.Member(member.Id);

        // A few rounds, each a burst of grants to a new agency and then one withdrawal: one round is enough to show a race.
        var rounds = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var input = new { input = new { agencyId = TestData.AgencyId(await _data.AgencyAsync()) } };
            var grants = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Client.PostAsync(Grant, input, identity))));
            var standing = await StandingAsync(identity, input.input.agencyId);
            var withdrawal = await Client.PostAsync(Withdraw, input, identity);
            rounds.Add($"{standing} standing, {grants.Count(g => g.HasErrors)} grants failed, withdrawal {(withdrawal.HasErrors ? string.Join(",", withdrawal.ErrorCodes) : "ok")}");
            if (!withdrawal.HasErrors)
            {
                MutationAssert.Succeeded(withdrawal.Data.At("withdrawVerificationAccess"), "consent");
                MutationAssert.Failed((await Client.DataAsync(Withdraw, input, identity)).At("withdrawVerificationAccess"), "consent", "NOT_FOUND", "input", "agencyId");
            }
        }

        Assert.True(rounds.All(r => r == "1 standing, 0 grants failed, withdrawal ok"), $"10 grants at once, 5 times: {string.Join("; ", rounds)}");
    }

    /// <summary>The member's consents to the agency that were not withdrawn.</summary>
    private async Task<int> StandingAsync(TestIdentity member, string agencyId)
    {
        var consents = (await Client.DataAsync("{ me { verificationConsents { agency { id } withdrawnAt } } }", identity: member)).At("me.verificationConsents");
        return consents.EnumerateArray().Count(c => c.Str("agency.id") == agencyId && c.At("withdrawnAt").ValueKind == JsonValueKind.Null);
    }
}

public sealed class ConsentRaceTestsOnSqlite(SqliteApi api) : ConsentRaceTests(api), IClassFixture<SqliteApi>;

public sealed class ConsentRaceTestsOnPostgreSql(PostgreSqlApi api) : ConsentRaceTests(api), IClassFixture<PostgreSqlApi>;
