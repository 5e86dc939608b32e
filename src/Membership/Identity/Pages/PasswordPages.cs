using Membership.Data;
using Membership.Identity.Accounts;
using Membership.Identity.Oidc;
using Membership.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static Membership.Identity.Pages.AccountPages;

namespace Membership.Identity.Pages;

/// <summary>E-mail confirmation, the forgotten-password form and the password reset from its link.</summary>
internal static class PasswordPages
{
    private const string LinkNotValid = "This link is not valid or has expired.";

    public static IEndpointRouteBuilder MapPasswordPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ConfirmEmailPath, ConfirmEmailAsync);
        endpoints.MapGet(ForgotPasswordPath, () => ForgotForm(sent: false, email: null));
        endpoints.MapPost(ForgotPasswordPath, ForgotPasswordAsync).DisableAntiforgery();
        endpoints.MapGet(ResetPasswordPath, (string? userId, string? code) => ResetForm(userId, code, null));
        endpoints.MapPost(ResetPasswordPath, ResetPasswordAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> ConfirmEmailAsync(UserManager<Account> users, string? userId, string? code)
    {
        var account = await FindAsync(users, userId);
        var decoded = Decode(code);
        if (account is null || decoded is null || !(await users.ConfirmEmailAsync(account, decoded)).Succeeded)
        {
            return WebPage.Message("E-mail not confirmed", LinkNotValid + " A confirmation link works once, for a limited time.",
                StatusCodes.Status400BadRequest, new PageLink("Try to sign in", LoginPath));
        }

        return WebPage.Message("E-mail confirmed", "Thank you. Your e-mail address is confirmed, and you can now sign in.",
            StatusCodes.Status200OK, new PageLink("Sign in", LoginPath));
    }

    private static IResult ForgotForm(bool sent, string? email) =>
        WebPage.Render<ForgotPasswordPage>(new() { [nameof(ForgotPasswordPage.Sent)] = sent, [nameof(ForgotPasswordPage.Email)] = email });

    private static async Task<IResult> ForgotPasswordAsync(
        HttpContext http, IAntiforgery antiforgery, RateLimits limits, IOptions<OidcOptions> options)
    {
        var rule = new RateLimitRule("password-reset", options.Value.PasswordResetsPerAddressPerHour, TimeSpan.FromHours(1));
        var (form, refused) = await ReadPostedFormAsync(http, antiforgery, limits, rule, ForgotPasswordPath);
        if (form is null)
        {
            return refused!;
        }

        await PasswordResetMail.RequestAsync(http, form["email"].ToString()); // queued in the outbox: no SMTP in the request

        // The same answer whether or not the address has an account: the page reveals no member.
        return ForgotForm(sent: true, email: null);
    }

    private static IResult ResetForm(string? userId, string? code, string? error, int status = StatusCodes.Status200OK) =>
        WebPage.Render<ResetPasswordPage>(new()
        {
            [nameof(ResetPasswordPage.UserId)] = userId, [nameof(ResetPasswordPage.Code)] = code, [nameof(ResetPasswordPage.Error)] = error,
        }, status);

    private static async Task<IResult> ResetPasswordAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, IOpenIddictTokenManager tokens, RateLimits limits)
    {
        var (form, refused) = await ReadPostedFormAsync(http, antiforgery, limits, rule: null, ForgotPasswordPath);
        if (form is null)
        {
            return refused!;
        }

        var userId = form["userId"].ToString();
        var code = form["code"].ToString();
        var account = await FindAsync(users, userId);
        var decoded = Decode(code);
        if (account is null || decoded is null)
        {
            return ResetForm(userId, code, LinkNotValid, StatusCodes.Status400BadRequest);
        }

        var result = await users.ResetPasswordAsync(account, decoded, form["password"].ToString());
        if (!result.Succeeded)
        {
            return ResetForm(userId, code, string.Join(" ", result.Errors.Select(e => e.Description)), StatusCodes.Status400BadRequest);
        }

        await users.SetLockoutEndDateAsync(account, null); // a reset also ends a lockout
        // The reset changed the security stamp, which refresh already checks; revoking also ends userinfo and
        // introspection for the tokens issued before it (and /graphql refuses their access tokens within Oidc:TokenStatusCacheSeconds).
        await tokens.RevokeBySubjectAsync(account.Id.ToString(), http.RequestAborted);
        return WebPage.Message("Password changed", "Your password is changed. You can now sign in with the new password.",
            StatusCodes.Status200OK, new PageLink("Sign in", LoginPath));
    }

    /// <summary>The account a link names; null for an unknown or mangled id (never an exception).</summary>
    private static async Task<Account?> FindAsync(UserManager<Account> users, string? userId) =>
        Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
}
