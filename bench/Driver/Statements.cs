using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Driver;

/// <summary>One statement from the server log: its text and, for extended-protocol executes, its parameters.</summary>
internal sealed record LoggedStatement(string App, string Sql, List<string> Parameters);

/// <summary>
/// The counting pass: with log_min_duration_statement=0 the server logs every statement; the driver reads the part of
/// the log that one workload's requests wrote and counts statements per application name (bench-api, bench-baseline).
/// Executes and simple statements count (DISCARD ALL included); parse and bind are the same statement and do not.
/// </summary>
internal sealed partial class Statements(NpgsqlDataSource db, string logPath)
{
    public async Task SetLoggingAsync(bool on)
    {
        await using (var command = db.CreateCommand($"ALTER SYSTEM SET log_min_duration_statement = {(on ? 0 : -1)}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await using (var reload = db.CreateCommand("SELECT pg_reload_conf()"))
        {
            await reload.ExecuteNonQueryAsync();
        }

        await Task.Delay(500); // the server applies a reload asynchronously
    }

    public long Mark() => new FileInfo(logPath).Length;

    public async Task<string> ReadSinceAsync(long offset)
    {
        await Task.Delay(300); // let the server write out the last lines
        await using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public static List<LoggedStatement> Parse(string log, string app)
    {
        var found = new List<LoggedStatement>();
        LoggedStatement? current = null;
        var inDetail = false;
        foreach (var line in log.Split('\n'))
        {
            var entry = Entry().Match(line);
            if (entry.Success)
            {
                inDetail = false;
                var (name, level, text) = (entry.Groups[1].Value, entry.Groups[2].Value, entry.Groups[3].Value);
                if (name != app)
                {
                    current = null;
                    continue;
                }

                if (level == "DETAIL" && current is not null && text.StartsWith("parameters: ", StringComparison.Ordinal))
                {
                    current.Parameters.AddRange(Parameter().Matches(text).Select(m => m.Groups[2].Success ? m.Groups[2].Value : "NULL"));
                    inDetail = true;
                    continue;
                }

                var kind = Kind().Match(text);
                current = level == "LOG" && kind.Success ? new LoggedStatement(name, kind.Groups[1].Value, []) : null;
                if (current is not null)
                {
                    found.Add(current);
                }
            }
            else if (current is not null && !inDetail && line.StartsWith('\t'))
            {
                found[^1] = current = current with { Sql = current.Sql + "\n" + line.TrimEnd('\r') };
            }
        }

        return found;
    }

    /// <summary>
    /// The statement shapes (text with parameters as $ and spaces folded) one side sent and the other did not, each line
    /// "api only: …" or "baseline only: …"; none when the baseline sends the API's SQL. The pool's DISCARD ALL is no shape.
    /// </summary>
    public static List<string> Drift(List<LoggedStatement> api, List<LoggedStatement> baseline)
    {
        static HashSet<string> Shapes(List<LoggedStatement> sent) =>
            sent.Select(s => Shape(s.Sql)).Where(s => !s.StartsWith("DISCARD ALL", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var (a, b) = (Shapes(api), Shapes(baseline));
        return [.. a.Except(b).Order(StringComparer.Ordinal).Select(s => "api only: " + s), .. b.Except(a).Order(StringComparer.Ordinal).Select(s => "baseline only: " + s)];
    }

    /// <summary>
    /// A statement's text with parameters as $ and spaces folded. A multi-row insert whose values are inlined (the API's
    /// BulkInsert: the verification log of verifyCertificates and consentingOfficers) differs in every request, so its
    /// shape is its table, columns and number of rows.
    /// </summary>
    public static string Shape(string sql)
    {
        var shape = Spaces().Replace(Placeholder().Replace(sql, "$"), " ").Trim();
        if (InlinedRows().Match(shape) is not { Success: true } insert)
        {
            return shape;
        }

        var rows = QuotedLiteral().Replace(insert.Groups[2].Value, "?").Count(c => c == '(');
        return $"{insert.Groups[1].Value}VALUES {rows} rows of inlined values";
    }

    [GeneratedRegex(@"^(INSERT INTO ""[^""]+"" \([^)]*\) )VALUES (\('.*)$")]
    private static partial Regex InlinedRows();

    [GeneratedRegex(@"'(?:[^']|'')*'")]
    private static partial Regex QuotedLiteral();

    [GeneratedRegex(@"\$\d+|@\w+")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of each statement with its logged parameters, in a transaction rolled back.</summary>
    public async Task<string> ExplainAsync(IEnumerable<LoggedStatement> statements)
    {
        var report = new StringBuilder();
        foreach (var statement in statements.Where(s => !s.Sql.StartsWith("DISCARD", StringComparison.Ordinal)))
        {
            var sql = statement.Sql;
            for (var i = statement.Parameters.Count; i >= 1; i--)
            {
                sql = sql.Replace("$" + i, statement.Parameters[i - 1], StringComparison.Ordinal);
            }

            report.AppendLine(sql.Trim()).AppendLine();
            await using var connection = await db.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            try
            {
                await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection, transaction);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    report.AppendLine(reader.GetString(0));
                }
            }
            catch (PostgresException e)
            {
                report.AppendLine("EXPLAIN failed: " + e.MessageText);
            }

            await transaction.RollbackAsync();
            report.AppendLine().AppendLine(new string('-', 100));
        }

        return report.ToString();
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d [\d:.]+ \w+\|\d+\|([^|]*)\|(\w+):\s+(.*)$")]
    private static partial Regex Entry();

    [GeneratedRegex(@"^duration: [\d.]+ ms\s+(?:statement|execute [^:]*):\s?(.*)$")]
    private static partial Regex Kind();

    [GeneratedRegex(@"\$(\d+) = (?:('(?:[^']|'')*')|NULL)")]
    private static partial Regex Parameter();
}
