using System.Net;
using Membership.Identity;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// Secret guesses sent all at once: each takes a permit of the failure limit before its secret is checked, so no more
/// than the limit (<see cref="ClockedOidcApi.FailedClientAuthentications"/> a minute) are checked, per address and per client_id.
/// </summary>
public abstract class ClientAuthenticationRaceTests(ClockedOidcApi api) : OidcTest(api)
{
    private const int Limit = ClockedOidcApi.FailedClientAuthentications;
    private const int Guesses = 12;
    private readonly TokenCallers _callers = new(api);
    private ClockedOidcApi Clocked => (ClockedOidcApi)Api;

    [SkippableFact]
    public async Task Parallel_guesses_from_one_address_get_no_more_than_the_limit_checked()
    {
        Clocked.StartOfNextMinute();
        var (partner, _) = await _callers.PartnerClientAsync();
        var guesser = JoinRequests.NewAddress();

        var answers = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i => AskAsync(guesser, partner.ClientId, $"guess-{i}")));

        AssertAtMostTheLimitChecked(answers);
        Assert.Equal(HttpStatusCode.OK, await AskAsync(JoinRequests.NewAddress(), partner.ClientId, partner.Secret)); // its owner is not locked out
    }

    [SkippableFact]
    public async Task Parallel_guesses_at_one_client_from_many_addresses_get_no_more_than_the_limit_checked()
    {
        Clocked.StartOfNextMinute();
        var (partner, _) = await _callers.PartnerClientAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i => AskAsync(JoinRequests.NewAddress(), partner.ClientId, $"guess-{i}")));

        AssertAtMostTheLimitChecked(answers);
    }

    /// <summary>At least one guess and at most the limit were checked (racing counters may refuse early, never late); the rest got 429.</summary>
    private static void AssertAtMostTheLimitChecked(HttpStatusCode[] answers)
    {
        Assert.InRange(answers.Count(s => s == HttpStatusCode.Unauthorized), 1, Limit);
        Assert.Equal(Guesses, answers.Count(s => s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests));
    }

    private async Task<HttpStatusCode> AskAsync(string address, string clientId, string secret)
    {
        using var http = Api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["scope"] = ApiScopes.Verification, ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        return response.StatusCode;
    }
}

public sealed class ClientAuthenticationRaceTestsOnSqlite(ClockedOidcApi api) : ClientAuthenticationRaceTests(api), IClassFixture<ClockedOidcApi>;

public sealed class ClientAuthenticationRaceTestsOnPostgreSql(ClockedOidcApiOnPostgreSql api) : ClientAuthenticationRaceTests(api), IClassFixture<ClockedOidcApiOnPostgreSql>;
