using System.Data.Common;
using Membership.Data;
using Membership.Tests.Infrastructure;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Tests.Data;

/// <summary>
/// The connection settings a running instance actually uses, read from its connections: Npgsql prepares repeated
/// statements and skips the reset when a connection goes back to the pool; SQLite is pooled, private-cached, in WAL.
/// Queries stream their rows (no copy of every row first), and EF Core's thread-safety check runs where code is tried.
/// </summary>
public abstract class ConnectionSettingsTests(ApiFixture api) : ApiTest(api)
{
    [SkippableFact]
    public async Task The_instances_connections_carry_the_tuned_settings()
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        var connectionString = db.Database.GetDbConnection().ConnectionString;

        switch (Api.Provider)
        {
            case DatabaseProvider.PostgreSql:
                var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
                Assert.Equal((ConnectionDefaults.MaxAutoPrepare, true), (npgsql.MaxAutoPrepare, npgsql.NoResetOnClose));
                break;
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(connectionString);
                Assert.Equal((true, SqliteCacheMode.Private), (sqlite.Pooling, sqlite.Cache));
                Assert.Equal("wal", await ScalarAsync(db.Database.GetDbConnection(), "PRAGMA journal_mode"));
                break;
        }
    }

    [SkippableFact]
    public async Task A_connection_back_from_the_pool_keeps_its_session_and_its_prepared_statements()
    {
        Skip.If(Api.Provider != DatabaseProvider.PostgreSql, "Npgsql's pool only");
        await using var db = await Api.Db.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var backend = await ScalarAsync(connection, "SELECT pg_backend_pid()::text");
        await ScalarAsync(connection, "SELECT set_config('membership.probe', 'kept', false)");
        for (var i = 0; i < 6; i++)
        {
            await db.MembershipPlans.AsNoTracking().Where(p => p.Code == "probe-" + i).ToListAsync(); // one statement, used six times
        }

        await connection.CloseAsync();
        await connection.OpenAsync(); // the pool hands back its one idle connection

        Assert.Equal(backend, await ScalarAsync(connection, "SELECT pg_backend_pid()::text"));
        Assert.Equal("kept", await ScalarAsync(connection, "SELECT current_setting('membership.probe', true)")); // no DISCARD ALL ran
        Assert.NotEqual("0", await ScalarAsync(connection, "SELECT count(*)::text FROM pg_prepared_statements WHERE statement LIKE '%MembershipPlans%'"));
        await ScalarAsync(connection, "SELECT set_config('membership.probe', '', false)");
    }

    [SkippableFact]
    public async Task A_query_streams_its_rows_and_a_read_is_still_retried_on_a_fresh_connection()
    {
        var readers = new ReaderWatch();
        await using var instance = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(readers)));
        var dbs = instance.Services.GetRequiredService<IDbContextFactory<MembershipDbContext>>();
        await using var db = await dbs.CreateDbContextAsync();

        await new TestData(Api).PlanAsync();
        await new TestData(Api).PlanAsync(); // rows enough to stream
        var plans = db.MembershipPlans.AsNoTracking().OrderBy(p => p.Code).AsAsyncEnumerable().GetAsyncEnumerator();
        Assert.True(await plans.MoveNextAsync(), "a first plan");
        var readerOpenAtFirstRow = readers.Last is { IsClosed: false }; // a buffering strategy has read every row and closed it by now
        var rows = 1;
        while (await plans.MoveNextAsync())
        {
            rows++;
        }

        await plans.DisposeAsync();
        Assert.True(readerOpenAtFirstRow, "the database's reader is still open when the first row arrives");
        Assert.True(rows >= 2, $"{rows} rows");
        Assert.Equal((1, 1), readers.Open);
        var strategy = db.Database.CreateExecutionStrategy();
        Assert.False(strategy.RetriesOnFailure); // EF Core buffers every query of a strategy that says true
        Assert.IsType<ReadRetryStrategy>(strategy); // which still retries the command that opens a reader (DatabaseOutageTests)
    }

    [SkippableTheory]
    [InlineData("Testing", null, true)]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Testing", "false", false)]
    public async Task Thread_safety_checks_are_on_where_code_is_tried_and_off_in_production_unless_configured(string environment, string? setting, bool expected)
    {
        await using var instance = Api.CreateFactory(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("Oidc:PublicBaseUrl", "https://members.example.org");
            b.UseSetting("Mail:SmtpHost", "127.0.0.1");
            if (setting is not null)
            {
                b.UseSetting("Database:ThreadSafetyChecks", setting);
            }
        });
        await using var db = await instance.Services.GetRequiredService<IDbContextFactory<MembershipDbContext>>().CreateDbContextAsync();

        var core = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>();

        Assert.Equal(expected, core!.ThreadSafetyChecksEnabled);
    }

    /// <summary>Counts the readers EF Core opens and closes for queries of membership plans (not the host's own start-up reads).</summary>
    private sealed class ReaderWatch : DbCommandInterceptor
    {
        private int _opened;
        private int _closed;

        public (int Opened, int Closed) Open => (Volatile.Read(ref _opened), Volatile.Read(ref _closed));

        /// <summary>The provider's reader of the last plans query (what EF Core reads the rows from, or copies them out of).</summary>
        public DbDataReader? Last { get; private set; }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("MembershipPlans", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _opened);
                Last = result;
            }

            return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (command.CommandText.Contains("MembershipPlans", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _closed);
            }

            return base.DataReaderClosingAsync(command, eventData, result);
        }
    }

    [SkippableFact]
    public void Settings_the_connection_string_names_win_over_the_defaults_under_any_spelling()
    {
        var npgsql = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply(DatabaseProvider.PostgreSql, "Host=db;Database=m;MaxAutoPrepare=0;No Reset On Close=false"));
        var npgsqlDefaults = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply(DatabaseProvider.PostgreSql, "Host=db;Database=m"));
        var sqlServer = new SqlConnectionStringBuilder(ConnectionDefaults.Apply(DatabaseProvider.SqlServer, "Server=db;Database=m;MultipleActiveResultSets=true"));
        var sqlServerDefaults = new SqlConnectionStringBuilder(ConnectionDefaults.Apply(DatabaseProvider.SqlServer, "Server=db;Database=m"));

        Assert.Equal((0, false), (npgsql.MaxAutoPrepare, npgsql.NoResetOnClose));
        Assert.Equal((20, true), (npgsqlDefaults.MaxAutoPrepare, npgsqlDefaults.NoResetOnClose));
        Assert.True(sqlServer.MultipleActiveResultSets);
        Assert.Equal((false, true), (sqlServerDefaults.MultipleActiveResultSets, sqlServerDefaults.Pooling));
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql)
    {
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = (await command.ExecuteScalarAsync())?.ToString();
        if (opened)
        {
            await connection.CloseAsync();
        }

        return value;
    }
}

public sealed class ConnectionSettingsTestsOnSqlite(SqliteApi api) : ConnectionSettingsTests(api), IClassFixture<SqliteApi>;

public sealed class ConnectionSettingsTestsOnPostgreSql(PostgreSqlApi api) : ConnectionSettingsTests(api), IClassFixture<PostgreSqlApi>;
