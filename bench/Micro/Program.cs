using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Membership.Micro;

/// <summary>
/// <c>bash bench/micro.sh [--full] [BenchmarkDotNet options]</c>: a short job by default (a few minutes for everything),
/// <c>--full</c> for BenchmarkDotNet's default job. Every job runs in this process (bench/README.md says why).
/// <c>--allocations page|node|plans [requests]</c> samples a request's allocations by type instead (<see cref="AllocationSample"/>).
/// </summary>
public static class MicroProgram
{
    public static async Task Main(string[] args)
    {
        if (args.FirstOrDefault() == "--allocations")
        {
            await AllocationSample.RunAsync(args[1..]);
            return;
        }

        var full = args.Contains("--full");
        var job = (full ? Job.Default : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        // One table, each class's benchmarks together in the order they are written.
        var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.JoinSummary)
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared));
        BenchmarkSwitcher.FromAssembly(typeof(MicroProgram).Assembly).Run([.. args.Where(a => a != "--full")], config);
    }
}
