using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;

// Usage: TraceSummary TRACE.nettrace [top=60] [focus]
// focus: a method name prefix (e.g. System.Threading.Monitor.Enter): also lists the call paths (the eight nearest
// callers) of the samples whose innermost frame starts with it, the commonest first: who waits on a lock, who allocates.
// dotnet-trace's own report counts every thread's every sample, so the waiting thread pool dominates it. This counts
// only the samples of threads that were running managed code (the sample profiler's "managed" kind): where the CPU went.
// Inclusive shares undercount async code (a continuation's stack starts at the thread pool), so the report also groups
// samples by layer: the first of the layers below (in their order) with a frame on the stack.
// A trace with allocation ticks (the gc-verbose profile, which bench/run.sh --profile adds) is also summed by bytes;
// the focus prefix then also matches allocated type names (e.g. FourElementAsyncLocalValueMap): who allocates them.
var top = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
var focus = args.Length > 2 ? args[2] : null;
var focused = new Dictionary<string, int>(StringComparer.Ordinal);
using var log = TraceLog.OpenOrConvert(TraceLog.CreateFromEventPipeDataFile(args[0]));
var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
var layers = new Dictionary<string, int>(StringComparer.Ordinal);
var running = 0;
var waiting = 0;
var all = 0;
var allocation = new Allocations(focus);
foreach (var sample in log.Events)
{
    if (sample.EventName == "GC/AllocationTick")
    {
        allocation.Add(sample);
        continue;
    }

    if (sample.ProviderName != "Microsoft-DotNETCore-SampleProfiler" || sample.EventName != "Thread/Sample")
    {
        continue;
    }

    all++;
    if (Convert.ToInt32(sample.PayloadByName("Type"), CultureInfo.InvariantCulture) != 2)
    {
        continue; // 1: outside managed code (waiting, or in the runtime's native code)
    }

    var frames = FramesOf(sample);
    if (frames.Count == 0)
    {
        continue;
    }

    if (Waits.Any(w => frames[0].StartsWith(w, StringComparison.Ordinal)))
    {
        waiting++;
        continue; // blocked in managed code (an idle worker, a thread stopped for a collection): no CPU
    }

    running++;
    exclusive[frames[0]] = exclusive.GetValueOrDefault(frames[0]) + 1;
    foreach (var frame in frames.Distinct())
    {
        inclusive[frame] = inclusive.GetValueOrDefault(frame) + 1;
    }

    if (focus is not null && frames[0].StartsWith(focus, StringComparison.Ordinal))
    {
        var path = PathOf(frames, 9);
        focused[path] = focused.GetValueOrDefault(path) + 1;
    }

    var layer = LayerOf(frames);
    layers[layer] = layers.GetValueOrDefault(layer) + 1;
}

Console.WriteLine($"{all:N0} samples, {running:N0} of threads running managed code ({100.0 * running / Math.Max(all, 1):0.0} %); "
    + $"left out: {waiting:N0} of threads blocked in managed code (idle workers, threads stopped for a collection).");
Print("By layer (the first layer of the list found on the stack; rows sum to 100 %)", layers, layers.Count);
Print("Inclusive", inclusive, top);
Print("Exclusive", exclusive, top / 2);
if (focus is not null)
{
    Print($"Call paths of the samples in {focus}", focused, 12);
}

allocation.Print(top);

void Print(string title, Dictionary<string, int> counts, int rows)
{
    Console.WriteLine();
    Console.WriteLine($"## {title}");
    Console.WriteLine();
    foreach (var (name, count) in counts.OrderByDescending(c => c.Value).Take(rows))
    {
        Console.WriteLine($"{100.0 * count / Math.Max(running, 1),6:0.0} %  {(name.Length > 160 && !name.Contains('\n') ? name[..160] : name)}");
    }
}

/// <summary>
/// The trace's allocation ticks (dotnet-trace's gc-verbose profile: one event per about 100 KB a thread allocates, with
/// the type and the stack of the allocation that crossed the mark): a sample of what is allocated and where, by bytes.
/// </summary>
internal sealed class Allocations(string? focus)
{
    private readonly Dictionary<string, long> _focused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byLayer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byCaller = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _paths = new(StringComparer.Ordinal);
    private long _bytes;
    private int _ticks;

