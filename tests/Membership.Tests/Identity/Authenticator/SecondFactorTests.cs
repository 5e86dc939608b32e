using System.Net;
using Membership.Identity;
using Membership.Identity.Accounts;
using Membership.Identity.Clients;
using Membership.Tests.Identity.Accounts;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Identity.Authenticator;

/// <summary>
/// Staff sign in with a second factor (an authenticator's TOTP code or a recovery code), set up at their first sign-in;
/// no staff-role token comes without it, from the authorize endpoint or a refresh. Members may turn it on. Codes are
/// computed by the tests' own RFC 6238 helper, on the instance's clock (a fake one where a test moves time or needs
/// several codes: each step is accepted once per account).
/// </summary>
public abstract class SecondFactorTests(OidcApi api) : OidcTest(api)
{
    private const string StaffScopes = "openid offline_access membership.staff";
    private readonly TokenCallers _callers = new(api);

    [SkippableFact]
    public async Task A_staff_account_sets_up_its_authenticator_at_first_sign_in_and_gets_a_staff_token_only_after_it()
    {
        var portal = await StaffPortalAsync();
        var email = await StaffAsync();
        using var browser = Api.Browser();
        var verifier = CodeFlow.NewVerifier();
        var authorize = CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, StaffScopes, verifier);

        var login = await LoginAsync(browser, authorize, email);
        var halfWay = await browser.GetAsync(authorize); // the password alone: authorize sends the browser back to sign in
        var setup = await browser.GetStringAsync(login);
        var key = Totp.KeyOnPage(setup);
        var wrong = await CodeFlow.PostPageFormAsync(browser, setup, CodeFlow.SetupPath, new() { ["code"] = WrongCode(key) });
        var confirmed = await CodeFlow.PostPageFormAsync(browser, await wrong.Content.ReadAsStringAsync(), CodeFlow.SetupPath, new() { ["code"] = Totp.Now(key) });
        var codesPage = await confirmed.Content.ReadAsStringAsync();
        var tokens = await ExchangeAsync(browser, portal, Totp.ContinueLink(codesPage), verifier);

        Assert.StartsWith(CodeFlow.SetupPath, login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, halfWay.StatusCode);
        Assert.Equal("/account/login", halfWay.Headers.Location!.AbsolutePath);
        Assert.Contains($"otpauth://totp/", setup, StringComparison.Ordinal);
        Assert.Contains($"secret={key}&amp;issuer=", setup, StringComparison.Ordinal);
        Assert.Contains("<svg", setup, StringComparison.Ordinal); // the QR code, drawn inline
        Assert.Contains("autocomplete=\"one-time-code\"", setup, StringComparison.Ordinal);
        Assert.Contains("inputmode=\"numeric\"", setup, StringComparison.Ordinal);
        Assert.Contains("<label for=\"code\">", setup, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = Totp.RecoveryCodesOnPage(codesPage);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal("no-store", confirmed.Headers.CacheControl?.ToString());
        var access = TokenResponse.Payload(tokens.AccessToken);
        Assert.Equal(Roles.Staff, access.GetProperty("role").GetString());
        Assert.Contains(ApiScopes.Staff, access.GetProperty("scope").GetString()!.Split(' '));
        Assert.Contains("mfa", access.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("mfa", TokenResponse.Payload(tokens.IdToken!).GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        var refreshed = await Api.RefreshAsync(portal, tokens.RefreshToken!);
        Assert.Equal(Roles.Staff, TokenResponse.Payload(refreshed.EnsureOk().AccessToken).GetProperty("role").GetString());
        var clients = await Api.Client().DataAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(tokens.AccessToken));
        Assert.Contains(portal, clients.GetProperty("clients").EnumerateArray().Select(c => c.Str("clientId")));
    }

    [SkippableFact]
    public async Task Later_sign_ins_ask_for_the_code_and_a_recovery_code_works_once()
    {
        var portal = await StaffPortalAsync();
        var email = await StaffAsync();
        var (key, codes) = await SetUpAsync(email);

        using var first = Api.Browser();
        var verifier = CodeFlow.NewVerifier();
        var authorize = CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, StaffScopes, verifier);
        var codePath = await LoginAsync(first, authorize, email);
        var codePage = await first.GetStringAsync(codePath);
        var wrong = await CodeFlow.PostPageFormAsync(first, codePage, CodeFlow.SecondFactorPath, new() { ["code"] = WrongCode(key) });
        var recoveryPage = await first.GetStringAsync(CodeFlow.SecondFactorPath + "?recovery=1&returnUrl=" + Uri.EscapeDataString(authorize));
        var recovered = await CodeFlow.PostPageFormAsync(first, recoveryPage, CodeFlow.SecondFactorPath, new() { ["recoveryCode"] = codes[3].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) });
        var tokens = await ExchangeAsync(first, portal, recovered.Headers.Location!.OriginalString, verifier);
        using var second = Api.Browser();
        var again = await CodeFlow.PostPageFormAsync(second, await second.GetStringAsync(await LoginAsync(second, authorize, email)), CodeFlow.SecondFactorPath, new() { ["recoveryCode"] = codes[3] });
        var withApp = await CodeFlow.PostPageFormAsync(second, await again.Content.ReadAsStringAsync(), CodeFlow.SecondFactorPath, new() { ["code"] = Totp.Now(key) });

