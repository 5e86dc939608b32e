using System.Diagnostics;
using System.Net.Http.Headers;

namespace Driver;

/// <summary>One side of a comparison: where to send a workload's requests and with which token.</summary>
internal sealed record Target(string Name, Uri Url, string? Token);

/// <summary>The outcome of one timed run: completed requests per second and latencies in milliseconds.</summary>
internal sealed record RunResult(double RequestsPerSecond, double P50, double P99, int Errors, int Count)
{
    public static RunResult From(List<double> latencies, int errors, double seconds)
    {
        latencies.Sort();
        return new RunResult(latencies.Count / seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), errors, latencies.Count);
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>Closed loop (saturation: N connections, each sends when the last answer arrived, none starts after the
/// duration) and paced (a fixed rate).</summary>
internal sealed class Load(HttpClient http)
{
    public Task<RunResult> SaturateAsync(Target target, IReadOnlyList<byte[]> bodies, int connections, TimeSpan duration) =>
        SaturateAsync([.. bodies.Select(b => (target, b))], connections, duration);

    public Task<RunResult> PacedAsync(Target target, IReadOnlyList<byte[]> bodies, double rate, int connections, TimeSpan duration) =>
        PacedAsync([.. bodies.Select(b => (target, b))], rate, connections, duration);

    /// <summary>Closed loop over a list of requests (one workload, or a mix of several with their own targets).</summary>
    public async Task<RunResult> SaturateAsync(IReadOnlyList<(Target Target, byte[] Body)> requests, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            for (var i = worker; clock.Elapsed < duration; i += connections)
            {
                var start = clock.Elapsed;
                var (target, body) = requests[i % requests.Count];
                if (!await SendAsync(target, body))
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add((clock.Elapsed - start).TotalMilliseconds);
            }
        });
        await Task.WhenAll(workers);
        // Every request started is waited for and counted over the whole time, so a workload slower than the run still shows.
        return RunResult.From([.. latencies.SelectMany(l => l)], errors, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Requests at a fixed overall rate; latency counts from when a request was due, so a stall shows (no coordinated omission).</summary>
    public async Task<RunResult> PacedAsync(IReadOnlyList<(Target Target, byte[] Body)> requests, double rate, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        var errors = 0;
        var interval = TimeSpan.FromSeconds(connections / Math.Max(rate, 0.1));
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            for (var j = 0; ; j++)
            {
                var due = interval * (j + (double)worker / connections);
                if (due >= duration)
                {
                    break;
                }

                if (due - clock.Elapsed is { TotalMilliseconds: > 1 } wait)
                {
                    await Task.Delay(wait);
                }

                var (target, body) = requests[(j * connections + worker) % requests.Count];
                if (!await SendAsync(target, body))
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add((clock.Elapsed - due).TotalMilliseconds);
            }
        });
        await Task.WhenAll(workers);
        return RunResult.From([.. latencies.SelectMany(l => l)], errors, clock.Elapsed.TotalSeconds);
    }

    public async Task<bool> SendAsync(Target target, byte[] body)
    {
        try
        {
            var (status, _) = await SendForTextAsync(target, body, readText: false);
            return status is >= 200 and < 300;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<(int Status, string Text)> SendForTextAsync(Target target, byte[] body, bool readText = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (target.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var text = readText ? await response.Content.ReadAsStringAsync() : string.Empty;
        return ((int)response.StatusCode, text);
    }
}
