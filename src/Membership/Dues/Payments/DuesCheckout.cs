using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Membership.Dues.Payments;

/// <summary>Who a checkout is for: one member, or an agency paying for a list of its officers.</summary>
public sealed record CheckoutRequest(Guid PlanId, bool AutoRenew, Guid? MemberId, Guid? AgencyId, IReadOnlyList<Guid> MemberIds, string CreatedBy, bool ByStaff = false);

/// <summary>
/// Starts a payment: checks it, creates our Pending payment and Stripe's Checkout Session in one transaction (the
/// session under the payment's idempotency key), so a failure leaves nothing behind and a retry cannot pay twice.
/// Price and currency come from our plan, never from the client.
/// </summary>
public sealed class DuesCheckout(IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, AssociationCalendar calendar, IOptions<StripeOptions> options)
{
    public const int MaxGroupSize = 100;

    /// <summary>Stripe's longest billing interval (three years).</summary>
    public const int MaxSubscriptionMonths = 36;

    public async Task<Payload<DuesPayment>> StartAsync(CheckoutRequest request, CancellationToken ct)
    {
        stripe.EnsureAvailable();
        var errors = new UserErrors();
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.MembershipPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PlanId, ct);
        var members = await db.Members.AsNoTracking().Include(m => m.CurrentTerm)
            .Where(m => request.MemberIds.Contains(m.Id)).ToListAsync(ct);
        Check(errors, request, plan, members);
        if (request.AutoRenew && request.MemberIds.Count == 1 && await db.DuesSubscriptions.AnyAsync(x => x.MemberId == request.MemberIds[0]
                && !x.CancelAtPeriodEnd && (x.Status == "active" || x.Status == "trialing" || x.Status == "past_due"), ct))
        {
            // A second subscription would bill and extend twice.
            errors.Add(UserErrorCodes.AlreadyAutoRenewing, "Dues already renew automatically; the next renewal needs no checkout.", "input", "autoRenew");
        }

        if (errors.Any)
        {
            return Payload<DuesPayment>.Failure(errors);
        }

        // A second click while the first checkout is still open gives the same checkout.
        var payer = request.MemberId;
        var open = await db.DuesPayments.AsNoTracking().Include(p => p.Lines)
            .Where(p => p.Status == DuesPaymentStatus.Pending && p.PlanId == plan!.Id && p.AutoRenew == request.AutoRenew && p.StripeCheckoutSessionId != null
                && p.PayerMemberId == payer && p.AgencyId == request.AgencyId && p.CreatedAt > calendar.Now().AddHours(-1))
            .OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        if (open.FirstOrDefault(p => p.Lines.Select(l => l.MemberId).Order().SequenceEqual(request.MemberIds.Order())) is { } same)
        {
            await LiveCheckoutUrlAsync(same, ct); // never the link of a session nobody can pay
            return Payload<DuesPayment>.Success(same);
        }

        string customer;
        try
        {
            customer = await CustomerAsync(db, request, members, ct);
        }
        catch (StripeException e)
        {
            // Includes Stripe's 409 when two first checkouts of one member send the customer's idempotency key at once.
            return ProviderError("customer", e);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = new DuesPayment
        {
            Id = calendar.NewId(), ReceiptNumber = await Receipts.NextNumberAsync(db, calendar, ct),
            Kind = request.AgencyId is null ? DuesPaymentKind.Individual : DuesPaymentKind.AgencyGroup, PayerMemberId = payer, AgencyId = request.AgencyId,
            PlanId = plan!.Id, Amount = plan.PriceAmount * members.Count, Currency = plan.Currency, Status = DuesPaymentStatus.Pending, AutoRenew = request.AutoRenew,
            IdempotencyKey = Guid.NewGuid(), StripeCustomerId = customer, CreatedAt = calendar.Now(), CreatedBy = request.CreatedBy,
        };
        payment.Lines.AddRange(members.Select(m => new DuesPaymentLine { Id = calendar.NewId(), PaymentId = payment.Id, MemberId = m.Id, Amount = plan.PriceAmount }));
        db.DuesPayments.Add(payment);
        await db.SaveChangesAsync(ct);
        try
        {
            var session = await stripe.CreateCheckoutSessionAsync(SessionOptions(payment, plan, members), payment.IdempotencyKey, ct);
            payment.StripeCheckoutSessionId = session.Id;
            payment.CheckoutUrl = session.Url;
        }
        catch (StripeException e)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return ProviderError("checkout", e);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Payload<DuesPayment>.Success(payment);
    }

