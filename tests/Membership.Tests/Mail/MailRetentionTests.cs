using System.Net;
using Membership.Tests.Identity;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Mail;

/// <summary>The outbox keeps sent and given-up mail for Mail:RetentionDays (30), then the outbox job deletes it; unsent mail stays.</summary>
public abstract class MailRetentionTests(OidcApi api) : OidcTest(api)
{
    [SkippableFact]
    public async Task Mail_sent_longer_ago_than_the_retention_is_deleted_and_newer_or_unsent_mail_stays()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var instance = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var old = await ResetRequestedAsync(instance);
        await Api.SendMailAsync(instance);
        clock.Advance(TimeSpan.FromDays(new MailOptions().RetentionDays) + TimeSpan.FromMinutes(1));
        var recent = await ResetRequestedAsync(instance);
        await Api.SendMailAsync(instance);
        var unsent = await ResetRequestedAsync(instance);

        var deleted = await instance.Services.GetRequiredService<MailRetention>().PruneAsync(CancellationToken.None);

        Assert.True(deleted >= 1);
        await using var db = await Api.Db.CreateDbContextAsync();
        var left = await db.MailOutbox.AsNoTracking().Where(m => m.Recipient == old || m.Recipient == recent || m.Recipient == unsent)
            .Select(m => new { m.Recipient, m.SentAt }).ToListAsync();
        Assert.DoesNotContain(left, m => m.Recipient == old);
        Assert.Contains(left, m => m.Recipient == recent && m.SentAt != null);
        Assert.Contains(left, m => m.Recipient == unsent && m.SentAt == null);
    }

    /// <summary>A new account asks for a reset link on the instance: one outbox row for its address.</summary>
    private async Task<string> ResetRequestedAsync(WebApplicationFactory<Program> instance)
    {
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", JoinRequests.NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ForgotPasswordAsync(browser, email)).StatusCode);
        return email;
    }
}

public sealed class MailRetentionTestsOnSqlite(OidcApi api) : MailRetentionTests(api), IClassFixture<OidcApi>;

public sealed class MailRetentionTestsOnPostgreSql(OidcApiOnPostgreSql api) : MailRetentionTests(api), IClassFixture<OidcApiOnPostgreSql>;
