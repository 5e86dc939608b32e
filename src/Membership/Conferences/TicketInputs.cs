using GraphQL.Types;
using Membership.Identity.Oidc;
using Membership.GraphQL;
using Membership.Conferences.CheckIn;
using Membership.Conferences.Lifecycle;

namespace Membership.Conferences;

public sealed class AttendeeFields
{
    public string? MemberId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
}

public sealed class PurchaseItemFields
{
    public string? TicketTypeId { get; set; }
    public AttendeeFields? Attendee { get; set; }
}

public sealed class BuyerFields
{
    public string? MemberId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
}

public sealed class PurchaseTicketsInput
{
    public string? ConferenceId { get; set; }
    public List<PurchaseItemFields>? Items { get; set; }
    public string? VoucherCode { get; set; }
    public string? OfferCode { get; set; }
    public string? AgencyId { get; set; }
    public BuyerFields? Buyer { get; set; }
}

public sealed class OrderActionInput
{
    public string? OrderId { get; set; }
    public string? Reason { get; set; }
    public long? Amount { get; set; }
    public List<string>? CancelTicketIds { get; set; }
}

public sealed class TicketAttendeeInput
{
    public string? TicketId { get; set; }
    public AttendeeFields? Attendee { get; set; }
    public AttendeeFields? To { get; set; }
}

public sealed class WaitingListInput
{
    public string? TicketTypeId { get; set; }
    public string? EntryId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
}

public sealed class CheckInInput
{
    public string? ConferenceId { get; set; }
    public string? Code { get; set; }
    public List<ScanFields>? Scans { get; set; }
}

public sealed class ScanFields
{
    public string? Code { get; set; }
    public DateTimeOffset ScannedAt { get; set; }
}

internal sealed class AttendeeInputType : InputObjectGraphType<AttendeeFields>
{
    public AttendeeInputType()
    {
        Name = "AttendeeInput";
        Description = "A member (yourself; for an agency's order, one of its officers; staff: anyone), or a name and e-mail address.";
        Field<IdGraphType>("memberId");
        Field<StringGraphType>("name");
        Field<StringGraphType>("email");
    }
}

internal sealed class PurchaseItemInputType : InputObjectGraphType<PurchaseItemFields>
{
    public PurchaseItemInputType()
    {
        Name = "PurchaseItemInput";
        Field<NonNullGraphType<IdGraphType>>("ticketTypeId");
        Field<AttendeeInputType>("attendee").Description("Who the ticket is for; may be left out only in an agency's order (named later).");
    }
}

internal sealed class BuyerInputType : InputObjectGraphType<BuyerFields>
{
    public BuyerInputType()
    {
        Name = "BuyerInput";
        Description = "Who pays and receives the tickets by mail. A signed-in member buys as themself and gives none.";
        Field<IdGraphType>("memberId").Description("Staff only: buy for this member.");
        Field<StringGraphType>("name");
        Field<StringGraphType>("email");
    }
}

