using Membership.Data;
using Membership.GraphQL;
using Membership.Identity.Accounts;
using Membership.Identity.Clients;
using Membership.Identity.Cors;
using Membership.Identity.Pages;
using Membership.Members;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Membership.Identity.Oidc;

/// <summary>
/// Accounts (ASP.NET Core Identity), the OIDC server (OpenIddict) and token validation for the API. With
/// <c>Oidc:Authority</c> set, the local server is left out and the API trusts that issuer instead.
/// </summary>
public static class IdentitySetup
{
    public static IServiceCollection AddMembershipIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(OidcOptions.Section);
        services.Configure<OidcOptions>(section);
        var options = section.Get<OidcOptions>() ?? new OidcOptions();
        var development = environment.IsDevelopment();
        var allowHttp = development || options.AllowHttp; // Oidc:AllowHttp: the escape hatch for local runs
        var dataDirectory = DataDirectory.Resolve(configuration, environment.ContentRootPath);

        // Identity and OpenIddict stores take the request's context from DI; GraphQL resolvers keep using the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<MembershipDbContext>>().CreateDbContext());

        // Every instance encrypts cookies and tokens of Identity with the same keys: they live in the database.
        services.AddDataProtection().SetApplicationName("membership-api").PersistKeysToDbContext<MembershipDbContext>();

