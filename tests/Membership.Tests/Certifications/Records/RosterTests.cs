using System.Net;
using System.Text.Json;
using Membership.Tests.Infrastructure;
using Membership.Certifications.Records;

namespace Membership.Tests.Certifications.Records;

/// <summary>Class rosters: all or nothing, with one user error per bad row at its index.</summary>
public abstract class RosterTests(ApiFixture api) : ApiTest(api)
{
    private readonly CertificationRequests _requests = new(api);

    [SkippableFact]
    public async Task A_roster_by_member_numbers_and_emails_issues_one_certificate_per_row_in_row_order()
    {
        var (a, b, c) = (await _requests.MemberAsync(), await _requests.MemberAsync(), await _requests.MemberAsync());
        var today = _requests.Today;
        var before = await _requests.CountsAsync();

        var result = await _requests.RosterAsync("ADVANCED-SRO",
        [
            CertificationRequests.Row(b.MemberNumber, today.AddDays(-2)),
            CertificationRequests.Row("  " + a.Email.ToUpperInvariant() + " ", today.AddDays(-1)),
            CertificationRequests.Row(b.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), today),
            CertificationRequests.Row(c.Email, today),
        ]);

        var certificates = Certificates(Succeeded(result));
        Assert.Equal(new[] { b, a, b, c }.Select(CertificationRequests.HolderName), certificates.Select(x => x.Str("holderName")));
        Assert.Equal(new[] { -2, -1, 0, 0 }.Select(d => CertificationRequests.Iso(today.AddDays(d))), certificates.Select(x => x.Str("issuedOn")));
        Assert.All(certificates, x => Assert.Equal(24, x.GetProperty("hours").GetDouble()));
        Assert.Equal(4, certificates.Select(x => x.Str("number")).Distinct().Count());
        var after = await _requests.CountsAsync();
        Assert.Equal((before.Certificates + 4, before.Completions + 4), after);