        Assert.StartsWith(CodeFlow.SecondFactorPath + "?", codePath, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"one-time-code\"", codePage, StringComparison.Ordinal);
        Assert.Contains("inputmode=\"numeric\"", codePage, StringComparison.Ordinal);
        Assert.Contains("<label for=\"code\">Authenticator code</label>", codePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("<label for=\"recoveryCode\">Recovery code</label>", recoveryPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal(Roles.Staff, TokenResponse.Payload(tokens.AccessToken).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode); // spent
        Assert.Equal(HttpStatusCode.Redirect, withApp.StatusCode);
        Assert.StartsWith("/connect/authorize?", withApp.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(9, await RecoveryCodesLeftAsync(email));
    }

    [SkippableFact]
    public async Task Wrong_codes_lock_the_account_and_signing_in_again_does_not_reset_the_count()
    {
        var email = await StaffAsync();
        var (key, _) = await SetUpAsync(email);
        var portal = await StaffPortalAsync();
        var authorize = CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier());

        using var guesser = Api.Browser();
        var answers = new List<HttpStatusCode>();
        for (var round = 0; round < 2; round++)
        {
            var codePath = await LoginAsync(guesser, authorize, email); // the password again, between the guesses
            for (var i = 0; i < (round == 0 ? 3 : 2); i++)
            {
                var page = await guesser.GetStringAsync(codePath);
                answers.Add((await CodeFlow.PostPageFormAsync(guesser, page, CodeFlow.SecondFactorPath, new() { ["code"] = WrongCode(key) })).StatusCode);
            }
        }

        var withRightPassword = await AccountFormsLoginAsync(guesser, email, authorize);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, (HttpStatusCode)423], answers);
        Assert.Equal((HttpStatusCode)423, withRightPassword.StatusCode); // the lockout is the account's, whatever the browser
    }

    [SkippableFact]
    public async Task Code_posts_beyond_the_limit_per_address_get_429_with_Retry_After()
    {
        var email = await StaffAsync();
        var (key, _) = await SetUpAsync(email);
        var portal = await StaffPortalAsync();
        var clock = TestClock.StartOfNextWindow(TimeSpan.FromMinutes(1));
        await using var instance = Api.CreateFactory(b => b.UseSetting("Oidc:SignInsPerAddressPerMinute", "3").UseClock(clock));
        using var guesser = BrowserOf(instance);

        var codePath = await LoginAsync(guesser, CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier()), email);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await CodeFlow.PostPageFormAsync(guesser, await guesser.GetStringAsync(codePath), CodeFlow.SecondFactorPath, new() { ["code"] = WrongCode(key, clock.GetUtcNow()) })).StatusCode);
        }

        var refused = await CodeFlow.PostPageFormAsync(guesser, await guesser.GetStringAsync(codePath), CodeFlow.SecondFactorPath, new() { ["code"] = Totp.Code(key, clock.GetUtcNow()) });
        clock.Advance(TimeSpan.FromSeconds(55)); // the next minute
        var accepted = await CodeFlow.PostPageFormAsync(guesser, await guesser.GetStringAsync(codePath), CodeFlow.SecondFactorPath, new() { ["code"] = Totp.Code(key, clock.GetUtcNow()) });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(55), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [SkippableFact]
    public async Task An_accepted_code_is_refused_the_second_time_and_so_is_a_code_of_an_earlier_step()
    {
        var clock = TestClock.StartOfNextWindow(TimeSpan.FromMinutes(1));
        await using var instance = Api.CreateFactory(b => b.UseClock(clock));
        var authorize = CodeFlow.AuthorizeUrl(await StaffPortalAsync(), OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier());
        var (email, key, setupCode) = await SetUpOnAsync(instance, clock, authorize);

        var setupCodeAgain = await PostCodeAsync(instance, authorize, email, setupCode);
        clock.Advance(TimeSpan.FromSeconds(60)); // two steps on
        var code = Totp.Code(key, clock.GetUtcNow());
        var first = await PostCodeAsync(instance, authorize, email, code);
        var again = await PostCodeAsync(instance, authorize, email, code);
        var earlier = await PostCodeAsync(instance, authorize, email, Totp.Code(key, clock.GetUtcNow().AddSeconds(-30))); // unused, in the window, but before the last
        var next = await PostCodeAsync(instance, authorize, email, Totp.Code(key, clock.GetUtcNow().AddSeconds(30))); // an app a little ahead

        Assert.Equal(HttpStatusCode.Unauthorized, setupCodeAgain);
        Assert.Equal(HttpStatusCode.Redirect, first);
        Assert.Equal(HttpStatusCode.Unauthorized, again);
        Assert.Equal(HttpStatusCode.Unauthorized, earlier);
        Assert.Equal(HttpStatusCode.Redirect, next);
    }

    [SkippableFact]
    public async Task Two_sign_ins_racing_with_one_code_on_two_instances_let_exactly_one_through()
    {
        var clock = TestClock.StartOfNextWindow(TimeSpan.FromMinutes(1));
        await using var one = Api.CreateFactory(b => b.UseClock(clock));
        await using var other = Api.CreateFactory(b => b.UseClock(clock));
        var authorize = CodeFlow.AuthorizeUrl(await StaffPortalAsync(), OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier());
        var (email, key, _) = await SetUpOnAsync(one, clock, authorize);

        var rounds = new List<HttpStatusCode[]>();
        for (var round = 0; round < 3; round++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            using var first = BrowserOf(one);
            using var second = BrowserOf(other);
            var pages = await Task.WhenAll(CodePageAsync(first, authorize, email), CodePageAsync(second, authorize, email));
            var code = Totp.Code(key, clock.GetUtcNow());
            var answers = await Task.WhenAll(
                CodeFlow.PostPageFormAsync(first, pages[0], CodeFlow.SecondFactorPath, new() { ["code"] = code }),
                CodeFlow.PostPageFormAsync(second, pages[1], CodeFlow.SecondFactorPath, new() { ["code"] = code }));
            rounds.Add([.. answers.Select(a => a.StatusCode).Order()]);
        }

        Assert.All(rounds, answers => Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Unauthorized], answers));
    }

    [SkippableFact]
    public async Task Codes_follow_the_instance_clock()
    {
        var clock = TestClock.StartOfNextWindow(TimeSpan.FromMinutes(1));
        await using var instance = Api.CreateFactory(b => b.UseClock(clock));
        var authorize = CodeFlow.AuthorizeUrl(await StaffPortalAsync(), OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier());
        var (email, key, _) = await SetUpOnAsync(instance, clock, authorize);
        var unusedOld = Totp.Code(key, clock.GetUtcNow().AddSeconds(30));

        clock.Advance(TimeSpan.FromMinutes(10));
        var old = await PostCodeAsync(instance, authorize, email, unusedOld);
        var systemClock = await PostCodeAsync(instance, authorize, email, Totp.Code(key, DateTimeOffset.UtcNow));
        var current = await PostCodeAsync(instance, authorize, email, Totp.Code(key, clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.Unauthorized, old);
        Assert.Equal(HttpStatusCode.Unauthorized, systemClock);
        Assert.Equal(HttpStatusCode.Redirect, current);
    }

    [SkippableFact]
    public async Task A_session_or_refresh_token_from_before_the_second_factor_gets_no_staff_token()
    {
        // A member's session and refresh token, then the account is made staff: what a staff member had before this release.
        var portal = await StaffPortalAsync();
        var member = await _callers.Data.MemberAsync(await _callers.Data.PlanAsync());
        var account = await Api.AccountAsync(member.Email, member);
        using var browser = Api.Browser();
        var before = await CodeFlow.SignInAsync(browser, portal, OidcApi.RedirectUri, "openid offline_access membership.self", member.Email, OidcApi.Password);
        await AddRoleAsync(account.Email!, Roles.Staff);

        var refresh = await Api.RefreshAsync(portal, before.RefreshToken!);
        var silent = await browser.GetAsync(CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier()) + "&prompt=none");
        var interactive = await browser.GetAsync(CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier()));

        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("invalid_grant", refresh.Error);
        Assert.Equal("login_required", QueryHelpers.ParseQuery(silent.Headers.Location!.Query)["error"].ToString());
        Assert.Equal("/account/login", interactive.Headers.Location!.AbsolutePath);
        var after = await Api.SignInAsync(portal, member.Email, StaffScopes); // sets up the authenticator on the way
        Assert.Equal(Roles.Staff, TokenResponse.Payload(after.AccessToken).GetProperty("role").EnumerateArray().Select(r => r.GetString()).First(r => r == Roles.Staff));
    }

    [SkippableFact]
    public async Task A_member_may_turn_the_authenticator_on_and_off_on_the_security_page()
    {
        var (member, tokens, portal) = await _callers.SignedInMemberAsync(TokenCallers.MemberScopes + " offline_access");
        using var browser = Api.Browser();
        await CodeFlow.SignInAsync(browser, portal, OidcApi.RedirectUri, TokenCallers.MemberScopes, member.Email, OidcApi.Password);

        var off = await browser.GetStringAsync("/account/security");
        var setupPath = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(off, "href=\"(/account/two-factor/setup[^\"]*)\"").Groups[1].Value);
        var setup = await browser.GetStringAsync(setupPath);
        var key = Totp.KeyOnPage(setup);
        var confirmed = await CodeFlow.PostPageFormAsync(browser, setup, CodeFlow.SetupPath, new() { ["code"] = Totp.Now(key) });
        var codesPage = await confirmed.Content.ReadAsStringAsync();
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, $"{(int)confirmed.StatusCode} {confirmed.Headers.Location} {codesPage}");
        var on = await browser.GetStringAsync(Totp.ContinueLink(codesPage));
        var oldRefresh = await Api.RefreshAsync(portal, tokens.RefreshToken!);
        using var other = Api.Browser();
        var nextSignIn = await LoginAsync(other, CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, TokenCallers.MemberScopes, CodeFlow.NewVerifier()), member.Email);
        var turnedOff = await CodeFlow.PostPageFormAsync(browser, on, "/account/security", new() { ["action"] = "turn-off" });
        using var third = Api.Browser();
        var withoutCode = await LoginAsync(third, CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, TokenCallers.MemberScopes, CodeFlow.NewVerifier()), member.Email);

        Assert.Contains("Set up an authenticator app", off, StringComparison.Ordinal);
        Assert.Equal(10, Totp.RecoveryCodesOnPage(codesPage).Count);
        Assert.Contains("You have 10 unused recovery codes", on, StringComparison.Ordinal);
        Assert.Equal("invalid_grant", oldRefresh.Error); // turning it on ends the sessions from before
        Assert.StartsWith(CodeFlow.SecondFactorPath + "?", nextSignIn, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, turnedOff.StatusCode);
        Assert.StartsWith("/connect/authorize?", withoutCode, StringComparison.Ordinal);
        Assert.Null(await Api.AuthenticatorKeyAsync(member.Email));
    }

    [SkippableFact]
    public async Task Staff_cannot_turn_it_off_and_new_recovery_codes_replace_the_old_ones()
    {
        var email = await StaffAsync();
        var (key, oldCodes) = await SetUpAsync(email);
        var portal = await StaffPortalAsync();
        using var browser = Api.Browser();
        await CodeFlow.SignInAsync(browser, portal, OidcApi.RedirectUri, StaffScopes, email, OidcApi.Password, authenticatorKey: key);

        var page = await browser.GetStringAsync("/account/security");
        var refused = await CodeFlow.PostPageFormAsync(browser, page, "/account/security", new() { ["action"] = "turn-off" });
        var renewed = await CodeFlow.PostPageFormAsync(browser, page, "/account/security", new() { ["action"] = "recovery-codes" });
        var newCodes = Totp.RecoveryCodesOnPage(await renewed.Content.ReadAsStringAsync());
        using var other = Api.Browser();
        var codePath = await LoginAsync(other, CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier()), email);
        var withOld = await CodeFlow.PostPageFormAsync(other, await other.GetStringAsync(codePath), CodeFlow.SecondFactorPath, new() { ["recoveryCode"] = oldCodes[0] });
        var withNew = await CodeFlow.PostPageFormAsync(other, await withOld.Content.ReadAsStringAsync(), CodeFlow.SecondFactorPath, new() { ["recoveryCode"] = newCodes[0] });

        Assert.DoesNotContain("turn-off", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(await Api.AuthenticatorKeyAsync(email));
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
    }

    [SkippableFact]
    public async Task An_admin_resets_a_staff_authenticator_and_the_next_sign_in_sets_up_a_new_one()
    {
        var portal = await StaffPortalAsync();
        var adminEmail = await StaffAsync();
        await AddRoleAsync(adminEmail, Roles.Admin);
        var admin = TestIdentity.Bearer((await Api.SignInAsync(portal, adminEmail, StaffScopes)).AccessToken);
        var plainStaff = TestIdentity.Bearer((await Api.SignInAsync(portal, await StaffAsync(), StaffScopes)).AccessToken);
        var email = await StaffAsync();
        var before = await Api.SignInAsync(portal, email, StaffScopes);
        var oldKey = await Api.AuthenticatorKeyAsync(email);
        const string reset = "mutation($e: String!) { resetAuthenticator(input: { email: $e }) { email setupRequired userErrors { code field } } }";

        var byStaff = await Api.Client().PostAsync(reset, new { e = email }, plainStaff);
        var unknown = await Api.Client().DataAsync(reset, new { e = "nobody-" + email }, admin);
        var own = await Api.Client().DataAsync(reset, new { e = adminEmail }, admin);
        var done = await Api.Client().DataAsync(reset, new { e = email.ToUpperInvariant() }, admin);
        var refresh = await Api.RefreshAsync(portal, before.RefreshToken!);
        using var browser = Api.Browser();
        var next = await LoginAsync(browser, CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier()), email);
        var newKey = Totp.KeyOnPage(await browser.GetStringAsync(next));

        Assert.Equal(["FORBIDDEN"], byStaff.ErrorCodes);
        Assert.Equal("NOT_FOUND", unknown.Str("resetAuthenticator.userErrors.0.code"));
        Assert.Equal("OWN_ACCOUNT", own.Str("resetAuthenticator.userErrors.0.code"));
        Assert.Equal(email, done.Str("resetAuthenticator.email"));
        Assert.True(done.GetProperty("resetAuthenticator").GetProperty("setupRequired").GetBoolean());
        Assert.Equal("invalid_grant", refresh.Error);
        Assert.StartsWith(CodeFlow.SetupPath, next, StringComparison.Ordinal);
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(0, await RecoveryCodesLeftAsync(email));
    }

    private async Task<string> StaffPortalAsync() => await _callers.PortalAsync([ApiScopes.Self, ApiScopes.Directory, ApiScopes.Staff]);

    private async Task<string> StaffAsync()
    {
        var email = $"{TestData.Unique("staff")}@example.org";
        await Api.AccountAsync(email, role: Roles.Staff);
        return email;
    }

    /// <summary>Signs the staff account in once through a portal, setting up its authenticator; returns the key and the recovery codes.</summary>
    private async Task<(string Key, IReadOnlyList<string> Codes)> SetUpAsync(string email)
    {
        var portal = await StaffPortalAsync();
        using var browser = Api.Browser();
        var setup = await browser.GetStringAsync(await LoginAsync(browser, CodeFlow.AuthorizeUrl(portal, OidcApi.RedirectUri, StaffScopes, CodeFlow.NewVerifier()), email));
        var key = Totp.KeyOnPage(setup);
        var confirmed = await CodeFlow.PostPageFormAsync(browser, setup, CodeFlow.SetupPath, new() { ["code"] = Totp.Now(key) });
        return (key, Totp.RecoveryCodesOnPage(await confirmed.Content.ReadAsStringAsync()));
    }

    /// <summary>A browser of an instance of the API, from an address of its own (the per-address limit is another test's).</summary>
    private static HttpClient BrowserOf(WebApplicationFactory<Program> instance)
    {
        var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", JoinRequests.NewAddress());
        return browser;
    }

    /// <summary>A new staff account that set up its authenticator on <paramref name="instance"/>, with the code of its clock's step.</summary>
    private async Task<(string Email, string Key, string SetupCode)> SetUpOnAsync(WebApplicationFactory<Program> instance, TimeProvider clock, string authorize)
    {
        var email = await StaffAsync();
        using var browser = BrowserOf(instance);
        var setup = await browser.GetStringAsync(await LoginAsync(browser, authorize, email));
        var key = Totp.KeyOnPage(setup);
        var code = Totp.Code(key, clock.GetUtcNow());
        var confirmed = await CodeFlow.PostPageFormAsync(browser, setup, CodeFlow.SetupPath, new() { ["code"] = code });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return (email, key, code);
    }

    /// <summary>The code page a new sign-in with the right password reaches.</summary>
    private static async Task<string> CodePageAsync(HttpClient browser, string authorize, string email) =>
        await browser.GetStringAsync(await LoginAsync(browser, authorize, email));

    /// <summary>Signs in with the password on a new browser of <paramref name="instance"/> and posts <paramref name="code"/> on the code page.</summary>
    private static async Task<HttpStatusCode> PostCodeAsync(WebApplicationFactory<Program> instance, string authorize, string email, string code)
    {
        using var browser = BrowserOf(instance);
        var posted = await CodeFlow.PostPageFormAsync(browser, await CodePageAsync(browser, authorize, email), CodeFlow.SecondFactorPath, new() { ["code"] = code });
        return posted.StatusCode;
    }

    /// <summary>Opens the authorize URL and posts the right password; returns where the login sends the browser.</summary>
    private static async Task<string> LoginAsync(HttpClient browser, string authorizeUrl, string email)
    {
        var login = await AccountFormsLoginAsync(browser, email, authorizeUrl);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"login answered {(int)login.StatusCode}");
        return login.Headers.Location!.OriginalString;
    }

    private static async Task<HttpResponseMessage> AccountFormsLoginAsync(HttpClient browser, string email, string authorizeUrl)
    {
        var challenge = await browser.GetAsync(authorizeUrl);
        var form = OidcApi.HiddenFields(await browser.GetStringAsync(challenge.Headers.Location));
        form["email"] = email;
        form["password"] = OidcApi.Password;
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(form));
    }

    /// <summary>Follows <paramref name="authorizeUrl"/> (through consent) to the client's redirect and exchanges the code.</summary>
    private async Task<TokenResponse> ExchangeAsync(HttpClient browser, string clientId, string authorizeUrl, string verifier)
    {
        var redirect = await browser.GetAsync(authorizeUrl);
        if (redirect.StatusCode == HttpStatusCode.OK)
        {
            redirect = await CodeFlow.AnswerConsentAsync(browser, redirect, "accept"); // the staff scope asks once
        }

        var location = redirect.Headers.Location?.OriginalString ?? string.Empty;
        Assert.True(location.StartsWith(OidcApi.RedirectUri, StringComparison.Ordinal), $"expected the client's redirect, got {(int)redirect.StatusCode} {location}");
        return (await Api.TokenRequestAsync(new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["redirect_uri"] = OidcApi.RedirectUri, ["code_verifier"] = verifier,
            ["code"] = QueryHelpers.ParseQuery(new Uri(location).Query)["code"].ToString(),
        })).EnsureOk();
    }

    /// <summary>A six-digit code no step near <paramref name="at"/> (the real time unless given) matches, with margin.</summary>
    private static string WrongCode(string key, DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        var window = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !window.Contains(c));
    }

    private async Task AddRoleAsync(string email, string role)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, role)).Succeeded);
    }

    private async Task<int> RecoveryCodesLeftAsync(string email)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        return await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(email))!);
    }
}

public sealed class SecondFactorTestsOnSqlite(OidcApi api) : SecondFactorTests(api), IClassFixture<OidcApi>;

public sealed class SecondFactorTestsOnPostgreSql(OidcApiOnPostgreSql api) : SecondFactorTests(api), IClassFixture<OidcApiOnPostgreSql>;

/// <summary>The tests' TOTP helper against RFC 6238's own vectors (SHA-1, 8 digits there; 6 digits are their last six).</summary>
public sealed class TotpHelperTests
{
    [Theory]
    [InlineData(59, "94287082")]
    [InlineData(1111111109, "07081804")]
    [InlineData(1234567890, "89005924")]
    [InlineData(20000000000, "65353130")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixSeconds, string expected)
    {
        var key = "12345678901234567890"u8.ToArray();
        Assert.Equal(expected, Totp.Code(key, unixSeconds / 30, digits: 8));
        Assert.Equal(expected[2..], Totp.Code(key, unixSeconds / 30, digits: 6));
    }

    [Fact]
    public void Base32_keys_decode_as_RFC_4648_says()
    {
        Assert.Equal("12345678901234567890"u8.ToArray(), Totp.Base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    }
}
