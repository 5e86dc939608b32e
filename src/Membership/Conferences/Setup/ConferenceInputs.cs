using GraphQL.Types;

namespace Membership.Conferences.Setup;

internal sealed class CreateConferenceInputType : InputObjectGraphType
{
    public CreateConferenceInputType()
    {
        Name = "CreateConferenceInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("venue");
        Field<NonNullGraphType<StringGraphType>>("city");
        Field<NonNullGraphType<StringGraphType>>("state").Description("USPS code, e.g. TN.");
        Field<NonNullGraphType<StringGraphType>>("timeZone").Description("IANA time zone of the venue, e.g. America/Chicago.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("startsAt");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("endsAt");
        Field<NonNullGraphType<IntGraphType>>("capacity").Description("Seats for the whole event.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("registrationOpensAt");
        Field<DateTimeOffsetGraphType>("registrationClosesAt").Description("Default: when the conference starts.");
        Field<DateTimeOffsetGraphType>("transferCutoffAt").Description("Default: when the conference starts.");
        Field<DateTimeOffsetGraphType>("refundCutoffAt").Description("Default: when the conference starts.");
        Field<ConferenceStatusType>("status").Description("Default: DRAFT (not shown to the public).");
        Field<BooleanGraphType>("national").Description("The association's annual national conference, whose check-ins record attendance toward the Practitioner designation. Default: true.");
    }
}

internal sealed class UpdateConferenceInputType : InputObjectGraphType
{
    public UpdateConferenceInputType()
    {
        Name = "UpdateConferenceInput";
        Description = "Only the fields given change.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("name");
        Field<StringGraphType>("venue");
        Field<StringGraphType>("city");
        Field<StringGraphType>("state");
        Field<StringGraphType>("timeZone");
        Field<DateTimeOffsetGraphType>("startsAt");
        Field<DateTimeOffsetGraphType>("endsAt");
        Field<IntGraphType>("capacity");
        Field<DateTimeOffsetGraphType>("registrationOpensAt");
        Field<DateTimeOffsetGraphType>("registrationClosesAt");
        Field<DateTimeOffsetGraphType>("transferCutoffAt");
        Field<DateTimeOffsetGraphType>("refundCutoffAt");
        Field<ConferenceStatusType>("status");
        Field<BooleanGraphType>("national");
    }
}

internal sealed class CreateTicketTypeInputType : InputObjectGraphType
{
    public CreateTicketTypeInputType()
    {
        Name = "CreateTicketTypeInput";
        Description = "Prices are in minor units (cents) of the currency.";
        Field<NonNullGraphType<IdGraphType>>("conferenceId");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<IntGraphType>>("memberPrice");
        Field<NonNullGraphType<IntGraphType>>("nonMemberPrice");
        Field<IntGraphType>("earlyBirdMemberPrice");
        Field<IntGraphType>("earlyBirdNonMemberPrice");
        Field<DateTimeOffsetGraphType>("earlyBirdUntil");
        Field<StringGraphType>("currency").Description("Default: USD.");
        Field<NonNullGraphType<IntGraphType>>("quota").Description("Seats of this type; at most the conference's capacity.");
        Field<DateTimeOffsetGraphType>("salesStartAt").Description("Default: when registration opens.");
        Field<DateTimeOffsetGraphType>("salesEndAt").Description("Default: when registration closes.");
        Field<IntGraphType>("maxPerOrder").Description("Default: 10.");
        Field<BooleanGraphType>("membersOnly");
        Field<BooleanGraphType>("requiresGoodStanding");
        Field<IdGraphType>("courseId").Description("For a pre-conference course.");
        Field<BooleanGraphType>("countsAsAttendance").Description("Whether a check-in with it attends the conference (toward the Practitioner designation). "
            + "Default: true, false for a course; set false for an exhibitor or guest pass.");
    }
}

internal sealed class UpdateTicketTypeInputType : InputObjectGraphType
{
    public UpdateTicketTypeInputType()
    {
        Name = "UpdateTicketTypeInput";
        Description = "Only the fields given change; an explicit null clears an early-bird price or the course.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("name");
        Field<StringGraphType>("description");
        Field<IntGraphType>("memberPrice");
        Field<IntGraphType>("nonMemberPrice");
        Field<IntGraphType>("earlyBirdMemberPrice");
        Field<IntGraphType>("earlyBirdNonMemberPrice");
        Field<DateTimeOffsetGraphType>("earlyBirdUntil");
        Field<StringGraphType>("currency");
        Field<IntGraphType>("quota");
        Field<DateTimeOffsetGraphType>("salesStartAt");
        Field<DateTimeOffsetGraphType>("salesEndAt");
        Field<IntGraphType>("maxPerOrder");
        Field<BooleanGraphType>("membersOnly");
        Field<BooleanGraphType>("requiresGoodStanding");
        Field<IdGraphType>("courseId");
        Field<BooleanGraphType>("countsAsAttendance");
    }
}

internal sealed class CreateVoucherInputType : InputObjectGraphType
{
    public CreateVoucherInputType()
    {
        Name = "CreateVoucherInput";
        Description = "Either percentOff or amountOff (minor units off each ticket it applies to).";
        Field<NonNullGraphType<IdGraphType>>("conferenceId");
        Field<NonNullGraphType<StringGraphType>>("code").Description("3 to 40 letters, digits, '-' or '_'; matched without regard to case.");
        Field<IntGraphType>("percentOff");
        Field<IntGraphType>("amountOff");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ticketTypeIds");
        Field<NonNullGraphType<IntGraphType>>("maxUses").Description("Tickets it may discount (each discounted ticket is one use).");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("validFrom");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("validUntil");
    }
}

internal sealed class UpdateVoucherInputType : InputObjectGraphType
{
    public UpdateVoucherInputType()
    {
        Name = "UpdateVoucherInput";
        Description = "Only the fields given change.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("ticketTypeIds");
        Field<IntGraphType>("maxUses");
        Field<DateTimeOffsetGraphType>("validFrom");
        Field<DateTimeOffsetGraphType>("validUntil");
    }
}
