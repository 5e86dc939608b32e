using System.Security.Claims;
using Membership.Data;
using Membership.Documents;
using Membership.Identity.Accounts;
using Membership.Identity.Oidc;
using Membership.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Membership.Identity.Pages.AccountPages;

namespace Membership.Identity.Pages;

/// <summary>
/// The second step of signing in (<see cref="SecondFactor"/>): the code page, the authenticator's setup with its recovery
/// codes, and the account's security page. Between the password and the code the browser holds Identity's short-lived
/// two-factor cookie (the account's id and security stamp), never the sign-in cookie.
/// </summary>
internal static class SecondFactorPages
{
    public const string CodePath = "/account/two-factor";
    public const string SetupPath = "/account/two-factor/setup";
    public const string SecurityPath = "/account/security";

    private const string WrongCode = "That code is not right. Enter the code your app shows now.";

    public static string CodeUrl(string returnUrl, bool recovery) =>
        CodePath + QueryString.Create(recovery ? [new("returnUrl", returnUrl), new("recovery", "1")] : [new KeyValuePair<string, string?>("returnUrl", returnUrl)]);

    public static string SetupUrl(string returnUrl) => SetupPath + QueryString.Create("returnUrl", returnUrl);

    public static IEndpointRouteBuilder MapSecondFactorPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CodePath, CodeFormAsync);
        endpoints.MapPost(CodePath, CheckCodeAsync).DisableAntiforgery(); // validated explicitly, with a page for failures
        endpoints.MapGet(SetupPath, SetupFormAsync);
        endpoints.MapPost(SetupPath, ConfirmSetupAsync).DisableAntiforgery();
        endpoints.MapGet(SecurityPath, SecurityAsync);
        endpoints.MapPost(SecurityPath, ChangeSecurityAsync).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>After the right password of an account that needs a second factor: half-way signed in, on to the code or the setup.</summary>
    public static async Task<IResult> BeginAsync(HttpContext http, UserManager<Account> users, SignInManager<Account> signIn, Account account, string returnUrl)
    {
        await signIn.SignOutAsync(); // whoever this browser was signed in as, it is nobody until the second step
        await RememberHalfWayAsync(http, users, account);
        return Results.LocalRedirect(await users.GetTwoFactorEnabledAsync(account) ? CodeUrl(returnUrl, recovery: false) : SetupUrl(returnUrl));
    }

    private static async Task RememberHalfWayAsync(HttpContext http, UserManager<Account> users, Account account)
    {
        // The shape Identity's own two-factor cookie has, so its security-stamp check applies to it as well.
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, account.Id.ToString()));
        identity.AddClaim(new Claim(users.Options.ClaimsIdentity.SecurityStampClaimType, await users.GetSecurityStampAsync(account)));
        await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    private static async Task<Account?> HalfWayAsync(HttpContext http, UserManager<Account> users)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return result.Succeeded && Guid.TryParse(result.Principal.FindFirstValue(ClaimTypes.Name), out var id) ? await users.FindByIdAsync(id.ToString()) : null;
    }

    /// <summary>The account fully signed in (with its second factor if it needs one); null otherwise.</summary>
    private static async Task<Account?> SignedInAsync(HttpContext http, UserManager<Account> users)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = result.Succeeded ? await users.GetUserAsync(result.Principal) : null;
        return account is not null && await SecondFactor.SatisfiedAsync(users, account, result.Principal) ? account : null;
    }

    private static IResult SignInAgain(string returnUrl) => Results.LocalRedirect(LoginPath + QueryString.Create("returnUrl", returnUrl));

    private static async Task<IResult> CodeFormAsync(HttpContext http, UserManager<Account> users, string? returnUrl, string? recovery)
    {
        var url = SafeReturnUrl(returnUrl);
        return await HalfWayAsync(http, users) is null ? SignInAgain(url) : CodeForm(url, recovery == "1", error: null);
    }

    private static IResult CodeForm(string returnUrl, bool recovery, string? error, int status = StatusCodes.Status200OK) =>
        WebPage.Render<TwoFactorCodePage>(new()
        {
            [nameof(TwoFactorCodePage.ReturnUrl)] = returnUrl, [nameof(TwoFactorCodePage.Recovery)] = recovery, [nameof(TwoFactorCodePage.Error)] = error,
        }, status);

    private static async Task<IResult> CheckCodeAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, SignInManager<Account> signIn, RateLimits limits,
        IOptions<OidcOptions> options, MembershipDbContext db, TimeProvider clock)
    {
        var (form, returnUrl, account, refused) = await ReadCodeFormAsync(http, antiforgery, users, limits, options, CodePath);
        if (account is null)
        {
            return refused!;
        }

        var recovery = form.ContainsKey("recoveryCode");
        var passed = recovery
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(account, RecoveryCode(form["recoveryCode"]))).Succeeded // spent, or refused
            : await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, Digits(form["code"]));
        if (!passed)
        {
            return await CountFailureAsync(http, users, db, clock, account)
                ?? CodeForm(returnUrl, recovery, recovery ? "That recovery code is not right, or was used already." : WrongCode, StatusCodes.Status401Unauthorized);
        }

        await users.ResetAccessFailedCountAsync(account);
        await SecondFactor.SignInAsync(signIn, account);
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SetupFormAsync(HttpContext http, UserManager<Account> users, SignInManager<Account> signIn, string? returnUrl)
    {
        var url = SafeReturnUrl(returnUrl);
        var halfWay = await HalfWayAsync(http, users);
        var account = halfWay ?? await SignedInAsync(http, users);
        if (account is null)
        {
            return SignInAgain(url);
        }

        if (await users.GetTwoFactorEnabledAsync(account))
        {
            return Results.LocalRedirect(halfWay is null ? SecurityPath : CodeUrl(url, recovery: false));
        }

        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account); // a new key changes the security stamp: the cookie is renewed with it
            key = await users.GetAuthenticatorKeyAsync(account);
            if (halfWay is null)
            {
                // Identity also makes the new principal the request's user; the form's anti-forgery token must be the
                // anonymous one the post will carry (the pages' requests have no user: the default scheme is bearer).
                var user = http.User;
                await signIn.SignInAsync(account, isPersistent: false);
                http.User = user;
            }
            else
            {
                await RememberHalfWayAsync(http, users, account);
            }
        }

        return await RenderSetupAsync(http, users, account, key!, url, error: null);
    }

    private static async Task<IResult> RenderSetupAsync(HttpContext http, UserManager<Account> users, Account account, string key, string returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var brand = http.RequestServices.GetRequiredService<IOptions<BrandingOptions>>().Value;
        var uri = AuthenticatorUri(brand.Name, account.Email ?? account.UserName ?? string.Empty, key);
        return WebPage.Render<AuthenticatorSetupPage>(new()
        {
            [nameof(AuthenticatorSetupPage.SharedKey)] = string.Join(' ', key.Chunk(4).Select(c => new string(c))),
            [nameof(AuthenticatorSetupPage.AuthenticatorUri)] = uri,
            [nameof(AuthenticatorSetupPage.QrSvg)] = QrCodes.Svg(uri),
            [nameof(AuthenticatorSetupPage.Account)] = account.Email,
            [nameof(AuthenticatorSetupPage.Required)] = SecondFactor.IsStaff(await users.GetRolesAsync(account)),
            [nameof(AuthenticatorSetupPage.ReturnUrl)] = returnUrl,
            [nameof(AuthenticatorSetupPage.Error)] = error,
        }, status);
    }

    /// <summary>The key-uri format authenticator apps read from a QR code: issuer, account, the base32 key, 6 digits every 30 s.</summary>
    internal static string AuthenticatorUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";

    private static async Task<IResult> ConfirmSetupAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, SignInManager<Account> signIn, RateLimits limits,
        IOptions<OidcOptions> options, MembershipDbContext db, TimeProvider clock)
    {
        var (form, returnUrl, account, refused) = await ReadCodeFormAsync(http, antiforgery, users, limits, options, SetupPath);
        if (account is null)
        {
            return refused!;
        }

        var key = await users.GetAuthenticatorKeyAsync(account);
        if (await users.GetTwoFactorEnabledAsync(account) || string.IsNullOrEmpty(key))
        {
            return Results.LocalRedirect(SetupUrl(returnUrl)); // set up in another tab meanwhile, or never shown a key
        }

        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, Digits(form["code"])))
        {
            return await CountFailureAsync(http, users, db, clock, account)
                ?? await RenderSetupAsync(http, users, account, key, returnUrl, WrongCode + " Check that the app holds the key below.", StatusCodes.Status400BadRequest);
        }

        // Optimistic concurrency on the account row: of two confirmations racing, one turns it on and shows the codes.
        if (!(await users.SetTwoFactorEnabledAsync(account, true)).Succeeded)
        {
            return Results.LocalRedirect(SetupUrl(returnUrl));
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, SecondFactor.RecoveryCodeCount);
        await users.ResetAccessFailedCountAsync(account);
        await SecondFactor.SignInAsync(signIn, account);
        return RecoveryCodes([.. codes ?? []], returnUrl, intro: null);
    }

    private static IResult RecoveryCodes(IReadOnlyList<string> codes, string continueUrl, string? intro) =>
        WebPage.Render<RecoveryCodesPage>(new()
        {
            [nameof(RecoveryCodesPage.Codes)] = codes, [nameof(RecoveryCodesPage.ContinueUrl)] = continueUrl, [nameof(RecoveryCodesPage.Intro)] = intro,
        });

    private static async Task<IResult> SecurityAsync(HttpContext http, UserManager<Account> users)
    {
        var account = await SignedInAsync(http, users);
        return account is null ? SignInAgain(SecurityPath) : await SecurityFormAsync(users, account, error: null);
    }

    private static async Task<IResult> SecurityFormAsync(UserManager<Account> users, Account account, string? error, int status = StatusCodes.Status200OK) =>
        WebPage.Render<AccountSecurityPage>(new()
        {
            [nameof(AccountSecurityPage.Account)] = account.Email,
            [nameof(AccountSecurityPage.Enabled)] = await users.GetTwoFactorEnabledAsync(account),
            [nameof(AccountSecurityPage.Required)] = SecondFactor.IsStaff(await users.GetRolesAsync(account)),
            [nameof(AccountSecurityPage.RecoveryCodesLeft)] = await users.CountRecoveryCodesAsync(account),
            [nameof(AccountSecurityPage.Error)] = error,
        }, status);

    private static async Task<IResult> ChangeSecurityAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, SignInManager<Account> signIn, RateLimits limits)
    {
        var (form, refused) = await ReadPostedFormAsync(http, antiforgery, limits, rule: null, SecurityPath);
        if (form is null)
        {
            return refused!;
        }

        var account = await SignedInAsync(http, users);
        if (account is null)
        {
            return SignInAgain(SecurityPath);
        }

        var enabled = await users.GetTwoFactorEnabledAsync(account);
        switch (form["action"].ToString())
        {
            case "recovery-codes" when enabled:
                var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, SecondFactor.RecoveryCodeCount);
                return RecoveryCodes([.. codes ?? []], SecurityPath, "New recovery codes are made, and your old ones no longer work.");
            case "turn-off" when enabled && SecondFactor.IsStaff(await users.GetRolesAsync(account)):
                return await SecurityFormAsync(users, account, "Staff accounts cannot turn the authenticator off.", StatusCodes.Status400BadRequest);
            case "turn-off" when enabled:
                await SecondFactor.ResetAsync(users, account);
                await signIn.SignInAsync(account, isPersistent: false); // the stamp changed: this browser stays signed in
                return Results.LocalRedirect(SecurityPath);
            default:
                return await SecurityFormAsync(users, account, "That change is not available.", StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// A posted code, its return URL and the account it is for: the half-way sign-in's (the code page, the setup at
    /// sign-in) or, on the setup page only, the signed-in account's. Otherwise the page that refuses it: too many posts,
    /// an expired form, no sign-in, a locked account.
    /// </summary>
    private static async Task<(IFormCollection Form, string ReturnUrl, Account? Account, IResult? Refused)> ReadCodeFormAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, RateLimits limits, IOptions<OidcOptions> options, string formPath)
    {
        var (form, refused) = await ReadPostedFormAsync(http, antiforgery, limits, CodeRule(options), formPath);
        if (form is null)
        {
            return (FormCollection.Empty, "/", null, refused);
        }

        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var account = await HalfWayAsync(http, users) ?? (formPath == SetupPath ? await SignedInAsync(http, users) : null);
        if (account is null)
        {
            return (form, returnUrl, null, SignInAgain(returnUrl));
        }

        return await users.IsLockedOutAsync(account) ? (form, returnUrl, null, await LockedAsync(http)) : (form, returnUrl, account, null);
    }

    /// <summary>Code attempts share the sign-in's limit per address; wrong codes count towards the account's lockout.</summary>
    private static RateLimitRule CodeRule(IOptions<OidcOptions> options) =>
        new("second-factor", options.Value.SignInsPerAddressPerMinute, TimeSpan.FromMinutes(1));

    /// <summary>Counts a wrong code towards the lockout (atomically, as for passwords); the locked page once the account is locked.</summary>
    private static async Task<IResult?> CountFailureAsync(HttpContext http, UserManager<Account> users, MembershipDbContext db, TimeProvider clock, Account account)
    {
        await AccountPages.CountFailureAsync(users, db, clock, account.Email ?? string.Empty);
        var lockedUntil = await db.Users.AsNoTracking().Where(u => u.Id == account.Id).Select(u => u.LockoutEnd).SingleAsync(http.RequestAborted);
        return lockedUntil > clock.GetUtcNow() ? await LockedAsync(http) : null;
    }

    private static async Task<IResult> LockedAsync(HttpContext http)
    {
        await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        return WebPage.Message("Account locked", "This account is locked after too many wrong codes. Try again later.",
            StatusCodes.Status423Locked, new PageLink("Back to sign-in", LoginPath));
    }

    private static string Digits(string? code) => new([.. (code ?? string.Empty).Where(c => !char.IsWhiteSpace(c))]);

    /// <summary>Identity's recovery codes are upper case, "XXXXX-XXXXX"; people type them in any case, with or without the dash.</summary>
    private static string RecoveryCode(string? code)
    {
        var typed = new string([.. (code ?? string.Empty).Where(char.IsLetterOrDigit)]).ToUpperInvariant();
        return typed.Length == 10 ? $"{typed[..5]}-{typed[5..]}" : typed;
    }
}
