using System.Globalization;
using System.Text.Json.Nodes;

namespace Driver;

/// <summary>What one workload measured: saturation throughput per repetition, latency at half of it, memory, statements.</summary>
internal sealed record WorkloadResult(Workload Workload, List<double> Api, List<double> Baseline, RunResult? ApiPaced, RunResult? BaselinePaced, double ApiRssMb, int Errors)
{
    /// <summary>PostGraphile's saturation req/s per repetition (empty where it has no version of the workload).</summary>
    public List<double> Peer { get; init; } = [];
}

/// <summary>Statements per request from the server log, and how many of them were the pool's DISCARD ALL (a checkout each).</summary>
internal sealed record Count(double Statements, double Resets)
{
    public static Count Of(List<LoggedStatement> logged, int requests) =>
        new(logged.Count / (double)requests, logged.Count(s => s.Sql.StartsWith("DISCARD ALL", StringComparison.Ordinal)) / (double)requests);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Statements:0.#} ({Resets:0.#} resets)");
}

/// <summary>
/// The API's and the baseline's statement counts for one workload, and the statement shapes one side sent and the
/// other did not (<see cref="Statements.Drift"/>): the baseline must send the API's SQL, or its ratio means nothing.
/// </summary>
internal sealed record StatementCount(Count Api, Count? Baseline, List<string>? Drift = null);

internal sealed class Bench(Options options, Load load, Statements statements, Memory memory)
{
    public Memory Memory => memory;

    private Target Api(Workload w) => new("api", new Uri(options.Api, "/graphql"), w.Token);

    private Target Baseline(Workload w) => new("baseline", new Uri(options.Baseline, w.BaselinePath), w.Token);

    private Target? Peer(Workload w) => options.PostGraphile is null || w.PeerBodies is null ? null : new("postgraphile", new Uri(options.PostGraphile, "/graphql"), null);

    /// <summary>Before measuring: both sides must answer the same JSON (compared as JSON, not as bytes).</summary>
    public async Task CheckSameJsonAsync(IEnumerable<Workload> workloads)
    {
        var folder = Directory.CreateDirectory(Path.Combine(options.Out, "json")).FullName;
        foreach (var workload in workloads)
        {
            var (apiStatus, apiText) = await load.SendForTextAsync(Api(workload), workload.Bodies[0]);
            await File.WriteAllTextAsync(Path.Combine(folder, workload.Name + ".api.json"), apiText);
            if (apiStatus != 200 || apiText.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{workload.Name}: the API answered {apiStatus}: {apiText[..Math.Min(apiText.Length, 400)]}");
            }

            await CheckPeerAsync(workload, apiText);
            if (workload.BaselinePath is null)
            {
                Console.WriteLine($"{workload.Name,-13} API answers (no baseline endpoint)");
                continue;
            }

            var mismatches = 0;
            foreach (var body in workload.Bodies.Take(5))
            {
                var (_, a) = await load.SendForTextAsync(Api(workload), body);
                var (_, b) = await load.SendForTextAsync(Baseline(workload), body);
                if (!JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b)))
                {
                    mismatches++;
                    await File.WriteAllTextAsync(Path.Combine(folder, workload.Name + ".baseline.json"), b);
                    await File.WriteAllTextAsync(Path.Combine(folder, workload.Name + ".api-mismatch.json"), a);
                }
            }

