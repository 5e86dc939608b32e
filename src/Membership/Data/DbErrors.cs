using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Data;

/// <summary>Recognises unique- and check-constraint violations on every provider, so a lost race becomes a user error.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException e => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException e => e.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException e => e.Number is 2601 or 2627,
        _ => false,
    };

    /// <summary>A CHECK constraint refused the row: e.g. a counter would pass its limit because a concurrent sale took seats.</summary>
    public static bool IsCheckViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException e => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode == 275,
        PostgresException e => e.SqlState == PostgresErrorCodes.CheckViolation,
        SqlException e => e.Number == 547,
        _ => false,
    };

    /// <summary>The name of the violated index or constraint where the provider reports it.</summary>
    public static string? ConstraintName(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException e => e.ConstraintName,
        SqliteException e => e.Message,
        SqlException e => e.Message,
        _ => null,
    };
}
