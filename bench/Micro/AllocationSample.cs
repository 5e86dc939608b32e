using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Membership.Micro;

/// <summary>
/// <c>bash bench/micro.sh --allocations page|node|plans [requests]</c>: where a request's bytes go, by type. Runs the
/// request benchmark's setup, warms up, counts the bytes of the requests exactly (<c>GC.GetTotalAllocatedBytes</c>),
/// then sends them again while the runtime's allocation sampling events (one about every 100 KB allocated, naming the
/// type that crossed the mark) are summed by type: a sample, not an exact count, that shows which objects dominate.
/// </summary>
internal static class AllocationSample
{
    public static async Task RunAsync(string[] args)
    {
        var workload = args.FirstOrDefault() ?? "page";
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var benchmarks = new RequestBenchmarks();
        await benchmarks.SetupAsync();
        Func<Task<byte[]>> request = workload switch
        {
            "page" => benchmarks.Page,
            "node" => benchmarks.Node,
            "plans" => benchmarks.Plans,
            _ => throw new ArgumentException($"Unknown workload '{workload}': page, node or plans."),
        };
        try
        {
            await SendAsync(request, 100); // warm-up: tiered compilation, caches, pools

            // The exact total first, with no listener (its events allocate too); then the same requests sampled.
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await SendAsync(request, requests);
            var perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)requests;
            var answer = await request();
            Console.WriteLine($"{workload}: {requests} requests, {perRequest / 1024:N1} KB allocated per request (whole process); the answer is {answer.Length / 1024.0:N1} KB");
            using var sampler = new Sampler { On = true };
            await SendAsync(request, requests);
            sampler.On = false;
            sampler.Print(perRequest);
        }
        finally
        {
            await benchmarks.CleanupAsync();
        }
    }

    private static async Task SendAsync(Func<Task<byte[]>> request, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await request();
        }
    }

    private sealed class Sampler : EventListener
    {
        private const EventKeywords GC = (EventKeywords)0x1;
        private readonly ConcurrentDictionary<string, long> _bytesByType = new(); // initialised before the base constructor enables sources

        public volatile bool On;

        public void Print(double perRequest)
        {
            var sampled = Math.Max(_bytesByType.Values.Sum(), 1);
            Console.WriteLine($"{"type (sampled)",-100} {"share",6} {"≈ KB/request",13}");
            foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(40))
            {
                var share = bytes / (double)sampled;
                Console.WriteLine($"{type,-100} {share,6:P1} {share * perRequest / 1024,13:N1}");
            }

            Console.WriteLine($"{_bytesByType.Count} types sampled (the listener's own event objects among them: MoreEventInfo, EventWrittenEventArgs)");
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GC);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (!On || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is not { } names)
            {
                return;
            }

            var type = names.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload![t] as string ?? "?" : "?";
            var amount = names.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload![a], CultureInfo.InvariantCulture) : 0;
            _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }
}
