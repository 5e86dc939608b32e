using Microsoft.AspNetCore.Authorization;

namespace Membership.Identity;

/// <summary>
/// Static policies, checked by the GraphQL authorization rule per field and type. Ownership ("this member's
/// own email") is not a static policy: resolvers check it through <see cref="Caller"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any caller with a valid token.</summary>
    public const string Authenticated = nameof(Authenticated);

    /// <summary>Association staff: a staff user's token, or a staff client's, with the staff scope.</summary>
    public const string Staff = nameof(Staff);

    /// <summary>A staff user with the Admin role and the staff scope: the audit log, erasing members. No client is an admin.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>A member acting on their own records (<c>me</c>).</summary>
    public const string Member = nameof(Member);

    /// <summary>May list members who opted into the directory.</summary>
    public const string DirectoryReader = nameof(DirectoryReader);

    /// <summary>Verifies certificates in bulk: a partner agency's client, or staff.</summary>
    public const string Verifier = nameof(Verifier);

    /// <summary>Checks conference tickets in: staff, or a client (a scanner) granted the check-in scope.</summary>
    public const string Scanner = nameof(Scanner);

    public static AuthorizationBuilder AddMembershipPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Authenticated, p => p.RequireAuthenticatedUser())
        .AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireAssertion(c => new Caller(c.User).IsStaff))
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireAssertion(c => new Caller(c.User).IsAdmin))
        .AddPolicy(Member, p => p.RequireAuthenticatedUser().RequireAssertion(c => new Caller(c.User).MemberId is not null))
        .AddPolicy(Verifier, p => p.RequireAuthenticatedUser().RequireAssertion(c => new Caller(c.User) is var caller && (caller.IsStaff || caller.HasScope(ApiScopes.Verification))))
        .AddPolicy(Scanner, p => p.RequireAuthenticatedUser().RequireAssertion(c => new Caller(c.User) is var caller && (caller.IsStaff || caller.HasScope(ApiScopes.CheckIn))))
        .AddPolicy(DirectoryReader, p => p.RequireAuthenticatedUser().RequireAssertion(c => new Caller(c.User).IsDirectoryReader));
}
