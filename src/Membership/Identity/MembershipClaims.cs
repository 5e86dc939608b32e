namespace Membership.Identity;

/// <summary>Claim types and role names the API reads from a caller's token.</summary>
public static class MembershipClaims
{
    public const string MemberId = "member_id";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string Subject = "sub";
}

public static class Roles
{
    public const string Member = "Member";
    public const string Staff = "Staff";
    public const string Admin = "Admin";
}
