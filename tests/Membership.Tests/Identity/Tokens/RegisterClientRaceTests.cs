using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Tokens;

/// <summary>registerClient calls racing for one client_id: one registers it, the others get CLIENT_ID_TAKEN, never an unexpected error.</summary>
public abstract class RegisterClientRaceTests(OidcApi api) : OidcTest(api)
{
    private readonly TokenCallers _callers = new(api);

    [SkippableFact]
    public async Task Registrations_racing_for_one_client_id_register_it_once_and_tell_the_others_it_is_taken()
    {
        var staff = await _callers.StaffScriptAsync();
        var clientId = TokenCallers.NewClientId("race-");

        var payloads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            staff.RegisterAsync(new { kind = "PUBLIC", clientId, displayName = "Racing portal", redirectUris = new[] { OidcApi.RedirectUri } })));

        Assert.Single(payloads, p => MutationAssert.ErrorsOf(p).Count == 0);
        Assert.All(payloads.Where(p => MutationAssert.ErrorsOf(p).Count > 0),
            p => Assert.Equal(new[] { MutationAssert.Describe("CLIENT_ID_TAKEN", "input", "clientId") }, MutationAssert.ErrorsOf(p)));
    }
}

public sealed class RegisterClientRaceTestsOnSqlite(OidcApi api) : RegisterClientRaceTests(api), IClassFixture<OidcApi>;

public sealed class RegisterClientRaceTestsOnPostgreSql(OidcApiOnPostgreSql api) : RegisterClientRaceTests(api), IClassFixture<OidcApiOnPostgreSql>;
