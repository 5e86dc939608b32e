using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Driver;

/// <summary>
/// <c>--steady SECONDS</c>: a mixed workload at half of its saturation rate for a long time, with the API's resident
/// memory and GC heap sampled every 10 s, to tell growth (a leak, an unbounded cache) from the GC's high-water mark:
/// growth keeps rising to the end; a high-water mark rises in the first minutes and then stays.
/// </summary>
internal static class Steady
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>The SQL-bound workloads (search, me) would be the whole load at a few requests a second: left out.</summary>
    public static List<(Target Target, byte[] Body)> Mix(Uri api, IReadOnlyList<Workload> workloads)
    {
        var mixed = workloads.Where(w => w.Name is not ("search" or "me")).ToList();
        var requests = new List<(Target, byte[])>();
        for (var i = 0; i < mixed.Max(w => w.Bodies.Count); i++)
        {
            requests.AddRange(mixed.Select(w => (new Target("api", new Uri(api, "/graphql"), w.Token), w.Bodies[i % w.Bodies.Count])));
        }

        return requests;
    }

    public static async Task<string> RunAsync(Options options, Load load, IReadOnlyList<Workload> workloads, TimeSpan duration)
    {
        var requests = Mix(options.Api, workloads);
        var names = string.Join(", ", workloads.Where(w => w.Name is not ("search" or "me")).Select(w => w.Name));
        // The API has just started: warm it up (JIT tiers, pools, caches) before taking its saturation rate.
        await load.SaturateAsync(requests, options.Connections, TimeSpan.FromSeconds(30));
        var saturation = await load.SaturateAsync(requests, options.Connections, TimeSpan.FromSeconds(20));
        var rate = saturation.RequestsPerSecond / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steady: mix of {names}; saturation {saturation.RequestsPerSecond:0} req/s; {rate:0} req/s for {duration.TotalSeconds:0} s"));

        var countersFile = Path.Combine(options.Out, "steady-counters.csv");
        using var counters = StartCounters(options, countersFile, duration + Interval);
        var rss = new List<(double Seconds, double Mb)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            for (var next = TimeSpan.Zero; !stop.IsCancellationRequested; next += Interval)
            {
                if (next - clock.Elapsed is { TotalMilliseconds: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                var mb = ResidentMb(options.ApiPid);
                rss.Add((clock.Elapsed.TotalSeconds, mb));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steady: {clock.Elapsed.TotalSeconds,5:0} s  RSS {mb,6:0} MB"));
            }
        });
        var paced = await load.PacedAsync(requests, rate, options.Connections, duration);
        await stop.CancelAsync();
        await sampler;
        if (counters is not null)
        {
            await counters.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token).ContinueWith(_ => { });
            if (!counters.HasExited)
            {
                counters.Kill();
            }
        }

        var gc = ReadCounters(countersFile);
        return Markdown(options, names, saturation.RequestsPerSecond, rate, duration, paced, rss, gc);
    }

    private static Process? StartCounters(Options options, string file, TimeSpan duration)
    {
        if (options.Counters is null || options.ApiPid is null)
        {
            Console.WriteLine("steady: no --counters (dotnet-counters): RSS only");
            return null;
        }

        var info = new ProcessStartInfo(options.Counters)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["collect", "--process-id", options.ApiPid.Value.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime",
            "--refresh-interval", Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--format", "csv", "--output", file,
            "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet-counters did not start");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static double ResidentMb(int? pid)
    {
        var line = pid is null ? null : File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>One row per sample of dotnet-counters: the GC heap after the last collection (all generations), its gen 2,
    /// the memory the GC has committed, and gen-2 collections in the interval.</summary>
    internal sealed record GcSample(string Time, double HeapMb, double Gen2Mb, double CommittedMb, double Gen2Collections);

    private static List<GcSample> ReadCounters(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        var rows = File.ReadLines(file).Skip(1).Select(l => l.Split(',')).Where(f => f.Length >= 5).GroupBy(f => f[0]);
        var samples = new List<GcSample>();
        foreach (var at in rows)
        {
            double Sum(Func<string, bool> name) =>
                at.Where(f => name(f[2])).Sum(f => double.Parse(f[4], CultureInfo.InvariantCulture));
            var heap = Sum(n => n.StartsWith("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal));
            if (heap == 0)
            {
                continue;
            }

            samples.Add(new GcSample(at.Key, heap / 1048576, Sum(n => n.StartsWith("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal) && n.EndsWith("gen2]", StringComparison.Ordinal)) / 1048576,
                Sum(n => n.StartsWith("dotnet.gc.last_collection.memory.committed_size", StringComparison.Ordinal)) / 1048576,
                Sum(n => n.StartsWith("dotnet.gc.collections", StringComparison.Ordinal) && n.EndsWith("gen2]", StringComparison.Ordinal))));
        }

        return samples;
    }

    private static string Markdown(Options options, string names, double saturation, double rate, TimeSpan duration, RunResult paced,
        List<(double Seconds, double Mb)> rss, List<GcSample> gc)
    {
        var text = new StringBuilder();
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        var gcMode = string.IsNullOrEmpty(options.ApiSettings) ? "as published (runtimeconfig)" : options.ApiSettings;
        text.AppendLine(CultureInfo.InvariantCulture, $"Steady run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {options.Scale}; {Environment.ProcessorCount} cores; load average at the end {load}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Mix of {names}, one request of each in turn, at {rate:0} req/s (half of the mix's saturation, {saturation:0} req/s) for {duration.TotalSeconds:0} s, {options.Connections} connections; API settings beyond the bench's: {gcMode}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Completed {paced.Count} requests ({paced.Errors} errors), p50 {paced.P50:0.0} ms, p99 {paced.P99:0.0} ms.");
        text.AppendLine();
        text.AppendLine("| minute | RSS MB (min–max) | GC heap MB after the last collection (min–max) | gen 2 MB | GC committed MB | gen-2 collections |");
        text.AppendLine("|---|---|---|---|---|---|");
        var minutes = (int)Math.Ceiling(duration.TotalMinutes);
        for (var m = 0; m < minutes; m++)
        {
            var r = rss.Where(s => s.Seconds >= m * 60 && s.Seconds < (m + 1) * 60).Select(s => s.Mb).ToList();
            var g = gc.Skip(m * 6).Take(6).ToList();
            string Range(IEnumerable<double> v) => v.Any() ? string.Create(CultureInfo.InvariantCulture, $"{v.Min():0}–{v.Max():0}") : "–";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {m + 1} | {Range(r)} | {Range(g.Select(x => x.HeapMb))} | {Range(g.Select(x => x.Gen2Mb))} | {Range(g.Select(x => x.CommittedMb))} | {g.Sum(x => x.Gen2Collections):0} |");
        }

        text.AppendLine();
        text.AppendLine("Every sample (10 s apart): RSS MB " + string.Join(' ', rss.Select(s => s.Mb.ToString("0", CultureInfo.InvariantCulture))));
        text.AppendLine("GC heap MB " + string.Join(' ', gc.Select(s => s.HeapMb.ToString("0", CultureInfo.InvariantCulture))));
        return text.ToString();
    }
}
