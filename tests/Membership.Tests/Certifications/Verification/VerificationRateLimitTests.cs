using System.Net;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// The limits on verification, counted in the database: per client and address for both queries (an IPv6 address by
/// its /64), per certificate number for wrong surnames from anywhere, and per address for the status link. Each test
/// runs its own API instance with small limits on the shared database.
/// </summary>
public abstract class VerificationRateLimitTests
{
    private readonly ClockedOidcApi _api;
    private readonly VerificationParties _parties;

    protected VerificationRateLimitTests(ClockedOidcApi api)
    {
        api.EnsureAvailable();
        _api = api;
        _parties = new(api);
    }

    [SkippableFact]
    public async Task A_partner_clients_third_batch_in_a_minute_gets_429_and_another_client_still_passes()
    {
        var first = await _parties.PartnerAsync();
        var second = await _parties.PartnerAsync();
        await using var limited = _api.CreateFactory(b => b.UseSetting("Verification:PartnerBatchesPerMinute", "2"));
        _api.StartOfNextMinute();
        var ask = new { c = new[] { "SRO-1999-000001" } };
        var address = PublicLookup.NewAddress(); // both systems call from one network: the limit is per client there

        Assert.False((await Client(limited, address).PostAsync(PartnerBatchTests.Batch, ask, first.Token)).HasErrors);
        Assert.False((await Client(limited, address).PostAsync(PartnerBatchTests.Batch, ask, first.Token)).HasErrors);
        var third = await Client(limited, address).PostAsync(PartnerBatchTests.Batch, ask, first.Token);
        var other = await Client(limited, address).PostAsync(PartnerBatchTests.Batch, ask, second.Token);

        PublicLookup.RateLimited(third);
        Assert.False(other.HasErrors, other.Text);
    }

    [SkippableFact]
    public async Task The_per_client_limit_holds_across_two_instances_that_take_permits_in_blocks_and_every_answer_is_logged()
    {
        var holder = (await _parties.MembersAsync(1))[0];
        var certificate = await (await _parties.DeskAsync()).RecordAsync(holder, "AMHT", _parties.Data.Today.AddDays(-2));
        const int limit = 32; // blocks of two permits
        await using var first = _api.CreateFactory(b => b.UseSetting("Verification:LookupsPerMinute", "32"));
        await using var second = _api.CreateFactory(b => b.UseSetting("Verification:LookupsPerMinute", "32"));
        _api.StartOfNextMinute();
        var (alternating, burst) = (PublicLookup.NewAddress(), PublicLookup.NewAddress());

        var oneByOne = new List<GraphQLResult>();
        for (var i = 0; i < limit + 8; i++)
        {
            oneByOne.Add(await PublicLookup.AskAsync(i % 2 == 0 ? first : second, certificate.Number, holder.LastName, alternating));
        }

        var atOnce = await Task.WhenAll(Enumerable.Range(0, limit + 16)
            .Select(i => PublicLookup.AskAsync(i % 2 == 0 ? first : second, certificate.Number, holder.LastName, burst)));

        // One by one, each instance uses up its block before taking another: exactly the limit passes.
        Assert.Equal(limit, oneByOne.Count(r => !r.HasErrors));
        oneByOne.Skip(limit).ToList().ForEach(PublicLookup.RateLimited);
        // At once, never more than the limit; at most a block per instance is taken but not used before the window ends.
        var passed = atOnce.Where(r => !r.HasErrors).ToList();
        Assert.InRange(passed.Count, limit - 2 * 2, limit);
        Assert.All(passed, r => Assert.True(PublicLookup.Answer(r).At("found").GetBoolean()));
        atOnce.Where(r => r.HasErrors).ToList().ForEach(PublicLookup.RateLimited);
        var log = await _api.Client().DataAsync(PublicLookup.StaffLog, new { n = certificate.Number }, await _parties.StaffAsync());
        Assert.Equal(limit + passed.Count, log.At("verificationLog.totalCount").GetInt32()); // every answered lookup, and no refused one
    }

