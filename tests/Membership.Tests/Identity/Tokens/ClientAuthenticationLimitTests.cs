using System.Buffers.Binary;
using System.Net;
using Membership.Identity;
using Membership.Identity.Clients;
using Membership.Identity.Oidc;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// Guessing client secrets at /connect/token: an unknown client_id and a wrong secret answer alike, and failures are
/// limited per address and per client_id (the fixture allows <see cref="ClockedOidcApi.FailedClientAuthentications"/> a minute).
/// </summary>
public abstract class ClientAuthenticationLimitTests(ClockedOidcApi api) : OidcTest(api)
{
    private const int Limit = ClockedOidcApi.FailedClientAuthentications;
    private readonly TokenCallers _callers = new(api);
    private ClockedOidcApi Clocked => (ClockedOidcApi)Api;

    [SkippableFact]
    public async Task An_unknown_client_and_a_wrong_secret_get_byte_identical_answers()
    {
        Clocked.StartOfNextMinute();
        var (partner, _) = await _callers.PartnerClientAsync();

        var wrongSecret = await AskAsync(JoinRequests.NewAddress(), partner.ClientId, partner.Secret[..^2] + "xy");
        var unknownClient = await AskAsync(JoinRequests.NewAddress(), TokenCallers.NewClientId("nobody-"), partner.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.Status);
        Assert.Contains("\"invalid_client\"", wrongSecret.Body, StringComparison.Ordinal);
        Assert.Contains(ClientAuthenticationGuard.FailureDescription, wrongSecret.Body, StringComparison.Ordinal);
        Assert.Equal(wrongSecret.Status, unknownClient.Status);
        Assert.Equal(wrongSecret.Body, unknownClient.Body);
        Assert.Equal(wrongSecret.Challenge, unknownClient.Challenge);
    }

    [SkippableFact]
    public async Task An_unknown_client_costs_the_same_secret_hash_as_a_real_one()
    {
        var (partner, _) = await _callers.PartnerClientAsync();
        await using var scope = Api.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var stored = (OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication)(await applications.FindByClientIdAsync(partner.ClientId))!;

        // Marker, PRF and iteration count decide the work of a check: the stand-in for unknown clients matches OpenIddict's own.
        Assert.Equal(Convert.FromBase64String(stored.ClientSecret!)[..9], Convert.FromBase64String(ClientAuthenticationGuard.NoSuchClient.ClientSecret!)[..9]);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(stored.ClientSecret!).AsSpan(5)) >= 10_000);
    }

    [SkippableFact]
    public async Task The_failure_past_the_limit_from_one_address_gets_429_with_Retry_After_and_the_right_secret_elsewhere_still_works()
    {
        Clocked.StartOfNextMinute();
        var (partner, _) = await _callers.PartnerClientAsync();
        var guesser = JoinRequests.NewAddress();

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(guesser, partner.ClientId, $"guess-{i}")).Status);
        }

        var refused = await AskAsync(guesser, partner.ClientId, $"guess-{Limit}");
        var refusedEvenRight = await AskAsync(guesser, partner.ClientId, partner.Secret);
        var owner = await AskAsync(JoinRequests.NewAddress(), partner.ClientId, partner.Secret);

        AssertTooMany(refused, TimeSpan.FromSeconds(55));
        AssertTooMany(refusedEvenRight, TimeSpan.FromSeconds(55));
        Assert.Equal(HttpStatusCode.OK, owner.Status);

        Clocked.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(guesser, partner.ClientId, partner.Secret)).Status);
    }

    [SkippableFact]
    public async Task Failures_from_one_address_count_across_client_ids()
    {
        Clocked.StartOfNextMinute();
        var (partner, _) = await _callers.PartnerClientAsync();
        var sprayer = JoinRequests.NewAddress();

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(sprayer, TokenCallers.NewClientId("sprayed-"), "any-secret")).Status);
        }

        AssertTooMany(await AskAsync(sprayer, partner.ClientId, "another-guess"), TimeSpan.FromSeconds(55));
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(JoinRequests.NewAddress(), partner.ClientId, partner.Secret)).Status);
    }

    [SkippableFact]
    public async Task A_client_id_guessed_from_many_addresses_is_locked_for_guessers_but_not_for_its_owner()
    {
        Clocked.StartOfNextMinute();
        var (partner, _) = await _callers.PartnerClientAsync();
        var guessers = Enumerable.Range(0, Limit + 1).Select(_ => JoinRequests.NewAddress()).ToList();

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(guessers[i], partner.ClientId, $"guess-{i}")).Status);
        }

        AssertTooMany(await AskAsync(guessers[Limit], partner.ClientId, "one-more-guess"), TimeSpan.FromSeconds(55));
        AssertTooMany(await AskAsync(guessers[0], partner.ClientId, partner.Secret), TimeSpan.FromSeconds(55));
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(JoinRequests.NewAddress(), partner.ClientId, partner.Secret)).Status);
    }

    [SkippableFact]
    public async Task The_introspection_endpoint_is_guarded_alike()
    {
        Clocked.StartOfNextMinute();
        var script = await _callers.StaffClientAsync();
        var guesser = JoinRequests.NewAddress();
        using var http = Browser(guesser);

        for (var i = 0; i < Limit; i++)
        {
            using var failed = await http.PostAsync("/connect/introspect", Form(script.ClientId, $"guess-{i}", ("token", "anything")));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var refused = await http.PostAsync("/connect/introspect", Form(script.ClientId, script.Secret, ("token", "anything")));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private static void AssertTooMany(Answer answer, TimeSpan retryAfter)
    {
        Assert.True(answer.Status == HttpStatusCode.TooManyRequests, $"{(int)answer.Status}: {answer.Body}");
        Assert.Equal(retryAfter, answer.RetryAfter);
        Assert.DoesNotContain("access_token", answer.Body, StringComparison.Ordinal);
    }

    private sealed record Answer(HttpStatusCode Status, string Body, string Challenge, TimeSpan? RetryAfter);

    private async Task<Answer> AskAsync(string address, string clientId, string? secret)
    {
        using var http = Browser(address);
        using var response = await http.PostAsync("/connect/token", Form(clientId, secret, ("grant_type", "client_credentials"), ("scope", ApiScopes.Verification)));
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.WwwAuthenticate.ToString(), response.Headers.RetryAfter?.Delta);
    }

    private HttpClient Browser(string address)
    {
        var http = Api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }

    private static FormUrlEncodedContent Form(string clientId, string? secret, params (string Name, string Value)[] fields) => new(
        fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("client_id", clientId))
            .Concat(secret is null ? [] : [KeyValuePair.Create("client_secret", secret)]));
}

public sealed class ClientAuthenticationLimitTestsOnSqlite(ClockedOidcApi api) : ClientAuthenticationLimitTests(api), IClassFixture<ClockedOidcApi>;

public sealed class ClientAuthenticationLimitTestsOnPostgreSql(ClockedOidcApiOnPostgreSql api) : ClientAuthenticationLimitTests(api), IClassFixture<ClockedOidcApiOnPostgreSql>;
