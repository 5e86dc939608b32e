using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace Membership.Tests.Infrastructure;

/// <summary>The private PostgreSQL cluster does not outlive a test process that is killed without a chance to clean up.</summary>
public sealed class PostgresWatchdogTests
{
    [SkippableFact]
    [Trait(MembershipTestFramework.ProviderTrait, "PostgreSql")]
    public async Task A_cluster_whose_test_process_is_killed_is_stopped_and_its_folder_removed()
    {
        using var child = StartChild();
        var first = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
        if (first is null || first.StartsWith(TestProcessEntry.Unavailable, StringComparison.Ordinal))
        {
            Assert.False(System.Environment.GetEnvironmentVariable("CI") == "true", first ?? await child.StandardError.ReadToEndAsync());
            Skip.If(true, first ?? "the child process ended without starting a cluster");
        }

        var root = first!;
        var admin = (await child.StandardOutput.ReadLineAsync())!;
        var postmaster = int.Parse(File.ReadLines(Path.Combine(root, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(); // the cluster runs
        }

        child.Kill(); // SIGKILL: no ProcessExit, no disposal, nothing of the child's own runs
        await child.WaitForExitAsync();

        Assert.True(await GoneWithinAsync(root, postmaster, TimeSpan.FromSeconds(15)),
            $"After 15 s the cluster still {(Directory.Exists(root) ? "has its folder " + root : "runs as process " + postmaster)}.");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>This test assembly run by the same dotnet host, as a child that starts a cluster (see <see cref="TestProcessEntry"/>).</summary>
    private static Process StartChild()
    {
        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
        {
            // .../shared/Microsoft.NETCore.App/<version>/ is three folders below the dotnet root.
            host = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        }

        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(TestProcessEntry).Assembly.Location);
        start.ArgumentList.Add(TestProcessEntry.ClusterChild);
        return Process.Start(start)!;
    }

    /// <summary>
    /// Waits for another process (the watchdog) to finish: polled with a short deadline, as nothing in this process can
    /// signal it. A few hundred milliseconds when it works.
    /// </summary>
    private static async Task<bool> GoneWithinAsync(string root, int postmaster, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (Directory.Exists(root) || Runs(postmaster))
        {
            if (deadline.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Whether a process runs; a zombie (ended, not yet reaped by its parent) does not.</summary>
    private static bool Runs(int pid)
    {
        try
        {
            return !File.ReadLines($"/proc/{pid}/status").Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z', StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
