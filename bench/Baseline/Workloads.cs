using System.Text.Json;
using Dapper;
using Npgsql;

namespace Baseline;

/// <summary>Plans, node and the member page: the API's statements in the API's order, the API's JSON.</summary>
internal sealed partial class Workloads(NpgsqlDataSource db, Limits limits)
{
    private static readonly string[] CategoryOrder = ["Regular", "Associate", "Retired", "Life", "Student"];

    public async Task PlansAsync(HttpContext http)
    {
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        var plans = (await connection.QueryAsync<PlanRow>(Sql.Plans)).AsList();
        plans.Sort((a, b) => Array.IndexOf(CategoryOrder, a.Category).CompareTo(Array.IndexOf(CategoryOrder, b.Category)) is var c and not 0 ? c
            : a.PriceAmount.CompareTo(b.PriceAmount) is var p and not 0 ? p : string.CompareOrdinal(a.Code, b.Code));
        await using var json = await StartAsync(http);
        json.WriteStartArray("membershipPlans");
        foreach (var plan in plans)
        {
            json.WriteStartObject();
            json.WriteString("id", Graph.Id("MembershipPlan", plan.Id));
            json.WriteString("code", plan.Code);
            json.WriteString("name", plan.Name);
            json.WriteString("category", Graph.Enum(plan.Category));
            json.WriteStartObject("price");
            json.WriteNumber("amount", plan.PriceAmount);
            json.WriteString("currency", plan.Currency);
            json.WriteEndObject();
            json.WriteString("termKind", Graph.Enum(plan.TermKind));
            json.WriteNumber("termMonths", plan.TermMonths);
            if (plan.PeriodStartMonth is { } month)
            {
                json.WriteNumber("periodStartMonth", month);
            }
            else
            {
                json.WriteNull("periodStartMonth");
            }

            json.WriteNumber("graceDays", plan.GraceDays);
            json.WriteBoolean("active", plan.IsActive);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        await EndAsync(json);
    }

    public async Task NodeAsync(HttpContext http)
    {
        var variables = await VariablesAsync(http);
        var id = Graph.ParseId("Member", variables.GetProperty("id").GetString());
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        // One statement, as the API's node: the member joined with its current term and its state (Dapper returns null for
        // a part whose first column is null: no term).
        var (member, term, state) = id is null ? default : (await connection.QueryAsync<MemberRow, TermRow, JoinedStateRow, JoinedRegionRow, (MemberRow?, TermRow?, JoinedStateRow?)>(
            Sql.MemberWithTermAndStateById, (m, t, s, _) => (m, t, s), new { p1 = id.Value }, splitOn: "Id,Code,Number")).FirstOrDefault();

        await using var json = await StartAsync(http);
        if (member is null)
        {
            json.WriteNull("node");
        }
        else
        {
            var status = Graph.Status(term, member.SuspendedAt, Graph.Today());
            json.WriteStartObject("node");
            json.WriteString("id", Graph.Id("Member", member.Id));
            json.WriteString("memberNumber", Graph.MemberNumber(member.Number));
            json.WriteString("firstName", member.FirstName);
            json.WriteString("lastName", member.LastName);
            json.WriteString("fullName", $"{member.FirstName} {member.LastName}");
            json.WriteString("category", Graph.Enum(member.Category));
            json.WriteBoolean("swornOfficer", member.IsSwornOfficer);
            json.WriteBoolean("directoryOptIn", member.DirectoryOptIn);
            json.WriteString("membershipStatus", status);
            json.WriteBoolean("inGoodStanding", status is "ACTIVE" or "GRACE");
            json.WriteStartObject("state");
            json.WriteString("code", state?.Code);
            json.WriteString("name", state?.Name);
            json.WriteEndObject();
            Graph.Instant(json, "createdAt", member.CreatedAt);
            json.WriteEndObject();
        }

        await EndAsync(json);
    }

    private static async Task<JsonElement> VariablesAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted);
        return body.RootElement.TryGetProperty("variables", out var variables) ? variables.Clone() : default;
    }

    /// <summary>Writes straight to the response: {"data":{ … then the workload's fields.</summary>
    private static Task<Utf8JsonWriter> StartAsync(HttpContext http)
    {
        http.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartObject("data");
        return Task.FromResult(json);
    }

    private static async Task EndAsync(Utf8JsonWriter json)
    {
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync();
    }

    private static async Task<Dictionary<string, StateRow>> StatesAsync(NpgsqlConnection connection, IEnumerable<string> codes)
    {
        var distinct = codes.Distinct(StringComparer.Ordinal).ToArray();
        await using var command = Keys.CommandByKeys(connection, Sql.StatesByCode, "p1", distinct);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StateRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StateRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(4)));
        }

        return rows.ToDictionary(s => s.Code, StringComparer.Ordinal);
    }
}
