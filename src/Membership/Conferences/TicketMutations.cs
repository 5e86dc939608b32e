using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Membership.Conferences.Lifecycle;
using Membership.Conferences.Sales;

namespace Membership.Conferences;

/// <summary>
/// The order side of tickets in the schema: buying, cancelling, refunding, naming, transferring and waiting. Each field
/// points to its use case; the rules live there (<see cref="PurchaseTickets"/>, <see cref="OrderCancellation"/>,
/// <see cref="TicketAttendees"/>, <see cref="WaitingListPlaces"/>).
/// </summary>
internal static class TicketMutations
{
    public static void AddTicketMutations(this ObjectGraphType mutation)
    {
        mutation.Field<PurchaseTicketsPayloadType>("purchaseTickets")
            .Description("Creates a pending order that holds its seats (15 minutes by default, `Tickets:HoldMinutes`) and returns the Stripe Checkout URL; the tickets become valid when Stripe "
                + "confirms the payment. Members buy as themselves; anyone may buy with a name and e-mail (rate-limited per address); an agency buys a block and names attendees later.")
            .Argument<NonNullGraphType<PurchaseTicketsInputType>>("input")
            .ResolveAsync(async c => await PurchaseTickets.RunAsync(c));

        mutation.Mutation<TicketOrderPayloadType, CancelTicketOrderInputType>("cancelTicketOrder",
                "Cancels an order. A pending one stops holding its seats. A paid one is refunded in full through Stripe and its tickets stop working: by its buyer "
                + "until the conference's refund cut-off (and before any ticket was used), by staff at any time.")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(async c => await CancelTicketOrderAsync(c));

        mutation.Mutation<TicketOrderPayloadType, RefundTicketOrderInputType>("refundTicketOrder",
                "Refunds part of a paid order through Stripe, and optionally cancels some of its tickets (their seats go back on sale). Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await RefundTicketOrderAsync(c));

        mutation.Mutation<TicketPayloadType, AssignTicketAttendeeInputType>("assignTicketAttendee",
                "Names the attendee of a ticket bought without one (an agency's block). The member who bought the order, or staff.")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(async c => await AssignTicketAttendeeAsync(c));

        mutation.Mutation<TicketPayloadType, TransferTicketInputType>("transferTicket",
                "Passes a valid ticket to another person: its code stops working and the new ticket (returned) gets a new one. Its attendee or buyer until the "
                + "conference's transfer cut-off; staff at any time.")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(async c => await TransferTicketAsync(c));

        mutation.Mutation<WaitingListEntryPayloadType, JoinWaitingListInputType>("joinWaitingList",
                "Joins the waiting list of a sold-out ticket type. When a seat frees, the next person gets it offered by mail for a limited time (24 hours by default).")
            .ResolveAsync(async c => await JoinWaitingListAsync(c));

        mutation.Mutation<WaitingListEntryPayloadType, LeaveWaitingListInputType>("leaveWaitingList",
                "Leaves a waiting list (an open offer is declined and passes to the next person). The member themself or staff.")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(async c => await LeaveWaitingListAsync(c));

        mutation.Field<IntGraphType>("expireTicketHolds")
            .Description("Expires now the pending orders and waiting-list offers past their time (a job does it every minute). Returns how many. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await c.Service<TicketOrderTransitions>().ExpireDueAsync(c.CancellationToken));
    }

    private static async Task<Payload<TicketOrder>> CancelTicketOrderAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<OrderActionInput>("input");
        var errors = new UserErrors();
        return errors.Id(input.OrderId, TicketOrderType.TypeName, "input", "orderId") is { } id
            ? await c.Service<OrderCancellation>().CancelAsync(id, input.Reason, Actor(c), c.CancellationToken)
            : Payload<TicketOrder>.Failure(errors);
    }

    private static async Task<Payload<TicketOrder>> RefundTicketOrderAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<OrderActionInput>("input");
        var errors = new UserErrors();
        var id = errors.Id(input.OrderId, TicketOrderType.TypeName, "input", "orderId");
        var tickets = (input.CancelTicketIds ?? []).Select((t, i) => errors.Id(t, TicketGraphType.TypeName, "input", "cancelTicketIds", i.ToString(CultureInfo.InvariantCulture)) ?? Guid.Empty).ToList();
        return errors.Any
            ? Payload<TicketOrder>.Failure(errors)
            : await c.Service<OrderCancellation>().RefundPartAsync(id!.Value, input.Amount ?? 0, tickets, input.Reason, c.CancellationToken);
    }

