using System.Net;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// Links in mail name Oidc:PublicBaseUrl, never the Host header a request brings (anyone can forge that), and outside
/// Development and Testing mail goes out by SMTP, with no mail text in the log.
/// </summary>
public abstract class MailDeliveryTests(OidcApi api) : OidcTest(api)
{
    private const string PublicBaseUrl = "https://members.example.org";

    [SkippableFact]
    public async Task Links_name_the_public_url_whatever_host_the_request_names()
    {
        var logs = new LogCapture();
        await using var instance = Api.CreateFactory(b =>
        {
            b.UseSetting("Oidc:PublicBaseUrl", PublicBaseUrl);
            b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs));
        });
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var attacker = Browser(instance, "https://evil.example");

        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ForgotPasswordAsync(attacker, email)).StatusCode);
        var joined = JoinRequests.Input(await new TestData(Api).PlanAsync());
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(instance, joined));

        var reset = Assert.Single(await Api.MailsToAsync(email)).LinkUri;
        var confirm = Assert.Single(await Api.MailsToAsync(joined.email)).LinkUri;
        Assert.Equal(("https", "members.example.org", "/account/reset-password"), (reset.Scheme, reset.Authority, reset.AbsolutePath));
        Assert.Equal(("https", "members.example.org", "/account/confirm-email"), (confirm.Scheme, confirm.Authority, confirm.AbsolutePath));
        // Testing keeps the outbox but, like every environment but Development, writes no mail text to the log.
        Assert.DoesNotContain(logs.Messages, m => m.Contains(Code(reset), StringComparison.Ordinal) || m.Contains(Code(confirm), StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task In_production_a_reset_link_goes_out_by_smtp_and_works()
    {
        await using var smtp = new FakeSmtpServer();
        var logs = new LogCapture();
        await using var production = Api.CreateFactory(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Oidc:PublicBaseUrl", PublicBaseUrl);
            b.UseSetting("Mail:SmtpHost", "127.0.0.1");
            b.UseSetting("Mail:SmtpPort", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Mail:SmtpSecurity", "None");
            b.UseSetting("Mail:From", "Membership <no-reply@members.example.org>");
            b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs));
        });
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var attacker = Browser(production, "https://evil.example");

        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ForgotPasswordAsync(attacker, email)).StatusCode);
        Assert.Equal(1, await Api.SendMailAsync(production));

        var delivery = Assert.Single(smtp.Deliveries);
        Assert.Equal([email], delivery.Recipients);
        Assert.Equal("no-reply@members.example.org", delivery.MailFrom);
        Assert.Equal("Reset your password", delivery.Mail.Subject);
        var link = delivery.Mail.LinkUri;
        Assert.Equal(("https", "members.example.org", "/account/reset-password"), (link.Scheme, link.Authority, link.AbsolutePath));
        Assert.Empty(await Api.MailsToAsync(email));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(Code(link), StringComparison.Ordinal));
        using var owner = Browser(production, "https://localhost");
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.ResetPasswordAsync(owner, link.PathAndQuery, "Brand-New-Secret-42!")).StatusCode);
    }

    private static string Code(Uri link) => QueryHelpers.ParseQuery(link.Query)["code"].ToString();

    private static HttpClient Browser(WebApplicationFactory<Program> instance, string baseAddress) => instance.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(baseAddress),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });
}

public sealed class MailDeliveryTestsOnSqlite(OidcApi api) : MailDeliveryTests(api), IClassFixture<OidcApi>;

public sealed class MailDeliveryTestsOnPostgreSql(OidcApiOnPostgreSql api) : MailDeliveryTests(api), IClassFixture<OidcApiOnPostgreSql>;
