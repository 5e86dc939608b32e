using System.Text.RegularExpressions;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Membership.Tests.Conferences.Sales;

/// <summary>
/// Outside Development every link in the tickets mail names Oidc:PublicBaseUrl, never the host the buyer's or Stripe's
/// request named (the Development counterpart is in SandboxCheckoutTests).
/// </summary>
public abstract class TicketMailLinkTests(ApiFixture api) : SalesTest(api)
{
    private const string PublicBaseUrl = "https://members.example.org";

    [SkippableFact]
    public async Task The_tickets_mail_links_each_QR_code_on_the_public_base_url_whatever_host_the_requests_named()
    {
        await using var instance = Api.CreateFactory(b => b.UseSetting("Oidc:PublicBaseUrl", PublicBaseUrl));
        var tickets = new TicketDriver(instance); // its requests name https://localhost
        var conference = await tickets.ConferenceAsync();
        var type = await tickets.TicketTypeAsync(conference);
        var member = await MemberAsync();
        var order = TicketDriver.Ordered(await tickets.MemberPurchaseAsync(conference, type, member, count: 2));

        await tickets.DeliverAsync(await tickets.PayAsync(TicketDriver.Key(order)));

        var mail = Assert.Single(await Api.MailsToAsync(member.Email), m => m.Subject.Contains(order.Str("number")!, StringComparison.Ordinal));
        var links = Regex.Matches(mail.Text, @"QR: (\S+)").Select(m => new Uri(m.Groups[1].Value)).ToList();
        Assert.Equal(2, links.Count);
        Assert.All(links, link =>
        {
            Assert.Equal(("https", "members.example.org"), (link.Scheme, link.Authority));
            Assert.Matches(@"^/tickets/[^/]+/qr\.svg$", link.AbsolutePath);
        });
    }
}

public sealed class TicketMailLinkTestsOnSqlite(SqliteApi api) : TicketMailLinkTests(api), IClassFixture<SqliteApi>;

public sealed class TicketMailLinkTestsOnPostgreSql(PostgreSqlApi api) : TicketMailLinkTests(api), IClassFixture<PostgreSqlApi>;
