using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// What one verifyCertificate costs the database, counted on each provider: a found certificate is two statements (the
/// lookup with its successor and the number's failure count; the log entry), a miss three (its failure is counted
/// before the answer), all on one pooled connection. The per-client limit asks the database once per block of permits.
/// </summary>
public abstract class VerificationRoundTripTests(ApiFixture api) : ApiTest(api)
{
    private const int LookupsPerMinute = 1600; // a block of 100 permits: no refill inside these tests

    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task A_found_certificate_costs_two_statements_on_one_connection_and_a_miss_three()
    {
        var holder = await _data.MemberAsync(await _data.PlanAsync());
        var certificate = await Desk.RecordAsync(holder, "AMHT", _data.Today.AddDays(-5));
        var reissued = await Desk.RecordAsync(holder, "CPTED", _data.Today.AddDays(-5));
        await Desk.ReissueAsync(reissued);
        await using var instance = LimitedInstance();
        var address = PublicLookup.NewAddress();
        Assert.True(PublicLookup.Answer(await PublicLookup.AskAsync(instance, certificate.Number, holder.LastName, address)).At("found").GetBoolean()); // warm; takes the block

        var found = await CostAsync(() => PublicLookup.AskAsync(instance, certificate.Number, holder.LastName, address), expectFound: true);
        var miss = await CostAsync(() => PublicLookup.AskAsync(instance, certificate.Number, "Nobody", address), expectFound: false);
        var replaced = await CostAsync(() => PublicLookup.AskAsync(instance, reissued.Number, holder.LastName, address), expectFound: true);

        Assert.True(found is { Commands: 2, Connections: 1 }, found.ToString());
        Assert.True(miss is { Commands: 3, Connections: 1 }, miss.ToString());
        Assert.True(replaced is { Commands: 2, Connections: 1 }, replaced.ToString()); // the certificate that carries on comes with the lookup
    }

    [SkippableFact]
    public async Task Ten_lookups_from_one_client_write_the_limits_counter_once()
    {
        var holder = await _data.MemberAsync(await _data.PlanAsync());
        var certificate = await Desk.RecordAsync(holder, "AMHT", _data.Today.AddDays(-5));
        await using var instance = LimitedInstance();
        var address = PublicLookup.NewAddress();

        Api.Commands.Reset();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PublicLookup.AskAsync(instance, certificate.Number, holder.LastName, address)));

        Assert.All(answers, a => Assert.True(PublicLookup.Answer(a).At("found").GetBoolean()));
        Assert.True(10 * 2 + 2 == Api.Commands.Count, string.Join("\n---\n", Api.Commands.Sent)); // ten lookups and log entries; one block of permits and the sweep of old windows it starts
    }

    private CertificateDesk Desk => new(() => Client, TestIdentity.Staff);

    /// <summary>An instance with a high per-client limit, on a stopped clock.</summary>
    private WebApplicationFactory<Program> LimitedInstance()
    {
        var instance = Api.CreateFactory(b =>
        {
            b.UseSetting("Verification:LookupsPerMinute", LookupsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            PublicLookup.StoppedClock(b);
        });
        _ = instance.Server; // started: its start-up statements are not counted
        return instance;
    }

    private async Task<Cost> CostAsync(Func<Task<GraphQLResult>> lookup, bool expectFound)
    {
        Api.Commands.Reset();
        var answer = PublicLookup.Answer(await lookup());
        Assert.Equal(expectFound, answer.At("found").GetBoolean());
        return new(Api.Commands.Count, Api.Commands.Connections, string.Join("\n---\n", Api.Commands.Sent));
    }

    private sealed record Cost(int Commands, int Connections, string Sql);
}

public sealed class VerificationRoundTripTestsOnSqlite(SqliteApi api) : VerificationRoundTripTests(api), IClassFixture<SqliteApi>;

public sealed class VerificationRoundTripTestsOnPostgreSql(PostgreSqlApi api) : VerificationRoundTripTests(api), IClassFixture<PostgreSqlApi>;
