using System.Globalization;
using System.Text;
using Membership.Data;
using Membership.Identity.Accounts;
using Membership.Identity.Oidc;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Membership.Identity.Pages;

/// <summary>Sign-in, sign-out, e-mail confirmation and password reset pages of the host.</summary>
public static class AccountPages
{
    /// <summary>A hash of a random password, checked when no account has the address (same work, same time).</summary>
    private static string? _unknownAccountHash;

    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string ConfirmEmailPath = "/account/confirm-email";
    public const string ForgotPasswordPath = "/account/forgot-password";
    public const string ResetPasswordPath = "/account/reset-password";

    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) => LoginForm(http, antiforgery, returnUrl, null));
        endpoints.MapPost(LoginPath, LoginAsync).DisableAntiforgery(); // validated explicitly below, with a page for failures
        endpoints.MapGet(LogoutPath, (HttpContext http, IAntiforgery antiforgery) => HtmlPage.Render(http, "Sign out",
            HtmlPage.Form(http, antiforgery, LogoutPath, [], "<button type=\"submit\">Sign out</button>")));
        endpoints.MapPost(LogoutPath, LogoutAsync).DisableAntiforgery();
        endpoints.MapGet(ConfirmEmailPath, ConfirmEmailAsync);
        endpoints.MapGet(ForgotPasswordPath, (HttpContext http, IAntiforgery antiforgery) => ForgotForm(http, antiforgery, null));
        endpoints.MapPost(ForgotPasswordPath, ForgotPasswordAsync).DisableAntiforgery();
        endpoints.MapGet(ResetPasswordPath, (HttpContext http, IAntiforgery antiforgery, string? userId, string? code) => ResetForm(http, antiforgery, userId, code, null));
        endpoints.MapPost(ResetPasswordPath, ResetPasswordAsync).DisableAntiforgery();
        return endpoints;
    }

    private static IResult LoginForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status = StatusCodes.Status200OK) =>
        HtmlPage.Render(http, "Sign in", HtmlPage.Error(error) + HtmlPage.Form(http, antiforgery, LoginPath, [new("returnUrl", SafeReturnUrl(returnUrl))], """
            <label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            """) + $"<p class=\"note\"><a href=\"{ForgotPasswordPath}\">Forgot your password?</a></p>", status);

    private static async Task<IResult> LoginAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, SignInManager<Account> signIn, RateLimits limits, IOptions<OidcOptions> options)
    {
        var rule = new RateLimitRule("sign-in", options.Value.SignInsPerAddressPerMinute, TimeSpan.FromMinutes(1));
        if (await TooManyAsync(http, limits, rule) is { } tooMany)
        {
            return tooMany;
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return HtmlPage.Render(http, "Sign in", HtmlPage.Error("The form expired. Reload the page and try again."), StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync();
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var account = await users.FindByEmailAsync(form["email"].ToString().Trim());
        IResult Wrong() => LoginForm(http, antiforgery, returnUrl, "The e-mail address or password is wrong.", StatusCodes.Status401Unauthorized);
        if (account is null)
        {
            // Hash the password all the same, so the time of the answer does not tell which addresses have accounts.
            var nobody = new Account { UserName = string.Empty };
            _unknownAccountHash ??= users.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(nobody, _unknownAccountHash, form["password"].ToString());
            return Wrong();
        }

        // The password first: only someone who knows it learns that the account is locked or unconfirmed.
        var locked = await users.IsLockedOutAsync(account);
        if (!await users.CheckPasswordAsync(account, form["password"].ToString()))
        {
            if (!locked)
            {
                await users.AccessFailedAsync(account); // counts towards the lockout
            }

            return Wrong();
        }

        if (locked)
        {
            return LoginForm(http, antiforgery, returnUrl, "This account is locked after too many failed sign-ins. Try again later, or reset your password.", StatusCodes.Status423Locked);
        }

        if (!await signIn.CanSignInAsync(account))
        {
            return LoginForm(http, antiforgery, returnUrl, "Confirm your e-mail address first: follow the link we sent you.", StatusCodes.Status401Unauthorized);
        }

        await users.ResetAccessFailedCountAsync(account);
        await signIn.SignInAsync(account, isPersistent: false);
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>A 429 page with Retry-After once the client address has used up the rule's window; null while within it.</summary>
    private static async Task<IResult?> TooManyAsync(HttpContext http, RateLimits limits, RateLimitRule rule)
    {
        var decision = await limits.TryAcquireAsync(rule, RateLimits.AddressKey(http.Connection.RemoteIpAddress), http.RequestAborted);
        if (decision.Allowed)
        {
            return null;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return HtmlPage.Render(http, "Too many attempts", HtmlPage.Error($"Too many attempts from your address. Try again in {seconds} seconds."), StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return HtmlPage.Render(http, "Sign out", HtmlPage.Error("The form expired. Reload the page and try again."), StatusCodes.Status400BadRequest);
        }

        await signIn.SignOutAsync();
        return HtmlPage.Render(http, "Signed out", "<p>You are signed out.</p>");
    }

    private static async Task<IResult> ConfirmEmailAsync(HttpContext http, UserManager<Account> users, string? userId, string? code)
    {
        var account = await FindAsync(users, userId);
        var decoded = Decode(code);
        if (account is null || decoded is null || !(await users.ConfirmEmailAsync(account, decoded)).Succeeded)
        {
            return HtmlPage.Render(http, "E-mail not confirmed", HtmlPage.Error("This link is not valid or has expired."), StatusCodes.Status400BadRequest);
        }

        return HtmlPage.Render(http, "E-mail confirmed", $"<p>Thank you. You can now <a href=\"{LoginPath}\">sign in</a>.</p>");
    }

    private static IResult ForgotForm(HttpContext http, IAntiforgery antiforgery, string? note) =>
        HtmlPage.Render(http, "Reset your password", (note is null ? string.Empty : $"<p class=\"note\">{HtmlPage.Encode(note)}</p>")
            + HtmlPage.Form(http, antiforgery, ForgotPasswordPath, [], """
                <label for="email">E-mail</label><input id="email" name="email" type="email" required>
                <button type="submit">Send me a link</button>
                """));

    private static async Task<IResult> ForgotPasswordAsync(
        HttpContext http, IAntiforgery antiforgery, RateLimits limits, IOptions<OidcOptions> options)
    {
        var rule = new RateLimitRule("password-reset", options.Value.PasswordResetsPerAddressPerHour, TimeSpan.FromHours(1));
        if (await TooManyAsync(http, limits, rule) is { } tooMany)
        {
            return tooMany;
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return HtmlPage.Render(http, "Reset your password", HtmlPage.Error("The form expired. Reload the page and try again."), StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync();
        await PasswordResetMail.RequestAsync(http, form["email"].ToString());

        // The same answer whether or not the address has an account: the page reveals no member.
        return ForgotForm(http, antiforgery, "If an account uses that address, we have sent it a link to reset the password.");
    }

    private static IResult ResetForm(HttpContext http, IAntiforgery antiforgery, string? userId, string? code, string? error, int status = StatusCodes.Status200OK) =>
        HtmlPage.Render(http, "Choose a new password", HtmlPage.Error(error) + HtmlPage.Form(http, antiforgery, ResetPasswordPath, [new("userId", userId), new("code", code)], """
            <label for="password">New password (at least 12 characters, with upper and lower case, a digit and a symbol)</label>
            <input id="password" name="password" type="password" autocomplete="new-password" required>
            <button type="submit">Save</button>
            """), status);

    private static async Task<IResult> ResetPasswordAsync(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, IOpenIddictTokenManager tokens)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return HtmlPage.Render(http, "Choose a new password", HtmlPage.Error("The form expired. Reload the page and try again."), StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync();
        var userId = form["userId"].ToString();
        var code = form["code"].ToString();
        var account = await FindAsync(users, userId);
        var decoded = Decode(code);
        if (account is null || decoded is null)
        {
            return ResetForm(http, antiforgery, userId, code, "This link is not valid or has expired.", StatusCodes.Status400BadRequest);
        }

        var result = await users.ResetPasswordAsync(account, decoded, form["password"].ToString());
        if (!result.Succeeded)
        {
            return ResetForm(http, antiforgery, userId, code, string.Join(" ", result.Errors.Select(e => e.Description)), StatusCodes.Status400BadRequest);
        }

        await users.SetLockoutEndDateAsync(account, null); // a reset also ends a lockout
        // The reset changed the security stamp, which refresh already checks; revoking also ends userinfo and
        // introspection for the tokens issued before it (access tokens already handed out run out within 60 minutes).
        await tokens.RevokeBySubjectAsync(account.Id.ToString(), http.RequestAborted);
        return HtmlPage.Render(http, "Password changed", $"<p>You can now <a href=\"{LoginPath}\">sign in</a> with the new password.</p>");
    }

    /// <summary>Only local paths: a sign-in page must not send people to another site.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    /// <summary>The account a link names; null for an unknown or mangled id (never an exception).</summary>
    private static async Task<Account?> FindAsync(UserManager<Account> users, string? userId) =>
        Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;

    internal static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