        var seen = await _requests.MemberAsSeenByAsync(b, "certificates { number }", TestIdentity.Member(b.Id));
        Assert.Equal(2, seen.Data.At("member.certificates").GetArrayLength());
    }

    [SkippableFact]
    public async Task One_bad_row_writes_nothing_and_every_bad_row_is_reported_at_its_index()
    {
        var (good, recorded, other) = (await _requests.MemberAsync(), await _requests.MemberAsync(), await _requests.MemberAsync());
        var today = _requests.Today;
        await _requests.CertificateAsync(recorded, "CPTED", today.AddDays(-5));
        var before = await _requests.CountsAsync();

        var result = await _requests.RosterAsync("CPTED",
        [
            CertificationRequests.Row(good.MemberNumber, today.AddDays(-5)),
            CertificationRequests.Row($"{TestData.Unique("nobody")}@example.org", today.AddDays(-5)),
            CertificationRequests.Row("Officer Smith", today.AddDays(-5)),
            CertificationRequests.Row(other.MemberNumber, today.AddDays(1)),
            CertificationRequests.Row(good.Email, today.AddDays(-5)),
            CertificationRequests.Row(recorded.MemberNumber, today.AddDays(-5)),
            CertificationRequests.Row(other.Email, today.AddDays(-4)),
        ]);

        var payload = result.Data.At("recordRoster");
        Assert.Equal(JsonValueKind.Null, payload.At("certificates").ValueKind);
        Assert.Equal(
            [
                "ALREADY_RECORDED input.rows.4.member", "ALREADY_RECORDED input.rows.5.member", "DATE_IN_FUTURE input.rows.3.completedOn",
                "INVALID_FORMAT input.rows.2.member", "NOT_FOUND input.rows.1.member",
            ],
            MutationAssert.ErrorsOf(payload).Order(StringComparer.Ordinal));
        Assert.All(payload.GetProperty("userErrors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.Str("message"))));
        Assert.Equal(before, await _requests.CountsAsync());
    }

    [SkippableFact]
    public async Task An_unknown_member_number_is_reported_as_not_found()
    {
        var member = await _requests.MemberAsync();
        var before = await _requests.CountsAsync();

        var result = await _requests.RosterAsync("SSO",
            [CertificationRequests.Row(member.MemberNumber, _requests.Today), CertificationRequests.Row("M-999999999", _requests.Today)]);

        Assert.Equal(["NOT_FOUND input.rows.1.member"], MutationAssert.ErrorsOf(result.Data.At("recordRoster")));
        Assert.Equal(before, await _requests.CountsAsync());
    }

    [SkippableFact]
    public async Task A_roster_may_have_500_rows_and_one_more_is_refused_whole()
    {
        var member = await _requests.MemberAsync();
        var before = await _requests.CountsAsync();

        var tooMany = await _requests.RosterAsync("AMHT", Rows(member, 501));
        Assert.Equal(["OUT_OF_RANGE input.rows"], MutationAssert.ErrorsOf(tooMany.Data.At("recordRoster")));
        Assert.Equal(before, await _requests.CountsAsync());

        var certificates = Certificates(Succeeded(await _requests.RosterAsync("AMHT", Rows(member, 500))));
        Assert.Equal(500, certificates.Count);
        Assert.Equal((before.Certificates + 500, before.Completions + 500), await _requests.CountsAsync());
    }

    [SkippableFact]
    public async Task An_empty_roster_is_refused()
    {
        var result = await _requests.RosterAsync("AMHT", []);

        Assert.Equal(["OUT_OF_RANGE input.rows"], MutationAssert.ErrorsOf(result.Data.At("recordRoster")));
    }

    [SkippableFact]
    public async Task Concurrent_identical_rosters_are_applied_once()
    {
        var members = await _requests.MembersAsync(5, TestData.Unique("Race"));
        var rows = members.Select(m => CertificationRequests.Row(m.MemberNumber, _requests.Today)).ToList();
        var before = await _requests.CountsAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _requests.RosterAsync("BASIC-SRO", rows)));

        Assert.All(results, r => Assert.True(r.Status == HttpStatusCode.OK && !r.HasErrors, r.Text));
        var payloads = results.Select(r => r.Data.At("recordRoster")).ToList();
        Assert.Single(payloads, p => p.At("certificates").ValueKind == JsonValueKind.Array);
        Assert.All(payloads.Where(p => p.At("certificates").ValueKind == JsonValueKind.Null), p =>
        {
            Assert.NotEmpty(p.UserErrorCodes());
            Assert.All(p.UserErrorCodes(), code => Assert.Equal("ALREADY_RECORDED", code));
        });
        Assert.Equal((before.Certificates + 5, before.Completions + 5), await _requests.CountsAsync());
    }

    [SkippableFact]
    public async Task Only_staff_record_rosters()
    {
        var member = await _requests.MemberAsync();
        var before = await _requests.CountsAsync();

        var result = await _requests.MutateAsync("recordRoster", "RecordRosterInput", "certificates { id }",
            new { courseId = CertificationRequests.CourseId("AMHT"), rows = Rows(member, 1) }, TestIdentity.Member(member.Id));

        MutationAssert.Forbidden(result, "recordRoster");
        Assert.Equal(before, await _requests.CountsAsync());
    }

    /// <summary>Rows for one member on <paramref name="count"/> different days: each row valid on its own.</summary>
    private List<object> Rows(Membership.Members.Member member, int count) =>
        [.. Enumerable.Range(0, count).Select(i => CertificationRequests.Row(member.MemberNumber, _requests.Today.AddDays(-i)))];

    private static JsonElement Succeeded(GraphQLResult result)
    {
        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, result.Text);
        var payload = result.Data.At("recordRoster");
        Assert.Empty(MutationAssert.ErrorsOf(payload));
        return payload;
    }

    private static List<JsonElement> Certificates(JsonElement payload) => [.. payload.GetProperty("certificates").EnumerateArray()];
}

public sealed class RosterTestsOnSqlite(SqliteApi api) : RosterTests(api), IClassFixture<SqliteApi>;

public sealed class RosterTestsOnPostgreSql(PostgreSqlApi api) : RosterTests(api), IClassFixture<PostgreSqlApi>;

public sealed class RosterTestsOnSqlServer(SqlServerApi api) : RosterTests(api), IClassFixture<SqlServerApi>;
