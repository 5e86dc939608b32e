using System.Net;
using System.Text.Json;
using Membership.Tests.Infrastructure;
using Membership.Certifications.Records;

namespace Membership.Tests.Certifications.Records;

/// <summary>The course catalogue: public listing of the seeded courses, and staff keeping it.</summary>
public abstract class CourseCatalogueTests(ApiFixture api) : ApiTest(api)
{
    private const string CourseFields = "id code name category hours provider associationCourse certificateValidityMonths active";

    private readonly CertificationRequests _requests = new(api);

    [SkippableFact]
    public async Task The_seeded_courses_are_listed_publicly_with_their_hours()
    {
        var courses = await ListAsync(includeInactive: null, identity: TestIdentity.Anonymous);

        Assert.Equal(40, courses["BASIC-SRO"].GetProperty("hours").GetDouble());
        Assert.Equal(24, courses["ADVANCED-SRO"].GetProperty("hours").GetDouble());
        Assert.Equal(24, courses["SRO-SUPERVISORS"].GetProperty("hours").GetDouble());
        Assert.Equal(8, courses["AMHT"].GetProperty("hours").GetDouble());
        Assert.Equal(36, courses["AMHT"].GetProperty("certificateValidityMonths").GetInt32());
        Assert.Equal(JsonValueKind.Null, courses["BASIC-SRO"].GetProperty("certificateValidityMonths").ValueKind);
        Assert.Contains("SSO", courses.Keys);
        Assert.Contains("CPTED", courses.Keys);
        Assert.Contains("PROJECT-UNITE", courses.Keys);
        Assert.Equal("BASIC_SRO", courses["BASIC-SRO"].Str("category"));
        Assert.True(courses["BASIC-SRO"].GetProperty("associationCourse").GetBoolean());
    }

    [SkippableFact]
    public async Task Staff_add_a_course_that_everyone_then_sees()
    {
        var code = TestData.Unique("deesc-").ToLowerInvariant();

        var course = MutationAssert.Succeeded(await CreateAsync(Input(code, hours: 7.5, validityMonths: 24)), "course");

        Assert.Equal(code.ToUpperInvariant(), course.Str("code"));
        Assert.Equal(7.5, course.GetProperty("hours").GetDouble());
        Assert.Equal(24, course.GetProperty("certificateValidityMonths").GetInt32());
        Assert.True(course.GetProperty("active").GetBoolean());
        var listed = (await ListAsync(includeInactive: null, identity: TestIdentity.Anonymous))[code.ToUpperInvariant()];
        Assert.Equal(course.Str("id"), listed.Str("id"));
    }

    [SkippableFact]
    public async Task A_code_in_use_is_refused_whatever_its_case()
    {
        MutationAssert.Failed(await CreateAsync(Input("basic-sro")), "course", "CODE_TAKEN", "input", "code");

        var course = MutationAssert.Succeeded(await CreateAsync(Input(TestData.Unique("C-"))), "course");
        var renamed = await UpdateAsync(new { id = course.Str("id"), code = "SsO" });
        MutationAssert.Failed(renamed, "course", "CODE_TAKEN", "input", "code");
    }

    [SkippableTheory]
    [InlineData(0, null, "hours")]
    [InlineData(-4, null, "hours")]
    [InlineData(1000.5, null, "hours")]
    [InlineData(0.004, null, "hours")] // more than 0 hours, but 0 minutes once stored
    [InlineData(8, 0, "certificateValidityMonths")]
    [InlineData(8, 241, "certificateValidityMonths")]
    public async Task Hours_and_validity_out_of_range_are_refused_and_nothing_is_added(double hours, int? validityMonths, string field)
    {
        var code = NewCode("RANGE-");

        MutationAssert.Failed(await CreateAsync(Input(code, hours, validityMonths)), "course", "OUT_OF_RANGE", "input", field);

        Assert.DoesNotContain(code, (await ListAsync(includeInactive: true, identity: TestIdentity.Staff)).Keys);
    }

    [SkippableFact]
    public async Task The_limits_of_hours_and_validity_are_accepted()
    {
        var longest = MutationAssert.Succeeded(await CreateAsync(Input(TestData.Unique("MAX-"), hours: 1000, validityMonths: 240)), "course");
        var shortest = MutationAssert.Succeeded(await CreateAsync(Input(TestData.Unique("MIN-"), hours: 0.5, validityMonths: 1)), "course");

        Assert.Equal(1000, longest.GetProperty("hours").GetDouble());
        Assert.Equal(240, longest.GetProperty("certificateValidityMonths").GetInt32());
        Assert.Equal(0.5, shortest.GetProperty("hours").GetDouble());
    }

    [SkippableFact]
    public async Task Update_changes_only_the_given_fields_and_null_validity_means_never_expires()
    {
        var course = MutationAssert.Succeeded(await CreateAsync(Input(TestData.Unique("UPD-"), hours: 8, validityMonths: 12)), "course");

        var updated = MutationAssert.Succeeded(await UpdateAsync(new { id = course.Str("id"), name = "Threat Assessment", hours = 16.0 }), "course");
        Assert.Equal("Threat Assessment", updated.Str("name"));
        Assert.Equal(16, updated.GetProperty("hours").GetDouble());
        Assert.Equal(12, updated.GetProperty("certificateValidityMonths").GetInt32());
        Assert.Equal(course.Str("code"), updated.Str("code"));

        var cleared = MutationAssert.Succeeded(await UpdateAsync(new { id = course.Str("id"), certificateValidityMonths = (int?)null }), "course");
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("certificateValidityMonths").ValueKind);

