using Membership.Data;
using Membership.GraphQL;
using Membership.Identity.Accounts;
using Membership.Identity.Oidc;
using Membership.Members;
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
using OpenIddict.Abstractions;
using static Membership.Identity.Pages.AccountPages;

namespace Membership.Identity.Pages;

/// <summary>
/// A signed-in person changes their password or their e-mail address (both ask for the current password). A new address
/// takes effect only from the link mailed to it; the member's contact address changes with the sign-in address, and
/// the old address is told. The answer to a new address is the same whether or not another account uses it.
/// </summary>
internal static class AccountSettingsPages
{
    public const string ChangePasswordPath = "/account/change-password";
    public const string ChangeEmailPath = "/account/change-email";
    public const string ConfirmEmailChangePath = "/account/confirm-email-change";

    public static IEndpointRouteBuilder MapAccountSettingsPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ChangePasswordPath, (HttpContext http, UserManager<Account> users) =>
            SignedInAsync(http, users, ChangePasswordPath, _ => PasswordForm(null)));
        endpoints.MapPost(ChangePasswordPath, ChangePasswordAsync).DisableAntiforgery(); // validated explicitly, with a page for failures
        endpoints.MapGet(ChangeEmailPath, (HttpContext http, UserManager<Account> users) =>
            SignedInAsync(http, users, ChangeEmailPath, account => EmailForm(account.Email, null, sent: false)));
        endpoints.MapPost(ChangeEmailPath, ChangeEmailAsync).DisableAntiforgery();
        endpoints.MapGet(ConfirmEmailChangePath, ConfirmEmailChangeAsync);
        return endpoints;
    }

    /// <summary>The page for the signed-in account; the sign-in form, coming back here, for anyone else.</summary>
    private static async Task<IResult> SignedInAsync(HttpContext http, UserManager<Account> users, string path, Func<Account, IResult> page) =>
        await AccountAsync(http, users) is { } account ? page(account) : Results.Redirect($"{LoginPath}?returnUrl={Uri.EscapeDataString(path)}");

    /// <summary>The account of the browser's sign-in cookie (checked against the security stamp); null when signed out.</summary>
    private static async Task<Account?> AccountAsync(HttpContext http, UserManager<Account> users)
    {
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return cookie.Succeeded && await users.GetUserAsync(cookie.Principal) is { DisabledAt: null } account ? account : null;
    }

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext http, IAntiforgery antiforgery, RateLimits limits, IOptions<OidcOptions> options, UserManager<Account> users,
        SignInManager<Account> signIn, IOpenIddictTokenManager tokens, MembershipDbContext db, AssociationCalendar calendar)
    {
        var rule = new RateLimitRule("sign-in", options.Value.SignInsPerAddressPerMinute, TimeSpan.FromMinutes(1)); // guessing the current password is signing in
        var (form, refused) = await ReadPostedFormAsync(http, antiforgery, limits, rule, ChangePasswordPath);
        if (form is null)
        {
            return refused!;
        }

        if (await AccountAsync(http, users) is not { } account)
        {
            return Results.Redirect($"{LoginPath}?returnUrl={Uri.EscapeDataString(ChangePasswordPath)}");
        }

        var result = await users.ChangePasswordAsync(account, form["currentPassword"].ToString(), form["newPassword"].ToString());
        if (!result.Succeeded)
        {
            var message = result.Errors.Any(e => e.Code == "PasswordMismatch") ? "The current password is wrong." : string.Join(" ", result.Errors.Select(e => e.Description));
            return PasswordForm(message, StatusCodes.Status400BadRequest);
        }

        // The new stamp ends the other sessions (cookies, refresh tokens); revoking ends their tokens' userinfo and
        // introspection too; this browser stays signed in.
        await tokens.RevokeBySubjectAsync(account.Id.ToString(), http.RequestAborted);
        await signIn.RefreshSignInAsync(account);
        await db.QueueMailNowAsync(new MailMessage(MailKinds.AccountChanged, account.Email!, "Your password was changed",
            "The password of your membership account was just changed, and every other sign-in ended. If it was not you, "
            + "choose a new password with \"Forgot your password?\" on the sign-in page and tell the association's office."), calendar, http.RequestAborted);
        return WebPage.Message("Password changed", "Your password is changed. Other devices signed in to your account are signed out.",
            StatusCodes.Status200OK, new PageLink("Change your e-mail address", ChangeEmailPath));
    }

    private static async Task<IResult> ChangeEmailAsync(
        HttpContext http, IAntiforgery antiforgery, RateLimits limits, IOptions<OidcOptions> options, UserManager<Account> users,
        MembershipDbContext db, AssociationCalendar calendar, PublicLinks links)
    {
        var rule = new RateLimitRule("sign-in", options.Value.SignInsPerAddressPerMinute, TimeSpan.FromMinutes(1));
        var (form, refused) = await ReadPostedFormAsync(http, antiforgery, limits, rule, ChangeEmailPath);
        if (form is null)
        {
            return refused!;
        }

        if (await AccountAsync(http, users) is not { } account)
        {
            return Results.Redirect($"{LoginPath}?returnUrl={Uri.EscapeDataString(ChangeEmailPath)}");
        }

        var errors = new UserErrors();
        var email = errors.Email(form["email"].ToString().Trim(), MemberRules.EmailMaxLength, "email");
        if (errors.Any)
        {
            return EmailForm(account.Email, errors.Items[0].Message, sent: false, StatusCodes.Status400BadRequest);
        }

        if (!await users.CheckPasswordAsync(account, form["password"].ToString()))
        {
            return EmailForm(account.Email, "The current password is wrong.", sent: false, StatusCodes.Status400BadRequest);
        }

        // An address in use gets no mail and the same answer: the form does not tell who has an account.
        if (!await AddressInUseAsync(db, users, account, email, http.RequestAborted))
        {
            var code = Encode(await users.GenerateChangeEmailTokenAsync(account, email));
            var link = links.To(ConfirmEmailChangePath, ("userId", account.Id.ToString()), ("email", email), ("code", code));
            await db.QueueMailNowAsync(new MailMessage(MailKinds.AccountChanged, email, "Confirm your new e-mail address",
                $"Someone, perhaps you, asked to sign in to their membership account with this address from now on. To confirm, open:\n\n{link}\n\n"
                + "Until then nothing changes. If it was not you, ignore this message.") { HoldsCredential = true }, calendar, http.RequestAborted);
        }

        return EmailForm(account.Email, null, sent: true);
    }

    /// <summary>
    /// The link from the new address: the account's sign-in address, its confirmation and the member's contact address
    /// change together, in one transaction, and the old address is told. Identity's token holds the new address and the
    /// security stamp, so it works for that address only, and not after a password change.
    /// </summary>
    private static async Task<IResult> ConfirmEmailChangeAsync(
        HttpContext http, UserManager<Account> users, MembershipDbContext db, AssociationCalendar calendar, string? userId, string? email, string? code)
    {
        var ct = http.RequestAborted;
        var account = Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        var decoded = Decode(code);
        if (account is null || decoded is null || string.IsNullOrWhiteSpace(email)
            || !await users.VerifyUserTokenAsync(account, users.Options.Tokens.ChangeEmailTokenProvider, UserManager<Account>.GetChangeEmailTokenPurpose(email), decoded))
        {
            return NotChanged("This link is not valid or has expired. Ask for a new one on the page where you change your address.");
        }

        var old = account.Email!;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (await AddressInUseAsync(db, users, account, email, ct))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return NotChanged("This address can no longer be used for your account. Choose another one.");
            }

            var changed = await users.ChangeEmailAsync(account, email, decoded);
            var renamed = changed.Succeeded ? await users.SetUserNameAsync(account, email) : changed;
            if (!renamed.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return NotChanged("This address can no longer be used for your account. Choose another one.");
            }

            if (account.MemberId is { } memberId && await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, ct) is { } member)
            {
                member.Email = email;
                member.EmailNormalized = MemberRules.NormalizeEmail(email);
                member.UpdatedAt = calendar.Now();
            }

            db.QueueMail(AccountAddress.ChangedNotice(old), calendar);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return NotChanged("This address can no longer be used for your account. Choose another one."); // taken a moment ago
        }

        return WebPage.Message("E-mail address changed", $"You now sign in with {email}. Devices that were signed in must sign in again.",
            StatusCodes.Status200OK, new PageLink("Sign in", LoginPath));
    }

    /// <summary>Another account or another member has the address (in any case).</summary>
    private static async Task<bool> AddressInUseAsync(MembershipDbContext db, UserManager<Account> users, Account account, string email, CancellationToken ct)
    {
        var normalized = MemberRules.NormalizeEmail(email);
        return (await users.FindByEmailAsync(email) is { } other && other.Id != account.Id)
            || await db.Members.AnyAsync(m => m.EmailNormalized == normalized && m.Id != account.MemberId, ct);
    }

    private static IResult NotChanged(string message) =>
        WebPage.Message("E-mail address not changed", message, StatusCodes.Status400BadRequest, new PageLink("Change your e-mail address", ChangeEmailPath));

    private static IResult PasswordForm(string? error, int status = StatusCodes.Status200OK) =>
        WebPage.Render<ChangePasswordPage>(new() { [nameof(ChangePasswordPage.Error)] = error }, status);

    private static IResult EmailForm(string? current, string? error, bool sent, int status = StatusCodes.Status200OK) =>
        WebPage.Render<ChangeEmailPage>(new()
        {
            [nameof(ChangeEmailPage.Current)] = current, [nameof(ChangeEmailPage.Error)] = error, [nameof(ChangeEmailPage.Sent)] = sent,
        }, status);
}
