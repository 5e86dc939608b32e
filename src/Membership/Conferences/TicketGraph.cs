using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Membership.Identity.Oidc;
using Membership.Agencies;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Membership.Conferences.CheckIn;
using Membership.Conferences.Sales;

namespace Membership.Conferences;

internal sealed class TicketOrderType : ObjectGraphType<TicketOrder>
{
    public const string TypeName = "TicketOrder";

    public TicketOrderType()
    {
        Name = TypeName;
        Description = "An order of tickets. Its buyer (the member who placed it, also for an agency's block) and staff see it; the buyer's contact data only the buyer and staff.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is TicketOrder;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(o => o.Number).Description("Shown to people, e.g. T-2027-000123.");
        Field<NonNullGraphType<ConferenceType>>("conference").Resolve(c => c.Service<ConferenceLoaders>().Conference.Load(c.Source.ConferenceId));
        Field<NonNullGraphType<TicketOrderStatusType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("buyerName").PersonalData(o => o.BuyerMemberId ?? Guid.Empty).Resolve(c => c.Source.BuyerName);
        Field<StringGraphType>("buyerEmail").PersonalData(o => o.BuyerMemberId ?? Guid.Empty).Resolve(c => c.Source.BuyerEmail);
        Field<MemberType>("buyerMember").PersonalData(o => o.BuyerMemberId ?? Guid.Empty)
            .Resolve(c => c.Source.BuyerMemberId is { } id ? c.Service<MemberLoaders>().Member.Load(id) : null);
        Field<AgencyType>("agency").Description("The agency that bought the tickets (a block whose attendees it names later).")
            .Resolve(c => c.Source.BuyerAgencyId is { } id ? c.Service<AgencyLoaders>().Agency.Load(id) : null);
        Field<NonNullGraphType<MoneyType>>("total").Resolve(c => new Money(c.Source.Total, c.Source.Currency));
        Field<NonNullGraphType<MoneyType>>("refunded").Resolve(c => new Money(c.Source.RefundedAmount, c.Source.Currency));
        Field<StringGraphType>("voucherCode").Resolve(c => c.Source.VoucherId is { } id ? c.Service<ConferenceLoaders>().VoucherCode.Load(id) : null);
        Field<DateTimeOffsetGraphType>("holdExpiresAt").Description("While pending: the seats are held until then; unpaid, the order expires.")
            .Resolve(c => c.Source.Status == TicketOrderStatus.Pending ? c.Source.HoldExpiresAt : null);
        Field<StringGraphType>("checkoutUrl").Description("While pending: where to pay.")
            .ResolveAsync(async c => c.Source.Status == TicketOrderStatus.Pending
                ? c.Service<PublicLinks>().Absolute(await c.Service<TicketStripeHandler>().CheckoutUrlAsync(c.Source, c.CancellationToken)) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TicketGraphType>>>>("tickets").Description("Its tickets, transferred ones included.")
            .Resolve(c => c.Source.Tickets.Count > 0 ? LoaderResult.Of<IReadOnlyList<Ticket>>(c.Source.Tickets) : c.Service<ConferenceLoaders>().TicketsOfOrder.Load(c.Source.Id));
        Field(o => o.CreatedAt);
        Field(o => o.PaidAt, nullable: true);
        Field(o => o.ClosedAt, nullable: true).Description("When it expired, was cancelled or refunded in full.");
        Field(o => o.CloseReason, nullable: true);
    }
}

internal sealed class TicketGraphType : ObjectGraphType<Ticket>
{
    public const string TypeName = "Ticket";

