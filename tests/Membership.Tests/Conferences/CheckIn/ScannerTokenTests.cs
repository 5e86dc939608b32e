using System.Net;
using Membership.Conferences;
using Membership.Identity;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.CheckIn;

/// <summary>
/// A door scanner as it runs for real: staff register a STAFF client with only the ticket.checkin scope, the device
/// gets a client-credentials token from our OIDC server, checks tickets in and downloads the offline list, and nothing more.
/// </summary>
public sealed class ScannerTokenTests(OidcApi api) : IClassFixture<OidcApi>
{
    private readonly TokenCallers _callers = new(api);
    private readonly TicketDriver _tickets = new(api.Factory);

    [Fact]
    public async Task A_scanner_client_with_only_the_check_in_scope_checks_in_and_downloads_the_list()
    {
        var (conference, ticket) = await PaidTicketAsync();
        var (scanner, clientId) = await ScannerAsync();

        var scan = await _tickets.ScanAsync(conference, ticket.Code, scanner);
        var list = await _tickets.DownloadAsync(TicketSteps.CheckInListPath(conference), scanner);

        Assert.Equal(("CHECKED_IN", "Door Guest"), (scan.Str("result"), scan.Str("attendeeName")));
        Assert.Equal(clientId, (await _tickets.TicketRowAsync(ticket.Id)).CheckedInBy); // which device let them in
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var listed = Assert.Single(list.Json.GetProperty("tickets").EnumerateArray());
        Assert.Equal((ticket.Code, "CHECKED_IN"), (listed.Str("code"), listed.Str("status")));
    }

    [Fact]
    public async Task A_scanner_token_reads_no_staff_data()
    {
        var (conference, _) = await PaidTicketAsync();
        var (scanner, _) = await ScannerAsync();

        var orders = await api.Client().PostAsync("query($c: ID!) { ticketOrders(conferenceId: $c) { nodes { number } } }", new { c = conference.GlobalId }, scanner);
        var csv = await _tickets.DownloadAsync(TicketSteps.CsvPath(conference), scanner);

        TicketSteps.Forbidden(orders, "ticketOrders");
        Assert.Equal(HttpStatusCode.Forbidden, csv.Status);
    }

    /// <summary>A token of a STAFF client registered through registerClient with scopes [ticket.checkin], and the client's ID.</summary>
    private async Task<(TestIdentity Token, string ClientId)> ScannerAsync()
    {
        var payload = await (await _callers.StaffScriptAsync()).RegisterAsync(new { kind = "STAFF", displayName = "Door scanner", scopes = new[] { ApiScopes.CheckIn } });
        MutationAssert.Succeeded(payload, "client");
        var clientId = payload.Str("client.clientId")!;
        var tokens = await api.ClientCredentialsAsync(clientId, payload.Str("clientSecret")!, ApiScopes.CheckIn);
        Assert.Equal(ApiScopes.CheckIn, TokenResponse.Payload(tokens.AccessToken).Str("scope"));
        return (TestIdentity.Bearer(tokens.AccessToken), clientId);
    }

    /// <summary>
    /// This host knows no test identities, so the conference and its ticket type are written as rows; a staff
    /// script's real token sells the ticket, and Stripe's side pays it.
    /// </summary>
    private async Task<(Made Conference, Ticket Ticket)> PaidTicketAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var conference = new Conference
        {
            Id = Guid.CreateVersion7(), Name = TestData.Unique("Conference "), Venue = "Convention Center", City = "Nashville", StateCode = "TN", TimeZone = "America/Chicago",
            StartsAt = now.AddDays(40), EndsAt = now.AddDays(44), Capacity = 100, RegistrationOpensAt = now.AddDays(-1), RegistrationClosesAt = now.AddDays(30),
            TransferCutoffAt = now.AddDays(35), RefundCutoffAt = now.AddDays(20), Status = ConferenceStatus.OnSale, CreatedAt = now,
        };
        var type = new TicketType
        {
            Id = Guid.CreateVersion7(), ConferenceId = conference.Id, Name = "Full conference", MemberPrice = 45000, NonMemberPrice = 60000, Currency = "USD", Quota = 10,
            SalesStartAt = now.AddDays(-1), SalesEndAt = now.AddDays(30), MaxPerOrder = 10, CreatedAt = now,
        };
        await using (var db = await api.Db.CreateDbContextAsync())
        {
            db.Conferences.Add(conference);
            db.TicketTypes.Add(type);
            await db.SaveChangesAsync();
        }

        var made = new Made(conference.Id, TestData.Id("Conference", conference.Id));
        var order = await _tickets.SoldAsync(made, new Made(type.Id, TestData.Id("TicketType", type.Id)), ["Door Guest"], seller: await _callers.StaffClientTokenAsync());
        return (made, order.Tickets.Single());
    }
}
