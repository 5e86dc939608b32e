using System.Net;
using Membership.Tests.Identity;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Mail;

/// <summary>
/// With the mail server down, the forgotten-password form and joinAssociation answer exactly as they do for an unknown
/// address, the mail waits in the outbox, and it goes out once when the server is back.
/// </summary>
public abstract class SmtpDownTests(OidcApi api) : OidcTest(api)
{
    [SkippableFact]
    public async Task Forms_answer_alike_for_known_and_unknown_addresses_and_the_mail_goes_out_once_smtp_is_back()
    {
        var port = FakeSmtpServer.ClosedPort();
        var clock = Clock();
        await using var instance = SmtpInstance(Api, clock, port);
        var plan = await new TestData(Api).PlanAsync();
        var known = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        var unknown = JoinRequests.NewEmail();
        using var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

        var forgotKnown = await AccountForms.ForgotPasswordAsync(browser, known);
        var forgotUnknown = await AccountForms.ForgotPasswordAsync(browser, unknown);
        var fresh = JoinRequests.Input(plan);
        var joinNew = await JoinRequests.JoinAsync(instance, fresh);
        var joinKnown = await JoinRequests.JoinAsync(instance, JoinRequests.Input(plan, known));

        Assert.Equal(HttpStatusCode.OK, forgotKnown.StatusCode);
        Assert.Equal(await PageAsync(forgotUnknown), await PageAsync(forgotKnown));
        Assert.Equal((joinNew.Status, joinNew.Text.Replace(fresh.email, known, StringComparison.Ordinal)), (joinKnown.Status, joinKnown.Text));
        JoinRequests.Succeeded(joinNew);
        Assert.Equal([MailKinds.AccountExists, MailKinds.PasswordReset], await KindsAsync(known));
        Assert.Equal([MailKinds.JoinConfirmation], await KindsAsync(fresh.email));
        Assert.Empty(await KindsAsync(unknown));

        await Api.SendMailAsync(instance); // the server is down: every attempt fails, and waits
        var waiting = await RowsAsync(known, fresh.email);
        Assert.All(waiting, m => Assert.Equal((1, (DateTimeOffset?)null, (DateTimeOffset?)clock.GetUtcNow().AddSeconds(30)), (m.Attempts, m.SentAt, m.NextAttemptAt)));
        Assert.All(waiting, m => Assert.False(string.IsNullOrEmpty(m.LastError)));

        await using var smtp = new FakeSmtpServer(port);
        await Api.SendMailAsync(instance);
        Assert.Empty(smtp.To(known)); // not due yet
        clock.Advance(TimeSpan.FromSeconds(30));
        await Api.SendMailAsync(instance);
        await Api.SendMailAsync(instance);

        Assert.Equal(["Reset your password", "You already have an account with us"], smtp.To(known).Select(d => d.Mail.Subject).Order(StringComparer.Ordinal));
        Assert.Equal("Confirm your membership application", Assert.Single(smtp.To(fresh.email)).Mail.Subject);
        var sent = await RowsAsync(known, fresh.email);
        Assert.All(sent, m => Assert.Equal((2, (DateTimeOffset?)clock.GetUtcNow(), (DateTimeOffset?)null), (m.Attempts, m.SentAt, m.NextAttemptAt)));
        // The reset and confirmation links are credentials: once sent, the outbox keeps no copy.
        Assert.All(sent.Where(m => m.HoldsCredential), m => Assert.DoesNotContain("code=", m.TextBody, StringComparison.Ordinal));
        Assert.Equal(2, sent.Count(m => m.HoldsCredential));
    }

    /// <summary>A clock the test moves, at a whole second (as stored by every provider).</summary>
    internal static FakeTimeProvider Clock() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>Another instance on the fixture's database that sends by SMTP to a loopback port, on a clock the test moves.</summary>
    internal static WebApplicationFactory<Program> SmtpInstance(ApiFixture api, TimeProvider clock, int port, Action<IWebHostBuilder>? configure = null) =>
        api.CreateFactory(b =>
        {
            b.UseSetting("Mail:SmtpHost", "127.0.0.1");
            b.UseSetting("Mail:SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Mail:SmtpSecurity", "None");
            b.UseSetting("Mail:SmtpTimeoutSeconds", "10");
            b.ConfigureTestServices(s => s.AddSingleton(clock));
            configure?.Invoke(b);
        });

    private static async Task<string> PageAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {AccountForms.WithoutTokens(await response.Content.ReadAsStringAsync())}";

    private async Task<List<string>> KindsAsync(string recipient) =>
        [.. (await RowsAsync(recipient)).Select(m => m.Kind).Order(StringComparer.Ordinal)];

    private async Task<List<OutboxMail>> RowsAsync(params string[] recipients)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.MailOutbox.AsNoTracking().Where(m => recipients.Contains(m.Recipient)).ToListAsync();
    }
}

public sealed class SmtpDownTestsOnSqlite(OidcApi api) : SmtpDownTests(api), IClassFixture<OidcApi>;

public sealed class SmtpDownTestsOnPostgreSql(OidcApiOnPostgreSql api) : SmtpDownTests(api), IClassFixture<OidcApiOnPostgreSql>;
