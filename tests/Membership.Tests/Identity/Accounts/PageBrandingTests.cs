using System.Net;
using Membership.Identity.Clients;
using Membership.Pages;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// The pages a person completes say whose they are (the association's name, logo and colour, the application asking)
/// and help a person who got something wrong: the typed address stays, the error is tied to the fields.
/// </summary>
public abstract class PageBrandingTests(OidcApi api) : OidcTest(api)
{
    [SkippableFact]
    public async Task Sign_in_names_the_association_from_configuration_and_the_application_asking()
    {
        var clientId = TestData.Unique("portal-").ToLowerInvariant();
        await Api.ClientAsync(clientId, ClientKind.Public); // its display name is its id
        await using var branded = Api.CreateFactory(b =>
        {
            b.UseSetting("Branding:Name", "Alabama Association of School Resource Officers");
            b.UseSetting("Branding:LogoUrl", "https://cdn.example.org/brand/logo.png");
            b.UseSetting("Branding:PrimaryColor", "#7A1F1F");
            b.UseSetting("Branding:SupportEmail", "help@example.org");
            b.UseSetting("Branding:JoinUrl", "https://portal.example.org/join");
        });
        using var browser = branded.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var returnUrl = CodeFlow.AuthorizeUrl(clientId, OidcApi.RedirectUri, "openid", CodeFlow.NewVerifier());

        using var response = await browser.GetAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<title>Sign in to {clientId}</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>Sign in to {clientId}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Alabama Association of School Resource Officers</span>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://cdn.example.org/brand/logo.png\" alt />", html, StringComparison.Ordinal);
        Assert.Contains("--brand:#7a1f1f", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://portal.example.org/join\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:help@example.org\"", html, StringComparison.Ordinal);
        // The logo is the one thing the page may load from elsewhere.
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("img-src 'self' https://cdn.example.org;", policy, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Without_a_client_or_branding_the_page_says_sign_in_under_the_default_name_and_offers_no_join_link()
    {
        using var browser = Api.Browser();

        var html = await browser.GetStringAsync("/account/login?returnUrl=%2Fsomewhere");

        Assert.Contains("<h1>Sign in</h1>", html, StringComparison.Ordinal);
        Assert.Contains(new BrandingOptions().Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the association", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_failed_sign_in_keeps_the_typed_address_and_ties_the_message_to_both_fields()
    {
        var email = (await Api.AccountAsync(JoinRequests.NewEmail())).Email!;
        using var browser = Api.Browser();

        using var response = await AccountForms.LoginAsync(browser, email, "Not-The-Password-1!");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("<p id=\"form-error\" class=\"error\" role=\"alert\">The e-mail address or password is wrong.</p>", html, StringComparison.Ordinal);
        Assert.Contains($"type=\"email\" autocomplete=\"username\" required value=\"{email}\" aria-invalid=\"true\" aria-describedby=\"form-error\"", html, StringComparison.Ordinal);
        Assert.Contains("type=\"password\" autocomplete=\"current-password\" required aria-invalid=\"true\" aria-describedby=\"form-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not-The-Password-1!", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Every_page_has_a_language_a_viewport_and_labels_for_its_fields()
    {
        using var browser = Api.Browser();
        foreach (var page in new[] { "/account/login", "/account/forgot-password", $"/account/reset-password?userId={Guid.Empty}&code=y", "/account/logout" })
        {
            var html = await browser.GetStringAsync(page);

            Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
            Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"", html, StringComparison.Ordinal);
            foreach (System.Text.RegularExpressions.Match input in System.Text.RegularExpressions.Regex.Matches(html, "<input id=\"(?<id>[^\"]+)\""))
            {
                Assert.Contains($"<label for=\"{input.Groups["id"].Value}\">", html, StringComparison.Ordinal);
            }
        }
    }

    [SkippableTheory]
    [InlineData("#ffdd00", "contrasts only")]
    [InlineData("red; background:url(x)", "#rrggbb")]
    public void A_host_with_a_primary_colour_too_light_for_white_text_or_not_a_colour_refuses_to_start(string colour, string reason)
    {
        using var host = Api.CreateFactory(b => b.UseSetting("Branding:PrimaryColor", colour));

        var error = Record.Exception(() => host.Server);

        Assert.NotNull(error);
        Assert.Contains("Branding:PrimaryColor", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/logo.png")]
    [InlineData("http://cdn.example.org/logo.png")]
    public void A_logo_that_is_neither_https_nor_a_local_path_refuses_to_start(string logo)
    {
        using var host = Api.CreateFactory(b => b.UseSetting("Branding:LogoUrl", logo));

        var error = Record.Exception(() => host.Server);

        Assert.NotNull(error);
        Assert.Contains("Branding:LogoUrl", error.ToString(), StringComparison.Ordinal);
    }
}

public sealed class PageBrandingTestsOnSqlite(OidcApi api) : PageBrandingTests(api), IClassFixture<OidcApi>;

public sealed class PageBrandingTestsOnPostgreSql(OidcApiOnPostgreSql api) : PageBrandingTests(api), IClassFixture<OidcApiOnPostgreSql>;
