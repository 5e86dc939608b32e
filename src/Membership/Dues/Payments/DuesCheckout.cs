using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.Members;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Membership.Dues.Payments;

/// <summary>Who a checkout is for: one member, or an agency paying for a list of its officers.</summary>
public sealed record CheckoutRequest(Guid PlanId, bool AutoRenew, Guid? MemberId, Guid? AgencyId, IReadOnlyList<Guid> MemberIds, string CreatedBy, bool ByStaff = false);

/// <summary>
/// Starts a payment: checks it, commits our Pending payment (with its receipt number and idempotency key), then asks
/// Stripe for the Checkout Session under that key, so a retry cannot pay twice. Stripe refusing removes the payment
/// again; Stripe not answering leaves it pending without a session, and the same click again (or reading its
/// checkoutUrl) asks Stripe once more under the same key. Price and currency come from our plan, never from the client.
/// </summary>
public sealed class DuesCheckout(
    IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, AssociationCalendar calendar, IOptions<StripeOptions> options,
    DuesStripeHandler handler, LiveCheckouts checkouts)
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

        // A second click while the first checkout is still open gives the same checkout (and one whose session Stripe did not answer for, its session now).
        var payer = request.MemberId;
        var open = await db.DuesPayments.AsNoTracking().Include(p => p.Lines)
            .Where(p => p.Status == DuesPaymentStatus.Pending && p.PlanId == plan!.Id && p.AutoRenew == request.AutoRenew && p.Kind != DuesPaymentKind.Renewal
                && p.PayerMemberId == payer && p.AgencyId == request.AgencyId && p.CreatedAt > calendar.Now().AddHours(-1))
            .OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        if (open.FirstOrDefault(p => p.Lines.Select(l => l.MemberId).Order().SequenceEqual(request.MemberIds.Order())) is { } same)
        {
            await LinkAsync(same, verify: true, ct); // never the link of a session nobody can pay
            return same.CheckoutUrl is null ? Unreachable() : Payload<DuesPayment>.Success(same);
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

        var payment = await RecordAsync(db, request, plan!, members, customer, ct);
        return await OpenCheckoutAsync(db, payment, plan!, members, ct);
    }

    /// <summary>Where to pay a pending payment (see <see cref="LiveCheckouts"/>); null once it is no longer pending.</summary>
    public async Task<string?> CheckoutUrlAsync(DuesPayment payment, CancellationToken ct) =>
        payment.Status == DuesPaymentStatus.Pending ? (await LinkAsync(payment, verify: false, ct)).Url : payment.CheckoutUrl;

    private async Task<CheckoutLink> LinkAsync(DuesPayment payment, bool verify, CancellationToken ct)
    {
        var link = await checkouts.LinkAsync(handler, payment.Id, payment.IdempotencyKey, new CheckoutLink(payment.StripeCheckoutSessionId, payment.CheckoutUrl), verify, ct);
        (payment.StripeCheckoutSessionId, payment.CheckoutUrl) = (link.SessionId, link.Url);
        return link;
    }

    /// <summary>Our Pending payment, committed before Stripe hears of it; the receipt number's row lock is held only this long.</summary>
    private async Task<DuesPayment> RecordAsync(MembershipDbContext db, CheckoutRequest request, MembershipPlan plan, List<Member> members, string customer, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = new DuesPayment
        {
            Id = RecordIds.New(), ReceiptNumber = await Receipts.NextNumberAsync(db, calendar, ct),
            Kind = request.AgencyId is null ? DuesPaymentKind.Individual : DuesPaymentKind.AgencyGroup, PayerMemberId = request.MemberId, AgencyId = request.AgencyId,
            PlanId = plan.Id, Amount = plan.PriceAmount * members.Count, Currency = plan.Currency, Status = DuesPaymentStatus.Pending, AutoRenew = request.AutoRenew,
            IdempotencyKey = Guid.NewGuid(), StripeCustomerId = customer, CreatedAt = calendar.Now(), CreatedBy = request.CreatedBy,
        };
        payment.Lines.AddRange(members.Select(m => new DuesPaymentLine { Id = RecordIds.New(), PaymentId = payment.Id, MemberId = m.Id, Amount = plan.PriceAmount }));
        db.DuesPayments.Add(payment);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return payment;
    }

    /// <summary>Stripe's Checkout Session for the committed payment, under the payment's idempotency key.</summary>
    private async Task<Payload<DuesPayment>> OpenCheckoutAsync(MembershipDbContext db, DuesPayment payment, MembershipPlan plan, List<Member> members, CancellationToken ct)
    {
        Session session;
        try
        {
            session = await stripe.CreateCheckoutSessionAsync(SessionOptions(options.Value, payment, plan, members), payment.IdempotencyKey.ToString(), ct);
        }
        catch (StripeException e)
        {
            // Stripe answered no: nobody can pay this payment. It goes, as if never started (its receipt number stays unused).
            await DiscardAsync(db, payment.Id);
            return ProviderError("checkout", e);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // No answer: Stripe may have made the session. The payment stays pending; the next click asks again under its key.
            return Unreachable();
        }

        var link = await handler.StoreCheckoutSessionAsync(db, payment.Id, null, session, ct);
        (payment.StripeCheckoutSessionId, payment.CheckoutUrl) = (link.SessionId, link.Url);
        return Payload<DuesPayment>.Success(payment);
    }

    private static async Task DiscardAsync(MembershipDbContext db, Guid paymentId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.DuesPaymentLines.Where(l => l.PaymentId == paymentId).ExecuteDeleteAsync(CancellationToken.None);
        await db.DuesPayments.Where(p => p.Id == paymentId && p.StripeCheckoutSessionId == null).ExecuteDeleteAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private static Payload<DuesPayment> Unreachable() =>
        Payload<DuesPayment>.Failure(new UserErrors().Add(UserErrorCodes.PaymentProviderError, "The payment provider could not be reached; try again in a moment."));

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
            new Dictionary<string, string> { [request.AgencyId is null ? "member_id" : "agency_id"] = owner.ToString() }, IdempotencyKeys.Customer(owner), ct);
        try
        {
            db.PaymentCustomers.Add(new PaymentCustomer
            {
                Id = RecordIds.New(), MemberId = request.AgencyId is null ? owner : null, AgencyId = request.AgencyId, StripeCustomerId = created.Id, CreatedAt = calendar.Now(),
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

    /// <summary>What the payer sees at Stripe, and what Stripe keeps of ours (the payment's id, in its metadata).</summary>
    internal static SessionCreateOptions SessionOptions(StripeOptions settings, DuesPayment payment, MembershipPlan plan, List<Member> members)
    {
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
