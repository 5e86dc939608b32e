using System.Globalization;
using System.Text;
using Membership.Data;
using Membership.Identity.Accounts;
using Membership.Identity.Oidc;
using Membership.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Membership.Identity.Pages;

/// <summary>Sign-in and sign-out pages of the host; the password pages are in <see cref="PasswordPages"/>.</summary>
public static class AccountPages
{
    /// <summary>A hash of a random password, checked when no account has the address (same work, same time).</summary>
    private static string? _unknownAccountHash;

    /// <summary>The path every account page is under.</summary>
    public const string Root = "/account";
    public const string LoginPath = Root + "/login";
    public const string LogoutPath = "/account/logout";
    public const string ConfirmEmailPath = "/account/confirm-email";
    public const string ForgotPasswordPath = "/account/forgot-password";
    public const string ResetPasswordPath = "/account/reset-password";
    public const string SignedOutPath = "/account/signed-out";

    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, async (HttpContext http, IOpenIddictApplicationManager applications, string? returnUrl) =>
            SignInForm(SafeReturnUrl(returnUrl), null, null, await ClientNameAsync(applications, SafeReturnUrl(returnUrl), http.RequestAborted)));
        endpoints.MapPost(LoginPath, LoginAsync).DisableAntiforgery(); // validated explicitly below, with a page for failures
        endpoints.MapGet(LogoutPath, () => WebPage.Render<SignOutPage>(new() { [nameof(SignOutPage.Action)] = LogoutPath }));
        endpoints.MapPost(LogoutPath, LogoutAsync).DisableAntiforgery();
        endpoints.MapGet(SignedOutPath, SignedOut);
        endpoints.MapPasswordPages();
        endpoints.MapInvitationPages();
        endpoints.MapAccountSettingsPages();
        endpoints.MapSecondFactorPages();
        // Any other address under /account is a page too, with a way back: never a bare 404.
        endpoints.MapFallback("/account/{**rest}", () => WebPage.Message("Page not found",
            "There is no page at this address. The link may be mistyped or out of date.", StatusCodes.Status404NotFound,
            new PageLink("Go to sign-in", LoginPath), new PageLink("Forgot your password?", ForgotPasswordPath)));
        return endpoints;
    }

    private static IResult SignInForm(string returnUrl, string? email, string? error, string? clientName, int status = StatusCodes.Status200OK) =>
        WebPage.Render<SignInPage>(new()
        {
            [nameof(SignInPage.ReturnUrl)] = returnUrl, [nameof(SignInPage.Email)] = email, [nameof(SignInPage.Error)] = error,
            [nameof(SignInPage.ClientName)] = clientName,
        }, status);

    private static async Task<IResult> LoginAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, SignInManager<Account> signIn, RateLimits limits,
        IOpenIddictApplicationManager applications, IOptions<OidcOptions> options, MembershipDbContext db, TimeProvider clock)
    {
        var rule = new RateLimitRule("sign-in", options.Value.SignInsPerAddressPerMinute, TimeSpan.FromMinutes(1));
        var (form, refused) = await ReadPostedFormAsync(http, antiforgery, limits, rule, LoginPath);
        if (form is null)
        {
            return refused!;
        }

        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var email = form["email"].ToString().Trim();
        var account = await users.FindByEmailAsync(email);
        async Task<IResult> Refused(string message, int status) =>
            SignInForm(returnUrl, email, message, await ClientNameAsync(applications, returnUrl, http.RequestAborted), status);
        if (account is null)
        {
            // Hash the password all the same, so the time of the answer does not tell which addresses have accounts.
            var nobody = new Account { UserName = string.Empty };
            _unknownAccountHash ??= users.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(nobody, _unknownAccountHash, form["password"].ToString());
            await CountFailureAsync(users, db, clock, email);
            return await Refused(WrongPassword, StatusCodes.Status401Unauthorized);
        }

        // The password first: only someone who knows it learns that the account is locked or unconfirmed.
        var locked = await users.IsLockedOutAsync(account);
        if (!await users.CheckPasswordAsync(account, form["password"].ToString()))
        {
            await CountFailureAsync(users, db, clock, email);
            return await Refused(WrongPassword, StatusCodes.Status401Unauthorized);
        }

        if (locked)
        {
            return await Refused("This account is locked after too many failed sign-ins. Try again later, or reset your password.", StatusCodes.Status423Locked);
        }

        if (account.DisabledAt is not null)
        {
            return await Refused("This account is disabled. Contact the association's office.", StatusCodes.Status403Forbidden);
        }

        if (!await signIn.CanSignInAsync(account))
        {
            return await Refused("Confirm your e-mail address first: follow the link we sent you.", StatusCodes.Status401Unauthorized);
        }

        if (await SecondFactor.RequiredAsync(users, account))
        {
            return await SecondFactorPages.BeginAsync(http, users, signIn, account, returnUrl); // failed attempts keep counting until the code
        }

        await users.ResetAccessFailedCountAsync(account);
        await signIn.SignInAsync(account, isPersistent: false);
        return Results.LocalRedirect(returnUrl);
    }

    private const string WrongPassword = "The e-mail address or password is wrong.";

    /// <summary>
    /// One UPDATE of the accounts for every wrong password, whatever the address: it counts towards the lockout of an
    /// account that can still fail (in the statement itself, so parallel guesses all count) and locks it at the limit,
    /// and changes nothing for an unknown address or an account locked now, so the database work does not tell which
    /// addresses have accounts. The same rule as Identity's AccessFailedAsync, without its reads.
    /// </summary>
    internal static async Task CountFailureAsync(UserManager<Account> users, MembershipDbContext db, TimeProvider clock, string email)
    {
        var lockout = users.Options.Lockout;
        var now = clock.GetUtcNow();
        var max = Math.Max(1, lockout.MaxFailedAccessAttempts);
        DateTimeOffset? lockedUntil = now + lockout.DefaultLockoutTimeSpan;
        var normalized = users.NormalizeEmail(email);
        var stamp = Guid.NewGuid().ToString();
        await db.Users.Where(u => u.NormalizedEmail == normalized && u.LockoutEnabled && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max ? lockedUntil : u.LockoutEnd)
                .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= max ? 0 : u.AccessFailedCount + 1)
                .SetProperty(u => u.ConcurrencyStamp, stamp));
    }

    /// <summary>
    /// The posted form, once the address is within its rate limit (when there is one) and the anti-forgery token holds;
    /// otherwise the page that refuses it.
    /// </summary>
    internal static async Task<(IFormCollection? Form, IResult? Refused)> ReadPostedFormAsync(
        HttpContext http, IAntiforgery antiforgery, RateLimits limits, RateLimitRule? rule, string formPath)
    {
        if (rule is not null && await TooManyAsync(http, limits, rule, formPath) is { } tooMany)
        {
            return (null, tooMany);
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return (null, FormExpired(formPath));
        }

        return (await http.Request.ReadFormAsync(http.RequestAborted), null);
    }

    /// <summary>A 429 page with Retry-After once the client address has used up the rule's window; null while within it.</summary>
    private static async Task<IResult?> TooManyAsync(HttpContext http, RateLimits limits, RateLimitRule rule, string formPath)
    {
        var decision = await limits.TryAcquireAsync(rule, RateLimits.AddressKey(http.Connection.RemoteIpAddress), http.RequestAborted);
        if (decision.Allowed)
        {
            return null;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return WebPage.Message("Too many attempts", $"Too many attempts from your address. Try again in {seconds} seconds.",
            StatusCodes.Status429TooManyRequests, new PageLink("Back to the form", formPath));
    }

    /// <summary>A post whose anti-forgery token is missing or stale: a page that leads back to a fresh form.</summary>
    internal static IResult FormExpired(string formPath) =>
        WebPage.Message("The form expired", "The form expired. Reload the page and try again.", StatusCodes.Status400BadRequest,
            new PageLink("Open the form again", formPath));

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return FormExpired(LogoutPath);
        }

        await signIn.SignOutAsync();
        return SignedOut();
    }

    private static IResult SignedOut() =>
        WebPage.Message("Signed out", "You are signed out.", StatusCodes.Status200OK, new PageLink("Sign in again", LoginPath));

    /// <summary>
    /// Only paths on this host: a sign-in page must not send people to another site. Browsers drop tabs and line breaks
    /// from URLs (<c>/\t/evil.example</c> becomes <c>//evil.example</c>), so any control character or backslash refuses it.
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 4096 && returnUrl[0] == '/'
            && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            ? returnUrl
            : "/";

    /// <summary>The display name of the client a return URL to /connect/authorize names; null for any other return URL.</summary>
    private static async Task<string?> ClientNameAsync(IOpenIddictApplicationManager applications, string returnUrl, CancellationToken cancellation)
    {
        var query = returnUrl.IndexOf('?', StringComparison.Ordinal);
        if (query < 0 || !returnUrl.AsSpan(0, query).Equals("/" + ConnectEndpoints.Authorize, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var clientId = QueryHelpers.ParseQuery(returnUrl[query..])["client_id"].ToString();
        var application = clientId.Length is > 0 and <= 100 ? await applications.FindByClientIdAsync(clientId, cancellation) : null;
        return application is null ? null : await applications.GetDisplayNameAsync(application, cancellation);
    }

    internal static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    internal static string? Decode(string? code)
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