    public TicketGraphType()
    {
        Name = TypeName;
        Description = "One seat. Its code (in its QR) is a signed secret with nothing personal in it: whoever shows it gets in, once.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is Ticket;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<TicketTypeType>>("ticketType").Resolve(c => c.Service<ConferenceLoaders>().TicketType.Load(c.Source.TicketTypeId));
        Field<NonNullGraphType<ConferenceType>>("conference").Resolve(c => c.Service<ConferenceLoaders>().Conference.Load(c.Source.ConferenceId));
        Field<NonNullGraphType<MoneyType>>("price").Description("What was paid for it, voucher applied.")
            .Resolve(c => c.Service<ConferenceLoaders>().TicketType.Load(c.Source.TicketTypeId).Then(t => new Money(c.Source.Price, t?.Currency ?? "USD")));
        Field<NonNullGraphType<TicketStatusType>>("status").Resolve(c => c.Source.Status);
        Field<TicketOrderType>("order").Description("The order it belongs to, for its buyer and staff.")
            .Resolve(c => c.Service<ConferenceLoaders>().Order.Load(c.Source.OrderId).Bind(o => TicketAccess.MaySeeOrder(c, o).Then(ok => ok ? o : null)));
        Field<StringGraphType>("attendeeName").Description("Null for a ticket of an agency's block not named yet.").Authorize()
            .Resolve(c => TicketAccess.HolderOnly(c, t => t.AttendeeName));
        Field<StringGraphType>("attendeeEmail")
            .Description("The attendee's e-mail: for a guest, the buyer and staff see it; for a member, only that member and staff (it is their private address).")
            .Authorize().Resolve(c => TicketAccess.HolderOnly(c, t => t.AttendeeEmail, memberPrivate: true));
        Field<MemberType>("attendeeMember").Authorize()
            .Resolve(c => TicketAccess.HolderOnly(c, t => t.AttendeeMemberId).Then(id => id is { } m ? c.Service<MemberLoaders>().Member.Load(m) : LoaderResult.Of<Member?>(null)));
        Field<StringGraphType>("code").Description("The secret the QR carries, while the ticket is valid or used. Its holder, its buyer and staff only.").Authorize()
            .Resolve(c => TicketAccess.HolderOnly(c, t => t.Status is TicketStatus.Valid or TicketStatus.CheckedIn ? t.Code : null));
        Field<StringGraphType>("qrSvgUrl").Description("The QR as SVG (the link carries the code: keep it private).").Authorize()
            .Resolve(c => TicketAccess.HolderOnly(c, t => t.Status is TicketStatus.Valid or TicketStatus.CheckedIn ? c.Service<PublicLinks>().To(TicketQr.Path(t.Code, "svg")) : null));
        Field<StringGraphType>("qrPngUrl").Authorize()
            .Resolve(c => TicketAccess.HolderOnly(c, t => t.Status is TicketStatus.Valid or TicketStatus.CheckedIn ? c.Service<PublicLinks>().To(TicketQr.Path(t.Code, "png")) : null));
        Field(t => t.CheckedInAt, nullable: true);
        Field<TicketTransferType>("transfer").Description("For a TRANSFERRED ticket: to whom, by whom, when. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Source.Status == TicketStatus.Transferred ? c.Service<ConferenceLoaders>().TransferFrom.Load(c.Source.Id) : LoaderResult.Of<TicketTransfer?>(null));
    }
}

internal sealed class TicketTransferType : ObjectGraphType<TicketTransfer>
{
    public TicketTransferType()
    {
        Name = "TicketTransfer";
        this.AuthorizeWithPolicy(Policies.Staff);
        Field(t => t.FromName, nullable: true);
        Field(t => t.ToName, nullable: true);
        Field<NonNullGraphType<TicketGraphType>>("newTicket").Resolve(c => c.Service<ConferenceLoaders>().Ticket.Load(c.Source.ToTicketId));
        Field(t => t.By).Description("The account that made the transfer.");
        Field(t => t.At);
    }
}

internal sealed class WaitingListEntryType : ObjectGraphType<WaitingListEntry>
{
    public const string TypeName = "WaitingListEntry";

