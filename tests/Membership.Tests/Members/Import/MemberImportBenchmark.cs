using System.Diagnostics;
using Membership.Tests.Infrastructure;
using Xunit.Abstractions;
using static Membership.Tests.Members.Import.MemberCsvFiles;

namespace Membership.Tests.Members.Import;

/// <summary>
/// The import benchmark (bench/import/run.sh): 10,000 generated lines through HTTP against PostgreSQL, timed as a dry run,
/// a real run and a second (idempotent) run. A measurement, not a timed test: it runs only when MEMBERSHIP_BENCH_IMPORT is set.
/// </summary>
public sealed class MemberImportBenchmark(PostgreSqlApi api, ITestOutputHelper output) : ApiTest(api), IClassFixture<PostgreSqlApi>
{
    public const string Variable = "MEMBERSHIP_BENCH_IMPORT";

    [SkippableFact]
    public async Task Import_of_ten_thousand_lines()
    {
        Skip.If(Environment.GetEnvironmentVariable(Variable) is null, $"set {Variable}=1 to run the import benchmark");
        var data = new TestData(Api);
        var plan = await data.PlanAsync();
        var agency = await data.AgencyAsync(state: "GA");
        var ori = await GiveOriAsync(Api, agency);
        var lines = int.TryParse(Environment.GetEnvironmentVariable(Variable), out var n) && n > 1 ? n : 10_000;
        var first = FreshNumber();
        var csv = Header + "\n" + string.Join("\n", Enumerable.Range(0, lines).Select(i =>
            $"M-{first + i},Casey,Bench{i},{TestData.Unique("bench")}@example.org,+1 404 555 0100,1 Main St,Atlanta,GA,30301,1980-02-03,REGULAR,true,GA,{ori},{plan.Code},{data.Today.AddMonths(-1):yyyy-MM-dd},"));

        var times = new List<(string Run, TimeSpan Took, string Counts)>();
        foreach (var (run, dryRun) in new[] { ("dry run", true), ("real run", false), ("second run", false) })
        {
            var clock = Stopwatch.StartNew();
            var payload = await ImportPayloadAsync(Client, csv, dryRun);
            times.Add((run, clock.Elapsed, $"created {payload.At("created").GetInt32()}, unchanged {payload.At("unchanged").GetInt32()}"));
            Assert.Empty(payload.UserErrorCodes());
        }

        output.WriteLine($"{lines} lines, {csv.Length / 1024} KiB, PostgreSQL:");
        foreach (var (run, took, counts) in times)
        {
            output.WriteLine($"  {run,-10} {took.TotalSeconds,6:0.00} s  ({counts})");
        }
    }
}
