using System.Text.Json;
using Membership.Certifications;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Certifications.Records;

/// <summary>Scheduling courses: instructors must be members in good standing with the Practitioner designation.</summary>
public abstract class CourseOfferingTests(ApiFixture api) : ApiTest(api)
{
    private const string OfferingFields = "id startsOn endsOn city state { code } capacity hostAgency { id name } instructorNames course { code }";

    private const string ListDocument = """
        query($courseId: ID, $from: DateOnly, $first: Int, $after: String) {
          courseOfferings(courseId: $courseId, from: $from, first: $first, after: $after) {
            pageInfo { hasNextPage endCursor }
            nodes { id startsOn instructorNames course { code } }
          }
        }
        """;

    private readonly CertificationRequests _requests = new(api);

    [SkippableFact]
    public async Task A_qualified_instructor_teaches_an_offering_that_is_listed_publicly()
    {
        var course = await NewCourseAsync();
        var instructor = await _requests.PractitionerAsync();
        var startsOn = _requests.Today.AddDays(30);

        var host = await new TestData(Api).AgencyAsync();
        var input = Input(course, startsOn, startsOn.AddDays(4), instructor);
        input["hostAgencyId"] = TestData.AgencyId(host);
        input["capacity"] = 42;

        var offering = MutationAssert.Succeeded(await CreateAsync(input), "offering");

        Assert.Equal([CertificationRequests.HolderName(instructor)], Names(offering));
        Assert.Equal("AL", offering.Str("state.code"));
        Assert.Equal((TestData.AgencyId(host), host.Name), (offering.Str("hostAgency.id"), offering.Str("hostAgency.name")));
        Assert.Equal(42, offering.GetProperty("capacity").GetInt32());
        var read = (await _requests.QueryAsync("query($c: ID) { courseOfferings(courseId: $c) { nodes { capacity hostAgency { id name } } } }",
            new { c = course.Id }, TestIdentity.Staff)).At("courseOfferings.nodes.0");
        Assert.Equal((42, TestData.AgencyId(host), host.Name), (read.GetProperty("capacity").GetInt32(), read.Str("hostAgency.id"), read.Str("hostAgency.name")));
        var listed = Assert.Single(Nodes(await ListAsync(new { courseId = course.Id })));
        Assert.Equal(offering.Str("id"), listed.Str("id"));
        Assert.Equal([CertificationRequests.HolderName(instructor)], Names(listed));
        Assert.Equal(course.Code, listed.Str("course.code"));
    }

    [SkippableFact]
    public async Task Offerings_come_by_start_date_in_pages_and_filter_by_course_and_from_date()
    {
        var course = await NewCourseAsync();
        var other = await NewCourseAsync();
        var today = _requests.Today;
        foreach (var days in new[] { 30, 10, 20 })
        {
            MutationAssert.Succeeded(await CreateAsync(Input(course, today.AddDays(days), today.AddDays(days + 1))), "offering");
        }

        MutationAssert.Succeeded(await CreateAsync(Input(other, today.AddDays(15), today.AddDays(16))), "offering");

        var first = await ListAsync(new { courseId = course.Id, first = 2 });
        Assert.Equal(Days(10, 20), StartDates(first));
        Assert.True(first.At("pageInfo.hasNextPage").GetBoolean());
        var second = await ListAsync(new { courseId = course.Id, first = 2, after = first.Str("pageInfo.endCursor") });
        Assert.Equal(Days(30), StartDates(second));
        Assert.False(second.At("pageInfo.hasNextPage").GetBoolean());

        Assert.Equal(Days(20, 30), StartDates(await ListAsync(new { courseId = course.Id, from = today.AddDays(20) })));
        Assert.Equal(Days(15), StartDates(await ListAsync(new { courseId = other.Id })));
        var fromAll = StartDates(await ListAsync(new { from = today.AddDays(11), first = 100 }));
        Assert.DoesNotContain(Days(10)[0], fromAll);
        Assert.Equal(fromAll.Order(StringComparer.Ordinal), fromAll);
    }

    public static TheoryData<string> Unqualified => ["no designation", "lapsed membership", "suspended membership", "suspended designation", "pending membership"];

    [SkippableTheory]
    [MemberData(nameof(Unqualified))]
    public async Task An_unqualified_instructor_is_refused_and_nothing_is_written(string why)
    {
        var course = await NewCourseAsync();
        var today = _requests.Today;
        var instructor = why switch
        {
            "no designation" => await _requests.MemberAsync(),
            "lapsed membership" => await _requests.PractitionerAsync(await _requests.MemberAsync(termStart: today.AddYears(-2))),
            "suspended membership" => await _requests.PractitionerAsync(await _requests.MemberAsync(m => m.SuspendedAt = DateTimeOffset.UtcNow)),
            "suspended designation" => await _requests.PractitionerAsync(shape: c => (c.SuspendedAt, c.SuspensionReason) = (DateTimeOffset.UtcNow, "Under review")),
            _ => await _requests.PractitionerAsync(await PendingMemberAsync()),
        };

        var payload = await CreateAsync(Input(course, today.AddDays(5), today.AddDays(6), instructor));

        MutationAssert.Failed(payload, "offering", "INSTRUCTOR_NOT_QUALIFIED", "input", "instructorIds", "0");
        Assert.Empty(Nodes(await ListAsync(new { courseId = course.Id })));
        await using var db = await Api.Db.CreateDbContextAsync();
        Assert.False(await db.Set<CourseInstructor>().AnyAsync(i => i.MemberId == instructor.Id));
    }