    private static async Task<Payload<Ticket>> AssignTicketAttendeeAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<TicketAttendeeInput>("input");
        var errors = new UserErrors();
        var id = errors.Id(input.TicketId, TicketGraphType.TypeName, "input", "ticketId");
        var attendee = Attendee(errors, input.Attendee, "attendee");
        return errors.Any ? Payload<Ticket>.Failure(errors) : await c.Service<TicketAttendees>().AssignAsync(id!.Value, attendee, Actor(c), c.CancellationToken);
    }

    private static async Task<Payload<Ticket>> TransferTicketAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<TicketAttendeeInput>("input");
        var errors = new UserErrors();
        var id = errors.Id(input.TicketId, TicketGraphType.TypeName, "input", "ticketId");
        var to = Attendee(errors, input.To, "to");
        return errors.Any ? Payload<Ticket>.Failure(errors) : await c.Service<TicketAttendees>().TransferAsync(id!.Value, to, Actor(c), c.CancellationToken);
    }

    private static async Task<Payload<WaitingListEntry>> JoinWaitingListAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<WaitingListInput>("input");
        await LimitAnonymousAsync(c);
        var errors = new UserErrors();
        return errors.Id(input.TicketTypeId, TicketTypeType.TypeName, "input", "ticketTypeId") is { } id
            ? await c.Service<WaitingListPlaces>().JoinAsync(id, c.Caller().MemberId, input.Name, input.Email, c.CancellationToken)
            : Payload<WaitingListEntry>.Failure(errors);
    }

    private static async Task<Payload<WaitingListEntry>> LeaveWaitingListAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<WaitingListInput>("input");
        var errors = new UserErrors();
        return errors.Id(input.EntryId, WaitingListEntryType.TypeName, "input", "entryId") is { } id
            ? await c.Service<WaitingListPlaces>().LeaveAsync(id, Actor(c), c.CancellationToken)
            : Payload<WaitingListEntry>.Failure(errors);
    }

    public static void AddTicketQueries(this ObjectGraphType query)
    {
        query.Field<TicketOrderConnectionType>("ticketOrders")
            .Description("Orders of a conference, newest first, filtered. Staff only.")
            .Argument<NonNullGraphType<IdGraphType>>("conferenceId")
            .Argument<ListGraphType<NonNullGraphType<TicketOrderStatusType>>>("status")
            .Argument<IdGraphType>("agencyId")
            .Argument<StringGraphType>("search", "An order number, or the buyer's e-mail address.")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var conference = GlobalId.Parse(c.GetArgument<string>("conferenceId"), ConferenceType.TypeName, "conferenceId");
                var statuses = c.GetArgument<List<TicketOrderStatus>?>("status");
                var agency = c.GetArgument<string?>("agencyId") is { } a ? GlobalId.Parse(a, AgencyType.TypeName, "agencyId") : (Guid?)null;
                var search = c.GetArgument<string?>("search")?.Trim();
                var number = search?.ToUpperInvariant();
                var email = search is null ? null : MemberRules.NormalizeEmail(search);
                return await KeysetPaging.PageAsync(c.Db(), db => db.TicketOrders.Where(o => o.ConferenceId == conference
                    && (statuses == null || statuses.Contains(o.Status)) && (agency == null || o.BuyerAgencyId == agency)
                    && (string.IsNullOrEmpty(search) || o.Number == number || o.BuyerEmail == email)), NewestFirst, PageArgs.From(c), c.CancellationToken);
            });

        query.Field<TicketConnectionType>("conferenceAttendees")
            .Description("Tickets of a conference in the order they were issued, filtered (default: VALID and CHECKED_IN). Staff only.")
            .Argument<NonNullGraphType<IdGraphType>>("conferenceId")
            .Argument<IdGraphType>("ticketTypeId")
            .Argument<ListGraphType<NonNullGraphType<TicketStatusType>>>("status")
            .Argument<StringGraphType>("search", $"Part of the attendee's name (case and accents ignored; at least {SearchTerms.MinimumLength} characters, "
                + "or the field fails with SEARCH_TOO_SHORT), or their exact e-mail address.")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var conference = GlobalId.Parse(c.GetArgument<string>("conferenceId"), ConferenceType.TypeName, "conferenceId");
                var type = c.GetArgument<string?>("ticketTypeId") is { } t ? GlobalId.Parse(t, TicketTypeType.TypeName, "ticketTypeId") : (Guid?)null;
                var statuses = c.GetArgument<List<TicketStatus>?>("status") ?? [TicketStatus.Valid, TicketStatus.CheckedIn];
                var search = c.GetArgument<string?>("search")?.Trim();
                var email = string.IsNullOrEmpty(search) ? null : MemberRules.NormalizeEmail(search);
                // As for members and agencies: a one-letter part of a name matches a large share of the attendees.
                var name = string.IsNullOrEmpty(search) ? null : SearchTerms.Phrase(search, "search");
                return await KeysetPaging.PageAsync(c.Db(), db => db.Tickets.Where(x => x.ConferenceId == conference && statuses.Contains(x.Status)
                    && (type == null || x.TicketTypeId == type)
                    && (name == null || x.AttendeeEmail == email || (x.AttendeeNameKey != null && x.AttendeeNameKey.Contains(name)))),
                    ByIssue, PageArgs.From(c), c.CancellationToken);
            });

        query.Field<WaitingListConnectionType>("waitingList")
            .Description("The waiting list of a ticket type, first come first. Staff only.")
            .Argument<NonNullGraphType<IdGraphType>>("ticketTypeId")
            .Argument<ListGraphType<NonNullGraphType<WaitingStatusType>>>("status", "Default: WAITING and OFFERED.")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var type = GlobalId.Parse(c.GetArgument<string>("ticketTypeId"), TicketTypeType.TypeName, "ticketTypeId");
                var statuses = c.GetArgument<List<WaitingStatus>?>("status") ?? [WaitingStatus.Waiting, WaitingStatus.Offered];
                return await KeysetPaging.PageAsync(c.Db(), db => db.WaitingList.Where(w => w.TicketTypeId == type && statuses.Contains(w.Status)), FirstCome, PageArgs.From(c), c.CancellationToken);
            });
    }

    /// <summary>A member's orders, tickets and waiting-list places: private to the member and staff.</summary>
    public static void AddTicketFields(this ObjectGraphType<Member> member)
    {
        member.Field<ListGraphType<NonNullGraphType<TicketOrderType>>>("ticketOrders").Description("Orders the member placed, newest first (the latest 100).")
            .PersonalData(m => m.Id)
            .Resolve(c => c.Service<ConferenceLoaders>().OrdersOfMember.Load(c.Source.Id));
        member.Field<ListGraphType<NonNullGraphType<TicketGraphType>>>("tickets").Description("Tickets that name the member as attendee, newest first.")
            .PersonalData(m => m.Id)
            .Resolve(c => c.Service<ConferenceLoaders>().TicketsOfMember.Load(c.Source.Id));
        member.Field<ListGraphType<NonNullGraphType<WaitingListEntryType>>>("waitingListEntries")
            .PersonalData(m => m.Id)
            .Resolve(c => c.Service<ConferenceLoaders>().WaitingOfMember.Load(c.Source.Id));
    }

    private static readonly KeysetOrder<TicketOrder> NewestFirst = new("order:newest",
        KeyColumn<TicketOrder>.Descending(o => o.CreatedAt), KeyColumn<TicketOrder>.Descending(o => o.Id));

    private static readonly KeysetOrder<Ticket> ByIssue = new("ticket:issued",
        KeyColumn<Ticket>.Ascending(t => t.CreatedAt), KeyColumn<Ticket>.Ascending(t => t.Id));

    private static readonly KeysetOrder<WaitingListEntry> FirstCome = new("waiting:joined",
        KeyColumn<WaitingListEntry>.Ascending(w => w.JoinedAt), KeyColumn<WaitingListEntry>.Ascending(w => w.Id));

    internal static TicketActor Actor(IResolveFieldContext context)
    {
        var caller = context.Caller();
        return new TicketActor(caller.Subject ?? "unknown", caller.MemberId, caller.IsStaff);
    }

    private static AttendeeInput Attendee(UserErrors errors, AttendeeFields? fields, string field) =>
        new(fields?.MemberId is { } m ? errors.Id(m, MemberType.TypeName, "input", field, "memberId") : null, fields?.Name, fields?.Email);

    /// <summary>Callers who are not signed in are limited per address, across every instance.</summary>
    internal static async Task LimitAnonymousAsync(IResolveFieldContext context)
    {
        if (context.Caller().IsAuthenticated)
        {
            return;
        }

        var services = context.RequestServices!;
        var permits = services.GetRequiredService<IOptions<TicketOptions>>().Value.AnonymousRequestsPerAddressPerHour;
        var address = RateLimits.AddressKey(services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Connection.RemoteIpAddress);
        var decision = await services.GetRequiredService<RateLimits>().TryAcquireAsync(new RateLimitRule("tickets", permits, TimeSpan.FromHours(1)), address, context.CancellationToken);
        decision.ThrowIfRefused("Too many requests from this address; sign in, or try again later.");
    }
}
