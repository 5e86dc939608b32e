using System.Text.Json;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Records;

/// <summary>In-service training members report and staff review, and conference attendance staff record.</summary>
public abstract class InServiceTrainingTests(ApiFixture api) : ApiTest(api)
{
    private const string TrainingFields = "id title provider completedOn hours category status reviewedAt rejectionReason";

    private const string QueueDocument = """
        query($status: ReviewStatus, $after: String) {
          inServiceTrainings(status: $status, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id status } }
        }
        """;

    private readonly CertificationRequests _requests = new(api);

    [SkippableFact]
    public async Task A_member_reports_training_in_hours_and_staff_find_it_in_the_submitted_queue()
    {
        var member = await _requests.MemberAsync();

        var training = MutationAssert.Succeeded(await SubmitAsync(member, Input(hours: 1.5)), "training");

        Assert.Equal(1.5, training.GetProperty("hours").GetDouble());
        Assert.Equal("SUBMITTED", training.Str("status"));
        Assert.Equal("JUVENILE", training.Str("category"));
        Assert.Contains(training.Str("id"), await QueueAsync("SUBMITTED"));
        var own = await _requests.MemberAsSeenByAsync(member, "inServiceTrainings { id hours status }", TestIdentity.Member(member.Id));
        Assert.Equal(training.Str("id"), own.Data.Str("member.inServiceTrainings.0.id"));
    }

    [SkippableTheory]
    [InlineData(1, 2.0, "DATE_IN_FUTURE", "completedOn")]
    [InlineData(0, 0.0, "OUT_OF_RANGE", "hours")]
    [InlineData(0, -1.0, "OUT_OF_RANGE", "hours")]
    [InlineData(0, 1000.5, "OUT_OF_RANGE", "hours")]
    [InlineData(0, 0.004, "OUT_OF_RANGE", "hours")] // 0.24 minutes: more than 0 hours, but it would be stored as 0 minutes
    public async Task Impossible_reports_are_refused_and_nothing_is_queued(int daysFromToday, double hours, string code, string field)
    {
        var member = await _requests.MemberAsync();

        var payload = await SubmitAsync(member, Input(hours, _requests.Today.AddDays(daysFromToday)));

        MutationAssert.Failed(payload, "training", code, "input", field);
        var own = await _requests.MemberAsSeenByAsync(member, "inServiceTrainings { id }", TestIdentity.Member(member.Id));
        Assert.Equal(0, own.Data.At("member.inServiceTrainings").GetArrayLength());
    }

    [SkippableFact]
    public async Task Approved_training_leaves_the_queue_and_is_reviewed_only_once()
    {
        var member = await _requests.MemberAsync();
        var id = MutationAssert.Succeeded(await SubmitAsync(member, Input()), "training").Str("id")!;

        var approved = MutationAssert.Succeeded(await ReviewAsync(new { id, approve = true }), "training");
        Assert.Equal("APPROVED", approved.Str("status"));
        Assert.NotEqual(JsonValueKind.Null, approved.GetProperty("reviewedAt").ValueKind);
        Assert.DoesNotContain(id, await QueueAsync("SUBMITTED"));
        Assert.Contains(id, await QueueAsync("APPROVED"));

        MutationAssert.Failed(await ReviewAsync(new { id, approve = true }), "training", "ALREADY_REVIEWED", "input", "id");
        MutationAssert.Failed(await ReviewAsync(new { id, approve = false, reason = "Changed my mind" }), "training", "ALREADY_REVIEWED", "input", "id");
        var own = await _requests.MemberAsSeenByAsync(member, "inServiceTrainings { status rejectionReason }", TestIdentity.Member(member.Id));
        Assert.Equal("APPROVED", own.Data.Str("member.inServiceTrainings.0.status"));
        Assert.Equal(JsonValueKind.Null, own.Data.At("member.inServiceTrainings.0.rejectionReason").ValueKind);
    }

    [SkippableFact]
    public async Task Rejecting_needs_a_reason_that_the_member_then_reads()
    {
        var member = await _requests.MemberAsync();
        var id = MutationAssert.Succeeded(await SubmitAsync(member, Input()), "training").Str("id")!;

        MutationAssert.Failed(await ReviewAsync(new { id, approve = false }), "training", "REQUIRED", "input", "reason");
        MutationAssert.Failed(await ReviewAsync(new { id, approve = false, reason = "   " }), "training", "REQUIRED", "input", "reason");
        Assert.Contains(id, await QueueAsync("SUBMITTED"));

        var rejected = MutationAssert.Succeeded(await ReviewAsync(new { id, approve = false, reason = "Not school-safety related." }), "training");
        Assert.Equal("REJECTED", rejected.Str("status"));

        var own = await _requests.MemberAsSeenByAsync(member, "inServiceTrainings { id status rejectionReason }", TestIdentity.Member(member.Id));
        Assert.False(own.HasErrors, own.Text);
        Assert.Equal("REJECTED", own.Data.Str("member.inServiceTrainings.0.status"));
        Assert.Equal("Not school-safety related.", own.Data.Str("member.inServiceTrainings.0.rejectionReason"));
        Assert.Contains(id, await QueueAsync("REJECTED"));
    }

