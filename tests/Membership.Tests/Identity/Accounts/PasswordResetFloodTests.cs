using System.Net;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// One inbox cannot be flooded with reset mails from many client addresses: an account gets at most one per window
/// (Oidc:PasswordResetMailWindow), and the next window's request mails again.
/// </summary>
public abstract class PasswordResetFloodTests(OidcApi api) : OidcTest(api)
{
    [SkippableFact]
    public async Task Requests_from_many_addresses_send_one_reset_mail_per_account_and_window()
    {
        var clock = new FakeTimeProvider(WholeWindowStart(DateTimeOffset.UtcNow));
        await using var instance = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;

        var first = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ForgotAsync(instance, email)));
        Assert.All(first, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Single(await Api.MailsToAsync(email));

        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, await ForgotAsync(instance, email));
        Assert.Equal(2, (await Api.MailsToAsync(email)).Count);
    }

    /// <summary>The start of the next 15-minute window, so the test's requests all fall into one.</summary>
    private static DateTimeOffset WholeWindowStart(DateTimeOffset now)
    {
        var window = TimeSpan.FromMinutes(15).Ticks;
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window) + window, TimeSpan.Zero);
    }

    private static async Task<HttpStatusCode> ForgotAsync(WebApplicationFactory<Program> instance, string email)
    {
        using var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", JoinRequests.NewAddress());
        using var response = await AccountForms.ForgotPasswordAsync(browser, email);
        return response.StatusCode;
    }
}

public sealed class PasswordResetFloodTestsOnSqlite(OidcApi api) : PasswordResetFloodTests(api), IClassFixture<OidcApi>;

public sealed class PasswordResetFloodTestsOnPostgreSql(OidcApiOnPostgreSql api) : PasswordResetFloodTests(api), IClassFixture<OidcApiOnPostgreSql>;
