using System.Globalization;
using Driver;
using Npgsql;

// Usage (bench/run.sh passes all of it): Driver --api URL --baseline URL --db CONNECTION --log SERVER-LOG --out DIR
//   [--duration 8] [--warmup 5] [--connections 16] [--reps 3] [--api-pid PID] [--only plans,node,…] [--cold-api MS] [--cold-baseline MS]
//   [--steady SECONDS --counters DOTNET-COUNTERS --api-settings TEXT] (the memory run: see Steady.cs) [--postgraphile URL --cold-peer MS]
// Credentials come from the environment: BENCH_STAFF_SECRET, BENCH_PARTNER_SECRET, BENCH_MEMBER_EMAIL,
// BENCH_MEMBER_PASSWORD, BENCH_WEBHOOK_SECRET.
var options = Options.Parse(args);
Directory.CreateDirectory(options.Out);
await using var db = NpgsqlDataSource.Create(options.Db + ";ApplicationName=bench-driver");
var samples = new Samples(db, options.Workloads);
Console.WriteLine("checking the generated name keys against TextKeys.Normalize …");
await samples.CheckNameKeysAsync();

var staff = await Tokens.ClientCredentialsAsync(options.Api, "bench-staff", Env("BENCH_STAFF_SECRET"), "membership.staff");
var partner = await Tokens.ClientCredentialsAsync(options.Api, "bench-partner", Env("BENCH_PARTNER_SECRET"), "certification.verify");
var member = await Tokens.MemberAsync(options.Api, "bench-portal", new Uri("http://127.0.0.1:9/callback"), Env("BENCH_MEMBER_EMAIL"), Env("BENCH_MEMBER_PASSWORD"));
Console.WriteLine("tokens: staff and partner (client credentials), member (authorization code + PKCE)");

var certificates = await samples.CertificatesAsync(2000);
var nodeIds = await samples.NodeIdsAsync();
var pageStarts = await samples.DeepPageStartsAsync();
var workloads = new List<Workload>
{
    new("plans", "`membershipPlans` (framework overhead)", "/plans", null, [samples.Body("plans.graphql")]),
    new("node", "`node(id:)` of one member", "/node", staff, [.. nodeIds.Select(id => samples.Body("node.graphql", new { id = Samples.GlobalId("Member", id) }))]),
    new("verify", "`verifyCertificate`", "/verify", null,
        [.. certificates.Take(200).Select(c => samples.Body("verify.graphql", new { number = c.Number, lastName = c.LastName }))]),
    new("page", "`members(first: 100, after:)` deep pages, agency and current term", "/page", staff, [.. pageStarts.Select(samples.PageBody)]),
    new("search", "`members(first: 50, filter: { search })` nested fields, common surname fragment", "/search", staff,
        [.. Samples.SearchFragments.Select(f => samples.Body("search.graphql", new { search = f }))]),
    new("verify-batch", "`verifyCertificates` with 100 numbers", "/verify-batch", partner,
        [.. certificates.Chunk(100).Take(20).Select(chunk => samples.Body("verify-batch.graphql", new { certificates = chunk.Select(c => new { number = c.Number, lastName = c.LastName }) }))]),
    new("consenting", "`consentingOfficers(first: 50)`", "/consenting", partner, [samples.Body("consenting.graphql")]),
    new("me", "`me` with certificates and dues", "/me", member, [samples.Body("me.graphql")]),
};
workloads = [.. workloads.Where(w => options.Only is null || options.Only.Contains(w.Name))];
if (options.PostGraphile is not null)
{
    var peer = new PostGraphile(options.PostGraphile, options.Workloads);
    var peerPages = await peer.PageBodiesAsync(pageStarts);
    workloads = [.. workloads.Select(w => w with { PeerBodies = w.Name switch
    {
        "plans" => [peer.Body("plans.graphql")],
        "node" => [.. nodeIds.Select(id => peer.Body("node.graphql", new { id }))],
        "page" => peerPages,
        _ => null, // search needs a LIKE filter (a plugin or a SQL function); the partner and member workloads need our rules
    } })];
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(60),
};
var load = new Load(http);
if (options.Steady is { } steady)
{
    var steadyReport = await Steady.RunAsync(options, load, workloads, steady);
    Console.WriteLine();
    Console.WriteLine(steadyReport);
    await File.WriteAllTextAsync(Path.Combine(options.Out, "steady.md"), steadyReport);
    return 0;
}

