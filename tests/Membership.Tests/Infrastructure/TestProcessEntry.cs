namespace Membership.Tests.Infrastructure;

/// <summary>
/// The test assembly's entry point (test runners never call it). With <see cref="ClusterChild"/> it starts a PostgreSQL
/// cluster through the tests' own code, prints its folder and admin connection string, and waits on its standard input
/// for a kill: <see cref="PostgresWatchdogTests"/> kills it and watches the watchdog clean up.
/// </summary>
internal static class TestProcessEntry
{
    public const string ClusterChild = "--postgres-cluster-child";
    public const string Unavailable = "unavailable:";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [ClusterChild])
        {
            return 0;
        }

        var (server, unavailable) = await PostgresServer.StartNewAsync();
        Console.WriteLine(server is null ? Unavailable + unavailable : $"{server.Root}{System.Environment.NewLine}{server.AdminConnectionString}");
        await Console.In.ReadLineAsync(); // the parent keeps standard input open until it kills this process
        return 0;
    }
}
