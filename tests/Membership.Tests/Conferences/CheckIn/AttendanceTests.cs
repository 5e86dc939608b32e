using System.Text.Json;
using Membership.Conferences;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.CheckIn;

/// <summary>
/// A member checked in at the national conference has attended it: one attendance a year, which counts toward the
/// Practitioner designation. A regional event, a pre-conference course or an exhibitor pass is not that, and a guest is no member.
/// </summary>
public abstract class AttendanceTests(ApiFixture api) : TicketTest(api)
{
    private const string AttendanceDocument = """
        query($id: ID!) { member(id: $id) { conferenceAttendances { year attendedOn source } practitionerChecklist { requirements { code met evidence } } } }
        """;

    [SkippableFact]
    public async Task A_members_check_ins_record_one_attendance_a_year_that_counts_toward_the_designation()
    {
        var (member, first, second) = await MemberAtTwoConferencesAsync();

        await Tickets.ScanAsync(first.Conference, first.Ticket.Code);
        await Tickets.ScanAsync(second.Conference, second.Ticket.Code);

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
        var (member, first, second) = await MemberAtTwoConferencesAsync();

        var scans = await Task.WhenAll(Tickets.ScanAsync(first.Conference, first.Ticket.Code), Tickets.ScanAsync(second.Conference, second.Ticket.Code));

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
    public async Task A_check_in_at_an_event_that_is_not_the_national_conference_records_no_attendance()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var regional = await Tickets.ConferenceAsync(national: false);
        var ticket = await Tickets.MemberTicketAsync(regional, await Tickets.TicketTypeAsync(regional), member);

        var scan = await Tickets.ScanAsync(regional, ticket.Code);

        Assert.Equal("CHECKED_IN", scan.Str("result"));
        Assert.Equal(0, await AttendancesAsync(member.Id));
        var read = await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Conference { national } } }", new { id = regional.GlobalId }, TestIdentity.Staff);
        Assert.False(read.At("node.national").GetBoolean());
    }

    [SkippableFact]
    public async Task An_exhibitor_pass_records_no_attendance_and_a_full_ticket_at_the_same_conference_does()
    {
        var (exhibitor, attendee) = (await Data.MemberAsync(await Data.PlanAsync()), await Data.MemberAsync(await Data.PlanAsync()));
        var conference = await Tickets.ConferenceAsync();
        var pass = await Tickets.TicketTypeAsync(conference, shape: i => (i["name"], i["countsAsAttendance"]) = (TestData.Unique("Exhibitor pass "), false));
        var full = await Tickets.TicketTypeAsync(conference);
        var passTicket = await Tickets.MemberTicketAsync(conference, pass, exhibitor);
        var fullTicket = await Tickets.MemberTicketAsync(conference, full, attendee);

        Assert.Equal("CHECKED_IN", (await Tickets.ScanAsync(conference, passTicket.Code)).Str("result"));
        Assert.Equal("CHECKED_IN", (await Tickets.ScanAsync(conference, fullTicket.Code)).Str("result"));

        Assert.Equal((0, 1), (await AttendancesAsync(exhibitor.Id), await AttendancesAsync(attendee.Id)));
        var types = await Client.DataAsync("query($a: ID!, $b: ID!) { a: node(id: $a) { ... on TicketType { countsAsAttendance } } b: node(id: $b) { ... on TicketType { countsAsAttendance } } }",
            new { a = pass.GlobalId, b = full.GlobalId }, TestIdentity.Staff);
        Assert.Equal((false, true), (types.At("a.countsAsAttendance").GetBoolean(), types.At("b.countsAsAttendance").GetBoolean()));
    }

    [SkippableFact]
    public async Task A_course_ticket_type_does_not_count_unless_staff_say_so()
    {
        var conference = await Tickets.ConferenceAsync();
        var course = await CourseAsync();
        var plain = await Tickets.TicketTypeAsync(conference, shape: i => i["courseId"] = course);
        var counted = await Tickets.TicketTypeAsync(conference, shape: i => (i["courseId"], i["countsAsAttendance"]) = (course, true));

        await using var db = await Api.Db.CreateDbContextAsync();
        Assert.False(await db.TicketTypes.Where(t => t.Id == plain.Id).Select(t => t.CountsAsAttendance).SingleAsync());
        Assert.True(await db.TicketTypes.Where(t => t.Id == counted.Id).Select(t => t.CountsAsAttendance).SingleAsync());
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

    /// <summary>A member with a paid ticket for each of two national conferences this year.</summary>
    private async Task<(Member Member, (Made Conference, Ticket Ticket) First, (Made Conference, Ticket Ticket) Second)> MemberAtTwoConferencesAsync()
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
