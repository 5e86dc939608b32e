using System.Net;
using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// Certificate numbers run in sequence per year, so a partner agency could walk them. By number alone a partner learns
/// only of its own officers and officers who consented; anyone else needs the surname too, and every miss (unknown
/// number, wrong surname, not allowed) looks like "not found" and counts against the partner client's hourly limit.
/// Real client-credentials tokens from the OIDC server.
/// </summary>
public abstract class PartnerGuessingTests
{
    private const string Batch = """
        query($c: [String!], $l: [CertificateLookupInput!]) { verifyCertificates(certificateNumbers: $c, certificates: $l) {
          query found certificates { number holderName title status } } }
        """;

    private readonly OidcApi _api;
    private readonly VerificationParties _parties;

    protected PartnerGuessingTests(OidcApi api)
    {
        api.EnsureAvailable();
        _api = api;
        _parties = new(api);
    }

    [SkippableFact]
    public async Task Nine_hundred_sequential_guesses_find_nothing_and_the_partner_is_throttled()
    {
        var partner = await _parties.PartnerAsync();
        var desk = await _parties.DeskAsync();
        var officers = await _parties.MembersAsync(50, await _parties.Data.AgencyAsync()); // another agency's, no consent
        var issued = await desk.RosterAsync("CPTED", officers, _parties.Data.Today.AddDays(-5));
        var first = issued.Select(c => c.Number).Order(StringComparer.Ordinal).First();
        var prefix = first[..first.LastIndexOf('-')];
        var start = int.Parse(first[(first.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var guesses = Enumerable.Range(Math.Max(1, start - 400), 900).Select(n => $"{prefix}-{n:D6}").ToList();
        Assert.Superset(issued.Select(c => c.Number).ToHashSet(), guesses.ToHashSet());

        var answers = new List<GraphQLResult>();
        foreach (var batch in guesses.Chunk(100))
        {
            answers.Add(await _api.Client().PostAsync(Batch, new { c = batch }, partner.Token));
        }

        var answered = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
        Assert.InRange(answered.Count, 1, 2); // 2 only if an hour's window ended between two batches
        Assert.Equal(HttpStatusCode.OK, answers[0].Status);
        Assert.All(answered, a => Assert.All(a.Data.At("verifyCertificates").EnumerateArray(), r => Assert.False(r.At("found").GetBoolean())));
        foreach (var refused in answers.Where(a => a.Status != HttpStatusCode.OK))
        {
            AssertThrottled(refused);
        }

        foreach (var officer in officers)
        {
            Assert.All(answers, a => Assert.DoesNotContain(officer.LastName, a.Text, StringComparison.Ordinal));
        }

        // Throttled is throttled: even the right surname waits for the window, like the public lookup.
        AssertThrottled(await _api.Client().PostAsync(Batch, new { l = new[] { new { number = issued[0].Number, lastName = officers[0].LastName } } }, partner.Token));
    }

    [SkippableFact]
    public async Task A_number_alone_answers_for_own_and_consenting_officers_and_anyone_else_needs_the_right_surname()
    {
        var partner = await _parties.PartnerAsync();
        var desk = await _parties.DeskAsync();
        var own = (await _parties.MembersAsync(1, partner.Agency))[0];
        var (consenting, stranger) = ((await _parties.MembersAsync(1, await _parties.Data.AgencyAsync()))[0], (await _parties.MembersAsync(1, await _parties.Data.AgencyAsync()))[0]);
        var certificates = await desk.RosterAsync("CPTED", [own, consenting, stranger], _parties.Data.Today.AddDays(-5));
        MutationAssert.Succeeded(await _parties.ConsentAsync(await _parties.SignInAsync(consenting), partner.Agency, grant: true), "consent");
        var unknown = $"SRO-1999-{Random.Shared.Next(900000, 999999)}";

        var data = await _api.Client().DataAsync(Batch, new
        {
            c = new[] { certificates[0].Number, certificates[1].Number, certificates[2].Number, unknown },
            l = new[]
            {
                new { number = certificates[2].Number, lastName = stranger.LastName.ToUpperInvariant() },
                new { number = certificates[2].Number, lastName = "Wrongname" },
                new { number = unknown, lastName = stranger.LastName },
            },
        }, partner.Token);

        var results = data.At("verifyCertificates").EnumerateArray().ToList();
        Assert.Equal([true, true, false, false, true, false, false], results.Select(r => r.At("found").GetBoolean()));
        Assert.Equal($"{own.FirstName} {own.LastName}", results[0].Str("certificates.0.holderName"));
        Assert.Equal($"{consenting.FirstName} {consenting.LastName}", results[1].Str("certificates.0.holderName"));
        Assert.Equal($"{stranger.FirstName} {stranger.LastName}", results[4].Str("certificates.0.holderName"));
        foreach (var miss in new[] { results[2], results[5] })
        {
            // A certificate that exists but may not be answered looks exactly like one that does not.
            Assert.Equal(results[3].At("certificates").ToString(), miss.At("certificates").ToString());
            Assert.Equal(JsonValueKind.Array, miss.At("certificates").ValueKind);
        }
    }

    private static void AssertThrottled(GraphQLResult result)
    {
        Assert.True(result.Status == HttpStatusCode.TooManyRequests, $"{(int)result.Status}: {result.Text}");
        Assert.Equal(["RATE_LIMITED"], result.ErrorCodes);
        Assert.InRange(result.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }
}

public sealed class PartnerGuessingTestsOnSqlite(OidcApi api) : PartnerGuessingTests(api), IClassFixture<OidcApi>;

public sealed class PartnerGuessingTestsOnPostgreSql(OidcApiOnPostgreSql api) : PartnerGuessingTests(api), IClassFixture<OidcApiOnPostgreSql>;
