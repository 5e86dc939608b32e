using System.Net;
using Membership.Tests.Identity;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Mail;

/// <summary>
/// Once the SMTP server has taken a message, it is delivered: a connection that breaks at QUIT does not mark the
/// attempt failed, so the sender neither retries it nor sends it twice.
/// </summary>
public abstract class SmtpQuitTests(OidcApi api) : OidcTest(api)
{
    [SkippableFact]
    public async Task A_connection_reset_at_quit_leaves_the_mail_sent_once_and_marked_sent()
    {
        await using var smtp = new FakeSmtpServer { DropOnQuit = true };
        var clock = SmtpDownTests.Clock();
        await using var instance = SmtpDownTests.SmtpInstance(Api, clock, smtp.Port);
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ForgotPasswordAsync(browser, email)).StatusCode);

        Assert.Equal(1, await Api.SendMailAsync(instance));
        clock.Advance(TimeSpan.FromHours(1)); // past any retry a failed attempt would have been given
        Assert.Equal(0, await Api.SendMailAsync(instance));

        Assert.Single(smtp.To(email));
        await using var db = await Api.Db.CreateDbContextAsync();
        var row = await db.MailOutbox.AsNoTracking().SingleAsync(m => m.Recipient == email);
        Assert.Equal((1, (string?)null, (DateTimeOffset?)null), (row.Attempts, row.LastError, row.NextAttemptAt));
        Assert.NotNull(row.SentAt);
    }
}

public sealed class SmtpQuitTestsOnSqlite(OidcApi api) : SmtpQuitTests(api), IClassFixture<OidcApi>;

public sealed class SmtpQuitTestsOnPostgreSql(OidcApiOnPostgreSql api) : SmtpQuitTests(api), IClassFixture<OidcApiOnPostgreSql>;