    public WaitingListEntryType()
    {
        Name = TypeName;
        Description = "A place on the waiting list of a sold-out ticket type. A freed seat is offered in turn, by mail, for a limited time.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<TicketTypeType>>("ticketType").Resolve(c => c.Service<ConferenceLoaders>().TicketType.Load(c.Source.TicketTypeId));
        Field<StringGraphType>("name").PersonalData(w => w.MemberId ?? Guid.Empty).Resolve(c => c.Source.Name);
        Field<StringGraphType>("email").PersonalData(w => w.MemberId ?? Guid.Empty).Resolve(c => c.Source.Email);
        Field<NonNullGraphType<WaitingStatusType>>("status").Resolve(c => c.Source.Status);
        Field(w => w.JoinedAt);
        Field(w => w.OfferedAt, nullable: true);
        Field(w => w.OfferExpiresAt, nullable: true).Description("While OFFERED: buy with the mailed offer code before then.");
    }
}

internal sealed class TicketOrderStatusType : EnumerationGraphType<TicketOrderStatus>
{
    public TicketOrderStatusType() => Name = "TicketOrderStatus";
}

internal sealed class TicketStatusType : EnumerationGraphType<TicketStatus>
{
    public TicketStatusType()
    {
        Name = "TicketStatus";
        Description = "RESERVED: its order is not paid yet. VALID, CHECKED_IN, CANCELLED, TRANSFERRED (its code no longer works).";
    }
}

internal sealed class WaitingStatusType : EnumerationGraphType<WaitingStatus>
{
    public WaitingStatusType() => Name = "WaitingListStatus";
}

/// <summary>
/// Who may see what of a ticket: staff, its attendee, and the member who bought its order (for an agency's block, the
/// officer who bought it; other members of the agency see nothing of it).
/// </summary>
internal static class TicketAccess
{
    public static IDataLoaderResult<bool> MaySeeOrder(IResolveFieldContext context, TicketOrder? order)
    {
        var caller = context.Caller();
        return LoaderResult.Of(order is not null && (caller.IsStaff || (caller.MemberId is { } self && order.BuyerMemberId == self)));
    }

    /// <summary>
    /// The value for the ticket's holder, its order's buyer or staff; a FORBIDDEN error for this field otherwise. A
    /// <paramref name="memberPrivate"/> value of a member attendee (their e-mail) is the member's and staff's only.
    /// </summary>
    public static IDataLoaderResult<T?> HolderOnly<T>(IResolveFieldContext<Ticket> context, Func<Ticket, T?> value, bool memberPrivate = false)
    {
        var caller = context.Caller();
        var ticket = context.Source;
        if (caller.IsStaff || (caller.MemberId is { } self && ticket.AttendeeMemberId == self))
        {
            return LoaderResult.Of(value(ticket));
        }

        ExecutionError Forbidden() => new($"You are not allowed to read '{context.FieldDefinition.Name}' here.") { Code = ErrorCodes.Forbidden };
        if (memberPrivate && ticket.AttendeeMemberId is not null)
        {
            throw Forbidden();
        }

        return context.Service<ConferenceLoaders>().Order.Load(ticket.OrderId).Bind(order => MaySeeOrder(context, order)).Then(ok => ok ? value(ticket) : throw Forbidden());
    }
}

internal sealed class TicketEdgeType() : EdgeType<Ticket, TicketGraphType>(TicketGraphType.TypeName);

internal sealed class TicketConnectionType() : ConnectionType<Ticket, TicketGraphType, TicketEdgeType>(TicketGraphType.TypeName);

internal sealed class TicketOrderEdgeType() : EdgeType<TicketOrder, TicketOrderType>(TicketOrderType.TypeName);

internal sealed class TicketOrderConnectionType() : ConnectionType<TicketOrder, TicketOrderType, TicketOrderEdgeType>(TicketOrderType.TypeName);

internal sealed class WaitingListEntryEdgeType() : EdgeType<WaitingListEntry, WaitingListEntryType>(WaitingListEntryType.TypeName);

internal sealed class WaitingListConnectionType() : ConnectionType<WaitingListEntry, WaitingListEntryType, WaitingListEntryEdgeType>(WaitingListEntryType.TypeName);