var bench = new Bench(options, load, new Statements(db, options.Log), new Memory(options.ApiPid));
await bench.CheckSameJsonAsync(workloads);
var races = new Races(http, samples, options.Api);
var webhookSecret = Env("BENCH_WEBHOOK_SECRET");
// The bursts run unless --only leaves them out (name them: purchase, webhook), so a profile of one workload is of it alone.
bool Runs(string name) => options.Only is null || options.Only.Contains(name);
var bursts = new List<(string Name, Func<Task<BurstResult>> Run, int Requests)>();
if (Runs("purchase"))
{
    bursts.Add(("purchase", () => races.PurchaseRaceAsync(200), 200));
}

if (Runs("webhook"))
{
    bursts.Add(("webhook", () => races.WebhookBurstAsync(webhookSecret, 20, 1), 20));
}

var counts = await bench.CountAsync(workloads, [.. bursts]);
var results = new List<WorkloadResult>();
foreach (var workload in workloads)
{
    results.Add(await bench.MeasureAsync(workload, counts));
}

var purchase = Runs("purchase") ? await bench.RepeatAsync("purchase", () => races.PurchaseRaceAsync(200)) : new List<BurstResult>();
var webhook = Runs("webhook") ? await bench.RepeatAsync("webhook", () => races.WebhookBurstAsync(webhookSecret, 500, options.Connections)) : new List<BurstResult>();
var report = Report.Markdown(options, results, counts, purchase, webhook, bench.Memory);
Console.WriteLine();
Console.WriteLine(report);
await File.WriteAllTextAsync(Path.Combine(options.Out, "results.md"), report);
return 0;

static string Env(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set");

namespace Driver
{
    internal sealed record Options(Uri Api, Uri Baseline, string Db, string Log, string Out, string Workloads, TimeSpan Duration, int Connections, int Reps,
        int? ApiPid, HashSet<string>? Only, double? ColdApi, double? ColdBaseline, string Scale, TimeSpan? Steady, string? Counters, string? ApiSettings, Uri? PostGraphile, double? ColdPeer, TimeSpan Warmup)
    {
        public static Options Parse(string[] args)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                map[args[i].TrimStart('-')] = args[i + 1];
            }

            string? Get(string key) => map.GetValueOrDefault(key);
            double? Number(string key) => Get(key) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : null;
            return new Options(new Uri(Get("api") ?? throw new ArgumentException("--api")), new Uri(Get("baseline") ?? throw new ArgumentException("--baseline")),
                Get("db") ?? throw new ArgumentException("--db"), Get("log") ?? throw new ArgumentException("--log"), Get("out") ?? "bench-results",
                Get("workloads") ?? Path.Combine(AppContext.BaseDirectory, "workloads"), TimeSpan.FromSeconds(Number("duration") ?? 8),
                (int)(Number("connections") ?? 16), (int)(Number("reps") ?? 3), (int?)Number("api-pid"), Get("only")?.Split(',').ToHashSet(),
                Number("cold-api"), Number("cold-baseline"), Get("scale") ?? "", Number("steady") is { } steady ? TimeSpan.FromSeconds(steady) : null,
                Get("counters"), Get("api-settings"), Get("postgraphile") is { } peer ? new Uri(peer) : null, Number("cold-peer"),
                TimeSpan.FromSeconds(Number("warmup") ?? 5));
        }
    }
}