internal sealed class PurchaseTicketsInputType : InputObjectGraphType<PurchaseTicketsInput>
{
    public PurchaseTicketsInputType()
    {
        Name = "PurchaseTicketsInput";
        Field<NonNullGraphType<IdGraphType>>("conferenceId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PurchaseItemInputType>>>>("items");
        Field<StringGraphType>("voucherCode");
        Field<StringGraphType>("offerCode").Description("The code of a waiting-list offer: buys the seat held for you.");
        Field<IdGraphType>("agencyId").Description("An agency's block order (staff, or a member of that agency): attendees may be named later.");
        Field<BuyerInputType>("buyer");
    }
}

internal sealed class CancelTicketOrderInputType : InputObjectGraphType<OrderActionInput>
{
    public CancelTicketOrderInputType()
    {
        Name = "CancelTicketOrderInput";
        Field<NonNullGraphType<IdGraphType>>("orderId");
        Field<StringGraphType>("reason");
    }
}

internal sealed class RefundTicketOrderInputType : InputObjectGraphType<OrderActionInput>
{
    public RefundTicketOrderInputType()
    {
        Name = "RefundTicketOrderInput";
        Field<NonNullGraphType<IdGraphType>>("orderId");
        Field<NonNullGraphType<LongGraphType>>("amount").Description("Minor units to give back (0 to only cancel tickets).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("cancelTicketIds").Description("Tickets that stop working; their seats go back on sale.");
        Field<NonNullGraphType<StringGraphType>>("reason");
    }
}

internal sealed class AssignTicketAttendeeInputType : InputObjectGraphType<TicketAttendeeInput>
{
    public AssignTicketAttendeeInputType()
    {
        Name = "AssignTicketAttendeeInput";
        Field<NonNullGraphType<IdGraphType>>("ticketId");
        Field<NonNullGraphType<AttendeeInputType>>("attendee");
    }
}

internal sealed class TransferTicketInputType : InputObjectGraphType<TicketAttendeeInput>
{
    public TransferTicketInputType()
    {
        Name = "TransferTicketInput";
        Field<NonNullGraphType<IdGraphType>>("ticketId");
        Field<NonNullGraphType<AttendeeInputType>>("to");
    }
}

internal sealed class JoinWaitingListInputType : InputObjectGraphType<WaitingListInput>
{
    public JoinWaitingListInputType()
    {
        Name = "JoinWaitingListInput";
        Description = "A signed-in member joins as themself; anyone else gives a name and e-mail (where the offer is mailed).";
        Field<NonNullGraphType<IdGraphType>>("ticketTypeId");
        Field<StringGraphType>("name");
        Field<StringGraphType>("email");
    }
}

internal sealed class LeaveWaitingListInputType : InputObjectGraphType<WaitingListInput>
{
    public LeaveWaitingListInputType()
    {
        Name = "LeaveWaitingListInput";
        Field<NonNullGraphType<IdGraphType>>("entryId");
    }
}

internal sealed class CheckInTicketInputType : InputObjectGraphType<CheckInInput>
{
    public CheckInTicketInputType()
    {
        Name = "CheckInTicketInput";
        Field<NonNullGraphType<IdGraphType>>("conferenceId").Description("The conference this scanner admits to.");
        Field<NonNullGraphType<StringGraphType>>("code").Description("What the QR holds.");
    }
}

internal sealed class ScanInputType : InputObjectGraphType<ScanFields>
{
    public ScanInputType()
    {
        Name = "ScanInput";
        Field<NonNullGraphType<StringGraphType>>("code");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("scannedAt").Description("When the device scanned it (its clock, with offset).");
    }
}

internal sealed class UploadCheckInScansInputType : InputObjectGraphType<CheckInInput>
{
    public UploadCheckInScansInputType()
    {
        Name = "UploadCheckInScansInput";
        Field<NonNullGraphType<IdGraphType>>("conferenceId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScanInputType>>>>("scans").Description($"At most {TicketCheckIn.MaxScansPerUpload}.");
    }
}

internal sealed class PurchaseTicketsPayloadType : ObjectGraphType<Payload<TicketOrder>>
{
    public PurchaseTicketsPayloadType()
    {
        Name = "PurchaseTicketsPayload";
        Description = "The pending order holding its seats, and where to pay; or why not (SOLD_OUT, VOUCHER_EXHAUSTED, …).";
        Field<TicketOrderType>("order").Resolve(c => c.Source.Result);
        Field<StringGraphType>("checkoutUrl").Description("Stripe Checkout for the order; null for a free order (paid at once).")
            .Resolve(c => c.Source.Result is { Status: TicketOrderStatus.Pending } order ? c.Service<PublicLinks>().Absolute(order.CheckoutUrl) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}

internal sealed class TicketOrderPayloadType() : PayloadType<TicketOrder, TicketOrderType>("TicketOrderPayload", "order", "The order as it is now, or why not.");

internal sealed class TicketPayloadType() : PayloadType<Ticket, TicketGraphType>("TicketPayload", "ticket", "The ticket (for a transfer: the new one), or why not.");

internal sealed class WaitingListEntryPayloadType() : PayloadType<WaitingListEntry, WaitingListEntryType>("WaitingListEntryPayload", "entry", "The waiting-list entry, or why not.");
