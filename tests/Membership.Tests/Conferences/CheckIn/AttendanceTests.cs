using System.Text.Json;
using Membership.Conferences;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.CheckIn;

/// <summary>
/// A member checked in at a conference has attended it: one attendance a year, which counts toward the Practitioner
/// designation. A pre-conference course is not the conference, and a guest is no member.
/// </summary>
public abstract class AttendanceTests(ApiFixture api) : TicketTest(api)
{
    private const string AttendanceDocument = """
        query($id: ID!) { member(id: $id) { conferenceAttendances { year attendedOn source } practitionerChecklist { requirements { code met evidence } } } }
        """;

    [SkippableFact]
    public async Task A_members_check_ins_record_one_attendance_a_year_that_counts_toward_the_designation()
    {
        var (member, main, regional) = await MemberAtTwoConferencesAsync();

        await Tickets.ScanAsync(main.Conference, main.Ticket.Code);
        await Tickets.ScanAsync(regional.Conference, regional.Ticket.Code);

        var record = await RecordAsync(member);
        var attendance = Assert.Single(record.GetProperty("conferenceAttendances").EnumerateArray());
        var year = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")).Year;
        Assert.Equal((year, "CHECK_IN"), (attendance.GetProperty("year").GetInt32(), attendance.Str("source")));
        var requirement = Assert.Single(record.At("practitionerChecklist.requirements").EnumerateArray(), r => r.Str("code") == "NATIONAL_CONFERENCE");
        Assert.True(requirement.GetProperty("met").GetBoolean());
        Assert.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), requirement.Str("evidence"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Two_of_a_members_tickets_checked_in_at_the_same_moment_record_one_attendance()
    {
        var (member, main, regional) = await MemberAtTwoConferencesAsync();

        var scans = await Task.WhenAll(Tickets.ScanAsync(main.Conference, main.Ticket.Code), Tickets.ScanAsync(regional.Conference, regional.Ticket.Code));

        Assert.All(scans, s => Assert.Equal("CHECKED_IN", s.Str("result")));
        Assert.Equal(1, await AttendancesAsync(member.Id));
    }

    [SkippableFact]
    public async Task A_pre_conference_course_ticket_records_no_attendance()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var conference = await Tickets.ConferenceAsync();
        var course = await CourseAsync();
        var workshop = await Tickets.TicketTypeAsync(conference, shape: i => i["courseId"] = course);
        var ticket = await Tickets.MemberTicketAsync(conference, workshop, member);

        var scan = await Tickets.ScanAsync(conference, ticket.Code);

        Assert.Equal("CHECKED_IN", scan.Str("result"));
        Assert.Equal(0, (await RecordAsync(member)).GetProperty("conferenceAttendances").GetArrayLength());
    }

    [SkippableFact]
    public async Task A_guests_check_in_records_no_attendance()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var conference = await Tickets.ConferenceAsync();
        var order = TicketDriver.Ordered(await Tickets.MemberPurchaseAsync(conference, await Tickets.TicketTypeAsync(conference), member, count: 2));
        var guest = (await Tickets.PaidAsync(TicketDriver.Key(order))).Tickets.Single(t => t.AttendeeMemberId is null);
        var before = await AttendancesAsync(null);

        var scan = await Tickets.ScanAsync(conference, guest.Code);

        Assert.Equal("CHECKED_IN", scan.Str("result"));
        Assert.Equal(before, await AttendancesAsync(null));
        Assert.Equal(0, (await RecordAsync(member)).GetProperty("conferenceAttendances").GetArrayLength());
    }

    /// <summary>A member with a paid ticket for each of two conferences this year.</summary>
    private async Task<(Member Member, (Made Conference, Ticket Ticket) Main, (Made Conference, Ticket Ticket) Regional)> MemberAtTwoConferencesAsync()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var tickets = new List<(Made, Ticket)>();
        for (var i = 0; i < 2; i++)
        {
            var conference = await Tickets.ConferenceAsync();
            tickets.Add((conference, await Tickets.MemberTicketAsync(conference, await Tickets.TicketTypeAsync(conference), member)));
        }

        return (member, tickets[0], tickets[1]);
    }

    /// <summary>The member's attendances and checklist, as the member reads them.</summary>
    private async Task<JsonElement> RecordAsync(Member member) =>
        (await Client.DataAsync(AttendanceDocument, new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id))).GetProperty("member");

    /// <summary>Attendance rows of a member, or of everyone.</summary>
    private async Task<int> AttendancesAsync(Guid? memberId)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.ConferenceAttendances.CountAsync(a => memberId == null || a.MemberId == memberId);
    }

    private async Task<string> CourseAsync()
    {
        var code = TestData.Unique("PRE-");
        var data = await Client.DataAsync("mutation($i: CreateCourseInput!) { createCourse(input: $i) { course { id } " + TicketSteps.UserErrors + " } }",
            new { i = new { code, name = "Pre-conference " + code, category = "OTHER", hours = 8.0, provider = "The association", associationCourse = true } }, TestIdentity.Staff);
        return MutationAssert.Succeeded(data.GetProperty("createCourse"), "course").Str("id")!;
    }
}

public sealed class AttendanceTestsOnSqlite(SqliteApi api) : AttendanceTests(api), IClassFixture<SqliteApi>;

public sealed class AttendanceTestsOnPostgreSql(PostgreSqlApi api) : AttendanceTests(api), IClassFixture<PostgreSqlApi>;

public sealed class AttendanceTestsOnSqlServer(SqlServerApi api) : AttendanceTests(api), IClassFixture<SqlServerApi>;