    [SkippableFact]
    public async Task Members_report_for_themselves_and_only_staff_review()
    {
        var member = await _requests.MemberAsync();
        var id = MutationAssert.Succeeded(await SubmitAsync(member, Input()), "training").Str("id")!;

        MutationAssert.Forbidden(await _requests.MutateAsync("submitInServiceTraining", "SubmitInServiceTrainingInput", "training { id }", Input(), TestIdentity.Staff),
            "submitInServiceTraining");
        MutationAssert.Forbidden(await _requests.MutateAsync("reviewInServiceTraining", "ReviewInServiceTrainingInput", "training { id }",
            new { id, approve = true }, TestIdentity.Member(member.Id)), "reviewInServiceTraining");
        Assert.Equal(["FORBIDDEN"], (await Client.PostAsync(QueueDocument, new { status = "SUBMITTED" }, TestIdentity.Member(member.Id))).ErrorCodes);
        Assert.Contains(id, await QueueAsync("SUBMITTED"));
    }

    [SkippableFact]
    public async Task Conference_attendance_is_recorded_once_a_year()
    {
        var member = await _requests.MemberAsync();
        var today = _requests.Today;
        var lastYear = new DateOnly(today.Year - 1, 7, 14);

        var first = MutationAssert.Succeeded(await AttendAsync(member, lastYear), "attendance");
        Assert.Equal(today.Year - 1, first.GetProperty("year").GetInt32());
        Assert.Equal("STAFF", first.Str("source"));

        MutationAssert.Failed(await AttendAsync(member, lastYear.AddDays(2)), "attendance", "ALREADY_RECORDED", "input", "attendedOn");
        MutationAssert.Succeeded(await AttendAsync(member, lastYear.AddYears(-1)), "attendance");
        MutationAssert.Failed(await AttendAsync(member, today.AddDays(1)), "attendance", "DATE_IN_FUTURE", "input", "attendedOn");

        var own = await _requests.MemberAsSeenByAsync(member, "conferenceAttendances { year attendedOn }", TestIdentity.Member(member.Id));
        Assert.Equal([today.Year - 1, today.Year - 2], own.Data.At("member.conferenceAttendances").EnumerateArray().Select(a => a.GetProperty("year").GetInt32()));
        var foreign = await _requests.MemberAsSeenByAsync(member, "conferenceAttendances { year }", TestIdentity.Member((await _requests.MemberAsync()).Id));
        Assert.Equal(["FORBIDDEN"], foreign.ErrorCodes);
    }

    private static Dictionary<string, object?> Input(double hours = 4, DateOnly? completedOn = null) => new()
    {
        ["title"] = "Adolescent brain development",
        ["provider"] = "State POST academy",
        ["completedOn"] = completedOn ?? new DateOnly(2025, 3, 14),
        ["hours"] = hours,
        ["category"] = "JUVENILE",
    };

    private Task<JsonElement> SubmitAsync(Member member, object input) => PayloadAsync("submitInServiceTraining", "SubmitInServiceTrainingInput", input, TestIdentity.Member(member.Id));

    private Task<JsonElement> ReviewAsync(object input) => PayloadAsync("reviewInServiceTraining", "ReviewInServiceTrainingInput", input, TestIdentity.Staff);

    private Task<JsonElement> AttendAsync(Member member, DateOnly attendedOn) =>
        _requests.AsStaffAsync("recordConferenceAttendance", "RecordConferenceAttendanceInput", "attendance { year attendedOn source }",
            new { memberId = TestData.MemberId(member), attendedOn });

    private async Task<JsonElement> PayloadAsync(string field, string inputType, object input, TestIdentity identity)
    {
        var result = await _requests.MutateAsync(field, inputType, $"training {{ {TrainingFields} }}", input, identity);
        Assert.False(result.HasErrors, result.Text);
        return result.Data.GetProperty(field);
    }

    /// <summary>Every ID in the review queue of <paramref name="status"/>, page after page.</summary>
    private async Task<List<string>> QueueAsync(string status)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = (await _requests.QueryAsync(QueueDocument, new { status, after }, TestIdentity.Staff)).GetProperty("inServiceTrainings");
            Assert.All(page.GetProperty("nodes").EnumerateArray(), n => Assert.Equal(status, n.Str("status")));
            ids.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.Str("id")!));
            after = page.At("pageInfo.hasNextPage").GetBoolean() ? page.Str("pageInfo.endCursor") : null;
        }
        while (after is not null);

        return ids;
    }
}

public sealed class InServiceTrainingTestsOnSqlite(SqliteApi api) : InServiceTrainingTests(api), IClassFixture<SqliteApi>;

public sealed class InServiceTrainingTestsOnPostgreSql(PostgreSqlApi api) : InServiceTrainingTests(api), IClassFixture<PostgreSqlApi>;

public sealed class InServiceTrainingTestsOnSqlServer(SqlServerApi api) : InServiceTrainingTests(api), IClassFixture<SqlServerApi>;
