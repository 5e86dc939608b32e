using System.Security.Claims;
using OpenIddict.Abstractions;

namespace Membership.Identity;

/// <summary>
/// Who is asking, read from the token's claims and scopes: a member, a staff user, a client of a partner agency or
/// of staff, or nobody. A right needs both: the person or client has it, and the token was granted its scope.
/// One instance per request (scoped); the claims are read once, on first use, as resolvers of one level ask in parallel.
/// </summary>
public sealed class Caller(ClaimsPrincipal principal)
{
    public static readonly Caller Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly Lazy<Facts> _facts = new(() => Facts.Read(principal), LazyThreadSafetyMode.PublicationOnly);

    public ClaimsPrincipal Principal { get; } = principal;

    /// <summary>Read once: the principal's <c>Identity</c> walks its identities through a boxed enumerator on every call.</summary>
    public bool IsAuthenticated { get; } = principal.Identity?.IsAuthenticated == true;

    /// <summary>OpenIddict's own scope claims, or a standard "scope"/"scp" claim from an external issuer.</summary>
    public bool HasScope(string scope) => IsAuthenticated && _facts.Value.Scopes.Contains(scope);

    /// <summary>A client acting for itself (client credentials), not for a person.</summary>
    public bool IsClient => _facts.Value.IsClient;

    public bool IsStaff => HasScope(ApiScopes.Staff) && (IsClient || IsInRole(Roles.Staff) || IsInRole(Roles.Admin));

    public bool IsAdmin => HasScope(ApiScopes.Staff) && IsInRole(Roles.Admin);

    /// <summary>
    /// As <see cref="ClaimsPrincipal.IsInRole"/> (each identity's role claims, values compared ordinally), from the
    /// roles read once: the principal's own check walks every claim through boxed enumerators, and a page of members
    /// asks it for every guarded field of every member.
    /// </summary>
    public bool IsInRole(string role) => _facts.Value.Roles.Contains(role);

    /// <summary>The member the caller is, when the token may act on the member's own records.</summary>
    public Guid? MemberId => HasScope(ApiScopes.Self) ? _facts.Value.MemberId : null;

    public bool IsDirectoryReader => IsStaff || HasScope(ApiScopes.Directory);

    /// <summary>The agency a partner client verifies for.</summary>
    public Guid? AgencyId => HasScope(ApiScopes.Verification) ? _facts.Value.AgencyId : null;

    /// <summary>
    /// The token's subject: the account's id for a person, the client's id for a client acting for itself; null without
    /// one. Records that name who did something fall back to a word of their own ("unknown", "staff", "scanner").
    /// </summary>
    public string? Subject => Principal.FindFirst(MembershipClaims.Subject)?.Value;

    /// <summary>The client the token was issued to (its <c>client_id</c> claim); null when the token names none.</summary>
    public string? ClientId => Principal.FindFirst(MembershipClaims.ClientId)?.Value;

    /// <summary>The client, or else the subject: what verification logs and per-client limits are keyed by.</summary>
    public string? ClientOrSubject => ClientId ?? Subject;

    public bool IsMember(Guid memberId) => MemberId == memberId;

    /// <summary>Staff, or the member themself: the only callers who see a member's private fields.</summary>
    public bool MaySeePrivateDataOf(Guid memberId) => IsStaff || IsMember(memberId);

    /// <summary>The claims the checks above read, parsed once.</summary>
    private sealed record Facts(HashSet<string> Scopes, HashSet<string> Roles, bool IsClient, Guid? MemberId, Guid? AgencyId)
    {
        public static Facts Read(ClaimsPrincipal principal)
        {
            var scopes = new HashSet<string>(principal.GetScopes(), StringComparer.Ordinal);
            foreach (var claim in principal.FindAll(c => c.Type is MembershipClaims.Scope or "scp"))
            {
                scopes.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }

            var roles = new HashSet<string>(StringComparer.Ordinal);
            foreach (var identity in principal.Identities)
            {
                roles.UnionWith(identity.FindAll(identity.RoleClaimType).Select(c => c.Value));
            }

            return new Facts(
                scopes,
                roles,
                principal.FindFirst(MembershipClaims.Actor)?.Value == "client",
                Guid.TryParse(principal.FindFirst(MembershipClaims.MemberId)?.Value, out var member) ? member : null,
                Guid.TryParse(principal.FindFirst(MembershipClaims.AgencyId)?.Value, out var agency) ? agency : null);
        }
    }
}
