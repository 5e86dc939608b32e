using System.Security.Claims;
using Membership.Identity.Accounts;
using Membership.Identity.Pages;
using Membership.Pages;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Membership.Identity.Oidc;

/// <summary>
/// The OIDC endpoints OpenIddict hands to us (authorize, token, userinfo, end-session); discovery, JWKS,
/// introspection and revocation OpenIddict answers itself.
/// </summary>
public static class ConnectEndpoints
{
    /// <summary>The segment every OIDC endpoint below is under.</summary>
    public const string Root = "connect";
    public const string Authorize = Root + "/authorize";
    public const string Token = "connect/token";
    public const string UserInfo = "connect/userinfo";
    public const string Introspect = "connect/introspect";
    public const string Revoke = "connect/revoke";
    public const string Logout = "connect/logout";

    /// <summary>Scopes a front end gets without a consent screen: who the person is, and staying signed in.</summary>
    private static readonly HashSet<string> BasicScopes = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess];

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/" + Authorize, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).DisableAntiforgery();
        endpoints.MapPost("/" + Token, TokenAsync).DisableAntiforgery();
        endpoints.MapMethods("/" + UserInfo, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).DisableAntiforgery();
        endpoints.MapMethods("/" + Logout, [HttpMethods.Get, HttpMethods.Post], LogoutAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, TokenClaims claims,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations)
    {
        if (await OidcErrorPage.ForAsync(http) is { } error)
        {
            return error; // an error OpenIddict could not send back to the client: the person gets a page
        }

        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
        if (await ScopeRequests.FirstRefusedAsync(applications, application, request.GetScopes(), http.RequestAborted) is { } refused)
        {
            return Refuse(Errors.InvalidScope, $"This application may not ask for the scope '{refused}'.");
        }

        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = signedIn.Succeeded ? await users.GetUserAsync(signedIn.Principal) : null;
        // A session without the second factor its account needs (one from before it was required) signs in again.
        if (account is null || request.HasPromptValue(PromptValues.Login) || !await SecondFactor.SatisfiedAsync(users, account, signedIn.Principal))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back to this request after signing in, without prompt=login (or the loop would never end).
            var parameters = (http.Request.HasFormContentType ? http.Request.Form.AsEnumerable() : http.Request.Query)
                .Where(p => p.Key != Parameters.Prompt && !p.Key.StartsWith("__", StringComparison.Ordinal) && p.Key != "consent").ToList();
            var prompt = string.Join(' ', request.GetPromptValues().Remove(PromptValues.Login));
            if (prompt.Length > 0)
            {
                parameters.Add(new(Parameters.Prompt, prompt));
            }

            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var roles = await users.GetRolesAsync(account);
        var scopes = TokenClaims.AllowedForUser(request.GetScopes(), roles.Contains(Roles.Staff) || roles.Contains(Roles.Admin), account.MemberId is not null).ToList();
        var applicationId = await applications.GetIdAsync(application);
        var granted = await authorizations.FindAsync(account.Id.ToString(), applicationId, Statuses.Valid, AuthorizationTypes.Permanent, [.. scopes]).ToListAsync();

        var answer = http.Request.HasFormContentType ? http.Request.Form["consent"].ToString() : string.Empty;
        if (answer.Length > 0 && !await antiforgery.IsRequestValidAsync(http))
        {
            return Refuse(Errors.InvalidRequest, "The consent form expired.");
        }

        if (answer == "deny")
        {
            return Refuse(Errors.AccessDenied, "The user refused the application access.");
        }

        var consentNeeded = (granted.Count == 0 && scopes.Any(s => !BasicScopes.Contains(s))) || request.HasPromptValue(PromptValues.Consent);
        if (consentNeeded && answer != "accept")
        {
            return request.HasPromptValue(PromptValues.None)
                ? Refuse(Errors.ConsentRequired, "The user has not allowed this application.")
                : ConsentPage(http, await applications.GetDisplayNameAsync(application) ?? request.ClientId!, account.Email ?? account.UserName ?? string.Empty, scopes);
        }

        var identity = SecondFactor.Carry(await claims.ForUserAsync(account, scopes), signedIn.Principal);
        if (granted.Count == 0)
        {
            // The permanent authorization remembers the consent; the tokens get an ad-hoc one per sign-in from OpenIddict,
            // so revoking one session's refresh token ends that session only (see SessionRevocation).
            await authorizations.CreateAsync(
                identity: identity, subject: account.Id.ToString(), client: applicationId!, type: AuthorizationTypes.Permanent, scopes: identity.GetScopes());
        }

        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<Account> users, SignInManager<Account> signIn, TokenClaims claims, IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the secret and that the client may ask for these scopes.
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
            return Results.SignIn(new ClaimsPrincipal(await claims.ForClientAsync(application, request.GetScopes())),
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var account = Guid.TryParse(result.Principal?.GetClaim(Claims.Subject), out var subject) ? await users.FindByIdAsync(subject.ToString()) : null;
            // A password reset (or anything else that changes the stamp) ends the sessions that began before it.
            if (account is null || result.Principal!.GetClaim(TokenClaims.SecurityStamp) != await users.GetSecurityStampAsync(account)
                || !await signIn.CanSignInAsync(account) || await users.IsLockedOutAsync(account) || account.DisabledAt is not null
                || !await SecondFactor.SatisfiedAsync(users, account, result.Principal)) // e.g. a staff session from before the second factor
            {
                return Refuse(Errors.InvalidGrant, "The account can no longer sign in.");
            }

            // Claims are read again: roles or the linked member may have changed since the code was issued.
            var identity = SecondFactor.Carry(await claims.ForUserAsync(account, result.Principal!.GetScopes()), result.Principal);
            identity.SetAuthorizationId(result.Principal!.GetAuthorizationId());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, UserManager<Account> users)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        // A client-credentials token names a client, not an account: there is no user to describe.
        var account = principal is not null && Guid.TryParse(principal.GetClaim(Claims.Subject), out var subject)
            ? await users.FindByIdAsync(subject.ToString())
            : null;
        if (account is null || principal is null)
        {
            return Results.Challenge(Error(Errors.InvalidToken, "The token does not name an account."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var info = new Dictionary<string, object?> { [Claims.Subject] = account.Id.ToString() };
        if (principal.HasScope(Scopes.Profile))
        {
            info[Claims.Name] = account.DisplayName;
            info[Claims.PreferredUsername] = account.UserName;
        }

        if (principal.HasScope(Scopes.Email))
        {
            info[Claims.Email] = account.Email;
            info[Claims.EmailVerified] = account.EmailConfirmed;
        }

        return Results.Ok(info);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn, IOpenIddictApplicationManager applications)
    {
        if (await OidcErrorPage.ForAsync(http) is { } error)
        {
            return error;
        }

        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType || http.Request.Form["confirm"] != "yes")
        {
            var request = http.GetOpenIddictServerRequest();
            var application = request?.ClientId is { Length: > 0 and <= 100 } clientId ? await applications.FindByClientIdAsync(clientId, http.RequestAborted) : null;
            return WebPage.Render<SignOutPage>(new()
            {
                [nameof(SignOutPage.Action)] = "/" + Logout,
                [nameof(SignOutPage.Hidden)] = request?.GetParameters().Select(p => new KeyValuePair<string, string?>(p.Key, (string?)p.Value)).ToList(),
                [nameof(SignOutPage.ClientName)] = application is null ? null : await applications.GetDisplayNameAsync(application, http.RequestAborted),
            });
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return AccountPages.FormExpired("/" + Logout);
        }

        await signIn.SignOutAsync();
        // OpenIddict sends the browser to the client's registered post_logout_redirect_uri, if it gave one.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = AccountPages.SignedOutPath }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult ConsentPage(HttpContext http, string application, string account, List<string> scopes) =>
        WebPage.Render<ConsentPage>(new()
        {
            [nameof(Pages.ConsentPage.Application)] = application, [nameof(Pages.ConsentPage.Account)] = account,
            [nameof(Pages.ConsentPage.Scopes)] = scopes, [nameof(Pages.ConsentPage.Action)] = "/" + Authorize,
            [nameof(Pages.ConsentPage.Hidden)] = (http.Request.HasFormContentType ? http.Request.Form.AsEnumerable() : http.Request.Query)
                .Where(p => !p.Key.StartsWith("__", StringComparison.Ordinal) && p.Key != "consent")
                .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString())).ToList(),
        });

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(Error(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    private static IEnumerable<KeyValuePair<string, StringValues>> AsEnumerable(this IFormCollection form) => form;
}

/// <summary>What each scope lets an application do, in words for the consent page and the README.</summary>
public static class ScopeDescriptions
{
    public static string Describe(string scope) => scope switch
    {
        Scopes.OpenId => "Know who you are",
        Scopes.Profile => "See your name",
        Scopes.Email => "See your e-mail address",
        Scopes.OfflineAccess => "Stay signed in when you are away",
        ApiScopes.Self => "See and use your membership record, including your contact details",
        ApiScopes.Directory => "See the member directory (members who chose to be listed)",
        ApiScopes.Staff => "Act as association staff",
        ApiScopes.CheckIn => "Check in conference tickets",
        ApiScopes.Verification => "Verify certificates",
        _ => scope,
    };
}
