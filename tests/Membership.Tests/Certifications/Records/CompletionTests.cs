using System.Text.Json;
using System.Text.RegularExpressions;
using Membership.Tests.Infrastructure;
using Membership.Certifications.Records;

namespace Membership.Tests.Certifications.Records;

/// <summary>Recording one completion issues the certificate; the holder and staff see it, nobody else.</summary>
public abstract partial class CompletionTests(ApiFixture api) : ApiTest(api)
{
    private readonly CertificationRequests _requests = new(api);

    [SkippableFact]
    public async Task A_completion_of_AMHT_issues_a_certificate_valid_for_36_months()
    {
        var member = await _requests.MemberAsync();
        var completedOn = _requests.Today.AddDays(-10);

        var certificate = await _requests.CertificateAsync(member, "AMHT", completedOn);

        Assert.Matches(NumberPattern(), certificate.Str("number"));
        Assert.StartsWith($"SRO-{completedOn.Year}-", certificate.Str("number"), StringComparison.Ordinal);
        Assert.Matches(CodePattern(), certificate.Str("verificationCode"));
        Assert.Equal(CertificationRequests.HolderName(member), certificate.Str("holderName"));
        Assert.Equal("COURSE", certificate.Str("kind"));
        Assert.Equal("AMHT", certificate.Str("course.code"));
        Assert.Equal("Adolescent Mental Health Training", certificate.Str("title"));
        Assert.Equal(8, certificate.GetProperty("hours").GetDouble());
        Assert.Equal(CertificationRequests.Iso(completedOn), certificate.Str("issuedOn"));
        Assert.Equal(CertificationRequests.Iso(completedOn.AddMonths(36)), certificate.Str("expiresOn"));
        Assert.Equal("ACTIVE", certificate.Str("status"));
    }

    [SkippableFact]
    public async Task A_basic_course_certificate_never_expires_and_numbers_are_unique()
    {
        var member = await _requests.MemberAsync();
        var lastYear = _requests.Today.AddYears(-1);

        var basic = await _requests.CertificateAsync(member, "BASIC-SRO", lastYear);
        var advanced = await _requests.CertificateAsync(member, "ADVANCED-SRO");

        Assert.Equal(JsonValueKind.Null, basic.GetProperty("expiresOn").ValueKind);
        Assert.Equal(40, basic.GetProperty("hours").GetDouble());
        Assert.StartsWith($"SRO-{lastYear.Year}-", basic.Str("number"), StringComparison.Ordinal);
        Assert.StartsWith($"SRO-{_requests.Today.Year}-", advanced.Str("number"), StringComparison.Ordinal);
        Assert.NotEqual(basic.Str("number")![9..], advanced.Str("number")![9..]);
        Assert.NotEqual(basic.Str("verificationCode"), advanced.Str("verificationCode"));
    }

