using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// A private, throwaway PostgreSQL cluster for the test run: initdb into a temp folder, started on a free
/// loopback port, stopped and deleted when the run ends (see <see cref="PostgresServer"/> for how). MEMBERSHIP_TEST_POSTGRES
/// (a connection string to a server you run) replaces it.
/// </summary>
internal static class PostgresCluster
{
    public const string ExternalVariable = "MEMBERSHIP_TEST_POSTGRES";

    private static readonly Lazy<Task<(string? AdminConnectionString, string? Unavailable)>> Server = new(StartSharedAsync);

    /// <summary>A connection string to a new, empty database; or why there can be none.</summary>
    public static async Task<(string? ConnectionString, string? Unavailable)> CreateDatabaseAsync()
    {
        var (admin, unavailable) = await Server.Value;
        return admin is null ? (null, unavailable) : (await PostgresServer.CreateDatabaseAsync(admin), null);
    }

    private static async Task<(string?, string?)> StartSharedAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return (external, null);
        }

        var (server, unavailable) = await PostgresServer.StartNewAsync();
        return (server?.AdminConnectionString, unavailable);
    }
}

/// <summary>
/// One throwaway PostgreSQL cluster of our own. The shared one lives for the whole run; a test that stops the database
/// under a running API (an outage) starts a dedicated one, so no other test loses its server. Every cluster is stopped and
/// its folder deleted three ways: when xunit disposes its test framework (<see cref="MembershipTestFramework"/>), on
/// ProcessExit, and by a detached watchdog (<see cref="PostgresWatchdog"/>) once the test process is gone, however it died.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PostgresServer, bool> Running = new();

    private readonly string _bin;
    private readonly string _root;
    private readonly int _port;
    private readonly bool _asRoot = Environment.UserName == "root";

    private PostgresServer(string bin, string root, int port) => (_bin, _root, _port) = (bin, root, port);

    private string Data => Path.Combine(_root, "data");

    /// <summary>The cluster's folder (data, socket, log); gone once the cluster is stopped.</summary>
    public string Root => _root;

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100;Include Error Detail=true";

    /// <summary>initdb and start on a free loopback port; deleted when the process exits. Null with the reason when the binaries are missing.</summary>
    public static async Task<(PostgresServer? Server, string? Unavailable)> StartNewAsync()
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            return (null, "PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. "
                + "Install them with `apt-get install -y postgresql` (no service needs to run), or set "
                + PostgresCluster.ExternalVariable + " to a connection string of a server the tests may create databases on.");
        }

        var server = new PostgresServer(bin, Path.Combine(Path.GetTempPath(), $"membership-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]), FreePort());
        Directory.CreateDirectory(server._root);
        if (server._asRoot)
        {
            // initdb and pg_ctl refuse to run as root: run them as the postgres user, which must own the folder.
            await RunAsync("chown", ["-R", "postgres:postgres", server._root]);
        }

        await server.PgAsync("initdb", ["-D", server.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartAsync();
        Running[server] = true;
        PostgresWatchdog.Start(Environment.ProcessId, server._root, server.Data, Path.Combine(bin, "pg_ctl"), server._asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return (server, null);
    }

    /// <summary>Stops and deletes every cluster this process started and has not yet disposed; returns how many.</summary>
    public static async Task<int> StopAllAsync()
    {
        var running = Running.Keys.ToList();
        await Task.WhenAll(running.Select(s => s.DisposeAsync().AsTask()));
        return running.Count;
    }

    public static async Task<string> CreateDatabaseAsync(string admin)
    {
        var name = "membership_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Starts the server (again) on its port, waiting until it accepts connections.</summary>
    public Task StartAsync()
    {
        var options = $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        return PgAsync("pg_ctl", ["-D", Data, "-o", options, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"]);
    }

    /// <summary>Stops the server as an operator's restart would: sessions are told and closed, pooled client connections go stale.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        if (!Running.TryRemove(this, out _))
        {
            return; // already stopped by another of the three ways
        }

        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            {
                await PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
            }

            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The folder is in temp; a leftover is harmless.
        }
    }

    private Task PgAsync(string tool, string[] args) => RunAsync(Path.Combine(_bin, tool), args, _asRoot);

    private static string? FindBinaries()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return installed ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
