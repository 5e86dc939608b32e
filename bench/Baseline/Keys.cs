using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace Baseline;

/// <summary>
/// Statements over a set of keys as the API sends them (its KeyFilter and KeyedQuery): one key as a scalar parameter
/// (<c>= @p1</c>), several as one array (<c>= ANY (@p1)</c>). PostgreSQL plans a one-element array again on every
/// execution, and the baseline must pay what the API pays, no more and no less.
/// </summary>
internal static class Keys
{
    private static readonly ConcurrentDictionary<string, string> OneKeyForms = new(StringComparer.Ordinal);

    /// <summary><paramref name="sql"/> with its <c>= ANY (@name)</c> conditions turned into <c>= @name</c>.</summary>
    public static string OneKeyForm(string sql, string name = "p1") => OneKeyForms.GetOrAdd(sql, s =>
        s.Contains($"= ANY (@{name})", StringComparison.Ordinal)
            ? s.Replace($"= ANY (@{name})", $"= @{name}", StringComparison.Ordinal)
            : throw new ArgumentException($"No '= ANY (@{name})' in: {s}", nameof(sql)));

    /// <summary>Rows of a statement whose only parameter, p1, is the set of keys.</summary>
    public static Task<IEnumerable<T>> QueryByKeysAsync<T, TKey>(this NpgsqlConnection connection, string sql, TKey[] keys) =>
        keys.Length == 1 ? connection.QueryAsync<T>(OneKeyForm(sql), new { p1 = keys[0] }) : connection.QueryAsync<T>(sql, new { p1 = keys });

    /// <summary>A command whose parameter <paramref name="name"/> is the set of keys, in the form the API would send.</summary>
    public static NpgsqlCommand CommandByKeys<TKey>(NpgsqlConnection connection, string sql, string name, TKey[] keys)
    {
        var command = new NpgsqlCommand(keys.Length == 1 ? OneKeyForm(sql, name) : sql, connection);
        if (keys.Length == 1)
        {
            command.Parameters.AddWithValue(name, keys[0]!);
        }
        else
        {
            command.Parameters.AddWithValue(name, keys);
        }

        return command;
    }
}
