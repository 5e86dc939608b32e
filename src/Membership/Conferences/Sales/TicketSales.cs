using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;
using Membership.Conferences.Lifecycle;

namespace Membership.Conferences.Sales;

public sealed record PurchaseItem(Guid TicketTypeId, Guid? AttendeeMemberId, string? AttendeeName, string? AttendeeEmail);

public sealed record PurchaseRequest(
    Guid ConferenceId, IReadOnlyList<PurchaseItem> Items, string? VoucherCode, string? OfferCode, Guid? AgencyId,
    Guid? BuyerMemberId, string? BuyerName, string? BuyerEmail, bool ByStaff = false, string? BuyerKey = null);

/// <summary>
/// Sells tickets: checks and prices the order, takes the seats (and the voucher use) in one short transaction that
/// never oversells, then opens the Stripe checkout outside it, so a rush is limited by the database, not by Stripe.
/// </summary>
public sealed class TicketSales(
    IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar, TicketCodes codes, StripeGateway stripe, TicketOrderTransitions transitions,
    IOptions<TicketOptions> options, TicketStripeHandler checkouts)
{
    /// <summary>
    /// Checks the order as a whole and line by line (every problem at once, each at its field), then holds the seats; a
    /// free order is paid at once, any other goes to Stripe Checkout.
    /// </summary>
    public async Task<Payload<TicketOrder>> PurchaseAsync(PurchaseRequest request, CancellationToken ct)
    {
        var errors = new UserErrors();
        var now = calendar.Now();
        var today = calendar.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var conference = await db.Conferences.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.ConferenceId, ct);
        if (conference is null)
        {
            return Payload<TicketOrder>.Failure(errors.Add(UserErrorCodes.NotFound, "No conference has this ID.", "input", "conferenceId"));
        }

        RegistrationMustBeOpen(conference, now, errors);
        OrderSizeMustBeWithinLimit(request, errors);
        var types = await TicketTypesOfConferenceAsync(db, conference, request, ct);
        var members = await MembersNamedAsync(db, request, ct);
        var voucher = await VoucherAsync(db, errors, conference, request.VoucherCode, now, ct);
        var offer = await OfferAsync(db, errors, request, now, ct);
        var lines = PricedLines(request, types, members, voucher, now, today, errors);
        LinesMustFitTogether(lines, voucher, offer, errors);
        var (buyerName, buyerEmail) = Buyer(request, members, errors);
        LinesMustShareOneCurrency(lines, errors);
        if (errors.Any)
        {
            return Payload<TicketOrder>.Failure(errors);
        }

        var order = await HoldAsync(db, conference, lines, voucher, offer, request, buyerName, buyerEmail, now, errors, ct);
        if (order is null)
        {
            return Payload<TicketOrder>.Failure(errors);
        }

        if (order.Total == 0)
        {
            await transitions.MarkPaidAsync(order.Id, null, now, ct);
            return Payload<TicketOrder>.Success(await transitions.LoadAsync(order.Id, ct));
        }

        return await CheckoutAsync(order, lines, ct);
    }

    private static void RegistrationMustBeOpen(Conference conference, DateTimeOffset now, UserErrors errors)
    {
        if (conference.Status != ConferenceStatus.OnSale || now < conference.RegistrationOpensAt || now > conference.RegistrationClosesAt)
        {
            errors.Add(UserErrorCodes.NotOnSale, "Registration for this conference is not open.", "input", "conferenceId");
        }
    }

    private void OrderSizeMustBeWithinLimit(PurchaseRequest request, UserErrors errors)
    {
        var most = options.Value.MaxItemsPerOrder;
        if (request.Items.Count == 0 || request.Items.Count > most)
        {
            errors.Add(UserErrorCodes.OutOfRange, $"Order 1 to {most} tickets.", "input", "items");
        }
    }

    private static async Task<Dictionary<Guid, TicketType>> TicketTypesOfConferenceAsync(MembershipDbContext db, Conference conference, PurchaseRequest request, CancellationToken ct)
    {
        var typeIds = request.Items.Select(i => i.TicketTypeId).Distinct().ToList();
        return await db.TicketTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id) && t.ConferenceId == conference.Id).ToDictionaryAsync(t => t.Id, ct);
    }

    /// <summary>The attendees named by member ID and the buyer, with their current terms (for good standing).</summary>
    private static async Task<Dictionary<Guid, Member>> MembersNamedAsync(MembershipDbContext db, PurchaseRequest request, CancellationToken ct)
    {
        var memberIds = request.Items.Where(i => i.AttendeeMemberId is not null).Select(i => i.AttendeeMemberId!.Value).Append(request.BuyerMemberId ?? Guid.Empty).Distinct().ToList();
        return await db.Members.AsNoTracking().Include(m => m.CurrentTerm).Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
    }

    /// <summary>Each line checked (on sale, an attendee the buyer may name and who qualifies) and priced; a line whose type or attendee is unusable is left out.</summary>
    private static List<(PurchaseItem Item, TicketType Type, long Price)> PricedLines(PurchaseRequest request, Dictionary<Guid, TicketType> types,
        Dictionary<Guid, Member> members, Voucher? voucher, DateTimeOffset now, DateOnly today, UserErrors errors)
    {
        var lines = new List<(PurchaseItem Item, TicketType Type, long Price)>();
        foreach (var (item, i) in request.Items.Select((item, i) => (item, i)))
        {
            string[] At(params string[] field) => ["input", "items", i.ToString(System.Globalization.CultureInfo.InvariantCulture), .. field];
            if (!types.TryGetValue(item.TicketTypeId, out var type))
            {
                errors.Add(UserErrorCodes.NotFound, "No ticket type of this conference has this ID.", At("ticketTypeId"));
                continue;
            }

            if (now < type.SalesStartAt || now > type.SalesEndAt)
            {
                errors.Add(UserErrorCodes.NotOnSale, $"{type.Name} is not on sale now.", At("ticketTypeId"));
            }

            var attendee = item.AttendeeMemberId is { } id ? members.GetValueOrDefault(id) : null;
            if (item.AttendeeMemberId is { } other && !request.ByStaff && other != request.BuyerMemberId && !OtherMembers.IsCurrentOfficerOf(attendee, request.AgencyId, today))
            {
                // Members name themselves, agencies their current officers; why another member cannot be named is theirs to know.
                errors.CannotInclude(At("attendee", "memberId"));
                continue;
            }

            AttendeeMustBeGiven(request, item, attendee, errors, At);
            var standing = attendee is not null && MembershipStatusRules.IsInGoodStanding(MembershipStatusRules.Compute(attendee.CurrentTerm, attendee.SuspendedAt, today));
            AttendeeMustQualify(type, attendee, standing, errors, At);
            var named = attendee is null ? item : item with { AttendeeName = $"{attendee.FirstName} {attendee.LastName}", AttendeeEmail = attendee.Email };
            lines.Add((named, type, TicketPricing.Price(type, standing, now, voucher)));
        }

        return lines;
    }

    private static void AttendeeMustBeGiven(PurchaseRequest request, PurchaseItem item, Member? attendee, UserErrors errors, Func<string[], string[]> at)
    {
        if (item.AttendeeMemberId is not null && attendee is null)
        {
            errors.Add(UserErrorCodes.NotFound, "No member has this ID.", at(["attendee", "memberId"]));
        }
        else if (item.AttendeeMemberId is null && (request.AgencyId is null || item.AttendeeName is not null || item.AttendeeEmail is not null))
        {
            // An agency may leave an attendee unnamed (named later), but what it does give is checked like any other.
            errors.RequiredName(item.AttendeeName, 201, at(["attendee", "name"]));
            errors.Email(item.AttendeeEmail, 254, at(["attendee", "email"]));
        }
    }

    private static void AttendeeMustQualify(TicketType type, Member? attendee, bool standing, UserErrors errors, Func<string[], string[]> at)
    {
        if ((type.MembersOnly || type.RequiresGoodStanding) && attendee is null)
        {
            // Good standing is a member's: a type that needs it is for members too.
            errors.Add(UserErrorCodes.MembersOnly, $"{type.Name} is for members only: name a member as the attendee.", at(["attendee", "memberId"]));
        }
        else if (type.RequiresGoodStanding && attendee is not null && !standing)
        {
            errors.Add(UserErrorCodes.NotInGoodStanding, $"{type.Name} needs a member in good standing; {attendee.MemberNumber} is not.", at(["attendee", "memberId"]));
        }
        else if (type.MembersOnly && attendee is not null && !standing)
        {
            // A member is a current one (active, or in the grace after expiry): not a lapsed, suspended or cancelled one.
            errors.Add(UserErrorCodes.MembersOnly, $"{type.Name} is for current members; {attendee.MemberNumber}'s membership is not current.", at(["attendee", "memberId"]));
        }
    }

    /// <summary>What holds for the lines together: per-order maximums, the voucher and the offer apply.</summary>
    private static void LinesMustFitTogether(List<(PurchaseItem Item, TicketType Type, long Price)> lines, Voucher? voucher, WaitingListEntry? offer, UserErrors errors)
    {
        foreach (var group in lines.GroupBy(l => l.Type).Where(g => g.Count() > g.Key.MaxPerOrder))
        {
            errors.Add(UserErrorCodes.OutOfRange, $"At most {group.Key.MaxPerOrder} × {group.Key.Name} per order.", "input", "items");
        }

        if (voucher is not null && !lines.Any(l => voucher.TicketTypes.Any(t => t.TicketTypeId == l.Type.Id)))
        {
            errors.Add(UserErrorCodes.VoucherNotApplicable, "This voucher does not apply to these tickets.", "input", "voucherCode");
        }

        if (offer is not null && (lines.Count != 1 || lines[0].Type.Id != offer.TicketTypeId))
        {
            errors.Add(UserErrorCodes.InvalidOffer, "A waiting-list offer buys one ticket of its type.", "input", "offerCode");
        }
    }

    private static void LinesMustShareOneCurrency(List<(PurchaseItem Item, TicketType Type, long Price)> lines, UserErrors errors)
    {
        if (lines.Select(l => l.Type.Currency).Distinct().Count() > 1)
        {
            errors.Add(UserErrorCodes.InvalidCurrency, "All tickets of an order must be in one currency.", "input", "items");
        }
    }

    /// <summary>The buyer: a member (their name and address on file), or the name and e-mail given.</summary>
    private static (string Name, string Email) Buyer(PurchaseRequest request, Dictionary<Guid, Member> members, UserErrors errors)
    {
        var buyer = request.BuyerMemberId is { } buyerId ? members.GetValueOrDefault(buyerId) : null;
        return buyer is null
            ? (errors.RequiredName(request.BuyerName, 201, "input", "buyer", "name"), errors.Email(request.BuyerEmail, 254, "input", "buyer", "email"))
            : ($"{buyer.FirstName} {buyer.LastName}", buyer.Email);
    }

    /// <summary>The short transaction: seats, voucher use, offer, order and reserved tickets, or nothing.</summary>
    private async Task<TicketOrder?> HoldAsync(MembershipDbContext db, Conference conference, List<(PurchaseItem Item, TicketType Type, long Price)> lines, Voucher? voucher,
        WaitingListEntry? offer, PurchaseRequest request, string buyerName, string buyerEmail, DateTimeOffset now, UserErrors errors, CancellationToken ct)
    {
        var capped = request.ByStaff ? null : request.BuyerKey;
        if (capped is not null)
        {
            await BuyerCaps.EnsureAsync(db, conference.Id, capped, now, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (capped is not null && !await BuyerCaps.TryHoldAsync(db, conference.Id, capped, lines.Count, options.Value, now, errors, ct))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
        }

        var seats = lines.GroupBy(l => l.Type.Id).ToDictionary(g => g.Key, g => g.Count() - (offer?.TicketTypeId == g.Key ? 1 : 0));
        var full = await Seats.TryTakeAsync(db, conference.Id, seats, ct);
        if (full is { } fullType)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var name = lines.FirstOrDefault(l => l.Type.Id == fullType).Type?.Name ?? "The conference";
            errors.Add(UserErrorCodes.SoldOut, $"{name} is sold out; join the waiting list to be offered a freed seat.", "input", "items");
            return null;
        }

        var uses = voucher is null ? 0 : lines.Count(l => voucher.TicketTypes.Any(t => t.TicketTypeId == l.Type.Id));
        if (voucher is not null && await db.Vouchers.Where(v => v.Id == voucher.Id && v.Used + uses <= v.MaxUses)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Used, v => v.Used + uses), ct) == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            errors.Add(UserErrorCodes.VoucherExhausted, "This voucher has fewer uses left than tickets it would discount.", "input", "voucherCode");
            return null;
        }

        if (offer is not null && await db.WaitingList.Where(w => w.Id == offer.Id && w.Status == WaitingStatus.Offered)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WaitingStatus.Accepted).SetProperty(w => w.OpenKey, (string?)null), ct) == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            errors.Add(UserErrorCodes.InvalidOffer, "This offer has been used or has expired.", "input", "offerCode");
            return null;
        }

        var order = new TicketOrder
        {
            Id = RecordIds.New(), Number = $"T-{calendar.Today().Year}-{await db.NextAsync("ticket-order", ct):D6}", ConferenceId = conference.Id,
            BuyerMemberId = request.BuyerMemberId, BuyerAgencyId = request.AgencyId, BuyerKey = request.BuyerKey, BuyerName = buyerName, BuyerEmail = MemberRules.NormalizeEmail(buyerEmail),
            Status = TicketOrderStatus.Pending, HoldExpiresAt = now.AddMinutes(options.Value.HoldMinutes), VoucherId = voucher?.Id, VoucherUses = uses,
            Total = lines.Sum(l => l.Price), Currency = lines[0].Type.Currency, IdempotencyKey = Guid.NewGuid(), WaitingListEntryId = offer?.Id, CreatedAt = now,
        };
        foreach (var (item, type, price) in lines)
        {
            var id = RecordIds.New();
            order.Tickets.Add(new Ticket
            {
                Id = id, OrderId = order.Id, ConferenceId = conference.Id, TicketTypeId = type.Id, Price = price, AttendeeMemberId = item.AttendeeMemberId,
                AttendeeName = item.AttendeeName?.Trim(), AttendeeNameKey = item.AttendeeName is { } n ? TextKeys.Normalize(n) : null,
                AttendeeEmail = item.AttendeeEmail is { } e ? MemberRules.NormalizeEmail(e) : null, Code = codes.New(id), Status = TicketStatus.Reserved, CreatedAt = now,
            });
        }

        db.TicketOrders.Add(order);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        ServiceDefaults.MembershipTelemetry.RecordSeats("held", seats.Values.Sum());
        return order;
    }

    /// <summary>Stripe Checkout for the order, under its idempotency key; if Stripe refuses, the order is cancelled and its seats go back.</summary>
    private async Task<Payload<TicketOrder>> CheckoutAsync(TicketOrder order, List<(PurchaseItem Item, TicketType Type, long Price)> lines, CancellationToken ct)
    {
        try
        {
            var items = lines.GroupBy(l => (l.Type.Id, l.Price)).Select(g => new CheckoutLine(g.First().Type.Name, g.Key.Price, g.Count()));
            var session = await stripe.CreateCheckoutSessionAsync(checkouts.SessionOptions(order, items), order.IdempotencyKey.ToString(), ct);
            await using var db = await factory.CreateDbContextAsync(ct);
            await db.TicketOrders.Where(o => o.Id == order.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.StripeCheckoutSessionId, session.Id).SetProperty(o => o.CheckoutUrl, session.Url), ct);
            order.StripeCheckoutSessionId = session.Id;
            order.CheckoutUrl = session.Url;
            return Payload<TicketOrder>.Success(order);
        }
        catch (StripeException e)
        {
            await transitions.CloseAsync(order.Id, TicketOrderStatus.Pending, TicketOrderStatus.Cancelled, "The payment provider refused the checkout.", CancellationToken.None);
            return Payload<TicketOrder>.Failure(new UserErrors().Add(UserErrorCodes.PaymentProviderError, $"The payment provider refused the checkout: {e.StripeError?.Message ?? e.Message}"));
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // Stripe could not be reached (after Stripe.net's retries) or did not answer in time: nobody could pay this order.
            await transitions.CloseAsync(order.Id, TicketOrderStatus.Pending, TicketOrderStatus.Cancelled, "The payment provider could not be reached.", CancellationToken.None);
            return Payload<TicketOrder>.Failure(new UserErrors().Add(UserErrorCodes.PaymentProviderError, "The payment provider could not be reached; try again in a moment."));
        }
    }

    private static async Task<Voucher?> VoucherAsync(MembershipDbContext db, UserErrors errors, Conference conference, string? code, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var normalized = code.Trim().ToUpperInvariant();
        var voucher = await db.Vouchers.AsNoTracking().Include(v => v.TicketTypes).SingleOrDefaultAsync(v => v.ConferenceId == conference.Id && v.Code == normalized, ct);
        if (voucher is null || now < voucher.ValidFrom || now > voucher.ValidUntil)
        {
            errors.Add(UserErrorCodes.InvalidVoucher, "This voucher code is not valid now.", "input", "voucherCode");
            return null;
        }

        return voucher;
    }

    private static async Task<WaitingListEntry?> OfferAsync(MembershipDbContext db, UserErrors errors, PurchaseRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.OfferCode))
        {
            return null;
        }

        var offer = await db.WaitingList.AsNoTracking().SingleOrDefaultAsync(w => w.OfferCode == request.OfferCode.Trim(), ct);
        if (offer is null || offer.Status != WaitingStatus.Offered || offer.OfferExpiresAt < now)
        {
            errors.Add(UserErrorCodes.InvalidOffer, "This offer has been used or has expired.", "input", "offerCode");
            return null;
        }

        return offer;
    }
}
