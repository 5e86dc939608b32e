using Membership.Data;
using Membership.Identity.Oidc;
using Membership.Identity.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Identity.Accounts;

/// <summary>
/// "Forgot your password?": a reset link queued in the outbox for a confirmed account, nothing for any other address.
/// No SMTP in the request, and the answer is padded to a minimum time (<see cref="AnswerTimeFloor"/>), so the answer and
/// its time are the same for every address. At most one mail per account and window: one inbox cannot be flooded.
/// </summary>
public static class PasswordResetMail
{
    public static async Task RequestAsync(HttpContext http, string email)
    {
        var floor = http.RequestServices.GetRequiredService<AnswerTimeFloor>();
        var started = floor.Start();
        await QueueAsync(http, email);
        await floor.PadAsync(started, http.RequestAborted);
    }

    private static async Task QueueAsync(HttpContext http, string email)
    {
        var services = http.RequestServices;
        var users = services.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByEmailAsync(email.Trim());
        if (account is null || !await users.IsEmailConfirmedAsync(account))
        {
            return;
        }

        var calendar = services.GetRequiredService<AssociationCalendar>();
        var key = DedupeKey(account, calendar.Now(), services.GetRequiredService<IOptions<OidcOptions>>().Value.PasswordResetMailWindow);
        var db = services.GetRequiredService<MembershipDbContext>();
        if (await db.IsQueuedAsync(key, http.RequestAborted))
        {
            return; // the link mailed earlier in this window still works
        }

        var code = AccountPages.Encode(await users.GeneratePasswordResetTokenAsync(account));
        var link = services.GetRequiredService<PublicLinks>().To(AccountPages.ResetPasswordPath, ("userId", account.Id.ToString()), ("code", code));
        try
        {
            await db.QueueMailNowAsync(new MailMessage(MailKinds.PasswordReset, account.Email!, "Reset your password",
                $"Someone asked to reset the password of your membership account. If it was you, open this link:\n\n{link}\n\nIf not, ignore this message.")
            {
                HoldsCredential = true,
                DedupeKey = key,
            }, calendar, http.RequestAborted);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear(); // a racing request queued this window's mail a moment ago
        }
    }

    /// <summary>One key per account and fixed window of <paramref name="window"/>.</summary>
    private static string DedupeKey(Account account, DateTimeOffset now, TimeSpan window)
    {
        var ticks = Math.Max(TimeSpan.TicksPerMinute, window.Ticks);
        return $"password-reset:{account.Id}:{now.UtcTicks / ticks}";
    }
}
