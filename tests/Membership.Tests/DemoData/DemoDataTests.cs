using Membership.Data;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.DemoData;

/// <summary>What `dotnet run` gives a developer on a fresh machine: a Development database with demo data, seeded once.</summary>
public abstract class DemoDataTests(ApiFixture api) : ApiTest(api), IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("membership-demo-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Development_seeds_agencies_plans_and_500_members_in_every_status_once()
    {
        var connectionString = await FreshDatabaseAsync();
        await using (var first = Development(connectionString))
        {
            _ = first.Server;
        }

        // A second start (a restart, or another instance) finds the data and adds nothing.
        await using var second = Development(connectionString);
        var factory = second.Services.GetRequiredService<IDbContextFactory<MembershipDbContext>>();
        var today = second.Services.GetRequiredService<AssociationCalendar>().Today();
        await using var db = await factory.CreateDbContextAsync();

        Assert.Equal(500, await db.Members.CountAsync());
        Assert.True(await db.Agencies.CountAsync() >= 10);
        Assert.True(await db.Agencies.Select(a => a.State!.RegionNumber).Distinct().CountAsync() >= 5);
        Assert.Contains(await db.MembershipPlans.Select(p => p.Code).ToListAsync(), c => c == "REGULAR-ANNUAL");
        foreach (var status in Enum.GetValues<MembershipStatus>())
        {
            Assert.True(await db.Members.CountAsync(MembershipStatusRules.HasStatus(status, today)) >= 10, $"too few {status} members");
        }

        Assert.Equal(500, await db.NumberSequences.Where(s => s.Name == MemberNumbers.SequenceName).Select(s => s.LastValue).SingleAsync());
        Assert.Equal(1, await db.Members.CountAsync(m => m.EmailNormalized == "member@example.org"));
    }

    [SkippableFact]
    public async Task Outside_Development_nothing_is_seeded()
    {
        await using var db = await Api.Db.CreateDbContextAsync();

        Assert.False(await db.MembershipPlans.AnyAsync(p => p.Code == "REGULAR-ANNUAL"));
        Assert.False(await db.Members.AnyAsync(m => m.EmailNormalized == "member@example.org"));
    }

    /// <summary>An instance in Development on its own fresh database of the fixture's provider (not the fixture's database).</summary>
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Development(string connectionString) =>
        Api.CreateFactory(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Membership", connectionString);
        });

    private async Task<string> FreshDatabaseAsync()
    {
        switch (Api.Provider)
        {
            case DatabaseProvider.PostgreSql:
                var (connectionString, unavailable) = await PostgresCluster.CreateDatabaseAsync();
                return connectionString ?? throw new InvalidOperationException(unavailable);
            case DatabaseProvider.SqlServer:
                return new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(Api.ConnectionString) { InitialCatalog = "membership_demo_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;
            default:
                return $"Data Source={Path.Combine(_folder.FullName, "demo.db")}";
        }
    }
}

public sealed class DemoDataTestsOnSqlite(SqliteApi api) : DemoDataTests(api), IClassFixture<SqliteApi>;

public sealed class DemoDataTestsOnPostgreSql(PostgreSqlApi api) : DemoDataTests(api), IClassFixture<PostgreSqlApi>;

public sealed class DemoDataTestsOnSqlServer(SqlServerApi api) : DemoDataTests(api), IClassFixture<SqlServerApi>;
