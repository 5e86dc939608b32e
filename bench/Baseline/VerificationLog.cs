using System.Globalization;
using System.Text;

namespace Baseline;

/// <summary>One VerificationLog row as the API fills it (VerificationGraph.LogEntry); the caller's columns come per insert.</summary>
internal sealed record LogRow(string Query, Guid? CertificateId, Guid? MemberId, bool Found, string? Status);

/// <summary>The API's verification log: its query column, its stored status and its multi-row insert (BulkInsert).</summary>
internal static class VerificationLog
{
    private const int RowsPerCommand = 500;

    /// <summary>The number as asked, trimmed, upper case, at most 40 characters.</summary>
    public static string Query(string asked)
    {
        var query = asked.Trim().ToUpperInvariant();
        return query.Length > 40 ? query[..40] : query;
    }

    /// <summary>The status as stored: the C# enum's name (the graph's ACTIVE is Active).</summary>
    public static string? Status(string? graphStatus) => graphStatus is null ? null : graphStatus[0] + graphStatus[1..].ToLowerInvariant();

    /// <summary>
    /// BulkInsert's statements: one INSERT per 500 rows, every value inlined as EF's PostgreSQL literal, so the text is
    /// the API's (the driver compares these inserts by table, columns and number of rows).
    /// </summary>
    public static IEnumerable<string> Inserts(IReadOnlyList<LogRow> rows, Guid? agency, string channel, string? client, DateTime at)
    {
        var fixedAt = $"TIMESTAMPTZ '{new DateTimeOffset(at).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture)}'";
        var (agencyLiteral, channelLiteral, clientLiteral) = (Literal(agency), Literal(channel), Literal(client));
        foreach (var chunk in rows.Chunk(RowsPerCommand))
        {
            var sql = new StringBuilder("""INSERT INTO "VerificationLog" ("Id", "Address", "AgencyId", "At", "CertificateId", "Channel", "ClientId", "Found", "MemberId", "Query", "Status") VALUES """);
            for (var r = 0; r < chunk.Length; r++)
            {
                var row = chunk[r];
                sql.Append(r == 0 ? "(" : ", (")
                    .AppendJoin(", ", Literal(Guid.CreateVersion7()), "NULL", agencyLiteral, fixedAt, Literal(row.CertificateId), channelLiteral, clientLiteral,
                        row.Found ? "TRUE" : "FALSE", Literal(row.MemberId), Literal(row.Query), Literal(row.Status))
                    .Append(')');
            }

            yield return sql.ToString();
        }
    }

    private static string Literal(Guid? value) => value is { } id ? $"'{id}'" : "NULL";

    private static string Literal(string? value) => value is null ? "NULL" : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
