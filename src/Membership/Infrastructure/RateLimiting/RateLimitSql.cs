using Membership.Data;
using Microsoft.EntityFrameworkCore;

namespace Membership.Infrastructure.RateLimiting;

/// <summary>
/// The one statement that counts uses: insert the window's row or add to it, and return the new count. EF Core has no
/// upsert, and two statements (update, then read) would let a concurrent use slip between them.
/// </summary>
internal static class RateLimitSql
{
    private const string Standard = """
        INSERT INTO "RateLimitCounters" ("Key", "WindowStart", "Count") VALUES ({0}, {1}, {2})
        ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + excluded."Count"
        RETURNING "Count" AS "Value"
        """;

    // HOLDLOCK: without it two MERGEs of a new key can both take the insert branch.
    private const string SqlServer = """
        MERGE [RateLimitCounters] WITH (HOLDLOCK) AS c
        USING (SELECT {0} AS [Key], {1} AS [WindowStart], {2} AS [Uses]) AS u ON c.[Key] = u.[Key] AND c.[WindowStart] = u.[WindowStart]
        WHEN MATCHED THEN UPDATE SET [Count] = c.[Count] + u.[Uses]
        WHEN NOT MATCHED THEN INSERT ([Key], [WindowStart], [Count]) VALUES (u.[Key], u.[WindowStart], u.[Uses])
        OUTPUT inserted.[Count] AS [Value];
        """;

    /// <summary>Parameters: {0} the counter key, {1} the window start (as the provider stores it), {2} the uses to add.</summary>
    public static string Upsert(MembershipDbContext db) => db.Database.IsSqlServer() ? SqlServer : Standard; // PostgreSQL and SQLite share the syntax
}
