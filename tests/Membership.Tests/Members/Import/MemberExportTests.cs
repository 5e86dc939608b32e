using System.Net;
using System.Text.Json;
using Membership.Members;
using Membership.Members.Import;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Membership.Tests.Members.Import.MemberCsvFiles;

namespace Membership.Tests.Members.Import;

public abstract class MemberExportTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task An_export_imported_into_a_database_without_those_members_gives_the_same_members()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync(state: "GA");
        var ori = await GiveOriAsync(Api, agency);
        var members = await _data.MembersAsync(3, plan, agency, termStart: _data.Today.AddMonths(-2), shape: (m, i) =>
        {
            m.Phone = "+1 404 555 010" + i; // starts like a formula: the export protects it, the import restores it
            m.JobTitle = i == 0 ? "-SRO, \"night\" shift" : null;
            m.MailingAddress = i == 1 ? null : m.MailingAddress;
            m.DirectoryOptIn = i != 2;
        });
        var before = await SnapshotAsync(members);

        var (status, csv) = await ExportAsync($"agencyId={Uri.EscapeDataString(TestData.AgencyId(agency))}", TestIdentity.Staff);
        await DeleteAsync(members);
        var imported = await ImportPayloadAsync(Client, csv);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("'+1 404 555 0100", csv, StringComparison.Ordinal);
        Assert.Contains(ori, csv, StringComparison.Ordinal);
        Assert.Equal(string.Join(',', MemberCsv.Columns), csv.Split("\r\n")[0]);
        Assert.True(imported.UserErrorCodes().Count == 0, imported.ToString());
        Assert.Equal(3, imported.At("created").GetInt32());
        Assert.Equal(before, await SnapshotAsync(members));
    }

    [SkippableFact]
    public async Task The_export_reads_members_in_batches_and_not_all_at_once()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var count = MemberExport.BatchSize * 2 + 7;
        await _data.MembersAsync(count, plan, agency);

        Api.Commands.Reset();
        var (status, csv) = await ExportAsync($"agencyId={Uri.EscapeDataString(TestData.AgencyId(agency))}&category=REGULAR", TestIdentity.Staff);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var memberQueries = Api.Commands.Sent.Count(sql => sql.Contains("Members", StringComparison.Ordinal) && sql.Contains("Number", StringComparison.Ordinal));
        Assert.True(memberQueries == 3, string.Join("\n---\n", Api.Commands.Sent)); // three batches: 1,000 + 1,000 + 7
    }

    [SkippableFact]
    public async Task The_export_filters_like_the_members_query()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var members = await _data.MembersAsync(3, plan, agency, shape: (m, i) => m.IsSwornOfficer = i != 1);

        var (_, csv) = await ExportAsync($"agencyId={Uri.EscapeDataString(TestData.AgencyId(agency))}&swornOfficer=false", TestIdentity.Staff);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(members[1].MemberNumber + ",", lines[1], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Only_staff_export_members_and_a_bad_filter_is_a_clear_error()
    {
        var plan = await _data.PlanAsync();
        var member = await _data.MemberAsync(plan);

        var asMember = await ExportAsync(string.Empty, TestIdentity.Member(member.Id));
        var asNobody = await ExportAsync(string.Empty, null);
        var badFilter = await ExportAsync("status=SLEEPING", TestIdentity.Staff);
        var unknown = await ExportAsync("colour=blue", TestIdentity.Staff);

        Assert.Equal(HttpStatusCode.Forbidden, asMember.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, asNobody.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.Status);
        Assert.Equal("INVALID_ARGUMENT", JsonDocument.Parse(badFilter.Body).RootElement.At("errors.0.extensions.code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
    }

    private async Task<(HttpStatusCode Status, string Body)> ExportAsync(string query, TestIdentity? identity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MemberExport.Path + (query.Length > 0 ? "?" + query : string.Empty));
        if (identity is not null)
        {
            request.Headers.Add(TestAuthenticationHandler.HeaderName, identity.Header);
        }

        using var response = await Client.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What an export carries of each member, read from the database, in number order.</summary>
    private async Task<List<string>> SnapshotAsync(List<Member> members)
    {
        var numbers = members.Select(m => m.Number).ToList();
        await using var db = await Api.Db.CreateDbContextAsync();
        var rows = await db.Members.AsNoTracking().Include(m => m.CurrentTerm).ThenInclude(t => t!.Plan).Include(m => m.Agency)
            .Where(m => numbers.Contains(m.Number)).OrderBy(m => m.Number).ToListAsync();
        return [.. rows.Select(m => string.Join('|', m.Number, m.FirstName, m.LastName, m.Email, m.Phone, m.MailingAddress?.Line1, m.MailingAddress?.City,
            m.MailingAddress?.PostalCode, m.DateOfBirth, m.Category, m.IsSwornOfficer, m.SroSince, m.StateCode, m.JobTitle, m.Agency?.OriCode, m.DirectoryOptIn,
            m.CurrentTerm?.Plan?.Code, m.CurrentTerm?.StartsOn, m.CurrentTerm?.EndsOn, m.CurrentTerm?.GraceEndsOn, m.CurrentTerm?.ActivatedAt is not null))];
    }

    private async Task DeleteAsync(List<Member> members)
    {
        var ids = members.Select(m => m.Id).ToList();
        await using var db = await Api.Db.CreateDbContextAsync();
        await db.Members.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.CurrentTermId, (Guid?)null));
        await db.MembershipTerms.Where(t => ids.Contains(t.MemberId)).ExecuteDeleteAsync();
        await db.Members.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync();
    }
}

public sealed class MemberExportTestsOnSqlite(SqliteApi api) : MemberExportTests(api), IClassFixture<SqliteApi>;

public sealed class MemberExportTestsOnPostgreSql(PostgreSqlApi api) : MemberExportTests(api), IClassFixture<PostgreSqlApi>;

public sealed class MemberExportTestsOnSqlServer(SqlServerApi api) : MemberExportTests(api), IClassFixture<SqlServerApi>;
