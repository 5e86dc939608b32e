using System.Net;
using System.Text.Json;
using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Membership.Conferences.CheckIn;

namespace Membership.Tests.Conferences.CheckIn;

/// <summary>
/// Scanners without a network: they download the codes that admit, scan offline, and upload the scans later.
/// Where several devices scanned one ticket, the earliest scan is the check-in.
/// </summary>
public abstract class OfflineCheckInTests(ApiFixture api) : TicketTest(api)
{
    [SkippableFact]
    public async Task The_check_in_list_holds_the_valid_and_used_codes_only()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        var valid = await Tickets.TicketAsync(conference, type, "Val Id");
        var used = await Tickets.TicketAsync(conference, type, "Ulla Used");
        await Tickets.ScanAsync(conference, used.Code);
        var cancelled = await Tickets.SoldAsync(conference, type, ["Cal Cancelled"]);
        await Tickets.CancelAsync(cancelled.Id);
        var transferred = await Tickets.TicketAsync(conference, type, "Tess Transferred");
        var replacement = await Tickets.TransferAsync(transferred, "Rae Replacement");
        var pending = await Tickets.SoldAsync(conference, type, ["Pat Pending"], paid: false);
        var elsewhere = await Tickets.ConferenceAsync();
        var otherConference = await Tickets.TicketAsync(elsewhere, await Tickets.TicketTypeAsync(elsewhere));

        var list = await Tickets.DownloadAsync(TicketSteps.CheckInListPath(conference), TestIdentity.Staff);

