using System.Security.Claims;
using System.Text.Encodings.Web;
using Membership.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Tests.Infrastructure;

/// <summary>Who a test request acts as. Tests about authentication itself use real tokens instead.</summary>
public sealed record TestIdentity(string Header, string? AccessToken = null)
{
    /// <summary>A real access token from the OIDC server, sent as <c>Authorization: Bearer</c>.</summary>
    public static TestIdentity Bearer(string accessToken) => new(string.Empty, accessToken);

    public static TestIdentity? Anonymous => null;
    public static readonly TestIdentity Staff = new("staff");

    /// <summary>A staff user who also holds the Admin role (the audit log, erasure).</summary>
    public static readonly TestIdentity Admin = new("admin");

    /// <summary>A staff tool's client acting for itself with the staff scope (client credentials).</summary>
    public static readonly TestIdentity StaffClient = new("staff-client");

    /// <summary>Signed in, but neither staff nor linked to a member (e.g. a partner client).</summary>
    public static readonly TestIdentity Partner = new("partner");

    public static TestIdentity Member(Guid memberId) => new($"member:{memberId}");

    /// <summary>A partner agency's client (verification scope) acting for that agency.</summary>
    public static TestIdentity PartnerOf(Guid agencyId) => new($"partner:{agencyId}");
}

/// <summary>Reads <c>X-Test-Identity</c>; registered only by the test host.</summary>
internal sealed class TestAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string HeaderName = "X-Test-Identity";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // The claims our OIDC server puts in tokens, so the same policies and resolver checks apply.
        var claims = new List<Claim> { new(MembershipClaims.Subject, header), new(MembershipClaims.Actor, "user") };
        if (header is "staff" or "admin")
        {
            claims.Add(new Claim(MembershipClaims.Role, Roles.Staff));
            claims.Add(new Claim(MembershipClaims.Scope, ApiScopes.Staff));
            if (header == "admin")
            {
                claims.Add(new Claim(MembershipClaims.Role, Roles.Admin));
            }
        }
        else if (header == "staff-client")
        {
            claims[1] = new Claim(MembershipClaims.Actor, "client");
            claims.Add(new Claim(MembershipClaims.ClientId, header));
            claims.Add(new Claim(MembershipClaims.Scope, ApiScopes.Staff));
        }
        else if (header.StartsWith("member:", StringComparison.Ordinal))
        {
            claims.Add(new Claim(MembershipClaims.Role, Roles.Member));
            claims.Add(new Claim(MembershipClaims.MemberId, header["member:".Length..]));
            claims.Add(new Claim(MembershipClaims.Scope, ApiScopes.Self));
            claims.Add(new Claim(MembershipClaims.Scope, ApiScopes.Directory));
        }
        else
        {
            claims[1] = new Claim(MembershipClaims.Actor, "client");
            claims.Add(new Claim(MembershipClaims.Scope, ApiScopes.Verification));
            if (header.StartsWith("partner:", StringComparison.Ordinal))
            {
                claims.Add(new Claim(MembershipClaims.AgencyId, header["partner:".Length..]));
            }
        }

        var identity = new ClaimsIdentity(claims, SchemeName, MembershipClaims.Subject, MembershipClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
