using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Membership.Conferences;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.CheckIn;

/// <summary>
/// What the check-in and query tests do with tickets, on top of <see cref="TicketDriver"/>: staff sell to named guests,
/// members buy for themselves, orders are cancelled and tickets transferred, scanners scan, downloads are fetched.
/// </summary>
internal static class TicketSteps
{
    public const string UserErrors = "userErrors { code field message }";

    public const string UploadDocument = "mutation($i: UploadCheckInScansInput!) { uploadCheckInScans(input: $i) { "
        + "results { result message checkedInAt ticketType attendeeName } " + UserErrors + " } }";

    /// <summary>Staff sell one ticket per name (no member), to a buyer with <paramref name="buyerEmail"/>; paid unless told otherwise.</summary>
    public static async Task<TicketOrder> SoldAsync(this TicketDriver tickets, Made conference, Made type, string[] names, bool paid = true,
        string? buyerEmail = null, TestIdentity? seller = null, Guid? agencyId = null)
    {
        var result = await tickets.PurchaseAsync(new
        {
            conferenceId = conference.GlobalId,
            agencyId = agencyId is { } agency ? TestData.Id("Agency", agency) : null,
            buyer = new { name = "Box Office Buyer", email = buyerEmail ?? $"{TestData.Unique("buyer")}@example.org" },
            items = names.Select(name => new { ticketTypeId = type.GlobalId, attendee = new { name, email = $"{TestData.Unique("guest")}@example.org" } }).ToArray(),
        }, seller ?? TestIdentity.Staff);
        var id = TicketDriver.Key(TicketDriver.Ordered(result));
        return paid ? await tickets.PaidAsync(id) : await tickets.OrderAsync(id);
    }

    /// <summary>One paid ticket for a named guest.</summary>
    public static async Task<Ticket> TicketAsync(this TicketDriver tickets, Made conference, Made type, string name = "Dana Guest") =>
        (await tickets.SoldAsync(conference, type, [name])).Tickets.Single();

    /// <summary>The member buys one ticket for themself and pays it.</summary>
    public static async Task<Ticket> MemberTicketAsync(this TicketDriver tickets, Made conference, Made type, Member member)
    {
        var order = await tickets.PaidAsync(TicketDriver.Key(TicketDriver.Ordered(await tickets.MemberPurchaseAsync(conference, type, member))));
        return order.Tickets.Single(t => t.AttendeeMemberId == member.Id);
    }

    /// <summary>Staff cancel an order (a paid one is refunded in full).</summary>
    public static async Task CancelAsync(this TicketDriver tickets, Guid orderId)
    {
        var data = await tickets.Client().DataAsync("mutation($i: CancelTicketOrderInput!) { cancelTicketOrder(input: $i) { order { status } " + UserErrors + " } }",
            new { i = new { orderId = TestData.Id("TicketOrder", orderId), reason = "Test" } }, TestIdentity.Staff);
        MutationAssert.Succeeded(data.GetProperty("cancelTicketOrder"), "order");
    }

    /// <summary>Staff pass a ticket to someone else; returns the new ticket (the old one's code stops working).</summary>
    public static async Task<Ticket> TransferAsync(this TicketDriver tickets, Ticket ticket, string to = "Robin Newholder")
    {
        var data = await tickets.Client().DataAsync("mutation($i: TransferTicketInput!) { transferTicket(input: $i) { ticket { id } " + UserErrors + " } }",
            new { i = new { ticketId = TestData.Id("Ticket", ticket.Id), to = new { name = to, email = $"{TestData.Unique("new")}@example.org" } } }, TestIdentity.Staff);
        var id = TicketDriver.Key(MutationAssert.Succeeded(data.GetProperty("transferTicket"), "ticket"));
        return await tickets.TicketRowAsync(id);
    }

    /// <summary>Someone who is not signed in joins the waiting list of a sold-out type.</summary>
    public static async Task JoinWaitingListAsync(this TicketDriver tickets, Made type, string name)
    {
        var data = await tickets.Client().DataAsync("mutation($i: JoinWaitingListInput!) { joinWaitingList(input: $i) { entry { id status } " + UserErrors + " } }",
            new { i = new { ticketTypeId = type.GlobalId, name, email = $"{TestData.Unique("waiting")}@example.org" } }, TestIdentity.Anonymous);
        MutationAssert.Succeeded(data.GetProperty("joinWaitingList"), "entry");
    }

    public static async Task<Ticket> TicketRowAsync(this TicketDriver tickets, Guid id)
    {
        await using var db = await tickets.Db.CreateDbContextAsync();
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    /// <summary>One scan at the door that must get a result (no GraphQL error, no user error).</summary>
    public static async Task<JsonElement> ScanAsync(this TicketDriver tickets, Made conference, string? code, TestIdentity? caller = null)
    {
        var result = await tickets.CheckInAsync(conference, code, caller);
        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, $"Expected a scan result, got {(int)result.Status}: {result.Text}");
        return MutationAssert.Succeeded(result.Data.GetProperty("checkInTicket"), "checkIn");
    }

    /// <summary>uploadCheckInScans as staff; returns the payload.</summary>
    public static async Task<JsonElement> UploadAsync(this TicketDriver tickets, Made conference, IEnumerable<(string Code, DateTimeOffset ScannedAt)> scans, TestIdentity? caller = null) =>
        (await tickets.Client().DataAsync(UploadDocument,
            new { i = new { conferenceId = conference.GlobalId, scans = scans.Select(s => new { code = s.Code, scannedAt = s.ScannedAt }).ToArray() } },
            caller ?? TestIdentity.Staff)).GetProperty("uploadCheckInScans");

    /// <summary>A GET outside GraphQL (QR images, check-in list, CSV), as <paramref name="caller"/> (no one when null).</summary>
    public static async Task<Download> DownloadAsync(this TicketDriver tickets, string path, TestIdentity? caller)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (caller?.AccessToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (caller is not null)
        {
            request.Headers.Add(TestAuthenticationHandler.HeaderName, caller.Header);
        }

        using var response = await tickets.Client().Http.SendAsync(request);
        return new Download(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.CacheControl, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A signed-in caller without the right: FORBIDDEN, and the field null (or data, which a non-null field takes down with it).</summary>
    public static void Forbidden(GraphQLResult result, string path)
    {
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(["FORBIDDEN"], result.ErrorCodes);
        var data = result.Body.GetProperty("data");
        Assert.True(data.ValueKind == JsonValueKind.Null || data.At(path).ValueKind == JsonValueKind.Null, result.Text);
    }

    public static string CheckInListPath(Made conference) => $"/conferences/{conference.GlobalId}/check-in-list";

    public static string CsvPath(Made conference) => $"/conferences/{conference.GlobalId}/attendees.csv";

    /// <summary>The code with one character in its middle replaced by another valid one.</summary>
    public static string Tampered(string code)
    {
        var at = code.Length / 2;
        return string.Concat(code.AsSpan(0, at), code[at] == 'A' ? "B" : "A", code.AsSpan(at + 1));
    }
}

/// <summary>A response to a GET: status, type, caching and body.</summary>
internal sealed record Download(HttpStatusCode Status, string? MediaType, CacheControlHeaderValue? CacheControl, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public bool IsPrivateAndNotStored => CacheControl is { Private: true, NoStore: true };
}