    [SkippableFact]
    public async Task The_holder_sees_their_certificates_and_another_member_is_forbidden()
    {
        var holder = await _requests.MemberAsync();
        var other = await _requests.MemberAsync();
        var older = await _requests.CertificateAsync(holder, "BASIC-SRO", _requests.Today.AddDays(-30));
        var newer = await _requests.CertificateAsync(holder, "CPTED");

        var own = await _requests.MemberAsSeenByAsync(holder, "certificates { number status verificationCode }", TestIdentity.Member(holder.Id));
        Assert.False(own.HasErrors, own.Text);
        Assert.Equal([newer.Str("number"), older.Str("number")], Numbers(own.Data.At("member.certificates")));
        Assert.Equal(newer.Str("verificationCode"), own.Data.Str("member.certificates.0.verificationCode"));

        var staff = await _requests.MemberAsSeenByAsync(holder, "certificates { number }", TestIdentity.Staff);
        Assert.Equal(Numbers(own.Data.At("member.certificates")), Numbers(staff.Data.At("member.certificates")));

        var foreign = await _requests.MemberAsSeenByAsync(holder, "lastName certificates { number }", TestIdentity.Member(other.Id));
        Assert.Equal(["FORBIDDEN"], foreign.ErrorCodes);
        Assert.Equal(holder.LastName, foreign.Data.Str("member.lastName"));
        Assert.Equal(JsonValueKind.Null, foreign.Data.At("member.certificates").ValueKind);
        Assert.DoesNotContain(newer.Str("number")!, foreign.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Another_member_cannot_read_a_certificate_by_node_id_or_number()
    {
        var holder = await _requests.MemberAsync();
        var other = await _requests.MemberAsync();
        var certificate = await _requests.CertificateAsync(holder, "SSO");

        var byNode = await Client.PostAsync("query($id: ID!) { node(id: $id) { ... on Certificate { number } } }", new { id = certificate.Str("id") }, TestIdentity.Member(other.Id));
        Assert.Equal(JsonValueKind.Null, byNode.Data.At("node").ValueKind);

        var byNumber = await Client.PostAsync("query($n: String!) { certificate(number: $n) { number } }", new { n = certificate.Str("number") }, TestIdentity.Member(other.Id));
        MutationAssert.Forbidden(byNumber, "certificate");

        var ownNode = await _requests.QueryAsync("query($id: ID!) { node(id: $id) { ... on Certificate { number } } }", new { id = certificate.Str("id") }, TestIdentity.Member(holder.Id));
        Assert.Equal(certificate.Str("number"), ownNode.Str("node.number"));
    }

    [SkippableFact]
    public async Task Recording_the_same_completion_twice_is_refused_and_issues_nothing_more()
    {
        var member = await _requests.MemberAsync();
        var day = _requests.Today.AddDays(-3);
        await _requests.CertificateAsync(member, "PROJECT-UNITE", day);
        var before = await _requests.CountsAsync();

        var again = await _requests.RecordCompletionAsync(member, "PROJECT-UNITE", day);

        MutationAssert.Failed(again, "certificate", "ALREADY_RECORDED", "input", "memberId");
        Assert.Equal(before, await _requests.CountsAsync());
        MutationAssert.Succeeded(await _requests.RecordCompletionAsync(member, "PROJECT-UNITE", day.AddDays(1)), "certificate");
    }

    [SkippableFact]
    public async Task A_completion_in_the_future_or_of_an_unknown_member_is_refused()
    {
        var member = await _requests.MemberAsync();
        var before = await _requests.CountsAsync();

        MutationAssert.Failed(await _requests.RecordCompletionAsync(member, "AMHT", _requests.Today.AddDays(1)), "certificate", "DATE_IN_FUTURE", "input", "completedOn");
        var unknown = await _requests.AsStaffAsync("recordCompletion", "RecordCompletionInput", "certificate { id }",
            new { memberId = TestData.Id("Member", Guid.CreateVersion7()), courseId = CertificationRequests.CourseId("AMHT"), completedOn = _requests.Today });
        MutationAssert.Failed(unknown, "certificate", "NOT_FOUND", "input", "memberId");

        Assert.Equal(before, await _requests.CountsAsync());
    }

    [SkippableTheory]
    [InlineData(NonStaff.Member)]
    [InlineData(NonStaff.Partner)]
    public async Task Only_staff_record_completions(string who)
    {
        var member = await _requests.MemberAsync();
        var identity = who == NonStaff.Member ? TestIdentity.Member(member.Id) : TestIdentity.Partner;
        var before = await _requests.CountsAsync();

        var result = await _requests.MutateAsync("recordCompletion", "RecordCompletionInput", "certificate { id }",
            new { memberId = TestData.MemberId(member), courseId = CertificationRequests.CourseId("BASIC-SRO"), completedOn = _requests.Today }, identity);

        MutationAssert.Forbidden(result, "recordCompletion");
        Assert.Equal(before, await _requests.CountsAsync());
    }

    private static List<string?> Numbers(JsonElement certificates) => [.. certificates.EnumerateArray().Select(c => c.Str("number"))];

    [GeneratedRegex(@"^SRO-\d{4}-\d{6}$")]
    private static partial Regex NumberPattern();

    /// <summary>20 characters of Crockford's base 32: no I, L, O or U.</summary>
    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{20}$")]
    private static partial Regex CodePattern();
}

public sealed class CompletionTestsOnSqlite(SqliteApi api) : CompletionTests(api), IClassFixture<SqliteApi>;

public sealed class CompletionTestsOnPostgreSql(PostgreSqlApi api) : CompletionTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CompletionTestsOnSqlServer(SqlServerApi api) : CompletionTests(api), IClassFixture<SqlServerApi>;
