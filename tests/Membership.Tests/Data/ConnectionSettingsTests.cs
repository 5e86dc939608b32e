using System.Data.Common;
using Membership.Data;
using Membership.Tests.Infrastructure;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Tests.Data;

/// <summary>
/// The connection settings a running instance actually uses, read from its connections: Npgsql prepares repeated
/// statements and skips the reset when a connection goes back to the pool; SQLite is pooled, private-cached, in WAL.
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