    [SkippableFact]
    public async Task Racing_batches_of_one_partner_client_are_answered_as_if_one_after_another_and_never_past_the_miss_limit()
    {
        var partner = await _parties.PartnerAsync();
        await using var limited = _api.CreateFactory(b => b.UseSetting("Verification:PartnerMissesPerHour", "6"));
        StartOfNextHour();
        var address = PublicLookup.NewAddress();
        var unknown = Random.Shared.Next(100000, 900000);
        object ThreeMisses(int batch) => new { c = Enumerable.Range(0, 3).Select(i => $"SRO-1999-{unknown + (batch * 3) + i:D6}") };

        var batches = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Client(limited, address).PostAsync(PartnerBatchTests.Batch, ThreeMisses(i), partner.Token)));

        // One after another, the first batch finds 0 misses counted and the second 3 (both under 6); every later one finds 6.
        var answered = batches.Where(b => b.Status == HttpStatusCode.OK).ToList();
        Assert.True(answered.Count == 2, $"{answered.Count} of 10 racing batches were answered: {string.Join(" | ", batches.Select(b => (int)b.Status))}");
        Assert.All(answered, a => Assert.All(a.Data.At("verifyCertificates").EnumerateArray(), r => Assert.False(r.At("found").GetBoolean())));
        foreach (var refused in batches.Where(b => b.Status != HttpStatusCode.OK))
        {
            Assert.True(refused.Status == HttpStatusCode.TooManyRequests, $"{(int)refused.Status}: {refused.Text}");
            Assert.Equal(["RATE_LIMITED"], refused.ErrorCodes);
            Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        }

        // The log holds the answered batches' misses only: a refused batch is neither answered nor logged.
        var staff = await _parties.StaffAsync();
        var logged = 0;
        foreach (var number in Enumerable.Range(0, 30).Select(i => $"SRO-1999-{unknown + i:D6}"))
        {
            logged += (await _api.Client().DataAsync(PublicLookup.StaffLog, new { n = number }, staff)).At("verificationLog.totalCount").GetInt32();
        }

        Assert.Equal(6, logged);
    }

    [SkippableFact]
    public async Task A_signed_in_client_and_anonymous_callers_from_one_address_count_apart()
    {
        var holder = (await _parties.MembersAsync(1))[0];
        var certificate = await (await _parties.DeskAsync()).RecordAsync(holder, "AMHT", _parties.Data.Today.AddDays(-2));
        var member = await _parties.SignInAsync(holder);
        await using var limited = _api.CreateFactory(b => b.UseSetting("Verification:LookupsPerMinute", "1"));
        _api.StartOfNextMinute();
        var address = PublicLookup.NewAddress();
        var variables = new { n = certificate.Number, l = holder.LastName };

        var anonymous = await Client(limited, address).PostAsync(PublicLookup.Query, variables);
        var signedIn = await Client(limited, address).PostAsync(PublicLookup.Query, variables, member);
        var again = await Client(limited, address).PostAsync(PublicLookup.Query, variables, member);

        Assert.True(PublicLookup.Answer(anonymous).At("found").GetBoolean());
        Assert.True(PublicLookup.Answer(signedIn).At("found").GetBoolean());
        PublicLookup.RateLimited(again);
    }

    [SkippableFact]
    public async Task Addresses_of_one_IPv6_64_share_one_limit_and_the_next_64_has_its_own()
    {
        var holder = (await _parties.MembersAsync(1))[0];
        var certificate = await (await _parties.DeskAsync()).RecordAsync(holder, "AMHT", _parties.Data.Today.AddDays(-2));
        await using var limited = _api.CreateFactory(b => b.UseSetting("Verification:LookupsPerMinute", "2"));
        _api.StartOfNextMinute();
        var network = PublicLookup.NewAddress()[..^3]; // "2001:db8:ce:N:"

        Assert.True(PublicLookup.Answer(await PublicLookup.AskAsync(limited, certificate.Number, holder.LastName, $"{network}:1")).At("found").GetBoolean());
        Assert.True(PublicLookup.Answer(await PublicLookup.AskAsync(limited, certificate.Number, holder.LastName, $"{network}a:b:c:d")).At("found").GetBoolean());
        PublicLookup.RateLimited(await PublicLookup.AskAsync(limited, certificate.Number, holder.LastName, $"{network}ffff:ffff:ffff:fffe"));
        Assert.True(PublicLookup.Answer(await PublicLookup.AskAsync(limited, certificate.Number, holder.LastName, PublicLookup.NewAddress())).At("found").GetBoolean());
    }

    [SkippableFact]
    public async Task Too_many_wrong_surnames_for_one_number_from_many_addresses_make_every_lookup_of_it_rate_limited_known_or_not()
    {
        var holder = (await _parties.MembersAsync(1))[0];
        var desk = await _parties.DeskAsync();
        var targeted = await desk.RecordAsync(holder, "AMHT", _parties.Data.Today.AddDays(-2));
        var untouched = await desk.RecordAsync(holder, "CPTED", _parties.Data.Today.AddDays(-2));
        var unknown = $"SRO-1999-{Random.Shared.Next(100000, 999999)}";
        await using var limited = _api.CreateFactory(b => b.UseSetting("Verification:FailedLookupsPerNumberPerHour", "3"));
        StartOfNextHour();

        var beforeAnyFailure = PublicLookup.Answer(await PublicLookup.AskAsync(limited, targeted.Number, holder.LastName));
        var mismatches = new List<GraphQLResult>();
        var unknownMisses = new List<GraphQLResult>();
        for (var i = 0; i < 3; i++)
        {
            mismatches.Add(await PublicLookup.AskAsync(limited, targeted.Number, $"Wrong{i}"));
            unknownMisses.Add(await PublicLookup.AskAsync(limited, unknown, $"Wrong{i}"));
        }

        var fourthMismatch = await PublicLookup.AskAsync(limited, targeted.Number, "Wrong3");
        var rightSurname = await PublicLookup.AskAsync(limited, targeted.Number, holder.LastName);
        var fourthUnknown = await PublicLookup.AskAsync(limited, unknown, "Wrong3");

        Assert.True(beforeAnyFailure.At("found").GetBoolean());
        Assert.All(mismatches.Concat(unknownMisses), m => Assert.False(PublicLookup.Answer(m).At("found").GetBoolean()));
        foreach (var refused in new[] { fourthMismatch, rightSurname, fourthUnknown })
        {
            // The same refusal for a real certificate (right surname or not) and for a number that does not exist.
            Assert.True(refused.Status == System.Net.HttpStatusCode.TooManyRequests, $"{(int)refused.Status}: {refused.Text}");
            Assert.Equal(["RATE_LIMITED"], refused.ErrorCodes);
            Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        }

        Assert.Equal(fourthUnknown.ErrorCodes, rightSurname.ErrorCodes);
        Assert.True(PublicLookup.Answer(await PublicLookup.AskAsync(limited, untouched.Number, holder.LastName)).At("found").GetBoolean());
    }

    [SkippableFact]
    public async Task The_status_link_answers_429_with_Retry_After_past_its_limit_and_logs_no_refused_hit()
    {
        var holder = (await _parties.MembersAsync(1))[0];
        var certificate = await (await _parties.DeskAsync()).RecordAsync(holder, "SSO", _parties.Data.Today.AddDays(-2));
        await using var limited = _api.CreateFactory(b => b.UseSetting("Verification:StatusChecksPerMinute", "2"));
        _api.StartOfNextMinute();
        var address = PublicLookup.NewAddress();
        var path = $"/certificates/status/{certificate.VerificationCode}";

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await Http(limited, address).GetAsync(path));
        }

        using var elsewhere = await Http(limited, PublicLookup.NewAddress()).GetAsync(path);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        var retryAfter = answers[2].Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(certificate.Number, await answers[2].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        var log = await _api.Client().DataAsync(PublicLookup.StaffLog, new { n = certificate.Number }, await _parties.StaffAsync());
        Assert.Equal(3, log.At("verificationLog.totalCount").GetInt32()); // two from the limited address, one from elsewhere
        answers.ForEach(a => a.Dispose());
    }

    private static GraphQLClient Client(WebApplicationFactory<Program> instance, string? address = null) => new(Http(instance, address ?? PublicLookup.NewAddress()));

    private static HttpClient Http(WebApplicationFactory<Program> instance, string address)
    {
        var http = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }

    /// <summary>The per-number limit counts in fixed one-hour windows: move to five seconds into the next hour.</summary>
    private void StartOfNextHour()
    {
        var now = _api.Clock.GetUtcNow();
        _api.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerHour) + TimeSpan.FromSeconds(5));
    }
}

public sealed class VerificationRateLimitTestsOnSqlite(ClockedOidcApi api) : VerificationRateLimitTests(api), IClassFixture<ClockedOidcApi>;

public sealed class VerificationRateLimitTestsOnPostgreSql(ClockedOidcApiOnPostgreSql api) : VerificationRateLimitTests(api), IClassFixture<ClockedOidcApiOnPostgreSql>;
