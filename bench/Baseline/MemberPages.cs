using System.Text.Json;
using Dapper;
using Membership.Data;
using Npgsql;

namespace Baseline;

/// <summary>members(first: 100, after:) and members(first: 50, filter: { search }): the API's statements and JSON.</summary>
internal sealed partial class Workloads
{
    public async Task PageAsync(HttpContext http)
    {
        var variables = await VariablesAsync(http);
        var after = variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty("after", out var a) ? a.GetString() : null;
        const int first = 100;
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        List<MemberRow> rows;
        if (after is null)
        {
            rows = (await connection.QueryAsync<MemberRow>(Sql.MembersFirst, new { p4 = first + 1 })).AsList();
        }
        else
        {
            var cursor = JsonSerializer.Deserialize<JsonElement[]>(Graph.FromBase64Url(after))!;
            var (last, firstKey, number) = (cursor[1].GetString()!, cursor[2].GetString()!, cursor[3].GetInt64());
            rows = (await connection.QueryAsync<MemberRow>(Sql.MembersAfter, new { p = last, p1 = firstKey, p2 = number, p4 = first + 1 })).AsList();
        }

        var hasNext = rows.Count > first;
        var page = rows.Take(first).ToList();
        var terms = await TermsAsync(connection, page);
        var agencies = await AgenciesAsync(connection, page);
        var plans = await PlansAsync(connection, terms.Values);
        var today = Graph.Today();
        await using var json = await StartAsync(http);
        json.WriteStartObject("members");
        json.WriteStartArray("edges");
        foreach (var member in page)
        {
            json.WriteStartObject();
            json.WriteString("cursor", Graph.MemberCursor(member));
            json.WriteStartObject("node");
            json.WriteString("id", Graph.Id("Member", member.Id));
            json.WriteString("memberNumber", Graph.MemberNumber(member.Number));
            json.WriteString("fullName", $"{member.FirstName} {member.LastName}");
            WriteAgency(json, member, agencies, withState: false);

            WriteTerm(json, member, terms, plans, today, withPlanName: false);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WritePageInfo(json, hasNext, page);
        json.WriteEndObject();
        await EndAsync(json);
    }

    /// <summary>GraphQL:SearchCountCap's default: totalCount of a name search counts this far.</summary>
    private const int SearchCountCap = 10_000;

    public async Task SearchAsync(HttpContext http)
    {
        var variables = await VariablesAsync(http);
        var pattern = TextKeys.Normalize(variables.GetProperty("search").GetString()!) + "%";
        const int first = 50;
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        var rows = (await connection.QueryAsync<MemberRow>(Sql.MembersSearch(first + 1), new { lead_startswith = pattern, p = first + 1 })).AsList();
        var total = await connection.ExecuteScalarAsync<int>(Sql.MembersSearchCount, new { lead_startswith = pattern, p = SearchCountCap + 1 });
        var hasNext = rows.Count > first;
        var page = rows.Take(first).ToList();
        var terms = await TermsAsync(connection, page);
        var agencies = await AgenciesAsync(connection, page);
        var states = await StatesAsync(connection, page.Select(m => m.StateCode).Concat(agencies.Values.Select(g => g.StateCode)));
        var plans = await PlansAsync(connection, terms.Values);
        var today = Graph.Today();
        await using var json = await StartAsync(http);
        json.WriteStartObject("members");
        json.WriteNumber("totalCount", Math.Min(total, SearchCountCap)); // the API stops counting at the cap
        json.WriteStartArray("edges");
        foreach (var member in page)
        {
            json.WriteStartObject();
            json.WriteStartObject("node");
            json.WriteString("id", Graph.Id("Member", member.Id));
            json.WriteString("memberNumber", Graph.MemberNumber(member.Number));
            json.WriteString("firstName", member.FirstName);
            json.WriteString("lastName", member.LastName);
            json.WriteString("email", member.Email);
            var term = member.CurrentTermId is { } termId ? terms.GetValueOrDefault(termId) : null;
            json.WriteString("membershipStatus", Graph.Status(term, member.SuspendedAt, today));
            WriteAgency(json, member, agencies, withState: true);

            var state = states[member.StateCode];
            json.WriteStartObject("region");
            json.WriteNumber("number", state.RegionNumber);
            json.WriteString("name", state.RegionName);
            json.WriteEndObject();
            WriteTerm(json, member, terms, plans, today, withPlanName: true);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WritePageInfo(json, hasNext, page);
        json.WriteEndObject();
        await EndAsync(json);
    }

    private static void WriteTerm(Utf8JsonWriter json, MemberRow member, Dictionary<Guid, TermRow> terms, Dictionary<Guid, PlanRow> plans, DateTime today, bool withPlanName)
    {
        if (member.CurrentTermId is not { } termId || !terms.TryGetValue(termId, out var term))
        {
            json.WriteNull("currentTerm");
            return;
        }

        json.WriteStartObject("currentTerm");
        Graph.Date(json, "startsOn", term.StartsOn);
        Graph.Date(json, "endsOn", term.EndsOn);
        json.WriteString("status", Graph.Status(term, member.SuspendedAt, today));
        json.WriteStartObject("plan");
        json.WriteString("code", plans[term.PlanId].Code);
        if (withPlanName)
        {
            json.WriteString("name", plans[term.PlanId].Name);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteAgency(Utf8JsonWriter json, MemberRow member, Dictionary<Guid, AgencyRow> agencies, bool withState)
    {
        if (member.AgencyId is not { } agencyId || !agencies.TryGetValue(agencyId, out var agency))
        {
            json.WriteNull("agency");
            return;
        }

        json.WriteStartObject("agency");
        json.WriteString("id", Graph.Id("Agency", agency.Id));
        json.WriteString("name", agency.Name);
        if (withState)
        {
            json.WriteStartObject("state");
            json.WriteString("code", agency.StateCode);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WritePageInfo(Utf8JsonWriter json, bool hasNext, List<MemberRow> page)
    {
        json.WriteStartObject("pageInfo");
        json.WriteBoolean("hasNextPage", hasNext);
        if (page.Count > 0)
        {
            json.WriteString("endCursor", Graph.MemberCursor(page[^1]));
        }
        else
        {
            json.WriteNull("endCursor");
        }

        json.WriteEndObject();
    }

    private static async Task<Dictionary<Guid, TermRow>> TermsAsync(NpgsqlConnection connection, List<MemberRow> members)
    {
        var ids = members.Where(m => m.CurrentTermId is not null).Select(m => m.CurrentTermId!.Value).Distinct().ToArray();
        return ids.Length == 0 ? [] : (await connection.QueryByKeysAsync<TermRow, Guid>(Sql.TermsById, ids)).ToDictionary(t => t.Id);
    }

    private static async Task<Dictionary<Guid, AgencyRow>> AgenciesAsync(NpgsqlConnection connection, List<MemberRow> members)
    {
        var ids = members.Where(m => m.AgencyId is not null).Select(m => m.AgencyId!.Value).Distinct().ToArray();
        return ids.Length == 0 ? [] : (await connection.QueryByKeysAsync<AgencyRow, Guid>(Sql.AgenciesById, ids)).ToDictionary(g => g.Id);
    }

    private static Task<Dictionary<Guid, PlanRow>> PlansAsync(NpgsqlConnection connection, IEnumerable<TermRow> terms) =>
        PlansByIdAsync(connection, terms.Select(t => t.PlanId));
}
