using System.Net;
using Membership.Conferences;
using Membership.Tests.Infrastructure;
using Membership.Conferences.CheckIn;

namespace Membership.Tests.Conferences.CheckIn;

/// <summary>/tickets/{code}/qr.svg and .png: the code is the only key, so only a code that admits gets an image, and no cache keeps it.</summary>
public abstract class TicketQrTests(ApiFixture api) : TicketTest(api)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [SkippableFact]
    public async Task A_valid_and_a_used_ticket_get_their_svg_and_png_privately()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        var valid = await Tickets.TicketAsync(conference, type);
        var used = await Tickets.TicketAsync(conference, type);
        await Tickets.ScanAsync(conference, used.Code);

        foreach (var ticket in new[] { valid, used })
        {
            var svg = await Tickets.DownloadAsync(TicketQr.Path(ticket.Code, "svg"), TestIdentity.Anonymous);
            var png = await Tickets.DownloadAsync(TicketQr.Path(ticket.Code, "png"), TestIdentity.Anonymous);

            Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (svg.Status, svg.MediaType));
            Assert.Contains("<svg", svg.Text, StringComparison.Ordinal);
            Assert.Equal((HttpStatusCode.OK, "image/png"), (png.Status, png.MediaType));
            Assert.Equal(PngSignature, png.Body.Take(PngSignature.Length));
            Assert.True(svg.IsPrivateAndNotStored && png.IsPrivateAndNotStored, "QR images carry the code: private, no-store");
        }
    }

    [SkippableFact]
    public async Task The_holders_qr_link_serves_the_image()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var conference = await Tickets.ConferenceAsync();
        var ticket = await Tickets.MemberTicketAsync(conference, await Tickets.TicketTypeAsync(conference), member);
        var links = (await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Ticket { qrSvgUrl qrPngUrl } } }",
            new { id = TestData.Id("Ticket", ticket.Id) }, TestIdentity.Member(member.Id))).GetProperty("node");

        var svg = await Tickets.DownloadAsync(links.Str("qrSvgUrl")!, TestIdentity.Anonymous);
        var png = await Tickets.DownloadAsync(links.Str("qrPngUrl")!, TestIdentity.Anonymous);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (svg.Status, png.Status));
    }

    [SkippableFact]
    public async Task A_code_that_does_not_admit_gets_no_image()
    {
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        var valid = await Tickets.TicketAsync(conference, type);
        var transferred = await Tickets.TicketAsync(conference, type);
        await Tickets.TransferAsync(transferred);
        var cancelled = await Tickets.SoldAsync(conference, type, ["Cal Cancelled"]);
        await Tickets.CancelAsync(cancelled.Id);
        var pending = await Tickets.SoldAsync(conference, type, ["Pat Pending"], paid: false);

        string[] paths =
        [
            TicketQr.Path("CfDJ8-forged", "svg"), TicketQr.Path(TicketSteps.Tampered(valid.Code), "png"), TicketQr.Path(transferred.Code, "svg"),
            TicketQr.Path(cancelled.Tickets.Single().Code, "png"), TicketQr.Path(pending.Tickets.Single().Code, "svg"), TicketQr.Path(valid.Code, "gif"),
        ];
        var statuses = new List<HttpStatusCode>();
        foreach (var path in paths)
        {
            statuses.Add((await Tickets.DownloadAsync(path, TestIdentity.Staff)).Status);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
    }
}

public sealed class TicketQrTestsOnSqlite(SqliteApi api) : TicketQrTests(api), IClassFixture<SqliteApi>;

public sealed class TicketQrTestsOnPostgreSql(PostgreSqlApi api) : TicketQrTests(api), IClassFixture<PostgreSqlApi>;

public sealed class TicketQrTestsOnSqlServer(SqlServerApi api) : TicketQrTests(api), IClassFixture<SqlServerApi>;
