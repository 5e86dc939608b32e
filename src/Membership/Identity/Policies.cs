using Microsoft.AspNetCore.Authorization;

namespace Membership.Identity;

/// <summary>
/// Static policies, checked by the GraphQL authorization rule per field and type. Ownership ("this member's
/// own email") is not a static policy: resolvers check it through <see cref="Caller"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in caller.</summary>
    public const string Authenticated = nameof(Authenticated);

    /// <summary>Association staff (role Staff or Admin).</summary>
    public const string Staff = nameof(Staff);

    /// <summary>May list members who opted into the directory: members and staff.</summary>
    public const string DirectoryReader = nameof(DirectoryReader);

    public static AuthorizationBuilder AddMembershipPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Authenticated, p => p.RequireAuthenticatedUser())
        .AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff, Roles.Admin))
        .AddPolicy(DirectoryReader, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.User.IsInRole(Roles.Staff) || c.User.IsInRole(Roles.Admin) || c.User.HasClaim(x => x.Type == MembershipClaims.MemberId)));
}
