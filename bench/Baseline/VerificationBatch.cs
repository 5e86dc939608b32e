using System.Text.Json;
using Dapper;
using Membership.Data;

namespace Baseline;

/// <summary>verifyCertificates(certificates:) for a partner: the batch counter, the misses counter, one lookup for all
/// numbers, the standing-access checks, one log row per lookup, the courses.</summary>
internal sealed partial class Workloads
{
    public async Task VerifyBatchAsync(HttpContext http)
    {
        var variables = await VariablesAsync(http);
        var lookups = variables.GetProperty("certificates").EnumerateArray()
            .Select(e => (Query: e.GetProperty("number").GetString()!, Number: e.GetProperty("number").GetString()!.Trim().ToUpperInvariant(),
                LastName: e.TryGetProperty("lastName", out var n) && n.ValueKind == JsonValueKind.String ? TextKeys.Normalize(n.GetString()!) : null))
            .ToList();
        var agencyId = Guid.Parse(Claim(http, "agency_id"));
        var client = Claim(http, "client_id");
        var address = http.Connection.RemoteIpAddress?.ToString();
        var now = DateTime.UtcNow;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        await CountAsync(connection, $"verify-batch:{client}|{address}", new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc), now);
        await connection.ExecuteScalarAsync<int?>(Sql.CounterRead, new { p1 = $"verify-partner-misses:{client}", p2 = hour });
        var certificates = (await connection.QueryAsync<CertificateRow>(Sql.CertificatesByNumbers, new { p1 = lookups.Select(l => l.Number).Distinct().ToArray() }))
            .ToDictionary(c => c.Number, StringComparer.Ordinal);
        await connection.QueryAsync<Guid>(Sql.MembersWithStandingAccess, new { p1 = certificates.Values.Select(c => c.MemberId).Distinct().ToArray(), p2 = agencyId, p3 = agencyId });
        await connection.QueryAsync(Sql.NumbersWithStandingAccess, new { p1 = Array.Empty<long>(), p2 = agencyId, p3 = agencyId });
        await connection.QueryAsync<CertificateRow>(Sql.CurrentCertificatesOfMembers, new { p1 = Array.Empty<Guid>() });
        var today = Graph.Today();
        var answers = lookups.Select(l => (l.Query, Certificate: certificates.GetValueOrDefault(l.Number) is { } c && c.HolderLastNameKey == l.LastName ? c : null)).ToList();
        await connection.ExecuteAsync(Sql.LogInsertMany, new
        {
            agency = agencyId, at = now, channel = "Partner", client, ids = answers.Select(_ => Guid.CreateVersion7()).ToArray(),
            certificates = answers.Select(a => a.Certificate?.Id).ToArray(), members = answers.Select(a => a.Certificate?.MemberId).ToArray(),
            queries = answers.Select(a => a.Query).ToArray(), found = answers.Select(a => a.Certificate is not null).ToArray(),
            statuses = answers.Select(a => a.Certificate is { } c ? Graph.CertificateStatus(c, today) is var s ? s[0] + s[1..].ToLowerInvariant() : null : null).ToArray(),
        });
        var courseIds = answers.Where(a => a.Certificate?.CourseId is not null).Select(a => a.Certificate!.CourseId!.Value).Distinct().ToArray();
        var courses = courseIds.Length == 0 ? [] : (await connection.QueryAsync<CourseRow>(Sql.CoursesById, new { p1 = courseIds })).ToDictionary(c => c.Id);
        await using var json = await StartAsync(http);
        json.WriteStartArray("verifyCertificates");
        foreach (var (query, certificate) in answers)
        {
            json.WriteStartObject();
            json.WriteString("query", query);
            json.WriteBoolean("found", certificate is not null);
            json.WriteStartArray("certificates");
            if (certificate is not null)
            {
                json.WriteStartObject();
                WriteVerification(json, certificate, today, certificate.CourseId is { } id ? courses.GetValueOrDefault(id)?.Code : null);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        await EndAsync(json);
    }

    /// <summary>A CertificateVerification of a found certificate: the fields verifyCertificate and verifyCertificates share.</summary>
    private static void WriteVerification(Utf8JsonWriter json, CertificateRow certificate, DateTime today, string? courseCode)
    {
        json.WriteBoolean("found", true);
        json.WriteString("number", certificate.Number);
        json.WriteString("holderName", certificate.HolderName);
        json.WriteString("title", certificate.Title);
        json.WriteString("kind", Graph.Enum(certificate.Kind));
        json.WriteString("status", Graph.CertificateStatus(certificate, today));
        Graph.Date(json, "issuedOn", certificate.IssuedOn);
        Graph.Date(json, "expiresOn", certificate.ExpiresOn);
        if (certificate.DurationMinutes is { } minutes)
        {
            json.WriteNumber("hours", minutes / 60.0);
        }
        else
        {
            json.WriteNull("hours");
        }

        json.WriteString("courseCode", courseCode);
        json.WriteNull("reissuedAs");
    }
}
