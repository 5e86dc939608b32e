using System.Net;
using System.Text;
using Membership.Identity.Clients;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// Every address a person can land on answers a page in the pages' style with a way on: OIDC errors the client cannot
/// receive, unknown pages under /account, oversized or malformed forms, and return URLs that try to leave the site.
/// </summary>
public abstract class PersonErrorPagesTests(OidcApi api) : OidcTest(api)
{
    [SkippableFact]
    public async Task An_unknown_client_at_authorize_gets_a_page_not_raw_oauth_text()
    {
        using var browser = Api.Browser();

        using var response = await browser.GetAsync(CodeFlow.AuthorizeUrl("no-such-client", OidcApi.RedirectUri, "openid", CodeFlow.NewVerifier()));
        var html = await response.Content.ReadAsStringAsync();

        AssertPage(response, html, HttpStatusCode.BadRequest, "Unknown application");
        Assert.Contains("href=\"/account/login\"", html, StringComparison.Ordinal);
        Assert.Contains("<code>invalid_request: ", html, StringComparison.Ordinal); // for the developer, under Details
    }

    [SkippableFact]
    public async Task A_redirect_uri_nobody_registered_gets_a_page_that_leads_back_to_the_clients_own_site()
    {
        var clientId = TestData.Unique("portal-").ToLowerInvariant();
        await Api.ClientAsync(clientId, ClientKind.Public);
        using var browser = Api.Browser();

        using var response = await browser.GetAsync(CodeFlow.AuthorizeUrl(clientId, "https://evil.example/callback", "openid", CodeFlow.NewVerifier()));
        var html = await response.Content.ReadAsStringAsync();

        AssertPage(response, html, HttpStatusCode.BadRequest, "This sign-in link cannot be used");
        Assert.Contains($"<a href=\"https://portal.example.org/\">Back to {clientId}</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://evil.example", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_sign_out_request_naming_an_unregistered_return_address_gets_a_page_with_a_way_to_sign_out()
    {
        using var browser = Api.Browser();

        using var response = await browser.GetAsync("/connect/logout?post_logout_redirect_uri=" + Uri.EscapeDataString("https://evil.example/bye"));
        var html = await response.Content.ReadAsStringAsync();

        AssertPage(response, html, HttpStatusCode.BadRequest, "This sign-out link cannot be used");
        Assert.Contains("href=\"/account/logout\"", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/account/nothing-here")]
    [InlineData("/account/login/extra")]
    [InlineData("/account/")]
    public async Task An_unknown_address_under_account_is_a_404_page_with_a_way_back(string path)
    {
        using var browser = Api.Browser();

        using var response = await browser.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        AssertPage(response, html, HttpStatusCode.NotFound, "Page not found");
        Assert.Contains("href=\"/account/login\"", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/account/login", "text/html")]
    [InlineData("/account/forgot-password", "text/html")]
    [InlineData("/account/reset-password", "text/html")]
    [InlineData("/connect/authorize", "text/html")]
    [InlineData("/connect/logout", "text/html")]
    [InlineData("/connect/token", "application/json")]
    public async Task A_form_post_over_32_kb_answers_413_not_a_server_error(string path, string mediaType)
    {
        using var browser = Api.Browser();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = new string('a', 40 * 1024), ["grant_type"] = "client_credentials" });

        using var response = await browser.PostAsync(path, form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableTheory]
    [InlineData("/account/login")]
    [InlineData("/connect/token")]
    public async Task A_small_form_with_thousands_of_fields_answers_400_not_a_server_error(string path)
    {
        using var browser = Api.Browser();
        var body = string.Join('&', Enumerable.Range(0, 3000).Select(i => $"f{i}="));

        using var response = await browser.PostAsync(path, new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.True(Encoding.ASCII.GetByteCount(body) < 32 * 1024);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public static TheoryData<string> MalformedReturnUrls => new()
    {
        "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/\\/evil.example", "\\\\evil.example",
        "/\u0000/evil.example", "/%09/evil.example/\t", "https:/evil.example", new string('/', 1) + new string('x', 5000),
    };

    [SkippableTheory]
    [MemberData(nameof(MalformedReturnUrls))]
    public async Task A_malformed_return_url_falls_back_to_this_site_and_never_errors(string returnUrl)
    {
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var browser = Api.Browser();

        using var page = await browser.GetAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var viaPage = await AccountForms.LoginAsync(browser, email, OidcApi.Password, returnUrl);
        using var tampering = Api.Browser();
        var viaTamperedForm = await AccountForms.SubmitAsync(tampering, AccountForms.Login,
            new() { ["email"] = email, ["password"] = OidcApi.Password, ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/", OidcApi.HiddenFields(await page.Content.ReadAsStringAsync())["returnUrl"]);
        Assert.Equal(HttpStatusCode.Redirect, viaPage.StatusCode);
        Assert.Equal("/", viaPage.Headers.Location?.OriginalString);
        // A tampered form either signs in and stays here, or is refused as unreadable (the form reader refuses NUL).
        Assert.True(viaTamperedForm.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{(int)viaTamperedForm.StatusCode}");
        if (viaTamperedForm.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/", viaTamperedForm.Headers.Location?.OriginalString);
        }
        else
        {
            Assert.Equal("text/html", viaTamperedForm.Content.Headers.ContentType?.MediaType);
        }
    }

    private static void AssertPage(HttpResponseMessage response, string html, HttpStatusCode status, string title)
    {
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", html, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }
}

public sealed class PersonErrorPagesTestsOnSqlite(OidcApi api) : PersonErrorPagesTests(api), IClassFixture<OidcApi>;

public sealed class PersonErrorPagesTestsOnPostgreSql(OidcApiOnPostgreSql api) : PersonErrorPagesTests(api), IClassFixture<OidcApiOnPostgreSql>;
