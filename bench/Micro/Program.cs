using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Membership.Micro;

/// <summary>
/// <c>bash bench/micro.sh [--full] [BenchmarkDotNet options]</c>: a short job by default (a few minutes for everything),
/// <c>--full</c> for BenchmarkDotNet's default job. Every job runs in this process (bench/README.md says why).
/// </summary>
public static class MicroProgram
{
    public static void Main(string[] args)
    {
        var full = args.Contains("--full");
        var job = (full ? Job.Default : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance).AsDefault();
        var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.JoinSummary);
        var passed = args.Where(a => a != "--full").ToList();
        if (passed.Any(a => a is "--job" or "-j") && !passed.Any(a => a is "--inProcess" or "-i"))
        {
            passed.Add("--inProcess"); // a job named on the command line runs in process too
        }

        BenchmarkSwitcher.FromAssembly(typeof(MicroProgram).Assembly).Run([.. passed], config);
    }
}
