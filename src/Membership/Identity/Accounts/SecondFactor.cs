using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Membership.Identity.Accounts;

/// <summary>
/// The second factor: an authenticator app's code (TOTP, Identity's authenticator support) or a one-time recovery code.
/// Staff accounts must have one; a member may turn it on. A browser passed it when its sign-in cookie carries
/// <c>amr=mfa</c>; the codes, refresh tokens and access tokens made from that session carry it too, and no staff-role
/// token is issued or refreshed without it.
/// </summary>
public static class SecondFactor
{
    /// <summary>The authentication methods reference (RFC 8176): "mfa" once the second factor was passed.</summary>
    public const string MethodClaim = Claims.AuthenticationMethodReference;
    public const string Passed = "mfa";

    /// <summary>How many recovery codes an account gets at a time (Identity's generator; each works once).</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>Staff (and admins) always; anyone else once they turned it on.</summary>
    public static async Task<bool> RequiredAsync(UserManager<Account> users, Account account) =>
        await users.GetTwoFactorEnabledAsync(account) || IsStaff(await users.GetRolesAsync(account));

    public static bool IsStaff(IEnumerable<string> roles) => roles.Contains(Roles.Staff) || roles.Contains(Roles.Admin);

    /// <summary>Whether a cookie's or a token's principal shows the second factor was passed.</summary>
    public static bool PassedIn(ClaimsPrincipal? principal) => principal?.HasClaim(MethodClaim, Passed) == true;

    /// <summary>May this session (or the token made from it) stand for the account: it passed the second factor, or needs none.</summary>
    public static async Task<bool> SatisfiedAsync(UserManager<Account> users, Account account, ClaimsPrincipal? principal) =>
        PassedIn(principal) || !await RequiredAsync(users, account);

    /// <summary>Puts <c>amr</c> into a token's identity when the session it comes from passed the second factor.</summary>
    public static ClaimsIdentity Carry(ClaimsIdentity identity, ClaimsPrincipal? session)
    {
        if (PassedIn(session))
        {
            identity.SetClaims(MethodClaim, ["pwd", Passed]);
            foreach (var claim in identity.FindAll(MethodClaim))
            {
                claim.SetDestinations(Destinations.AccessToken, Destinations.IdentityToken);
            }
        }

        return identity;
    }

    /// <summary>Signs the account in with the second factor passed (the cookie's <c>amr</c> claim), ending the half-way sign-in.</summary>
    public static async Task SignInAsync(SignInManager<Account> signIn, Account account)
    {
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim(MethodClaim, Passed)]);
    }

    /// <summary>
    /// The sign-in cookie is rebuilt from the account on every request (the security stamp check); Identity drops the
    /// <c>amr</c> claim when it does, so it is carried over here.
    /// </summary>
    public static IServiceCollection AddSecondFactor(this IServiceCollection services) =>
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (PassedIn(context.CurrentPrincipal) && context.NewPrincipal?.Identity is ClaimsIdentity identity && !PassedIn(context.NewPrincipal))
            {
                identity.AddClaim(new Claim(MethodClaim, Passed));
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// Takes the account's authenticator away (admin recovery for a lost phone): a new unconfirmed key, no recovery codes,
    /// the second factor off. The security stamp changes, so its sessions and refresh tokens end; a staff account sets up
    /// a new authenticator at its next sign-in.
    /// </summary>
    public static async Task<IdentityResult> ResetAsync(UserManager<Account> users, Account account)
    {
        var off = await users.SetTwoFactorEnabledAsync(account, false);
        if (!off.Succeeded)
        {
            return off;
        }

        await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0);
        return await users.ResetAuthenticatorKeyAsync(account);
    }
}
