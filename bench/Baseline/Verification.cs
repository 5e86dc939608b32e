using Dapper;
using Membership.Data;
using Npgsql;

namespace Baseline;

/// <summary>verifyCertificate: the per-minute counter, the lookup, the failure counter, the log row, the course.</summary>
internal sealed partial class Workloads
{
    public async Task VerifyAsync(HttpContext http)
    {
        var variables = await VariablesAsync(http);
        var number = variables.GetProperty("number").GetString()!.Trim().ToUpperInvariant();
        var lastName = TextKeys.Normalize(variables.GetProperty("lastName").GetString()!);
        var address = http.Connection.RemoteIpAddress?.ToString();
        var now = DateTime.UtcNow;
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        await CountAsync(connection, $"verify:anonymous|{address}", new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc), now);
        var certificate = (await connection.QueryAsync<CertificateRow>(Sql.CertificateByNumber, new { p1 = number })).FirstOrDefault();
        await connection.ExecuteScalarAsync<int?>(Sql.CounterRead,
            new { p1 = $"verify-number-failures:{number}", p2 = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc) });
        var found = certificate is not null && certificate.HolderLastNameKey == lastName;
        var today = Graph.Today();
        var status = found ? Graph.CertificateStatus(certificate!, today) : null;
        await connection.ExecuteAsync(Sql.LogInsert, new
        {
            p1 = Guid.CreateVersion7(), p2 = address, p3 = (Guid?)null, p4 = now, p5 = found ? certificate!.Id : (Guid?)null, p6 = "Public",
            p7 = (string?)null, p8 = found, p9 = found ? certificate!.MemberId : (Guid?)null, p10 = number, p11 = status is null ? null : status[0] + status[1..].ToLowerInvariant(),
        });
        var course = found && certificate!.CourseId is { } courseId
            ? (await connection.QueryAsync<CourseRow>(Sql.CoursesById, new { p1 = new[] { courseId } })).FirstOrDefault()
            : null;
        await using var json = await StartAsync(http);
        json.WriteStartObject("verifyCertificate");
        if (found)
        {
            WriteVerification(json, certificate!, today, course?.Code);
        }
        else
        {
            json.WriteBoolean("found", false);
            foreach (var name in (string[])["number", "holderName", "title", "kind", "status", "issuedOn", "expiresOn", "hours", "courseCode", "reissuedAs"])
            {
                json.WriteNull(name);
            }
        }

        json.WriteEndObject();
        await EndAsync(json);
    }

    /// <summary>The API's database counter: add one to this window's row, or create it (pruning old windows), then read it.</summary>
    private static async Task CountAsync(NpgsqlConnection connection, string key, DateTime window, DateTime now)
    {
        if (await connection.ExecuteAsync(Sql.CounterAdd, new { p1 = 1, p2 = key, p3 = window }) == 0)
        {
            try
            {
                await connection.ExecuteAsync(Sql.CounterInsert, new { p1 = key, p2 = window, p3 = 1 });
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await connection.ExecuteAsync(Sql.CounterAdd, new { p1 = 1, p2 = key, p3 = window });
            }

            await connection.ExecuteAsync(Sql.CounterPrune, new { p1 = now.AddDays(-1) });
        }

        await connection.ExecuteScalarAsync<int?>(Sql.CounterRead, new { p1 = key, p2 = window });
    }
}
