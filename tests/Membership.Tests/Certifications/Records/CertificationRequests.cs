using System.Globalization;
using System.Net;
using System.Text.Json;
using Membership.Certifications;
using Membership.Data;
using Membership.Dues;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Membership.Certifications.Courses;
using Membership.Certifications.Records;

namespace Membership.Tests.Certifications.Records;

/// <summary>
/// The certification operations the tests send over HTTP, and the few rows they put straight in the database
/// (members, and the Practitioner certificate an instructor needs).
/// </summary>
internal sealed class CertificationRequests(ApiFixture api)
{
    public const string CertificateFields = "id number verificationCode kind title hours holderName issuedOn expiresOn status course { code name }";

    private const string UserErrors = "userErrors { code field message }";

    private readonly TestData _data = new(api);
    private MembershipPlan? _plan;

    public DateOnly Today => _data.Today;

    public static string CourseId(string code) => TestData.Id("Course", CourseCatalogue.Courses.Single(c => c.Code == code).Id);

    /// <summary>A day as the API writes it.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The name printed on the member's certificates.</summary>
    public static string HolderName(Member member) => $"{member.FirstName} {member.LastName}";

    /// <summary>A roster row as the front end sends it.</summary>
    public static object Row(string member, DateOnly completedOn) => new { member, completedOn };

    /// <summary>Sends one mutation that takes a single <c>input</c> argument, as <paramref name="identity"/>.</summary>
    public Task<GraphQLResult> MutateAsync(string field, string inputType, string selection, object input, TestIdentity? identity) =>
        api.Client().PostAsync($"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} {UserErrors} }} }}", new { input }, identity);

    /// <summary>The payload of a mutation staff send; the request itself must succeed.</summary>
    public async Task<JsonElement> AsStaffAsync(string field, string inputType, string selection, object input)
    {
        var result = await MutateAsync(field, inputType, selection, input, TestIdentity.Staff);
        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, $"{field}: {(int)result.Status} {result.Text}");
        return result.Data.GetProperty(field);
    }

    /// <summary>A query that must succeed for <paramref name="identity"/>; returns <c>data</c>.</summary>
    public Task<JsonElement> QueryAsync(string query, object? variables, TestIdentity? identity) => api.Client().DataAsync(query, variables, identity);

    /// <summary>A member with a current, paid term (a plan of this helper's own); <paramref name="shape"/> sets anything else.</summary>
    public async Task<Member> MemberAsync(Action<Member>? shape = null, DateOnly? termStart = null)
    {
        _plan ??= await _data.PlanAsync();
        return await _data.MemberAsync(_plan, termStart: termStart, shape: shape);
    }

    public async Task<List<Member>> MembersAsync(int count, string lastNamePrefix)
    {
        _plan ??= await _data.PlanAsync();
        return await _data.MembersAsync(count, _plan, lastNamePrefix: lastNamePrefix);
    }

    /// <summary>The recordCompletion payload (certificate and user errors) of a staff call.</summary>
    public Task<JsonElement> RecordCompletionAsync(Member member, string courseCode, DateOnly completedOn) =>
        AsStaffAsync("recordCompletion", "RecordCompletionInput", $"certificate {{ {CertificateFields} }}",
            new { memberId = TestData.MemberId(member), courseId = CourseId(courseCode), completedOn });

    /// <summary>Records a completion that must succeed and returns its certificate.</summary>
    public async Task<JsonElement> CertificateAsync(Member member, string courseCode, DateOnly? completedOn = null) =>
        MutationAssert.Succeeded(await RecordCompletionAsync(member, courseCode, completedOn ?? Today), "certificate");

    public Task<GraphQLResult> RosterAsync(string courseCode, IEnumerable<object> rows) =>
        MutateAsync("recordRoster", "RecordRosterInput", $"certificates {{ {CertificateFields} }}", new { courseId = CourseId(courseCode), rows }, TestIdentity.Staff);

    /// <summary>member(id) with <paramref name="selection"/>, as <paramref name="identity"/> asks for it.</summary>
    public Task<GraphQLResult> MemberAsSeenByAsync(Member member, string selection, TestIdentity identity) =>
        api.Client().PostAsync($"query($id: ID!) {{ member(id: $id) {{ {selection} }} }}", new { id = TestData.MemberId(member) }, identity);

    /// <summary>A certificate by number, as staff read it.</summary>
    public async Task<JsonElement> StaffCertificateAsync(string number, string selection) =>
        (await QueryAsync($"query($n: String!) {{ certificate(number: $n) {{ {selection} }} }}", new { n = number }, TestIdentity.Staff)).GetProperty("certificate");

    /// <summary>
    /// Gives the member the National SRO Practitioner certificate through the real issuer, as an approved application
    /// does; <paramref name="shape"/> can suspend or age it.
    /// </summary>
    public async Task<Member> PractitionerAsync(Member? member = null, Action<Certificate>? shape = null)
    {
        member ??= await MemberAsync();
        var calendar = api.Services.GetRequiredService<AssociationCalendar>();
        await using var db = await api.Db.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var certificate = await CertificateIssuer.IssueAsync(db, calendar, member, CertificateKind.Practitioner, null, calendar.Today(), null, default);
        shape?.Invoke(certificate);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return member;
    }

    /// <summary>How many certificates and course completions exist in all.</summary>
    public async Task<(int Certificates, int Completions)> CountsAsync()
    {
        await using var db = await api.Db.CreateDbContextAsync();
        return (await db.Certificates.CountAsync(), await db.CourseCompletions.CountAsync());
    }
}
