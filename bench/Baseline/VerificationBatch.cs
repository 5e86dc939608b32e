using System.Text.Json;
using Dapper;
using Membership.Data;
using Npgsql;

namespace Baseline;

/// <summary>
/// verifyCertificates(certificates:) for a partner, as PartnerVerification does it: the batch limit from this process's
/// block of permits, the misses counter read, the certificates, the standing-access checks, the successors of reissued
/// ones, the asked members' certificates, the misses counted when something missed, the log rows in one insert, the courses.
/// </summary>
internal sealed partial class Workloads
{
    private const string MissesRefused = "Too many verifications found nothing; try again later.";

    public async Task VerifyBatchAsync(HttpContext http)
    {
        var variables = await VariablesAsync(http);
        var lookups = variables.GetProperty("certificates").EnumerateArray()
            .Select(e => (Asked: e.GetProperty("number").GetString()!,
                LastName: e.TryGetProperty("lastName", out var n) && n.ValueKind == JsonValueKind.String ? TextKeys.Normalize(n.GetString()!) : string.Empty))
            .ToList();
        var agencyId = Guid.Parse(Claim(http, "agency_id"));
        var client = Claim(http, "client_id");
        var now = Graph.Now();
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        var (allowed, window) = await limits.TryAcquireBlockAsync(connection, "verify-batch", limits.PartnerBatchesPerMinute,
            $"{client}|{Limits.AddressKey(http.Connection.RemoteIpAddress)}", now);
        var missWindow = Window.Of("verify-partner-misses", client, TimeSpan.FromHours(1), now);
        if (!allowed || await Limits.CountAsync(connection, missWindow) >= limits.PartnerMissesPerHour)
        {
            await RefusedAsync(http, "verifyCertificates", allowed ? MissesRefused : "Too many verifications; try again shortly.",
                (allowed ? missWindow : window).RetryAfterSeconds(now), dataIsNull: false);
            return;
        }

        var today = Graph.Today();
        var wanted = lookups.Select(l => l.Asked.Trim().ToUpperInvariant()).Distinct().ToArray();
        var byNumber = (await connection.QueryAsync<CertificateRow>(Sql.CertificatesByNumbers, new { p1 = wanted })).ToDictionary(c => c.Number, StringComparer.Ordinal);
        var openHolders = (await connection.QueryAsync<Guid>(Sql.MembersWithStandingAccess,
            new { p1 = byNumber.Values.Select(c => c.MemberId).Distinct().ToArray(), p2 = agencyId, p3 = agencyId })).ToHashSet();
        var successors = await Certificates.SuccessorsAsync(connection, byNumber.Values);
        await connection.QueryAsync(Sql.NumbersWithStandingAccess, new { p1 = Array.Empty<long>(), p2 = agencyId, p3 = agencyId }); // no memberNumbers asked
        await connection.QueryAsync<CertificateRow>(Sql.CurrentCertificatesOfAskedMembers, new { p1 = Array.Empty<Guid>() });
        var answers = new List<(string Asked, Answer? Answer)>();
        var log = new List<LogRow>();
        foreach (var (asked, lastName) in lookups)
        {
            var certificate = byNumber.GetValueOrDefault(asked.Trim().ToUpperInvariant());
            var match = certificate is not null && (openHolders.Contains(certificate.MemberId) || (lastName.Length > 0 && lastName == certificate.HolderLastNameKey));
            var answer = match ? Answer.Of(certificate!, successors.GetValueOrDefault(certificate!.Id), today) : null;
            answers.Add((asked, answer));
            log.Add(new LogRow(VerificationLog.Query(asked), certificate?.Id, certificate?.MemberId, match, VerificationLog.Status(answer?.Status)));
        }

        var missed = answers.Count(a => a.Answer is null);
        if (missed > 0 && await limits.AddAsync(connection, missWindow, missed, now) - missed >= limits.PartnerMissesPerHour)
        {
            await RefusedAsync(http, "verifyCertificates", MissesRefused, missWindow.RetryAfterSeconds(now), dataIsNull: false);
            return;
        }

        await InsertLogAsync(connection, log, agencyId, "Partner", client, now);
        var courseIds = answers.Select(a => a.Answer?.Certificate.CourseId).OfType<Guid>().Distinct().ToArray();
        var courses = courseIds.Length == 0 ? [] : (await connection.QueryByKeysAsync<CourseRow, Guid>(Sql.CoursesById, courseIds)).ToDictionary(c => c.Id);
        await using var json = await StartAsync(http);
        json.WriteStartArray("verifyCertificates");
        foreach (var (asked, answer) in answers)
        {
            json.WriteStartObject();
            json.WriteString("query", asked);
            json.WriteBoolean("found", answer is not null);
            json.WriteStartArray("certificates");
            if (answer is not null)
            {
                json.WriteStartObject();
                WriteVerification(json, answer, answer.Certificate.CourseId is { } id ? courses.GetValueOrDefault(id)?.Code : null);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        await EndAsync(json);
    }

    private static async Task InsertLogAsync(NpgsqlConnection connection, List<LogRow> log, Guid agencyId, string channel, string client, DateTime at)
    {
        foreach (var insert in VerificationLog.Inserts(log, agencyId, channel, client, at))
        {
            await connection.ExecuteAsync(insert);
        }
    }

    /// <summary>A CertificateVerification of a found certificate: the fields verifyCertificate and verifyCertificates share.</summary>
    private static void WriteVerification(Utf8JsonWriter json, Answer answer, string? courseCode)
    {
        var certificate = answer.Certificate;
        json.WriteBoolean("found", true);
        json.WriteString("number", certificate.Number);
        json.WriteString("holderName", certificate.HolderName);
        json.WriteString("title", certificate.Title);
        json.WriteString("kind", Graph.Enum(certificate.Kind));
        json.WriteString("status", answer.Status);
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
        json.WriteString("reissuedAs", answer.ReissuedAs?.Number);
    }
}
