using Membership.Data;
using Membership.Identity.Accounts;
using Membership.Members;
using Membership.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static Membership.Identity.Pages.AccountPages;

namespace Membership.Identity.Pages;

/// <summary>
/// Claiming an account from an invitation's link: the member chooses a password, the account is made (linked to the
/// member, address confirmed by the link) and signed in, and the browser goes on to the return URL (an authorize
/// request of the member portal, say) or to a page that says the account is ready.
/// </summary>
internal static class InvitationPages
{
    public const string ClaimPath = "/account/claim";

    public static IEndpointRouteBuilder MapInvitationPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ClaimPath, OpenAsync);
        endpoints.MapPost(ClaimPath, ClaimAsync).DisableAntiforgery(); // validated explicitly, with a page for failures
        return endpoints;
    }

    private static async Task<IResult> OpenAsync(HttpContext http, MembershipDbContext db, UserManager<Account> users, TimeProvider clock, string? token, string? returnUrl)
    {
        var found = await AccountInvitations.FindAsync(db, token, http.RequestAborted);
        if (await RefusalAsync(db, found, clock.GetUtcNow(), http.RequestAborted) is { } refused)
        {
            return refused;
        }

        return Form(token!, SafeReturnUrl(returnUrl), found!.Value.Member.Email, error: null);
    }

    private static async Task<IResult> ClaimAsync(
        HttpContext http, IAntiforgery antiforgery, RateLimits limits, MembershipDbContext db, UserManager<Account> users, SignInManager<Account> signIn,
        TimeProvider clock)
    {
        var (form, formRefused) = await ReadPostedFormAsync(http, antiforgery, limits, rule: null, LoginPath);
        if (form is null)
        {
            return formRefused!;
        }

        var ct = http.RequestAborted;
        var token = form["token"].ToString();
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var found = await AccountInvitations.FindAsync(db, token, ct);
        if (await RefusalAsync(db, found, clock.GetUtcNow(), ct) is { } refused)
        {
            return refused;
        }

        var member = found!.Value.Member;
        var account = new Account
        {
            UserName = member.Email, Email = member.Email, EmailConfirmed = true, MemberId = member.Id,
            DisplayName = $"{member.FirstName} {member.LastName}".Trim(), CreatedAt = clock.GetUtcNow(),
        };
        var password = form["password"].ToString();
        var weak = await WeakPasswordAsync(users, account, password);
        if (weak is not null)
        {
            return Form(token, returnUrl, member.Email, weak, StatusCodes.Status400BadRequest);
        }

        account.PasswordHash = users.PasswordHasher.HashPassword(account, password); // before the transaction: PBKDF2 holds no lock
        if (await CreateAsync(db, users, account, token, member, clock.GetUtcNow(), ct) is { } failed)
        {
            return failed;
        }

        await signIn.SignInAsync(account, isPersistent: false);
        return returnUrl != "/"
            ? Results.LocalRedirect(returnUrl)
            : WebPage.Message("Your account is ready", $"You are signed in as {member.Email}. From now on, sign in with this address and your new password.",
                StatusCodes.Status200OK, new PageLink("Go to sign-in", LoginPath));
    }

    /// <summary>Claims the invitation and makes the account in one transaction (UserManager writes through the request's context).</summary>
    private static async Task<IResult?> CreateAsync(MembershipDbContext db, UserManager<Account> users, Account account, string token, Member member,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (!await AccountInvitations.TryClaimAsync(db, token, member.EmailNormalized, now, ct))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return UsedPage(); // a racing request with the same link won
            }

            var created = await users.CreateAsync(account);
            var role = created.Succeeded ? await users.AddToRoleAsync(account, Roles.Member) : created;
            if (!role.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return role.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                    ? AddressInUsePage()
                    : throw new InvalidOperationException("The invited member's account was refused: " + string.Join(" ", role.Errors.Select(e => e.Code)));
            }

            await transaction.CommitAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return UsedPage(); // the member got an account a moment ago (the unique member link of accounts)
        }
    }

    /// <summary>The page for a link that cannot be claimed (unknown, used, expired, replaced); null when it can.</summary>
    private static async Task<IResult?> RefusalAsync(MembershipDbContext db, (AccountInvitation Invitation, Member Member)? found, DateTimeOffset now, CancellationToken ct)
    {
        if (found is not { } f)
        {
            return NotValidPage();
        }

        if (f.Invitation.ClaimedAt is not null || await db.Users.AnyAsync(u => u.MemberId == f.Member.Id, ct))
        {
            return UsedPage();
        }

        return f.Invitation.ExpiresAt <= now || f.Invitation.Email != f.Member.EmailNormalized ? ExpiredPage() : null;
    }

    private static IResult NotValidPage() => WebPage.Message("This link is not valid",
        "This invitation link is not valid: it may be mistyped, or a newer invitation replaced it (only the latest one works). "
        + "Use the link in the latest invitation mail, or ask the association's office to send you a new one.",
        StatusCodes.Status400BadRequest, new PageLink("Go to sign-in", LoginPath));

    private static IResult ExpiredPage() => WebPage.Message("This invitation has expired",
        $"An invitation link works for {AccountInvitations.Validity.TotalDays:0} days, at the address it was sent to. "
        + "Ask the association's office to send you a new invitation.",
        StatusCodes.Status410Gone, new PageLink("Go to sign-in", LoginPath));

    private static IResult UsedPage() => WebPage.Message("This invitation was already used",
        "Your account is already set up. Sign in with your e-mail address and password, or choose a new password if you forgot it.",
        StatusCodes.Status410Gone, new PageLink("Sign in", LoginPath), new PageLink("Forgot your password?", ForgotPasswordPath));

    private static IResult AddressInUsePage() => WebPage.Message("This address already has an account",
        "An account already signs in with this e-mail address. Sign in with it, or choose a new password if you forgot it.",
        StatusCodes.Status409Conflict, new PageLink("Sign in", LoginPath), new PageLink("Forgot your password?", ForgotPasswordPath));

    private static IResult Form(string token, string returnUrl, string email, string? error, int status = StatusCodes.Status200OK) =>
        WebPage.Render<ClaimAccountPage>(new()
        {
            [nameof(ClaimAccountPage.Token)] = token, [nameof(ClaimAccountPage.ReturnUrl)] = returnUrl,
            [nameof(ClaimAccountPage.Email)] = email, [nameof(ClaimAccountPage.Error)] = error,
        }, status);

    /// <summary>Identity's password rules, as one message; null when the password passes them.</summary>
    internal static async Task<string?> WeakPasswordAsync(UserManager<Account> users, Account account, string password)
    {
        var messages = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            messages.AddRange((await validator.ValidateAsync(users, account, password)).Errors.Select(e => e.Description));
        }

        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}