    [SkippableFact]
    public async Task Each_unqualified_instructor_is_named_by_position()
    {
        var course = await NewCourseAsync();
        var qualified = await _requests.PractitionerAsync();
        var unqualified = await _requests.MemberAsync();
        var input = Input(course, _requests.Today.AddDays(5), _requests.Today.AddDays(6), qualified, unqualified);
        input["instructorIds"] = ((string[])input["instructorIds"]!).Append("not-an-id").ToArray();

        var payload = await CreateAsync(input);

        Assert.Equal(["INSTRUCTOR_NOT_QUALIFIED input.instructorIds.1", "INVALID_ID input.instructorIds.2"], MutationAssert.ErrorsOf(payload));
        Assert.Empty(Nodes(await ListAsync(new { courseId = course.Id })));
    }

    [SkippableFact]
    public async Task An_offering_that_ends_before_it_starts_is_refused()
    {
        var course = await NewCourseAsync();
        var startsOn = _requests.Today.AddDays(10);

        var payload = await CreateAsync(Input(course, startsOn, startsOn.AddDays(-1)));

        MutationAssert.Failed(payload, "offering", "DATE_OUT_OF_RANGE", "input", "endsOn");
        Assert.Empty(Nodes(await ListAsync(new { courseId = course.Id })));
    }

    [SkippableFact]
    public async Task An_unknown_host_agency_is_reported_at_hostAgencyId()
    {
        var course = await NewCourseAsync();
        var input = Input(course, _requests.Today.AddDays(10), _requests.Today.AddDays(11));
        input["hostAgencyId"] = TestData.Id("Agency", Guid.CreateVersion7());

        MutationAssert.Failed(await CreateAsync(input), "offering", "NOT_FOUND", "input", "hostAgencyId");
    }

    [SkippableFact]
    public async Task Only_staff_schedule_courses()
    {
        var course = await NewCourseAsync();
        var instructor = await _requests.PractitionerAsync();
        var input = Input(course, _requests.Today.AddDays(3), _requests.Today.AddDays(3), instructor);

        var result = await _requests.MutateAsync("createCourseOffering", "CreateCourseOfferingInput", "offering { id }", input, TestIdentity.Member(instructor.Id));

        MutationAssert.Forbidden(result, "createCourseOffering");
        Assert.Empty(Nodes(await ListAsync(new { courseId = course.Id })));
    }

    private sealed record NewCourse(string Id, string Code);

    /// <summary>A course of this test's own, so that its offerings are the only ones listed for it.</summary>
    private async Task<NewCourse> NewCourseAsync()
    {
        var code = TestData.Unique("OFF-");
        var course = MutationAssert.Succeeded(await _requests.AsStaffAsync("createCourse", "CreateCourseInput", "course { id code }", new
        {
            code, name = "Course " + code, category = "OTHER", hours = 8.0, provider = "The association", associationCourse = true,
        }), "course");
        return new NewCourse(course.Str("id")!, course.Str("code")!);
    }

    private async Task<Member> PendingMemberAsync()
    {
        var data = new TestData(Api);
        return await data.MemberAsync(await data.PlanAsync(), activated: false);
    }

    /// <summary>A valid input; with <paramref name="instructors"/> it lists them, without it has no instructorIds at all.</summary>
    private static Dictionary<string, object?> Input(NewCourse course, DateOnly startsOn, DateOnly endsOn, params Member[] instructors)
    {
        var input = new Dictionary<string, object?>
        {
            ["courseId"] = course.Id,
            ["startsOn"] = startsOn,
            ["endsOn"] = endsOn,
            ["city"] = "Montgomery",
            ["state"] = "AL",
            ["capacity"] = 30,
        };
        if (instructors.Length > 0)
        {
            input["instructorIds"] = instructors.Select(TestData.MemberId).ToArray();
        }

        return input;
    }

    private Task<JsonElement> CreateAsync(object input) =>
        _requests.AsStaffAsync("createCourseOffering", "CreateCourseOfferingInput", $"offering {{ {OfferingFields} }}", input);

    /// <summary>The courseOfferings connection as an anonymous visitor reads it.</summary>
    private async Task<JsonElement> ListAsync(object variables) => (await _requests.QueryAsync(ListDocument, variables, TestIdentity.Anonymous)).GetProperty("courseOfferings");

    private static List<JsonElement> Nodes(JsonElement connection) => [.. connection.GetProperty("nodes").EnumerateArray()];

    private static List<string> StartDates(JsonElement connection) => [.. Nodes(connection).Select(n => n.Str("startsOn")!)];

    /// <summary>Days from today as the API writes them.</summary>
    private List<string> Days(params int[] fromToday) => [.. fromToday.Select(d => CertificationRequests.Iso(_requests.Today.AddDays(d)))];

    private static List<string> Names(JsonElement offering) => [.. offering.GetProperty("instructorNames").EnumerateArray().Select(n => n.GetString()!)];
}

public sealed class CourseOfferingTestsOnSqlite(SqliteApi api) : CourseOfferingTests(api), IClassFixture<SqliteApi>;

public sealed class CourseOfferingTestsOnPostgreSql(PostgreSqlApi api) : CourseOfferingTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CourseOfferingTestsOnSqlServer(SqlServerApi api) : CourseOfferingTests(api), IClassFixture<SqlServerApi>;
