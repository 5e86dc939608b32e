using System.Diagnostics;
using System.Globalization;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// A detached shell process per cluster that outlives a test process killed without warning (SIGKILL, a runner's
/// timeout, a crash): it checks twice a second whether the test process is still there and, once it is not, stops the
/// cluster and deletes its folder. It exits by itself as soon as the folder is gone (the cluster was stopped normally).
/// </summary>
internal static class PostgresWatchdog
{
    // $1 test process id, $2 cluster folder, $3 data folder, $4 pg_ctl, $5 1 when pg_ctl must run as the postgres user.
    // A zombie (dead, not yet reaped) counts as gone. The folder, not postmaster.pid, decides: an outage test stops
    // and restarts the server on purpose.
    private const string Watch = """
        pid=$1 root=$2 data=$3 pgctl=$4 asroot=$5
        alive() { kill -0 "$pid" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$pid/status"; }
        while [ -d "$root" ] && alive; do sleep 0.5; done
        [ -d "$root" ] || exit 0
        if [ -f "$data/postmaster.pid" ]; then
          if [ "$asroot" = 1 ]; then runuser -u postgres -- "$pgctl" -D "$data" -m immediate -w stop; else "$pgctl" -D "$data" -m immediate -w stop; fi
        fi
        rm -rf "$root"
        """;

    // Backgrounded by a shell that exits at once, the watchdog is re-parented to init: killing the test process's tree
    // does not take it along. Its own session and /dev/null streams keep it from holding the runner's terminal or pipes.
    private const string Detach = """script=$1; shift; setsid sh -c "$script" watchdog "$@" </dev/null >/dev/null 2>&1 &""";

    public static void Start(int testProcessId, string root, string data, string pgCtl, bool asPostgres)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", Detach, "sh", Watch, testProcessId.ToString(CultureInfo.InvariantCulture), root, data, pgCtl, asPostgres ? "1" : "0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var detaching = Process.Start(start)!;
        detaching.WaitForExit();
        if (detaching.ExitCode != 0)
        {
            throw new InvalidOperationException($"The PostgreSQL watchdog did not start ({detaching.ExitCode}): {detaching.StandardError.ReadToEnd()}");
        }
    }
}