            Console.WriteLine($"{workload.Name,-13} " + (mismatches == 0 ? "same JSON from API and baseline" : $"WARNING: {mismatches} of 5 answers differ (see {folder})"));
        }
    }

    /// <summary>PostGraphile must answer without errors, and list the same members as the API where the answer lists members.</summary>
    private async Task CheckPeerAsync(Workload workload, string apiText)
    {
        if (Peer(workload) is not { } peer)
        {
            return;
        }

        var (status, text) = await load.SendForTextAsync(peer, workload.PeerBodies![0]);
        await File.WriteAllTextAsync(Path.Combine(options.Out, "json", workload.Name + ".postgraphile.json"), text);
        if (status != 200 || text.Contains("\"errors\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{workload.Name}: PostGraphile answered {status}: {text[..Math.Min(text.Length, 400)]}");
        }

        var (api, other) = (PostGraphile.MemberNumbers(apiText), PostGraphile.MemberNumbers(text));
        Console.WriteLine($"{workload.Name,-13} PostGraphile answers" + (api.Count == 0 ? "" : api.SequenceEqual(other)
            ? $", the same {api.Count} member numbers as the API"
            : $"; WARNING: its member numbers differ from the API's ({other.Count} against {api.Count})"));
    }

    public async Task<Dictionary<string, StatementCount>> CountAsync(IEnumerable<Workload> workloads, params (string Name, Func<Task<BurstResult>> Run, int Requests)[] bursts)
    {
        var sql = Directory.CreateDirectory(Path.Combine(options.Out, "sql")).FullName;
        var explain = Directory.CreateDirectory(Path.Combine(options.Out, "explain")).FullName;
        var counts = new Dictionary<string, StatementCount>(StringComparer.Ordinal);
        await statements.SetLoggingAsync(true);
        try
        {
            foreach (var workload in workloads)
            {
                var mark = statements.Mark();
                await load.SendAsync(Api(workload), workload.Bodies[0]);
                var one = await statements.ReadSinceAsync(mark);
                await File.WriteAllTextAsync(Path.Combine(sql, workload.Name + ".api.log"), one);
                await File.WriteAllTextAsync(Path.Combine(explain, workload.Name + ".txt"), await statements.ExplainAsync(Statements.Parse(one, "bench-api")));
                var (api, apiSent) = await CountRequestsAsync(Api(workload), workload, "bench-api", Path.Combine(sql, workload.Name + ".api-10.log"));
                if (workload.BaselinePath is null)
                {
                    counts[workload.Name] = new StatementCount(api, null);
                    Console.WriteLine($"{workload.Name,-13} statements per request: API {api}");
                    continue;
                }

                var (baseline, baselineSent) = await CountRequestsAsync(Baseline(workload), workload, "bench-baseline", Path.Combine(sql, workload.Name + ".baseline.log"));
                var drift = Statements.Drift(apiSent, baselineSent);
                counts[workload.Name] = new StatementCount(api, baseline, drift);
                Console.WriteLine($"{workload.Name,-13} statements per request: API {api}, baseline {baseline}");
                if (drift.Count > 0)
                {
                    await File.WriteAllLinesAsync(Path.Combine(sql, workload.Name + ".drift.txt"), drift);
                    Console.WriteLine($"{workload.Name,-13} WARNING: the baseline's SQL differs from the API's in {drift.Count} statement shapes "
                        + $"(sql/{workload.Name}.drift.txt): recapture bench/Baseline/Sql.cs from sql/{workload.Name}.api-10.log");
                }
            }

            foreach (var (name, run, requests) in bursts)
            {
                var mark = statements.Mark();
                await run();
                var log = await statements.ReadSinceAsync(mark);
                await File.WriteAllTextAsync(Path.Combine(sql, name + ".api.log"), log);
                counts[name] = new StatementCount(Count.Of(Statements.Parse(log, "bench-api"), requests), null);
                Console.WriteLine($"{name,-13} statements per request: API {counts[name].Api}");
            }
        }
        finally
        {
            await statements.SetLoggingAsync(false);
        }

        return counts;
    }

    private async Task<(Count Count, List<LoggedStatement> Sent)> CountRequestsAsync(Target target, Workload workload, string app, string? save)
    {
        const int requests = 10;
        var mark = statements.Mark();
        for (var i = 0; i < requests; i++)
        {
            await load.SendAsync(target, workload.Bodies[i % workload.Bodies.Count]);
        }

        var log = await statements.ReadSinceAsync(mark);
        if (save is not null)
        {
            await File.WriteAllTextAsync(save, log);
        }

        var sent = Statements.Parse(log, app);
        return (Count.Of(sent, requests), sent);
    }

    /// <summary>
    /// Each side at saturation until its rate stops rising, not counted: the first seconds of a workload run code the JIT
    /// has not tiered up yet and pools that are still growing, far more of it on the API's side (a whole GraphQL
    /// pipeline) than on the baseline's, so a cold first repetition would measure start-up, which has its own figure.
    /// Windows of <see cref="Options.Warmup"/> each, until two windows in a row each rose less than 5 % over the one
    /// before (one flat window stopped early: tiering went on after it, and the rate rose by a third in the measured
    /// runs), at least three and at most eight.
    /// </summary>
    private async Task WarmUpAsync(Workload workload)
    {
        if (options.Warmup <= TimeSpan.Zero)
        {
            return;
        }

        var line = $"{workload.Name,-13} warm-up (not counted): API {await WarmUpAsync(Api(workload), workload.Bodies)}";
        if (workload.BaselinePath is not null)
        {
            line += $"; baseline {await WarmUpAsync(Baseline(workload), workload.Bodies)}";
        }

        if (Peer(workload) is { } third)
        {
            line += $"; PostGraphile {await WarmUpAsync(third, workload.PeerBodies!)}";
        }

        Console.WriteLine(line);
    }

    /// <summary>The rates of the windows run, e.g. "410 → 1,650 → 1,702 req/s".</summary>
    private async Task<string> WarmUpAsync(Target target, IReadOnlyList<byte[]> bodies)
    {
        var rates = new List<double>();
        static bool Flat(List<double> rates, int last) => rates[last] <= rates[last - 1] * 1.05;
        while (rates.Count < 8)
        {
            var run = await load.SaturateAsync(target, bodies, options.Connections, options.Warmup);
            rates.Add(run.RequestsPerSecond);
            if (rates.Count >= 3 && Flat(rates, rates.Count - 1) && Flat(rates, rates.Count - 2))
            {
                break;
            }
        }

        return string.Join(" → ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))) + " req/s";
    }

    /// <summary>Alternates API and baseline at saturation, then runs each at half of its median saturation rate for latency.</summary>
    public async Task<WorkloadResult> MeasureAsync(Workload workload, Dictionary<string, StatementCount> counts)
    {
        memory.ResetPeak();
        var (api, baseline, peer, errors) = (new List<double>(), new List<double>(), new List<double>(), 0);
        await WarmUpAsync(workload);
        for (var rep = 0; rep < options.Reps; rep++)
        {
            var a = await load.SaturateAsync(Api(workload), workload.Bodies, options.Connections, options.Duration);
            api.Add(a.RequestsPerSecond);
            errors += a.Errors;
            if (workload.BaselinePath is not null)
            {
                var b = await load.SaturateAsync(Baseline(workload), workload.Bodies, options.Connections, options.Duration);
                baseline.Add(b.RequestsPerSecond);
                errors += b.Errors;
            }

            if (Peer(workload) is { } third)
            {
                var p = await load.SaturateAsync(third, workload.PeerBodies!, options.Connections, options.Duration);
                peer.Add(p.RequestsPerSecond);
                errors += p.Errors;
            }

            var side = baseline.Count > rep ? string.Create(CultureInfo.InvariantCulture, $", baseline {baseline[rep],8:0.0} req/s") : "";
            side += peer.Count > rep ? string.Create(CultureInfo.InvariantCulture, $", PostGraphile {peer[rep],8:0.0} req/s") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{workload.Name,-13} rep {rep + 1}: API {a.RequestsPerSecond,8:0.0} req/s{side}"));
        }

        var apiPaced = await load.PacedAsync(Api(workload), workload.Bodies, Report.Median(api) / 2, options.Connections, options.Duration);
        var baselinePaced = workload.BaselinePath is null ? null
            : await load.PacedAsync(Baseline(workload), workload.Bodies, Report.Median(baseline) / 2, options.Connections, options.Duration);
        return new WorkloadResult(workload, api, baseline, apiPaced, baselinePaced, memory.PeakMb, errors) { Peer = peer };
    }

    public async Task<List<BurstResult>> RepeatAsync(string name, Func<Task<BurstResult>> run)
    {
        var results = new List<BurstResult>();
        for (var rep = 0; rep < options.Reps; rep++)
        {
            var result = await run();
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-13} rep {rep + 1}: {result.Seconds * 1000:0} ms, p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms; {result.Check}"));
        }

        return results;
    }
}

/// <summary>The API's resident memory from /proc/PID/status (VmRSS), sampled four times a second.</summary>
internal sealed class Memory
{
    private readonly int? _pid;
    private double _peak;

    public Memory(int? pid)
    {
        _pid = pid;
        if (pid is not null)
        {
            _ = Task.Run(SampleAsync);
        }
    }

    public double PeakMb => _peak;

    public double OverallPeakMb { get; private set; }

    public double StartMb { get; private set; } = double.NaN;

    public double LastMb { get; private set; } = double.NaN;

    public void ResetPeak() => _peak = 0;

    private async Task SampleAsync()
    {
        while (true)
        {
            try
            {
                var line = File.ReadLines($"/proc/{_pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null)
                {
                    var mb = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
                    StartMb = double.IsNaN(StartMb) ? mb : StartMb;
                    LastMb = mb;
                    _peak = Math.Max(_peak, mb);
                    OverallPeakMb = Math.Max(OverallPeakMb, mb);
                }
            }
            catch (IOException)
            {
                return; // the process ended
            }

            await Task.Delay(250);
        }
    }
}
