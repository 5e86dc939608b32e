using System.Data.Common;
using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Membership.Tests.Infrastructure;

/// <summary>PostgreSQL's plan for a query as EF Core sends it, for tests that show which index answers it.</summary>
public static class QueryPlans
{
    /// <summary>
    /// The plan PostgreSQL chooses for the query as EF sends it (same SQL, same parameters), sequential scans off; with
    /// <paramref name="ordered"/> also sorts and bitmap scans, as on a large table where reading a page in index order wins;
    /// <paramref name="settings"/> (SET LOCAL statements) replaces both.
    /// </summary>
    public static async Task<string> ExplainAsync(MembershipDbContext db, IQueryable query, bool count = false, bool ordered = false, string? settings = null)
    {
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync(settings ?? (ordered ? "SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off" : "SET LOCAL enable_seqscan = off"));
        await using DbCommand command = query.CreateDbCommand();
        command.CommandText = count ? $"EXPLAIN SELECT COUNT(*) FROM ({command.CommandText}) AS matches" : "EXPLAIN " + command.CommandText;
        command.Transaction = transaction.GetDbTransaction();
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', lines);
    }
}
