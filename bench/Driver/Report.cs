using System.Globalization;
using System.Text;

namespace Driver;

/// <summary>The figures as bench/README.md records them.</summary>
internal static class Report
{
    public static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Markdown(Options options, List<WorkloadResult> results, Dictionary<string, StatementCount> counts,
        List<BurstResult> purchase, List<BurstResult> webhook, Memory memory)
    {
        var text = new StringBuilder();
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        Line(text, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {options.Scale}; {Environment.ProcessorCount} cores; load average at the end {load}; "
            + $"{options.Connections} connections, {options.Duration.TotalSeconds:0} s per run after a warm-up per side (windows of {options.Warmup.TotalSeconds:0} s until the rate stops rising), medians of {options.Reps} alternating repetitions.");
        Line(text, "");
        Line(text, "| workload | API req/s | raw req/s | API / raw | PostGraphile req/s | API p50 / p99 ms | raw p50 / p99 ms | SQL statements API / raw | API RSS MB |");
        Line(text, "|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var api = Median(r.Api);
            var raw = Median(r.Baseline);
            var count = counts.GetValueOrDefault(r.Workload.Name);
            Line(text, $"| {r.Workload.Title} | {Rate(api)} | {(r.Baseline.Count == 0 ? "—" : Rate(raw))} | {(r.Baseline.Count == 0 ? "—" : (api / raw).ToString("0.00", CultureInfo.InvariantCulture))} "
                + $"| {(r.Peer.Count == 0 ? "—" : Rate(Median(r.Peer)))} | {Latency(r.ApiPaced)} | {(r.BaselinePaced is null ? "—" : Latency(r.BaselinePaced))} "
                + $"| {count?.Api.ToString() ?? "?"} / {count?.Baseline?.ToString() ?? "—"} "
                + $"| {r.ApiRssMb:0}{(r.Errors > 0 ? $" ({r.Errors} errors)" : "")} |");
        }

        var drifted = counts.Where(c => c.Value.Drift is { Count: > 0 }).Select(c => $"`{c.Key}` ({c.Value.Drift!.Count})").Order(StringComparer.Ordinal).ToList();
        Line(text, "");
        Line(text, drifted.Count == 0
            ? "SQL: the baseline sent the API's statement shapes on every workload with a baseline."
            : $"SQL: the baseline's statement shapes differ from the API's on {string.Join(", ", drifted)}: those ratios compare different SQL (sql/*.drift.txt).");
        Line(text, "");
        Line(text, "| burst (API only) | median wall time ms | p50 / p99 ms | per request SQL statements | check |");
        Line(text, "|---|---|---|---|---|");
        Burst(text, "`purchaseTickets`: 200 buyers race for 10 seats", purchase, counts.GetValueOrDefault("purchase"));
        Burst(text, "Stripe webhook burst: 500 signed events, 10 % repeats", webhook, counts.GetValueOrDefault("webhook"));
        Line(text, "");
        Line(text, $"API resident memory: {memory.StartMb:0} MB when measuring began, peak {memory.OverallPeakMb:0} MB, {memory.LastMb:0} MB at the end.");
        if (options.ColdApi is { } coldApi)
        {
            Line(text, $"Cold start (process start to the first successful answer): API {coldApi / 1000:0.00} s, raw baseline {(options.ColdBaseline ?? double.NaN) / 1000:0.00} s"
                + (options.ColdPeer is { } coldPeer ? $", PostGraphile {coldPeer / 1000:0.00} s." : "."));
        }

        return text.ToString();
    }

    private static void Burst(StringBuilder text, string title, List<BurstResult> runs, StatementCount? count)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var median = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
        Line(text, $"| {title} | {median.Seconds * 1000:0} | {median.P50:0.0} / {median.P99:0.0} | {count?.Api.ToString() ?? "?"} "
            + $"| {string.Join("; ", runs.Select(r => r.Check).Distinct())} |");
    }

    private static string Rate(double value) => double.IsNaN(value) ? "—" : value.ToString(value < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture);

    private static string Latency(RunResult? r) => r is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{r.P50:0.0} / {r.P99:0.0}");

    private static void Line(StringBuilder text, string line) => text.Append(CultureInfo.InvariantCulture, $"{line}\n");
}
