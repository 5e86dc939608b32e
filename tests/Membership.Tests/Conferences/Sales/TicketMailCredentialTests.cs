using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Sales;

/// <summary>The tickets mail carries each ticket's code and QR link, which admit their holder: the outbox keeps no copy once it is sent.</summary>
public abstract class TicketMailCredentialTests(ApiFixture api) : SalesTest(api)
{
    [SkippableFact]
    public async Task The_tickets_mail_is_marked_as_holding_credentials_and_its_codes_leave_the_outbox_once_sent()
    {
        var (conference, type) = await OnSaleAsync();
        var member = await MemberAsync();
        var (orderId, _) = Placed(await BuyAsync(new { conferenceId = conference.GlobalId, buyer = new { name = "Pat Buyer", email = "pat.creds@example.org" }, items = new[] { ForGuest(type) } },
            TestIdentity.Member(member.Id)));
        await Tickets.PaidAsync(orderId);
        await using var db = await Tickets.Db.CreateDbContextAsync();
        var code = await db.Tickets.Where(t => t.OrderId == orderId).Select(t => t.Code).SingleAsync();

        var queued = await db.MailOutbox.AsNoTracking().SingleAsync(m => m.DedupeKey == $"tickets:{orderId:N}");
        await Api.SendMailAsync();
        var sent = await db.MailOutbox.AsNoTracking().SingleAsync(m => m.Id == queued.Id);

        Assert.Equal((MailKinds.Tickets, true), (queued.Kind, queued.HoldsCredential));
        Assert.Contains(code, queued.TextBody, StringComparison.Ordinal);
        Assert.NotNull(sent.SentAt);
        Assert.DoesNotContain(code, sent.TextBody, StringComparison.Ordinal);
    }
}

public sealed class TicketMailCredentialTestsOnSqlite(SqliteApi api) : TicketMailCredentialTests(api), IClassFixture<SqliteApi>;

public sealed class TicketMailCredentialTestsOnPostgreSql(PostgreSqlApi api) : TicketMailCredentialTests(api), IClassFixture<PostgreSqlApi>;
