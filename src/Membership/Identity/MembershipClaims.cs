namespace Membership.Identity;

/// <summary>Claim types and role names the API reads from a caller's token.</summary>
public static class MembershipClaims
{
    public const string MemberId = "member_id";
    public const string AgencyId = "agency_id";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string Subject = "sub";

    /// <summary>The client a token was issued to.</summary>
    public const string ClientId = "client_id";

    /// <summary>A hash of the account's security stamp when the token was issued: a password reset changes it.</summary>
    public const string AccountStamp = "account_stamp";

    /// <summary>"user" for a person's token, "client" for a client-credentials token (scripts, partner systems).</summary>
    public const string Actor = "principal_type";
}

public static class Roles
{
    public const string Member = "Member";
    public const string Staff = "Staff";
    public const string Admin = "Admin";

    public static readonly string[] All = [Member, Staff, Admin];
}

/// <summary>The API's OAuth scopes. README lists what each grants.</summary>
public static class ApiScopes
{
    /// <summary>The signed-in member's own record, private fields included (<c>me</c>).</summary>
    public const string Self = "membership.self";

    /// <summary>The member directory: members who opted in, without private fields.</summary>
    public const string Directory = "membership.directory";

    /// <summary>Certificate verification by partner agencies.</summary>
    public const string Verification = "certification.verify";

    /// <summary>Conference ticket check-in by scanners.</summary>
    public const string CheckIn = "ticket.checkin";

    /// <summary>Staff operations; granted only to staff users and to clients staff register for it.</summary>
    public const string Staff = "membership.staff";

    public static readonly string[] All = [Self, Directory, Verification, CheckIn, Staff];

    /// <summary>The resource (token audience) every API scope grants access to.</summary>
    public const string Audience = "membership-api";
}