        Assert.Equal((HttpStatusCode.OK, "application/json"), (list.Status, list.MediaType));
        Assert.True(list.IsPrivateAndNotStored);
        var listed = list.Json.GetProperty("tickets").EnumerateArray().ToDictionary(t => t.Str("code")!, t => (t.Str("status"), t.Str("attendeeName")));
        Assert.Equal(new Dictionary<string, (string?, string?)>
        {
            [valid.Code] = ("VALID", "Val Id"), [used.Code] = ("CHECKED_IN", "Ulla Used"), [replacement.Code] = ("VALID", "Rae Replacement"),
        }, listed);
        Assert.All(new[] { cancelled.Tickets.Single().Code, transferred.Code, pending.Tickets.Single().Code, otherConference.Code }, code => Assert.DoesNotContain(code, listed.Keys));
    }

    [SkippableFact]
    public async Task The_check_in_list_needs_a_scanner()
    {
        var conference = await Tickets.ConferenceAsync();
        var member = await Data.MemberAsync(await Data.PlanAsync());

        var anonymous = await Tickets.DownloadAsync(TicketSteps.CheckInListPath(conference), TestIdentity.Anonymous);
        var asMember = await Tickets.DownloadAsync(TicketSteps.CheckInListPath(conference), TestIdentity.Member(member.Id));
        var partner = await Tickets.DownloadAsync(TicketSteps.CheckInListPath(conference), TestIdentity.Partner);
        var unknown = await Tickets.DownloadAsync(TicketSteps.CheckInListPath(new Made(Guid.CreateVersion7(), TestData.Id("Conference", Guid.CreateVersion7()))), TestIdentity.Staff);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound],
            new[] { anonymous.Status, asMember.Status, partner.Status, unknown.Status });
    }

    [SkippableFact]
    public async Task Two_devices_uploading_one_tickets_scans_keep_the_earliest_as_the_check_in()
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));
        var now = Now();

        var later = Results(await Tickets.UploadAsync(conference, [(ticket.Code, now.AddMinutes(-2))]));
        var earlier = Results(await Tickets.UploadAsync(conference, [(ticket.Code, now.AddMinutes(-10))]));

        // The device that uploads first admits; the earlier scan, uploaded after it, moves the time back.
        Assert.Equal(("CHECKED_IN", now.AddMinutes(-2)), (later[0].Str("result"), CheckedInAt(later[0])));
        Assert.Equal(("ALREADY_CHECKED_IN", now.AddMinutes(-10)), (earlier[0].Str("result"), CheckedInAt(earlier[0])));
        Assert.Equal(1, later.Concat(earlier).Count(r => r.Str("result") == "CHECKED_IN"));
        Assert.Equal(now.AddMinutes(-10), (await Tickets.TicketRowAsync(ticket.Id)).CheckedInAt);
    }

    [SkippableFact]
    public async Task An_upload_is_applied_in_the_order_scanned_and_answered_in_the_order_sent()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        var first = await Tickets.TicketAsync(conference, type, "Fran First");
        var second = await Tickets.TicketAsync(conference, type, "Sam Second");
        var now = Now();

        var results = Results(await Tickets.UploadAsync(conference,
            [(first.Code, now.AddMinutes(-1)), ("forged", now.AddMinutes(-3)), (first.Code, now.AddMinutes(-5)), (second.Code, now.AddMinutes(-4))]));

        Assert.Equal(
            [("ALREADY_CHECKED_IN", "Fran First"), ("INVALID", null), ("CHECKED_IN", "Fran First"), ("CHECKED_IN", "Sam Second")],
            results.Select(r => (r.Str("result"), r.Str("attendeeName"))));
        Assert.Equal([now.AddMinutes(-5), now.AddMinutes(-5), now.AddMinutes(-4)], new[] { results[0], results[2], results[3] }.Select(CheckedInAt));
    }

    [SkippableTheory]
    [InlineData(60)] // an hour ahead: the device's clock is wrong
    [InlineData(-31 * 24 * 60)] // older than 30 days
    public async Task An_upload_with_a_scan_time_out_of_range_applies_nothing(int minutesFromNow)
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        var fine = await Tickets.TicketAsync(conference, type);
        var odd = await Tickets.TicketAsync(conference, type);

        var payload = await Tickets.UploadAsync(conference, [(fine.Code, Now().AddMinutes(-1)), (odd.Code, Now().AddMinutes(minutesFromNow))]);

        Assert.Equal([MutationAssert.Describe("DATE_OUT_OF_RANGE", "input", "scans", "1", "scannedAt")], MutationAssert.ErrorsOf(payload));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("results").ValueKind);
        Assert.Equal([TicketStatus.Valid, TicketStatus.Valid], [(await Tickets.TicketRowAsync(fine.Id)).Status, (await Tickets.TicketRowAsync(odd.Id)).Status]);
    }

    [SkippableFact]
    public async Task An_upload_takes_one_to_a_thousand_scans()
    {
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.TicketAsync(conference, await Tickets.TicketTypeAsync(conference));
        var realLength = TicketSteps.Tampered(ticket.Code); // as long as a real code: a full upload must fit in one request
        var now = Now();

        var thousand = await Tickets.UploadAsync(conference, Enumerable.Range(0, TicketCheckIn.MaxScansPerUpload).Select(i => (realLength, now.AddSeconds(-i))));
        var tooMany = await Tickets.UploadAsync(conference, Enumerable.Range(0, TicketCheckIn.MaxScansPerUpload + 1).Select(i => ("forged", now.AddSeconds(-i))));
        var none = await Tickets.UploadAsync(conference, []);

        Assert.Equal(TicketCheckIn.MaxScansPerUpload, Results(thousand).Count(r => r.Str("result") == "INVALID"));
        MutationAssert.Failed(tooMany, "results", "OUT_OF_RANGE", "input", "scans");
        MutationAssert.Failed(none, "results", "OUT_OF_RANGE", "input", "scans");
    }

    /// <summary>Now, to the millisecond the upload keeps.</summary>
    private static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static List<JsonElement> Results(JsonElement payload)
    {
        Assert.Empty(MutationAssert.ErrorsOf(payload));
        return [.. payload.GetProperty("results").EnumerateArray()];
    }

    private static DateTimeOffset? CheckedInAt(JsonElement result) =>
        result.GetProperty("checkedInAt").ValueKind == JsonValueKind.Null ? null : result.GetProperty("checkedInAt").GetDateTimeOffset();
}

public sealed class OfflineCheckInTestsOnSqlite(SqliteApi api) : OfflineCheckInTests(api), IClassFixture<SqliteApi>;

public sealed class OfflineCheckInTestsOnPostgreSql(PostgreSqlApi api) : OfflineCheckInTests(api), IClassFixture<PostgreSqlApi>;

public sealed class OfflineCheckInTestsOnSqlServer(SqlServerApi api) : OfflineCheckInTests(api), IClassFixture<SqlServerApi>;
