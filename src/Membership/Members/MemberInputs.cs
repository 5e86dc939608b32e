using Membership.GraphQL;
using GraphQL.Types;

namespace Membership.Members;

public sealed class MailingAddressInput
{
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
}

internal sealed class MailingAddressInputType : InputObjectGraphType<MailingAddressInput>
{
    public MailingAddressInputType()
    {
        Name = "MailingAddressInput";
        Field<NonNullGraphType<StringGraphType>>("line1");
        Field<StringGraphType>("line2");
        Field<NonNullGraphType<StringGraphType>>("city");
        Field<NonNullGraphType<StringGraphType>>("state").Description("Two-letter state code.");
        Field<NonNullGraphType<StringGraphType>>("postalCode").Description("ZIP code: 12345 or 12345-6789.");
    }
}

public sealed class RegisterMemberInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public MailingAddressInput? MailingAddress { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? AgencyId { get; set; }
    public string? JobTitle { get; set; }
    public MemberCategory Category { get; set; }
    public bool SwornOfficer { get; set; }
    public DateOnly? SroSince { get; set; }
    public string? State { get; set; }
    public bool DirectoryOptIn { get; set; }
    public string? PlanId { get; set; }
    public DateOnly? StartsOn { get; set; }
    public bool Activate { get; set; }
}

internal sealed class RegisterMemberInputType : InputObjectGraphType<RegisterMemberInput>
{
    public RegisterMemberInputType()
    {
        Name = "RegisterMemberInput";
        Field<NonNullGraphType<StringGraphType>>("firstName");
        Field<NonNullGraphType<StringGraphType>>("lastName");
        Field<NonNullGraphType<StringGraphType>>("email").Description("Unique across members (case ignored).");
        Field<StringGraphType>("phone");
        Field<MailingAddressInputType>("mailingAddress");
        Field<DateOnlyGraphType>("dateOfBirth");
        Field<IdGraphType>("agencyId");
        Field<StringGraphType>("jobTitle");
        Field<NonNullGraphType<MemberCategoryType>>("category");
        Field<NonNullGraphType<BooleanGraphType>>("swornOfficer").Description("Required true for REGULAR members.");
        Field<DateOnlyGraphType>("sroSince");
        Field<NonNullGraphType<StringGraphType>>("state").Description("Two-letter code of the state the member lives and works in; decides the region.");
        Field<NonNullGraphType<BooleanGraphType>>("directoryOptIn").DefaultValue(false);
        Field<NonNullGraphType<IdGraphType>>("planId").Description("An active plan for the member's category.");
        Field<DateOnlyGraphType>("startsOn").Description("First day of the first term; default today.");
        Field<NonNullGraphType<BooleanGraphType>>("activate").DefaultValue(false)
            .Description("Start the membership now (dues paid offline or waived). Otherwise the member is PENDING until paid.");
    }
}

internal sealed class UpdateMemberInputType : InputObjectGraphType
{
    public UpdateMemberInputType()
    {
        Name = "UpdateMemberInput";
        Description = "Only the fields given change; null clears an optional field.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("firstName");
        Field<StringGraphType>("lastName");
        Field<StringGraphType>("email");
        Field<StringGraphType>("phone");
        Field<MailingAddressInputType>("mailingAddress");
        Field<DateOnlyGraphType>("dateOfBirth");
        Field<IdGraphType>("agencyId").Description("The member's agency. Only staff change it: the affiliation grants rights at the agency (its ticket orders, its dues).");
        Field<StringGraphType>("jobTitle");
        Field<MemberCategoryType>("category").Description("Must match the plan of the current term (PLAN_CATEGORY_MISMATCH).");
        Field<BooleanGraphType>("swornOfficer");
        Field<DateOnlyGraphType>("sroSince");
        Field<StringGraphType>("state");
        Field<BooleanGraphType>("directoryOptIn");
        Field<BooleanGraphType>("renewalRemindersEnabled").Description("Mail renewal reminders (false turns them off).");
    }
}

internal sealed class UpdateMyProfileInputType : InputObjectGraphType
{
    public UpdateMyProfileInputType()
    {
        Name = "UpdateMyProfileInput";
        Description = "Only the fields given change; null clears an optional field.";
        Field<StringGraphType>("phone");
        Field<MailingAddressInputType>("mailingAddress");
        Field<StringGraphType>("jobTitle");
        Field<BooleanGraphType>("directoryOptIn").Description("Be listed in the member directory.");
        Field<BooleanGraphType>("renewalRemindersEnabled").Description("Mail me renewal reminders before my membership ends (false turns them off; receipts still come).");
    }
}

public sealed class MemberReasonInput
{
    public string? MemberId { get; set; }
    public string? Reason { get; set; }
}

internal sealed class SuspendMemberInputType : InputObjectGraphType<MemberReasonInput>
{
    public SuspendMemberInputType()
    {
        Name = "SuspendMemberInput";
        Field<NonNullGraphType<IdGraphType>>("memberId");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Kept for staff; never shown to others.");
    }
}

internal sealed class CancelMembershipInputType : InputObjectGraphType<MemberReasonInput>
{
    public CancelMembershipInputType()
    {
        Name = "CancelMembershipInput";
        Field<NonNullGraphType<IdGraphType>>("memberId");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Kept for staff.");
    }
}

internal sealed class ReinstateMemberInputType : InputObjectGraphType<MemberReasonInput>
{
    public ReinstateMemberInputType()
    {
        Name = "ReinstateMemberInput";
        Field<NonNullGraphType<IdGraphType>>("memberId");
    }
}

internal sealed class RegisterMemberPayloadType() : PayloadType<Member, MemberType>("RegisterMemberPayload", "member", "The member registered, or why not.");

internal sealed class UpdateMemberPayloadType() : PayloadType<Member, MemberType>("UpdateMemberPayload", "member", "The member as changed, or why not.");

internal sealed class SuspendMemberPayloadType() : PayloadType<Member, MemberType>("SuspendMemberPayload", "member", "The member, now suspended, or why not.");

internal sealed class ReinstateMemberPayloadType() : PayloadType<Member, MemberType>("ReinstateMemberPayload", "member", "The member, no longer suspended, or why not.");

internal sealed class CancelMembershipPayloadType() : PayloadType<Member, MemberType>("CancelMembershipPayload", "member", "The member whose current term is cancelled, or why not.");
