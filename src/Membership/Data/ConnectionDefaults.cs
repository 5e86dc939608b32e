using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Membership.Data;

/// <summary>
/// Connection settings we default per provider; whatever the connection string says wins. See the README's
/// "Database connections" for why each one.
/// </summary>
public static class ConnectionDefaults
{
    /// <summary>Statements Npgsql keeps prepared per connection once used five times: parsing and planning are paid once.</summary>
    public const int MaxAutoPrepare = 20;

    public static string Apply(DatabaseProvider provider, string connectionString) => provider switch
    {
        // No Reset On Close: no DISCARD ALL at every return to the pool. We set no session state (no SET, temp tables,
        // LISTEN or session advisory locks), so there is nothing to leak; and prepared statements survive the return.
        DatabaseProvider.PostgreSql => Default(new NpgsqlConnectionStringBuilder(connectionString), connectionString,
            (["Max Auto Prepare", "MaxAutoPrepare"], b => ((NpgsqlConnectionStringBuilder)b).MaxAutoPrepare = MaxAutoPrepare),
            (["No Reset On Close", "NoResetOnClose"], b => ((NpgsqlConnectionStringBuilder)b).NoResetOnClose = true)),
        // Pooled, without MARS (its defaults, made explicit): EF never reads two result sets at once on a connection,
        // and MARS costs on every command. The pool's reset rides on the next request, so it needs no switch.
        DatabaseProvider.SqlServer => Default(new SqlConnectionStringBuilder(connectionString), connectionString,
            (["Multiple Active Result Sets", "MultipleActiveResultSets"], b => ((SqlConnectionStringBuilder)b).MultipleActiveResultSets = false),
            (["Pooling"], b => ((SqlConnectionStringBuilder)b).Pooling = true)),
        // Pooled (keeps the file open and its page cache warm) and a private cache: a shared cache locks whole tables
        // and undoes what WAL (set by the migrator, kept in the file) gives concurrent readers.
        DatabaseProvider.Sqlite => Default(new SqliteConnectionStringBuilder(connectionString), connectionString,
            (["Pooling"], b => ((SqliteConnectionStringBuilder)b).Pooling = true),
            (["Cache"], b => ((SqliteConnectionStringBuilder)b).Cache = SqliteCacheMode.Private)),
        _ => connectionString,
    };

    /// <summary>Applies each setting whose key (under any of its spellings) the connection string does not name.</summary>
    private static string Default(DbConnectionStringBuilder builder, string original, params (string[] Keys, Action<DbConnectionStringBuilder> Set)[] settings)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = original }.Keys.Cast<string>().Select(Normalize).ToHashSet();
        foreach (var (keys, set) in settings)
        {
            if (!keys.Any(k => named.Contains(Normalize(k))))
            {
                set(builder);
            }
        }

        return builder.ConnectionString;
    }

    private static string Normalize(string key) => key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