        services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = options.LockoutDuration;
                o.SignIn.RequireConfirmedEmail = true;
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                o.ClaimsIdentity.RoleClaimType = Claims.Role;
                o.ClaimsIdentity.UserNameClaimType = Claims.Name;
                o.ClaimsIdentity.EmailClaimType = Claims.Email;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<MembershipDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            // In place of Identity's authenticator provider (system clock, codes reusable within their window).
            .AddTokenProvider<AuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);
        // A browser's sign-in cookie is checked against the account's security stamp on every use (only the sign-in pages
        // and /connect/authorize read it): a password reset signs every browser out at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddSecondFactor();

        // The API authenticates bearer tokens; only the sign-in pages use Identity's cookie.
        services.AddAuthentication(o => o.DefaultScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = AccountPages.LoginPath;
                o.LogoutPath = AccountPages.LogoutPath;
                o.Cookie.Name = "membership.signin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = allowHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            }));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "membership.antiforgery";
            o.Cookie.SecurePolicy = allowHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        // Behind the load balancer TLS ends there; its X-Forwarded-Proto (from a known proxy) says the request was HTTPS.
        services.Configure<ForwardedHeadersOptions>(o => TransportSecurity.ConfigureForwardedHeaders(o, configuration));

        var openIddict = services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<MembershipDbContext>());

        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            openIddict.AddServer(o =>
            {
                o.SetAuthorizationEndpointUris(ConnectEndpoints.Authorize)
                    .SetTokenEndpointUris(ConnectEndpoints.Token)
                    .SetUserInfoEndpointUris(ConnectEndpoints.UserInfo)
                    .SetIntrospectionEndpointUris(ConnectEndpoints.Introspect)
                    .SetRevocationEndpointUris(ConnectEndpoints.Revoke)
                    .SetEndSessionEndpointUris(ConnectEndpoints.Logout);
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                o.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, .. ApiScopes.All]);
                // The authorize endpoint checks the client's scopes itself, to answer invalid_scope to the client (ScopeRequests).
                o.RemoveEventHandler(OpenIddict.Server.OpenIddictServerHandlers.Authentication.ValidateScopePermissions.Descriptor);
                o.SetAccessTokenLifetime(Min(options.AccessTokenLifetime, TimeSpan.FromMinutes(60)))
                    .SetRefreshTokenLifetime(Min(options.RefreshTokenLifetime, TimeSpan.FromDays(14)))
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero); // a spent refresh token is refused at once
                o.DisableAccessTokenEncryption(); // signed JWTs any resource server can check against the JWKS
                o.Configure(server =>
                {
                    // Keys load when the server's options are first needed, so host commands such as `migrate` need none.
                    server.SigningCredentials.Add(SigningKeys.SigningCredentials(options, dataDirectory, development));
                    server.EncryptionCredentials.Add(SigningKeys.EncryptingCredentials(options, dataDirectory, development));
                    server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain); // S256 only
                });
                if (!string.IsNullOrWhiteSpace(options.Issuer))
                {
                    o.SetIssuer(new Uri(options.Issuer));
                }
                else if (!development && !string.IsNullOrWhiteSpace(options.PublicBaseUrl))
                {
                    // Never the request's Host header: behind a load balancer every instance names the same issuer.
                    o.SetIssuer(new Uri(options.PublicBaseUrl));
                }

                // Our checks around OpenIddict's: one answer and a limit for failed client authentications; revoking a
                // refresh token ends its session.
                o.AddEventHandler(ClientAuthenticationGuard.Descriptor).AddEventHandler(SessionRevocation.Descriptor);

                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableErrorPassthrough(); // errors a client cannot receive become pages (OidcErrorPage)
                if (allowHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement(); // HTTPS everywhere else
                }
            });
            services.AddLeasedJob<TokenPruning>();
        }

        openIddict.AddValidation(o =>
        {
            if (string.IsNullOrWhiteSpace(options.Authority))
            {
                o.UseLocalServer();
                o.AddEventHandler(TokenStatusCheck.Descriptor); // revoked, disabled, locked or reset: refused within a minute
            }
            else
            {
                o.SetIssuer(new Uri(options.Authority));
                o.UseSystemNetHttp();
            }

            // A token seen before skips parsing and its signature check; every other check still runs (ValidatedTokens).
            o.AddEventHandler(RestoreValidatedToken.Descriptor).AddEventHandler(RememberValidatedToken.Descriptor);
            o.AddAudiences(ApiScopes.Audience);
            // A bearer token only in the Authorization header (RFC 6750 §2.1): never in a URL, where proxies, logs and
            // browser history keep it, nor in a form body, which would have to be read before the request is known.
            o.UseAspNetCore().DisableAccessTokenExtractionFromQueryString().DisableAccessTokenExtractionFromBodyForm();
        });

        services.AddScoped<TokenClaims>();
        services.AddSingleton<TokenStatus>();
        services.AddSingleton<ValidatedTokens>();
        services.AddScoped<Clients.ClientRegistry>();
        services.AddScoped<Clients.ClientRegistration>();
        services.AddHttpContextAccessor();
        services.AddCrossOriginAccess(configuration);
        services.AddAuthorizationBuilder().AddMembershipPolicies();
        services.AddScoped(sp => new Caller(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? Caller.Anonymous.Principal));
        services.AddSingleton<PublicLinks>(); // every absolute link to this API (mail, checkout, PDFs) is built by it
        services.AddSingleton<AnswerTimeFloor>();
        services.AddScoped<AccountLoaders>();
        services.AddFieldsTo<Member>(AccountLoaders.AddAccountFields);
        services.AddRootFields(
            query: q => q.AddClientQueries(),
            mutation: m =>
            {
                m.AddJoinMutation();
                m.AddClientMutations();
                m.AddInvitationMutations();
                m.AddAccountStatusMutations();
                m.AddAuthenticatorMutations();
            });
        return services;
    }

    /// <summary>
    /// Outside Development, credentials over plain http are refused before anything reads them: called right after the
    /// forwarded headers (which tell a request the load balancer received over https), before authentication.
    /// </summary>
    public static WebApplication UseMembershipTransportSecurity(this WebApplication app)
    {
        StartupChecks.EnsureDeployable(app.Configuration, app.Environment);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OidcOptions>>().Value;
        if (!app.Environment.IsDevelopment())
        {
            if (options.AllowHttp)
            {
                app.Logger.LogWarning("Oidc:AllowHttp is on: tokens, secrets and passwords are accepted over plain http. Use it for local runs only.");
            }
            else
            {
                app.UseHttpsForCredentials();
            }
        }

        return app;
    }

    public static WebApplication UseMembershipIdentity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OidcOptions>>().Value;
        app.MapAccountPages();
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            app.MapConnectEndpoints();
        }

        return app;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
