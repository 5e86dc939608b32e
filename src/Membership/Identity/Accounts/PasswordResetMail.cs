using Membership.Data;
using Membership.Identity.Oidc;
using Membership.Identity.Pages;
using Membership.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Identity.Accounts;

/// <summary>
/// "Forgot your password?": a reset link queued in the outbox for a confirmed account, nothing for any other address.
/// No SMTP in the request, so the answer and its time are the same for every address whatever the mail server does.
/// </summary>
public static class PasswordResetMail
{
    public static async Task RequestAsync(HttpContext http, string email)
    {
        var services = http.RequestServices;
        var users = services.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByEmailAsync(email.Trim());
        if (account is null || !await users.IsEmailConfirmedAsync(account))
        {
            return;
        }

        var code = AccountPages.Encode(await users.GeneratePasswordResetTokenAsync(account));
        var link = services.GetRequiredService<PublicLinks>().To(AccountPages.ResetPasswordPath, ("userId", account.Id.ToString()), ("code", code));
        await services.GetRequiredService<MembershipDbContext>().QueueMailNowAsync(new MailMessage(MailKinds.PasswordReset, account.Email!, "Reset your password",
            $"Someone asked to reset the password of your membership account. If it was you, open this link:\n\n{link}\n\nIf not, ignore this message.")
        {
            HoldsCredential = true,
        }, services.GetRequiredService<AssociationCalendar>(), http.RequestAborted);
    }
}
