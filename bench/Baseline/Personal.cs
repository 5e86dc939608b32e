using System.Text.Json;
using Dapper;
using Npgsql;

namespace Baseline;

/// <summary>me with certificates and dues, and consentingOfficers: the caller comes from the bearer token's claims,
/// read without validation (the raw baseline does not pay for JWT validation; the API does).</summary>
internal sealed partial class Workloads
{
    public async Task MeAsync(HttpContext http)
    {
        var memberId = Guid.Parse(Claim(http, "member_id"));
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        // As the API's me: the member joined with its current term and state (one statement), as node reads it.
        var (member, current) = (await connection.QueryAsync<MemberRow, TermRow, JoinedStateRow, JoinedRegionRow, (MemberRow, TermRow?)>(
            Sql.MemberWithTermAndStateById, (m, t, _, _) => (m, t), new { p1 = memberId }, splitOn: "Id,Code,Number")).Single();
        var terms = current is null ? new Dictionary<Guid, TermRow>() : new Dictionary<Guid, TermRow> { [current.Id] = current };
        var certificates = (await connection.QueryByKeysAsync<CertificateRow, Guid>(Sql.CertificatesOfMembers, [memberId])).AsList();
        var payments = await PaymentsAsync(connection, memberId);
        var plans = await PlansByIdAsync(connection, terms.Values.Select(t => t.PlanId).Concat(payments.Select(p => p.PlanId)));
        var today = Graph.Today();
        await using var json = await StartAsync(http);
        json.WriteStartObject("me");
        json.WriteString("id", Graph.Id("Member", member.Id));
        json.WriteString("memberNumber", Graph.MemberNumber(member.Number));
        json.WriteString("fullName", $"{member.FirstName} {member.LastName}");
        json.WriteString("email", member.Email);
        var term = member.CurrentTermId is { } termId ? terms.GetValueOrDefault(termId) : null;
        json.WriteString("membershipStatus", Graph.Status(term, member.SuspendedAt, today));
        WriteTerm(json, member, terms, plans, today, withPlanName: false);
        json.WriteStartArray("certificates");
        foreach (var certificate in certificates)
        {
            json.WriteStartObject();
            json.WriteString("id", Graph.Id("Certificate", certificate.Id));
            WriteCertificateFields(json, certificate, today);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("duesPayments");
        foreach (var payment in payments)
        {
            json.WriteStartObject();
            json.WriteString("id", Graph.Id("DuesPayment", payment.Id));
            json.WriteString("receiptNumber", payment.ReceiptNumber);
            json.WriteString("status", Graph.Enum(payment.Status));
            json.WriteStartObject("amount");
            json.WriteNumber("amount", payment.Amount);
            json.WriteString("currency", payment.Currency);
            json.WriteEndObject();
            if (payment.CompletedAt is { } completed)
            {
                Graph.Instant(json, "completedAt", completed);
            }
            else
            {
                json.WriteNull("completedAt");
            }

            json.WriteStartObject("plan");
            json.WriteString("code", plans[payment.PlanId].Code);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await EndAsync(json);
    }

    public async Task ConsentingAsync(HttpContext http)
    {
        var agencyId = Guid.Parse(Claim(http, "agency_id"));
        const int first = 50;
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        var consents = (await connection.QueryAsync<ConsentRow>(Sql.ConsentsOfAgency, new { p1 = agencyId, p2 = first + 1 })).AsList();
        var page = consents.Take(first).ToList();
        var ids = page.Select(c => c.MemberId).ToArray();
        var members = (await connection.QueryByKeysAsync<MemberRow, Guid>(Sql.MembersById, ids)).ToDictionary(m => m.Id);
        var certificates = (await connection.QueryByKeysAsync<CertificateRow, Guid>(Sql.CurrentCertificatesOfMembers, ids)).ToLookup(c => c.MemberId);
        var today = Graph.Today();

        // One log row per certificate shown, with the status shown; one per officer who has none (the API's order: the officers as read).
        var log = members.Values.SelectMany(m => certificates[m.Id].Any()
            ? certificates[m.Id].Select(x => new LogRow(VerificationLog.Query(Graph.MemberNumber(m.Number)), x.Id, x.MemberId, true,
                VerificationLog.Status(Graph.CertificateStatus(x, today))))
            : [new LogRow(VerificationLog.Query(Graph.MemberNumber(m.Number)), null, m.Id, false, null)]).ToList();
        await InsertLogAsync(connection, log, agencyId, "StandingAccess", Claim(http, "client_id"), Graph.Now());
        await using var json = await StartAsync(http);
        json.WriteStartObject("consentingOfficers");
        json.WriteStartArray("edges");
        foreach (var consent in page)
        {
            var member = members[consent.MemberId];
            var granted = new DateTimeOffset(DateTime.SpecifyKind(consent.GrantedAt, DateTimeKind.Utc));
            json.WriteStartObject();
            json.WriteString("cursor", Cursor("consent:granted", granted, consent.Id));
            json.WriteStartObject("node");
            json.WriteString("memberNumber", Graph.MemberNumber(member.Number));
            json.WriteString("name", $"{member.FirstName} {member.LastName}");
            json.WriteString("consentGrantedAt", granted);
            json.WriteStartArray("certificates");
            foreach (var certificate in certificates[consent.MemberId])
            {
                json.WriteStartObject();
                json.WriteBoolean("found", true);
                WriteCertificateFields(json, certificate, today);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("pageInfo");
        json.WriteBoolean("hasNextPage", consents.Count > first);
        json.WriteString("endCursor", page.Count == 0 ? null : Cursor("consent:granted", new DateTimeOffset(DateTime.SpecifyKind(page[^1].GrantedAt, DateTimeKind.Utc)), page[^1].Id));
        json.WriteEndObject();
        json.WriteEndObject();
        await EndAsync(json);
    }

    internal static void WriteCertificateFields(Utf8JsonWriter json, CertificateRow certificate, DateTime today)
    {
        json.WriteString("number", certificate.Number);
        json.WriteString("title", certificate.Title);
        json.WriteString("status", Graph.CertificateStatus(certificate, today));
        Graph.Date(json, "issuedOn", certificate.IssuedOn);
        Graph.Date(json, "expiresOn", certificate.ExpiresOn);
    }

    private static string Cursor(params object[] values) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(values)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static string Claim(HttpContext http, string name)
    {
        var token = http.Request.Headers.Authorization.ToString()["Bearer ".Length..];
        using var payload = JsonDocument.Parse(Graph.FromBase64Url(token.Split('.')[1]));
        return payload.RootElement.GetProperty(name).GetString()!;
    }

    private static async Task<List<PaymentRow>> PaymentsAsync(NpgsqlConnection connection, Guid memberId)
    {
        await using var command = Keys.CommandByKeys(connection, Sql.DuesOfMembers, "ids", [memberId]);
        await using var reader = await command.ExecuteReaderAsync();
        var payments = new List<PaymentRow>();
        while (await reader.ReadAsync())
        {
            var id = reader.GetGuid(0);
            if (payments.Count == 0 || payments[^1].Id != id)
            {
                payments.Add(new PaymentRow
                {
                    Id = id, Amount = reader.GetInt64(2), CompletedAt = reader.IsDBNull(5) ? null : reader.GetDateTime(5), Currency = reader.GetString(8),
                    PlanId = reader.GetGuid(13), ReceiptNumber = reader.GetString(14), Status = reader.GetString(16),
                });
            }
        }

        return payments;
    }

    private static async Task<Dictionary<Guid, PlanRow>> PlansByIdAsync(NpgsqlConnection connection, IEnumerable<Guid> ids)
    {
        var distinct = ids.Distinct().ToArray();
        return distinct.Length == 0 ? [] : (await connection.QueryByKeysAsync<PlanRow, Guid>(Sql.PlansById, distinct)).ToDictionary(p => p.Id);
    }
}
