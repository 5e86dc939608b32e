using System.Security.Claims;

namespace Membership.Identity;

/// <summary>Who is asking: the signed-in member, a staff user, a partner client, or nobody.</summary>
public sealed class Caller(ClaimsPrincipal principal)
{
    public static readonly Caller Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    public ClaimsPrincipal Principal { get; } = principal;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public bool IsStaff => IsAuthenticated && (Principal.IsInRole(Roles.Staff) || Principal.IsInRole(Roles.Admin));

    /// <summary>The member record the caller's account is linked to, if any.</summary>
    public Guid? MemberId =>
        Guid.TryParse(Principal.FindFirst(MembershipClaims.MemberId)?.Value, out var id) ? id : null;

    public bool IsMember(Guid memberId) => MemberId == memberId;

    /// <summary>Staff, or the member themself: the only callers who see a member's private fields.</summary>
    public bool MaySeePrivateDataOf(Guid memberId) => IsStaff || IsMember(memberId);
}