    /// <summary>
    /// Where to pay a pending payment: its checkout link, or, when nobody can pay that session any more (expired, or
    /// unknown to Stripe), a fresh session for the same payment, stored in its place.
    /// </summary>
    public async Task<string?> LiveCheckoutUrlAsync(DuesPayment payment, CancellationToken ct)
    {
        if (payment.Status != DuesPaymentStatus.Pending || payment.StripeCheckoutSessionId is not { } old)
        {
            return payment.CheckoutUrl;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var session = await stripe.ReplaceUnpayableSessionAsync(old, async () =>
        {
            var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == payment.PlanId, ct);
            var members = await db.DuesPaymentLines.Where(l => l.PaymentId == payment.Id).OrderBy(l => l.Id)
                .Join(db.Members, l => l.MemberId, m => m.Id, (l, m) => m).AsNoTracking().ToListAsync(ct);
            return SessionOptions(payment, plan, members);
        }, calendar.Now(), ct);
        if (session is null)
        {
            return payment.CheckoutUrl;
        }

        if (await db.DuesPayments.Where(p => p.Id == payment.Id && p.Status == DuesPaymentStatus.Pending && p.StripeCheckoutSessionId == old)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.StripeCheckoutSessionId, session.Id).SetProperty(p => p.CheckoutUrl, session.Url), ct) == 0)
        {
            // Replaced by another reader (the same session, under the same key), or no longer pending: as it is now.
            return await db.DuesPayments.Where(p => p.Id == payment.Id && p.Status == DuesPaymentStatus.Pending).Select(p => p.CheckoutUrl).FirstOrDefaultAsync(ct);
        }

        (payment.StripeCheckoutSessionId, payment.CheckoutUrl) = (session.Id, session.Url);
        return session.Url;
    }

    private static Payload<DuesPayment> ProviderError(string what, StripeException e) =>
        Payload<DuesPayment>.Failure(new UserErrors().Add(UserErrorCodes.PaymentProviderError, $"The payment provider refused the {what}: {e.StripeError?.Message ?? e.Message}"));

    private static void Check(UserErrors errors, CheckoutRequest request, MembershipPlan? plan, List<Member> members)
    {
        if (plan is null)
        {
            errors.Add(UserErrorCodes.NotFound, "No plan has this ID.", "input", "planId");
            return;
        }

        if (!plan.IsActive)
        {
            errors.Add(UserErrorCodes.PlanInactive, $"Plan {plan.Code} is no longer offered.", "input", "planId");
        }

        if (plan.PriceAmount <= 0)
        {
            errors.Add(UserErrorCodes.FreePlan, $"Plan {plan.Code} costs nothing; staff grant it.", "input", "planId");
        }

        if (request.AutoRenew && plan.TermKind != TermKind.Anniversary)
        {
            errors.Add(UserErrorCodes.AutoRenewUnavailable, "Automatic renewal is offered for anniversary plans only.", "input", "autoRenew");
        }

        if (request.AutoRenew && plan.TermKind == TermKind.Anniversary && plan.TermMonths > MaxSubscriptionMonths)
        {
            errors.Add(UserErrorCodes.AutoRenewUnavailable,
                $"Stripe bills a subscription at most every {MaxSubscriptionMonths} months; plan {plan.Code} runs {plan.TermMonths}. Pay each term instead.", "input", "autoRenew");
        }

        if (request.AgencyId is not null && request.AutoRenew)
        {
            errors.Add(UserErrorCodes.AutoRenewUnavailable, "Agency group payments do not renew automatically.", "input", "autoRenew");
        }

        if (request.AgencyId is not null && !request.ByStaff)
        {
            CheckOfficers(errors, request, plan, members);
            return;
        }

        if (request.MemberIds.Count is 0 or > MaxGroupSize || members.Count != request.MemberIds.Distinct().Count())
        {
            errors.Add(UserErrorCodes.NotFound, $"Name 1 to {MaxGroupSize} existing members, each once.", "input", request.AgencyId is null ? "memberId" : "memberIds");
        }

        CheckRepeats(errors, request);
        foreach (var member in members)
        {
            var i = request.MemberIds.ToList().IndexOf(member.Id); // the member's place in the input
            string[] field = request.AgencyId is null ? ["input", "planId"] : ["input", "memberIds", Index(i)];
            if (member.Category != plan.Category)
            {
                errors.Add(UserErrorCodes.PlanCategoryMismatch, $"Plan {plan.Code} is for {plan.Category} members; {member.MemberNumber} is {member.Category}.", field);
            }

            if (request.AgencyId is { } agency && member.AgencyId != agency)
            {
                errors.Add(UserErrorCodes.NotInAgency, $"{member.MemberNumber} does not work for this agency.", field);
            }

            if (ClosedMemberships.IsClosedLoaded(member))
            {
                errors.Add(UserErrorCodes.MembershipClosed, $"{member.MemberNumber} is suspended or cancelled; staff must reinstate first.", field);
            }
        }
    }

    /// <summary>
    /// An officer paying for colleagues may read none of their status: each one that cannot be paid for (unknown, of
    /// another agency or an unconfirmed claim, of another category, suspended or cancelled) gets the same neutral error.
    /// </summary>
    private static void CheckOfficers(UserErrors errors, CheckoutRequest request, MembershipPlan plan, List<Member> members)
    {
        if (request.MemberIds.Count is 0 or > MaxGroupSize)
        {
            errors.Add(UserErrorCodes.OutOfRange, $"Name 1 to {MaxGroupSize} officers, each once.", "input", "memberIds");
        }

        CheckRepeats(errors, request);
        var byId = members.ToDictionary(m => m.Id);
        foreach (var (id, i) in request.MemberIds.Select((id, i) => (id, i)).DistinctBy(x => x.id))
        {
            var member = byId.GetValueOrDefault(id);
            if (member is null || member.AgencyId != request.AgencyId || member.AgencyConfirmedAt is null || member.Category != plan.Category || ClosedMemberships.IsClosedLoaded(member))
            {
                errors.CannotInclude("input", "memberIds", Index(i));
            }
        }
    }

    /// <summary>A repeat is a mistake in the list (another officer was meant?): point at it rather than drop it silently.</summary>
    private static void CheckRepeats(UserErrors errors, CheckoutRequest request)
    {
        if (request.AgencyId is null)
        {
            return;
        }

        for (var i = 0; i < request.MemberIds.Count; i++)
        {
            if (request.MemberIds.Take(i).Contains(request.MemberIds[i]))
            {
                errors.Add(UserErrorCodes.Duplicate, "This officer is already in the list.", "input", "memberIds", Index(i));
            }
        }
    }

    private static string Index(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One Stripe customer per member (or agency), made once under a deterministic idempotency key and kept.</summary>
    private async Task<string> CustomerAsync(MembershipDbContext db, CheckoutRequest request, List<Member> members, CancellationToken ct)
    {
        var existing = await db.PaymentCustomers.AsNoTracking()
            .Where(c => request.AgencyId != null ? c.AgencyId == request.AgencyId : c.MemberId == request.MemberId).Select(c => c.StripeCustomerId).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing;
        }

        var owner = (Guid)(request.AgencyId ?? request.MemberId)!;
        var (email, name) = request.AgencyId is { } agencyId
            ? (string.Empty, await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Name).SingleAsync(ct))
            : (members[0].Email, $"{members[0].FirstName} {members[0].LastName}");
        var created = await stripe.CreateCustomerAsync(email, name,
            new Dictionary<string, string> { [request.AgencyId is null ? "member_id" : "agency_id"] = owner.ToString() }, $"customer-{owner}", ct);
        try
        {
            db.PaymentCustomers.Add(new PaymentCustomer
            {
                Id = calendar.NewId(), MemberId = request.AgencyId is null ? owner : null, AgencyId = request.AgencyId, StripeCustomerId = created.Id, CreatedAt = calendar.Now(),
            });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear(); // a concurrent checkout stored it first; Stripe's idempotency gave both the same customer
        }

        return created.Id;
    }

    /// <summary>What one line buys, in words the payer recognises on the checkout page.</summary>
    private static string Period(MembershipPlan plan) => plan.TermKind switch
    {
        TermKind.Anniversary => $"Membership dues: {plan.TermMonths} months from payment",
        TermKind.FixedPeriod => $"Membership dues: the current {plan.TermMonths}-month period",
        _ => "Membership dues: no end date",
    };

    private SessionCreateOptions SessionOptions(DuesPayment payment, MembershipPlan plan, List<Member> members)
    {
        var settings = options.Value;
        var metadata = new Dictionary<string, string> { ["payment_id"] = payment.Id.ToString(), ["receipt"] = payment.ReceiptNumber };
        var session = new SessionCreateOptions
        {
            Mode = payment.AutoRenew ? "subscription" : "payment",
            Customer = payment.StripeCustomerId,
            ClientReferenceId = payment.Id.ToString(),
            SuccessUrl = settings.SuccessUrl,
            CancelUrl = settings.CancelUrl,
            Metadata = metadata,
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = members.Count,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = plan.Currency.ToLowerInvariant(),
                        UnitAmount = plan.PriceAmount,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = plan.Name, Description = Period(plan), Metadata = new Dictionary<string, string> { ["plan_code"] = plan.Code } },
                        Recurring = payment.AutoRenew ? new SessionLineItemPriceDataRecurringOptions { Interval = "month", IntervalCount = plan.TermMonths } : null,
                    },
                },
            ],
        };
        if (payment.AutoRenew)
        {
            session.SubscriptionData = new SessionSubscriptionDataOptions
            {
                Metadata = new Dictionary<string, string>(metadata) { ["member_id"] = members[0].Id.ToString(), ["plan_id"] = plan.Id.ToString() },
            };
        }
        else
        {
            session.PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata };
        }

        return session;
    }
}