    public void Add(Microsoft.Diagnostics.Tracing.TraceEvent tick)
    {
        var amount = Convert.ToInt64(tick.PayloadByName("AllocationAmount64") ?? tick.PayloadByName("AllocationAmount"), CultureInfo.InvariantCulture);
        var type = tick.PayloadByName("TypeName") as string is { Length: > 0 } name ? name : "?";
        var frames = Program.FramesOf(tick);

        _ticks++;
        _bytes += amount;
        _byType[type] = _byType.GetValueOrDefault(type) + amount;
        var layer = Program.LayerOf(frames);
        _byLayer[layer] = _byLayer.GetValueOrDefault(layer) + amount;

        // The nearest frame outside the runtime's own library: the code that asked for the object.
        var caller = frames.FirstOrDefault(f => !f.StartsWith("System.", StringComparison.Ordinal)) ?? (frames.Count > 0 ? frames[0] : "?");
        _byCaller[caller] = _byCaller.GetValueOrDefault(caller) + amount;
        var path = type + "\n      < " + Program.PathOf(frames, 10);
        _paths[path] = _paths.GetValueOrDefault(path) + amount;
        if (focus is not null && type.StartsWith(focus, StringComparison.Ordinal))
        {
            var callers = Program.PathOf(frames, 14);
            _focused[callers] = _focused.GetValueOrDefault(callers) + amount;
        }
    }

    public void Print(int top)
    {
        if (_ticks == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"# Allocations: {_ticks:N0} allocation ticks, {_bytes / 1048576.0:N0} MB sampled (one tick per about 100 KB a thread allocates)");
        Print("Allocated, by layer (the first layer of the list found on the stack)", _byLayer, _byLayer.Count);
        Print("Allocated, by type", _byType, top / 2);
        Print("Allocated, by the nearest caller outside System.*", _byCaller, top / 2);
        Print("Allocated, by type and call path (ten nearest frames)", _paths, 15);
        if (focus is not null)
        {
            Print($"Call paths of the allocations of types starting {focus}", _focused, 12);
        }
    }

    private void Print(string title, Dictionary<string, long> bytes, int rows)
    {
        Console.WriteLine();
        Console.WriteLine($"## {title}");
        Console.WriteLine();
        foreach (var (name, amount) in bytes.OrderByDescending(b => b.Value).Take(rows))
        {
            Console.WriteLine($"{100.0 * amount / Math.Max(_bytes, 1),6:0.0} %  {(name.Length > 160 && !name.Contains('\n') ? name[..160] : name)}");
        }
    }
}

internal static partial class Program
{
    /// <summary>The event's stack, innermost frame first, each by method name (its module's where the name is unknown).</summary>
    public static List<string> FramesOf(Microsoft.Diagnostics.Tracing.TraceEvent traceEvent)
    {
        var frames = new List<string>();
        for (var frame = traceEvent.CallStack(); frame is not null; frame = frame.Caller)
        {
            frames.Add(frame.CodeAddress.FullMethodName is { Length: > 0 } name ? name : frame.CodeAddress.ModuleName ?? "?");
        }

        return frames;
    }

    /// <summary>The <paramref name="count"/> innermost frames as a call path, one per line, each cut at 150 characters.</summary>
    public static string PathOf(IEnumerable<string> frames, int count) =>
        string.Join("\n      < ", frames.Take(count).Select(f => f.Length > 150 ? f[..150] : f));

    public static string LayerOf(IReadOnlyList<string> frames) =>
        Layers.FirstOrDefault(l => frames.Any(f => f.StartsWith(l.Prefix, StringComparison.Ordinal))).Name ?? "other (thread pool, sockets, runtime)";

    /// <summary>Innermost frames of a thread that waits rather than runs (sampled as managed code all the same).</summary>
    private static readonly string[] Waits =
    [
        "System.Threading.LowLevelLifoSemaphore.Wait", "System.Threading.Thread.<PollGC>", "System.Threading.WaitHandle.WaitOne",
        "System.Threading.Monitor.Wait", "System.Threading.ManualResetEventSlim.Wait", "System.Threading.SemaphoreSlim.Wait",
    ];

    /// <summary>Checked in this order: a sample in Npgsql under an EF query under a resolver counts as Npgsql.</summary>
    private static readonly (string Prefix, string Name)[] Layers =
    [
        ("Npgsql.", "Npgsql (protocol, sockets)"),
        ("Microsoft.EntityFrameworkCore.", "EF Core (queries, materialisation, contexts)"),
        ("System.Text.Json.", "JSON (request and response)"),
        ("GraphQL.Validation.", "GraphQL validation"),
        ("Membership.GraphQL.Limits.", "GraphQL validation"),
        ("GraphQLParser.", "GraphQL parsing"),
        ("GraphQL.", "GraphQL execution"),
        ("OpenIddict.", "OpenIddict (token validation)"),
        ("Microsoft.IdentityModel.", "OpenIddict (token validation)"),
        ("OpenTelemetry.", "OpenTelemetry"),
        ("System.Diagnostics.Activity", "OpenTelemetry"),
        ("Microsoft.Extensions.Logging.", "logging"),
        ("Microsoft.Extensions.DependencyInjection.", "dependency injection"),
        ("Membership.", "the API's own code"),
        ("Microsoft.AspNetCore.", "ASP.NET Core (Kestrel, middleware)"),
        ("System.Threading.PortableThreadPool", "thread pool (spinning, dispatch)"),
        ("System.Threading.LowLevel", "thread pool (spinning, dispatch)"),
    ];
}
