using System.Diagnostics;
using Membership.Data;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Data;

/// <summary>Production deployments migrate with the host's <c>migrate</c> command, then start instances without migrating.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    [Trait(MembershipTestFramework.ProviderTrait, "Sqlite")]
    public async Task Migrate_command_brings_an_empty_SQLite_database_up_to_date_and_exits()
    {
        var folder = Directory.CreateTempSubdirectory("membership-migrate-");
        try
        {
            var connectionString = $"Data Source={Path.Combine(folder.FullName, "fresh.db")}";
            await AssertMigratesAsync(DatabaseProvider.Sqlite, connectionString);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [SkippableFact]
    [Trait(MembershipTestFramework.ProviderTrait, "PostgreSql")]
    public async Task Migrate_command_brings_an_empty_PostgreSQL_database_up_to_date_and_exits()
    {
        var (connectionString, unavailable) = await PostgresCluster.CreateDatabaseAsync();
        if (connectionString is null && Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException(unavailable);
        }

        Skip.If(connectionString is null, unavailable);
        await AssertMigratesAsync(DatabaseProvider.PostgreSql, connectionString!);
    }

    private static async Task AssertMigratesAsync(DatabaseProvider provider, string connectionString)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Membership.Api.dll"), "migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__Membership"] = connectionString;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"migrate exited {process.ExitCode}: {await output}{await error}");
        var options = new DbContextOptionsBuilder<MembershipDbContext>();
        DatabaseSetup.UseProvider(options, provider, connectionString);
        await using var db = new MembershipDbContext(options.Options);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(9, await db.Regions.CountAsync());
    }
}