        MutationAssert.Failed(await UpdateAsync(new { id = course.Str("id"), hours = 0.0 }), "course", "OUT_OF_RANGE", "input", "hours");
        MutationAssert.Failed(await UpdateAsync(new { id = TestData.Id("Course", Guid.CreateVersion7()), name = "X" }), "course", "NOT_FOUND", "input", "id");
    }

    [SkippableFact]
    public async Task An_inactive_course_is_hidden_from_the_public_and_listed_for_staff_who_ask()
    {
        var code = NewCode("OLD-");
        var course = MutationAssert.Succeeded(await CreateAsync(Input(code)), "course");

        MutationAssert.Succeeded(await UpdateAsync(new { id = course.Str("id"), active = false }), "course");

        Assert.DoesNotContain(code, (await ListAsync(includeInactive: null, identity: TestIdentity.Anonymous)).Keys);
        Assert.DoesNotContain(code, (await ListAsync(includeInactive: null, identity: TestIdentity.Staff)).Keys);
        var listed = (await ListAsync(includeInactive: true, identity: TestIdentity.Staff))[code];
        Assert.False(listed.GetProperty("active").GetBoolean());
    }

    [SkippableTheory]
    [InlineData(NonStaff.Member)]
    [InlineData(NonStaff.Partner)]
    public async Task Others_may_neither_list_inactive_courses_nor_change_the_catalogue(string who)
    {
        var identity = await NonStaff.IdentityAsync(Api, who);
        var code = NewCode("NOPE-");

        Assert.Equal(["FORBIDDEN"], (await Client.PostAsync("{ courses(includeInactive: true) { code } }", identity: identity)).ErrorCodes);
        MutationAssert.Forbidden(await _requests.MutateAsync("createCourse", "CreateCourseInput", "course { id }", Input(code), identity), "createCourse");
        MutationAssert.Forbidden(await _requests.MutateAsync("updateCourse", "UpdateCourseInput", "course { id }",
            new { id = CertificationRequests.CourseId("BASIC-SRO"), hours = 1.0 }, identity), "updateCourse");

        MutationAssert.Unauthenticated(await _requests.MutateAsync("createCourse", "CreateCourseInput", "course { id }", Input(code), TestIdentity.Anonymous));
        Assert.DoesNotContain(code, (await ListAsync(includeInactive: true, identity: TestIdentity.Staff)).Keys);
        Assert.Equal(40, (await ListAsync(includeInactive: null, identity: TestIdentity.Anonymous))["BASIC-SRO"].GetProperty("hours").GetDouble());
    }

    [SkippableFact]
    public async Task Certificates_already_issued_keep_their_hours_when_the_course_changes()
    {
        var course = MutationAssert.Succeeded(await CreateAsync(Input(TestData.Unique("KEEP-"), hours: 8)), "course");
        var member = await _requests.MemberAsync();
        var issued = MutationAssert.Succeeded(await _requests.AsStaffAsync("recordCompletion", "RecordCompletionInput", "certificate { number hours }",
            new { memberId = TestData.MemberId(member), courseId = course.Str("id"), completedOn = _requests.Today }), "certificate");

        MutationAssert.Succeeded(await UpdateAsync(new { id = course.Str("id"), hours = 12.0 }), "course");

        Assert.Equal(8, (await _requests.StaffCertificateAsync(issued.Str("number")!, "hours")).GetProperty("hours").GetDouble());
    }

    /// <summary>A course code no other test uses, upper-case as the catalogue stores it.</summary>
    private static string NewCode(string prefix) => TestData.Unique(prefix).ToUpperInvariant();

    private static Dictionary<string, object?> Input(string code, double hours = 8, int? validityMonths = null) => new()
    {
        ["code"] = code,
        ["name"] = "Course " + code,
        ["category"] = "OTHER",
        ["hours"] = hours,
        ["provider"] = "Test provider",
        ["associationCourse"] = false,
        ["certificateValidityMonths"] = validityMonths,
    };

    private Task<JsonElement> CreateAsync(object input) => _requests.AsStaffAsync("createCourse", "CreateCourseInput", $"course {{ {CourseFields} }}", input);

    private Task<JsonElement> UpdateAsync(object input) => _requests.AsStaffAsync("updateCourse", "UpdateCourseInput", $"course {{ {CourseFields} }}", input);

    /// <summary>The catalogue as <paramref name="identity"/> lists it, by code.</summary>
    private async Task<Dictionary<string, JsonElement>> ListAsync(bool? includeInactive, TestIdentity? identity)
    {
        var data = await _requests.QueryAsync($"query($all: Boolean) {{ courses(includeInactive: $all) {{ {CourseFields} }} }}", new { all = includeInactive }, identity);
        return data.GetProperty("courses").EnumerateArray().ToDictionary(c => c.Str("code")!, c => c);
    }
}

public sealed class CourseCatalogueTestsOnSqlite(SqliteApi api) : CourseCatalogueTests(api), IClassFixture<SqliteApi>;

public sealed class CourseCatalogueTestsOnPostgreSql(PostgreSqlApi api) : CourseCatalogueTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CourseCatalogueTestsOnSqlServer(SqlServerApi api) : CourseCatalogueTests(api), IClassFixture<SqlServerApi>;
