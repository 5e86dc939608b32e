using System.Text.Json;
using Dapper;
using Membership.Data;
using Npgsql;

namespace Baseline;

/// <summary>
/// verifyCertificate as PublicVerification does it: the per-client limit from this process's block of permits, one query
/// for the certificate, its successor, its course and the number's failures this hour, the failure counted when the
/// surname does not match, the log row.
/// </summary>
internal sealed partial class Workloads
{
    private sealed record Found(CertificateRow Certificate, CertificateRow? Successor, string? CourseCode, int Failures);

    public async Task VerifyAsync(HttpContext http)
    {
        var variables = await VariablesAsync(http);
        var now = Graph.Now();
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        var (allowed, window) = await limits.TryAcquireBlockAsync(connection, "verify", limits.LookupsPerMinute,
            "anonymous|" + Limits.AddressKey(http.Connection.RemoteIpAddress), now);
        if (!allowed)
        {
            await RefusedAsync(http, "verifyCertificate", "Too many verifications; try again shortly.", window.RetryAfterSeconds(now), dataIsNull: true);
            return;
        }

        var number = variables.GetProperty("number").GetString()!.Trim().ToUpperInvariant();
        var lastName = TextKeys.Normalize(variables.GetProperty("lastName").GetString()!);
        var failureWindow = Window.Of("verify-number-failures", number, TimeSpan.FromHours(1), now);
        var found = number.Length is > 0 and <= 20 ? await FindAsync(connection, number, failureWindow) : null;
        var match = found is not null && lastName.Length > 0 && found.Certificate.HolderLastNameKey == lastName;
        var failuresAllowed = match
            ? found!.Failures < limits.FailedLookupsPerNumberPerHour
            : await limits.AddAsync(connection, failureWindow, 1, now) <= limits.FailedLookupsPerNumberPerHour;
        if (!failuresAllowed)
        {
            await RefusedAsync(http, "verifyCertificate", "Too many failed verifications of this certificate number; try again later.",
                failureWindow.RetryAfterSeconds(now), dataIsNull: true);
            return;
        }

        var today = Graph.Today();
        var answer = match ? Answer.Of(found!.Certificate, await SuccessorAsync(connection, found), today) : null;
        await connection.ExecuteAsync(Sql.LogInsert, new
        {
            p1 = Guid.CreateVersion7(), p2 = http.Connection.RemoteIpAddress?.ToString(), p3 = (Guid?)null, p4 = now, p5 = found?.Certificate.Id, p6 = "Public",
            p7 = (string?)null, p8 = answer is not null, p9 = found?.Certificate.MemberId, p10 = VerificationLog.Query(number), p11 = VerificationLog.Status(answer?.Status),
        });
        await using var json = await StartAsync(http);
        json.WriteStartObject("verifyCertificate");
        if (answer is not null)
        {
            WriteVerification(json, answer, found!.CourseCode);
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

    private static async Task<Found?> FindAsync(NpgsqlConnection connection, string number, Window failureWindow)
    {
        await using var command = new NpgsqlCommand(Sql.CertificateToVerify, connection);
        command.Parameters.AddWithValue("p1", failureWindow.Key);
        command.Parameters.AddWithValue("p2", failureWindow.Start);
        command.Parameters.AddWithValue("p3", number);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        // Columns: the certificate (0–17), its successor (18–35), its course (36–46, Code at 39), the failures (47).
        return new Found(Certificates.Read(reader, 0)!, Certificates.Read(reader, 18), reader.IsDBNull(39) ? null : reader.GetString(39), reader.GetInt32(47));
    }

    /// <summary>The certificate that carries on: found with the lookup, unless it was reissued again (then follow the chain).</summary>
    private static async Task<CertificateRow?> SuccessorAsync(NpgsqlConnection connection, Found found) =>
        found.Successor?.ReplacedById is null
            ? found.Successor
            : (await Certificates.SuccessorsAsync(connection, [found.Certificate])).GetValueOrDefault(found.Certificate.Id);

    /// <summary>A RATE_LIMITED refusal as the API's endpoint writes it: 429, Retry-After, the error, no data.</summary>
    private static async Task RefusedAsync(HttpContext http, string field, string message, int retryAfterSeconds, bool dataIsNull)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartArray("errors");
        json.WriteStartObject();
        json.WriteString("message", message);
        json.WriteStartArray("path");
        json.WriteStringValue(field);
        json.WriteEndArray();
        json.WriteStartObject("extensions");
        json.WriteString("code", "RATE_LIMITED");
        json.WriteStartArray("codes");
        json.WriteStringValue("RATE_LIMITED");
        json.WriteEndArray();
        json.WriteNumber("retryAfterSeconds", retryAfterSeconds);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        if (dataIsNull)
        {
            json.WriteNull("data");
        }
        else
        {
            json.WriteStartObject("data");
            json.WriteNull(field);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        await json.FlushAsync();
    }
}
