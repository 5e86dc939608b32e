using Membership.GraphQL;

namespace Membership.Members;

/// <summary>
/// Other members named in a mutation (officers an agency pays for, attendees an agency names). Whatever keeps one out
/// (no such member, another agency or an unconfirmed claim, a membership that is not current, suspended or cancelled),
/// the caller gets the same code and message, so a user error never tells them what they may not read.
/// </summary>
public static class OtherMembers
{
    public const string CannotIncludeMessage = "This member cannot be included by you.";

    public static UserErrors CannotInclude(this UserErrors errors, params string[] field) =>
        errors.Add(UserErrorCodes.CannotIncludeMember, CannotIncludeMessage, field);

    /// <summary>A colleague an officer may name for their agency: staff confirmed the agency and the membership is current (ACTIVE or GRACE).</summary>
    public static bool IsCurrentOfficerOf(Member? member, Guid? agencyId, DateOnly today) =>
        member is not null && agencyId is not null && member.AgencyId == agencyId && member.AgencyConfirmedAt is not null
        && MembershipStatusRules.IsInGoodStanding(MembershipStatusRules.Compute(member.CurrentTerm, member.SuspendedAt, today));
}
