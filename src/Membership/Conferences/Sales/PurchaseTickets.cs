using System.Globalization;
using GraphQL;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conferences.Sales;

/// <summary>
/// purchaseTickets: who may buy for whom (a member as themself, staff for anyone, an agency's member its block; never a
/// partner system), the input turned into a <see cref="PurchaseRequest"/>, and the sale itself (<see cref="TicketSales"/>).
/// </summary>
internal static class PurchaseTickets
{
    public static async Task<Payload<TicketOrder>> RunAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<PurchaseTicketsInput>("input");
        var caller = c.Caller();
        PartnerSystemsDoNotBuy(caller);
        await TicketMutations.LimitAnonymousAsync(c);
        var errors = new UserErrors();
        var conference = errors.Id(input.ConferenceId, ConferenceType.TypeName, "input", "conferenceId");
        var agency = input.AgencyId is null ? null : errors.Id(input.AgencyId, AgencyType.TypeName, "input", "agencyId");
        var items = Items(input, errors);
        var buyer = BuyerMember(input, caller, errors);
        if (errors.Any)
        {
            return Payload<TicketOrder>.Failure(errors);
        }

        if (agency is { } agencyId && !caller.IsStaff && !await c.ActsForAgencyAsync(caller, agencyId))
        {
            throw new ExecutionError("Only staff or a member of this agency can buy its block of tickets.") { Code = ErrorCodes.Forbidden };
        }

        return await c.Service<TicketSales>().PurchaseAsync(new PurchaseRequest(conference!.Value, items, input.VoucherCode, input.OfferCode, agency,
            buyer, input.Buyer?.Name, input.Buyer?.Email, caller.IsStaff, BuyerKey(caller)), c.CancellationToken);
    }

    /// <summary>A partner system (client credentials, no person) has no one to buy for, and would hold seats on no one's behalf.</summary>
    private static void PartnerSystemsDoNotBuy(Caller caller)
    {
        if (caller.IsClient && !caller.IsStaff)
        {
            throw new ExecutionError("Partner clients do not buy tickets; a member or staff signs in to buy.") { Code = ErrorCodes.Forbidden };
        }
    }

    private static List<PurchaseItem> Items(PurchaseTicketsInput input, UserErrors errors) => (input.Items ?? []).Select((item, i) =>
    {
        var at = i.ToString(CultureInfo.InvariantCulture);
        var type = errors.Id(item.TicketTypeId, TicketTypeType.TypeName, "input", "items", at, "ticketTypeId") ?? Guid.Empty;
        var member = item.Attendee?.MemberId is { } m ? errors.Id(m, MemberType.TypeName, "input", "items", at, "attendee", "memberId") : null;
        return new PurchaseItem(type, member, item.Attendee?.Name, item.Attendee?.Email);
    }).ToList();

    /// <summary>Members buy as themselves; only staff name another member as the buyer, or sell to someone by name and e-mail.</summary>
    private static Guid? BuyerMember(PurchaseTicketsInput input, Caller caller, UserErrors errors)
    {
        if (input.Buyer?.MemberId is { } named)
        {
            if (!caller.IsStaff)
            {
                throw new ExecutionError("Only staff may buy for a named member; members buy as themselves.") { Code = ErrorCodes.Forbidden };
            }

            return errors.Id(named, MemberType.TypeName, "input", "buyer", "memberId");
        }

        return caller.IsStaff && input.Buyer is not null ? null : caller.MemberId;
    }

    /// <summary>Whose caps an order counts against: the person (token subject), or the client of a client-credentials token.</summary>
    private static string? BuyerKey(Caller caller)
    {
        if (!caller.IsAuthenticated)
        {
            return null;
        }

        var key = caller.IsClient
            ? $"client:{caller.ClientOrSubject}"
            : $"user:{caller.Subject}";
        return key.Length > BuyerCaps.KeyMaxLength ? key[..BuyerCaps.KeyMaxLength] : key;
    }
}
