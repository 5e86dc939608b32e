using System.Net;
using Membership.Identity.Clients;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>The server-rendered sign-in pages: not frameable, nothing loaded from elsewhere, inputs encoded, no open redirect.</summary>
public abstract class SignInPageTests(OidcApi api) : OidcTest(api)
{
    private const string Attack = "/\"><script>alert(1)</script>";

    public static TheoryData<string> Pages => new()
    {
        "/account/login", "/account/logout", "/account/forgot-password", $"/account/reset-password?userId={Guid.Empty}&code=y",
        $"/account/confirm-email?userId={Guid.Empty}&code=y", "/connect/logout",
    };

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task Pages_refuse_framing_set_a_content_security_policy_and_load_nothing_from_elsewhere(string page)
    {
        using var browser = Api.Browser();
        using var response = await browser.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task A_mangled_link_gets_the_not_valid_page_and_not_a_server_error()
    {
        using var browser = Api.Browser();

        var confirm = await browser.GetAsync("/account/confirm-email?userId=not-a-guid&code=y");
        var reset = await AccountForms.ResetPasswordAsync(browser, "/account/reset-password?userId=not-a-guid&code=y", "Brand-New-Secret-42!");

        // Both look the account up by id first; an id that is no Guid must read as "no such account".
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], [confirm.StatusCode, reset.StatusCode]);
        foreach (var response in new[] { confirm, reset })
        {
            Assert.Contains("This link is not valid or has expired.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> Reflecting => new()
    {
        { "/account/login?returnUrl=" + Uri.EscapeDataString(Attack), "returnUrl" },
        { "/account/reset-password?userId=" + Uri.EscapeDataString(Attack) + "&code=y", "userId" },
        { "/connect/logout?state=" + Uri.EscapeDataString(Attack), "state" },
    };

    [SkippableTheory]
    [MemberData(nameof(Reflecting))]
    public async Task Pages_encode_what_they_echo(string page, string field)
    {
        using var browser = Api.Browser();
        var html = await (await browser.GetAsync(page)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(Attack, OidcApi.HiddenFields(html)[field]);
    }

    [SkippableTheory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    public async Task Signing_in_never_sends_the_browser_to_another_site(string returnUrl)
    {
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var browser = Api.Browser();
        using var tampering = Api.Browser();

        var viaPage = await AccountForms.LoginAsync(browser, email, OidcApi.Password, returnUrl);
        var viaTamperedForm = await AccountForms.SubmitAsync(tampering, AccountForms.Login,
            new() { ["email"] = email, ["password"] = OidcApi.Password, ["returnUrl"] = returnUrl });

        foreach (var response in new[] { viaPage, viaTamperedForm })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
    }

    [SkippableFact]
    public async Task Ending_the_session_asks_first_and_then_signs_the_browser_out()
    {
        var clientId = TestData.Unique("portal-").ToLowerInvariant();
        await Api.ClientAsync(clientId, ClientKind.Public);
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var browser = Api.Browser();
        await Api.SignInAsync(clientId, email, "openid", browser: browser);
        var authorize = CodeFlow.AuthorizeUrl(clientId, OidcApi.RedirectUri, "openid", CodeFlow.NewVerifier());

        var page = await browser.GetAsync("/connect/logout");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("name=\"confirm\" value=\"yes\"", html, StringComparison.Ordinal);
        var forgedPost = await browser.PostAsync("/connect/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["confirm"] = "yes" }));
        Assert.Equal(HttpStatusCode.BadRequest, forgedPost.StatusCode);
        Assert.StartsWith(OidcApi.RedirectUri, (await browser.GetAsync(authorize)).Headers.Location?.OriginalString, StringComparison.Ordinal);

        var form = OidcApi.HiddenFields(html);
        form["confirm"] = "yes";
        var signedOut = await browser.PostAsync("/connect/logout", new FormUrlEncodedContent(form));

        Assert.True(signedOut.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{(int)signedOut.StatusCode}");
        var after = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains(AccountForms.Login, after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}

public sealed class SignInPageTestsOnSqlite(OidcApi api) : SignInPageTests(api), IClassFixture<OidcApi>;

public sealed class SignInPageTestsOnPostgreSql(OidcApiOnPostgreSql api) : SignInPageTests(api), IClassFixture<OidcApiOnPostgreSql>;
