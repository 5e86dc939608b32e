using GraphQL;
using GraphQL.Types;
using Membership.Identity.Oidc;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Dues.Payments;

internal sealed class DuesPaymentType : ObjectGraphType<DuesPayment>
{
    public const string TypeName = "DuesPayment";

    public DuesPaymentType()
    {
        Name = TypeName;
        Description = "A payment of dues, as its payer, the members it covers and staff see it.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is DuesPayment;
        this.Authorize();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(p => p.ReceiptNumber);
        Field<NonNullGraphType<DuesPaymentKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<DuesPaymentStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<MoneyType>>("amount").Resolve(c => new Money(c.Source.Amount, c.Source.Currency));
        Field<NonNullGraphType<MoneyType>>("refunded").Resolve(c => new Money(c.Source.RefundedAmount, c.Source.Currency));
        Field<NonNullGraphType<MembershipPlanType>>("plan").Resolve(c => c.Service<MemberLoaders>().Plan.Load(c.Source.PlanId));
        Field<AgencyType>("agency").Description("The agency that paid for its officers.")
            .Resolve(c => c.Source.AgencyId is { } id ? c.Service<AgencyLoaders>().Agency.Load(id) : null);
        Field(p => p.AutoRenew).Description("Started an automatic renewal (a Stripe subscription).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DuesPaymentLineType>>>>("lines").Resolve(c => c.Source.Lines);
        Field<StringGraphType>("checkoutUrl").Description("Where to pay, while the payment is pending.")
            .ResolveAsync(async c => c.Source.Status == DuesPaymentStatus.Pending
                ? c.Service<PublicLinks>().Absolute(await c.Service<DuesCheckout>().CheckoutUrlAsync(c.Source, c.CancellationToken)) : null);
        Field<StringGraphType>("receiptPdfUrl").Description("The printable receipt, once paid (needs the same sign-in).")
            .Resolve(c => c.Source.Status is DuesPaymentStatus.Succeeded or DuesPaymentStatus.Refunded or DuesPaymentStatus.PartiallyRefunded ? c.Service<PublicLinks>().To(Receipts.PdfPath(c.Source)) : null);
        Field(p => p.FailureReason, nullable: true);
        Field(p => p.CreatedAt);
        Field(p => p.CompletedAt, nullable: true).Description("When Stripe confirmed the payment (or it failed or expired).");

        // Staff match a payment to Stripe's dashboard with these; members never see them.
        Field<StringGraphType>("stripeCheckoutSessionId").Description("Staff only: Stripe's Checkout Session (cs_…).").AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Source.StripeCheckoutSessionId);
        Field<StringGraphType>("stripePaymentIntentId").Description("Staff only: Stripe's PaymentIntent (pi_…), once paid.").AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Source.StripePaymentIntentId);
        Field<StringGraphType>("stripeSubscriptionId").Description("Staff only: Stripe's subscription (sub_…) of an automatic renewal.").AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Source.StripeSubscriptionId);
        Field<StringGraphType>("stripeInvoiceId").Description("Staff only: Stripe's invoice (in_…) of a subscription payment.").AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Source.StripeInvoiceId);
        Field<StringGraphType>("stripeCustomerId").Description("Staff only: Stripe's customer (cus_…) of the payer.").AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Source.StripeCustomerId);
        Field<ListGraphType<NonNullGraphType<DuesRefundType>>>("refunds").Description("Staff only: refunds issued through refundDuesPayment, and the automatic ones of a payment that arrived for a closed membership, oldest first.")
            .AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Service<DuesLoaders>().RefundsOfPayment.Load(c.Source.Id));
    }
}

/// <summary>A refund with its payment's currency, as staff read it.</summary>
public sealed record PaymentRefund(DuesRefund Refund, string Currency);

internal sealed class DuesRefundType : ObjectGraphType<PaymentRefund>
{
    public DuesRefundType()
    {
        Name = "DuesRefund";
        Description = "A refund through Stripe: issued by staff, or automatic (refundedBy \"system\") when a payment arrived for a suspended or cancelled membership.";
        Field<NonNullGraphType<MoneyType>>("amount").Resolve(c => new Money(c.Source.Refund.Amount, c.Source.Currency));
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Refund.Reason);
        Field<NonNullGraphType<StringGraphType>>("refundedBy").Description("The staff account that issued it (its subject), or \"system\" for an automatic refund.").Resolve(c => c.Source.Refund.CreatedBy);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("refundedAt").Resolve(c => c.Source.Refund.CreatedAt);
        Field<StringGraphType>("stripeRefundId").Description("Stripe's refund (re_…); null while an automatic refund waits for Stripe (reconciliation sends it again).").Resolve(c => c.Source.Refund.StripeRefundId);
    }
}

internal sealed class DuesPaymentLineType : ObjectGraphType<DuesPaymentLine>
{
    public DuesPaymentLineType()
    {
        Name = "DuesPaymentLine";
        Field<MemberType>("member").Resolve(c => c.Service<MemberLoaders>().Member.Load(c.Source.MemberId));
        Field<NonNullGraphType<IntGraphType>>("amount").Description("Minor units, in the payment's currency.").Resolve(c => checked((int)c.Source.Amount));
        Field(l => l.PeriodStart, nullable: true).Description("The term it paid for, once paid.");
        Field(l => l.PeriodEnd, nullable: true);
    }
}

internal sealed class DuesSubscriptionType : ObjectGraphType<DuesSubscription>
{
    public DuesSubscriptionType()
    {
        Name = "AutoRenewal";
        Description = "A member's automatic renewal of dues.";
        Field(s => s.Status).Description("Stripe's subscription status: active, past_due, canceled, …");
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Description("False when it will stop at the end of the paid period.")
            .Resolve(c => !c.Source.CancelAtPeriodEnd && c.Source.Status is "active" or "trialing" or "past_due");
        Field(s => s.CurrentPeriodEnd, nullable: true);
        Field<NonNullGraphType<MembershipPlanType>>("plan").Resolve(c => c.Service<MemberLoaders>().Plan.Load(c.Source.PlanId));
    }
}

internal sealed class DuesPaymentKindType : EnumerationGraphType<DuesPaymentKind>
{
    public DuesPaymentKindType() => Name = "DuesPaymentKind";
}

internal sealed class DuesPaymentStatusType : EnumerationGraphType<DuesPaymentStatus>
{
    public DuesPaymentStatusType() => Name = "DuesPaymentStatus";
}

internal sealed class DuesPaymentEdgeType() : EdgeType<DuesPayment, DuesPaymentType>(DuesPaymentType.TypeName);

internal sealed class DuesPaymentConnectionType() : ConnectionType<DuesPayment, DuesPaymentType, DuesPaymentEdgeType>(DuesPaymentType.TypeName);

internal static class DuesPaymentGraph
{
    internal static readonly KeysetOrder<DuesPayment> NewestFirst = new("payment:newest",
        KeyColumn<DuesPayment>.Descending(p => p.CreatedAt), KeyColumn<DuesPayment>.Descending(p => p.Id));

    public static void AddDuesQueries(this ObjectGraphType query)
    {
        query.Field<DuesPaymentConnectionType>("duesPayments")
            .Description("Payments, newest first, filtered. Staff only.")
            .Argument<ListGraphType<NonNullGraphType<DuesPaymentStatusType>>>("status")
            .Argument<DateTimeOffsetGraphType>("from", "Started (createdAt) at or after this instant.")
            .Argument<DateTimeOffsetGraphType>("to", "Started (createdAt) before this instant.")
            .Argument<DateTimeOffsetGraphType>("paidFrom", "Paid (completedAt of a succeeded, refunded or partially refunded payment) at or after this instant.")
            .Argument<DateTimeOffsetGraphType>("paidTo", "Paid (completedAt of a succeeded, refunded or partially refunded payment) before this instant.")
            .Argument<IdGraphType>("planId")
            .Argument<IdGraphType>("agencyId")
            .Argument<IdGraphType>("memberId")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var filter = new StaffPaymentFilter(
                    c.GetArgument<List<DuesPaymentStatus>?>("status"), c.GetArgument<DateTimeOffset?>("from"), c.GetArgument<DateTimeOffset?>("to"),
                    c.GetArgument<DateTimeOffset?>("paidFrom"), c.GetArgument<DateTimeOffset?>("paidTo"),
                    c.GetArgument<string?>("planId") is { } p ? GlobalId.Parse(p, MembershipPlanType.TypeName, "planId") : null,
                    c.GetArgument<string?>("agencyId") is { } a ? GlobalId.Parse(a, AgencyType.TypeName, "agencyId") : null,
                    c.GetArgument<string?>("memberId") is { } m ? GlobalId.Parse(m, MemberType.TypeName, "memberId") : null);
                return await KeysetPaging.PageAsync(c.Db(), filter.Apply, NewestFirst, PageArgs.From(c), c.CancellationToken);
            });
    }

    public static void AddDuesMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<StartDuesPaymentPayloadType, StartDuesPaymentInputType>("startDuesPayment",
                "Starts paying dues: the signed-in member for themself (staff may name a member). Returns the Stripe Checkout URL; the membership extends when Stripe confirms the payment.")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(StartDuesPaymentAsync);

        mutation.Mutation<StartDuesPaymentPayloadType, StartAgencyDuesPaymentInputType>("startAgencyDuesPayment",
                $"An agency pays one checkout for up to {DuesCheckout.MaxGroupSize} of its officers; each one's membership extends when it is paid. For staff, and for members of that agency paying for their colleagues.")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(StartAgencyDuesPaymentAsync);

        mutation.Mutation<AutoRenewalPayloadType, SetAutoRenewInputType>("setAutoRenew",
                "Turns automatic renewal off (or back on) at the end of the paid period: the member for themself, staff for anyone.")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(SetAutoRenewAsync);

        mutation.Mutation<DuesPaymentPayloadType, RefundDuesPaymentInputType>("refundDuesPayment",
                "Refunds a payment through Stripe, in full (the terms it bought are taken back) or in part (they stay). Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(RefundDuesPaymentAsync);

        mutation.Mutation<DuesPaymentPayloadType, ResendDuesReceiptInputType>("resendDuesReceipt",
                "Mails a paid payment's receipt again: a member asks for their own (it goes to them), staff for anyone's (it goes where it first went). Once per payment, recipient and day.")
            .AuthorizeWithPolicy(Policies.Authenticated)
            .ResolveAsync(ResendDuesReceiptAsync);
    }

    /// <summary>A member pays their own dues; staff may pay anyone's.</summary>
    private static async Task<object?> StartDuesPaymentAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<StartDuesPaymentInput>("input");
        var caller = c.Caller();
        var errors = new UserErrors();
        var plan = errors.Id(input.PlanId, MembershipPlanType.TypeName, "input", "planId");
        Guid? member = input.MemberId is null ? caller.MemberId : errors.Id(input.MemberId, MemberType.TypeName, "input", "memberId");
        if (!errors.Any && (member is null || (!caller.IsStaff && member != caller.MemberId)))
        {
            throw new ExecutionError("Members pay their own dues; staff may pay for anyone.") { Code = ErrorCodes.Forbidden };
        }

        return errors.Any ? Payload<DuesPayment>.Failure(errors) : await c.Service<DuesCheckout>().StartAsync(
            new CheckoutRequest(plan!.Value, input.AutoRenew, member, null, [member!.Value], Actor(caller)), c.CancellationToken);
    }

    /// <summary>An agency pays for a list of its officers: staff, or a member acting for that agency.</summary>
    private static async Task<object?> StartAgencyDuesPaymentAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<StartAgencyDuesPaymentInput>("input");
        var caller = c.Caller();
        var errors = new UserErrors();
        var plan = errors.Id(input.PlanId, MembershipPlanType.TypeName, "input", "planId");
        var agency = errors.Id(input.AgencyId, AgencyType.TypeName, "input", "agencyId");
        var members = (input.MemberIds ?? []).Select((id, i) => errors.Id(id, MemberType.TypeName, "input", "memberIds", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        if (errors.Any)
        {
            return Payload<DuesPayment>.Failure(errors);
        }

        if (!caller.IsStaff && !await c.ActsForAgencyAsync(caller, agency!.Value))
        {
            throw new ExecutionError("Only staff or a member of this agency can pay for its officers.") { Code = ErrorCodes.Forbidden };
        }

        return await c.Service<DuesCheckout>().StartAsync(
            new CheckoutRequest(plan!.Value, false, caller.MemberId, agency, [.. members.Select(m => m!.Value)], Actor(caller), caller.IsStaff), c.CancellationToken);
    }

    /// <summary>A member turns their own automatic renewal on or off; staff anyone's.</summary>
    private static async Task<object?> SetAutoRenewAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<SetAutoRenewInput>("input");
        var caller = c.Caller();
        var member = input.MemberId is null ? caller.MemberId : GlobalId.Parse(input.MemberId, MemberType.TypeName, "memberId");
        if (member is null || (!caller.IsStaff && member != caller.MemberId))
        {
            throw new ExecutionError("Members change their own renewal; staff anyone's.") { Code = ErrorCodes.Forbidden };
        }

        return await c.Service<DuesAutoRenewal>().SetAutoRenewAsync(member.Value, input.Enabled, c.CancellationToken);
    }

    /// <summary>Staff refund a payment, in full or in part.</summary>
    private static async Task<object?> RefundDuesPaymentAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<RefundDuesPaymentInput>("input");
        var errors = new UserErrors();
        return errors.Id(input.PaymentId, DuesPaymentType.TypeName, "input", "paymentId") is { } id
            ? await c.Service<DuesRefunds>().RefundAsync(id, input.Amount, input.Reason ?? string.Empty, Actor(c.Caller()), c.CancellationToken)
            : Payload<DuesPayment>.Failure(errors);
    }

    /// <summary>The receipt mail again, for the member's own payment or, by staff, anyone's.</summary>
    private static async Task<object?> ResendDuesReceiptAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<ResendDuesReceiptInput>("input");
        var errors = new UserErrors();
        return errors.Id(input.PaymentId, DuesPaymentType.TypeName, "input", "paymentId") is { } id
            ? await c.Service<DuesReceiptMail>().ResendAsync(id, c.Caller(), c.CancellationToken)
            : Payload<DuesPayment>.Failure(errors);
    }

    /// <summary>Members' and staff's view of a member's payments and renewal, on the Member type; private like contact data.</summary>
    public static void AddDuesFields(this ObjectGraphType<Member> member)
    {
        member.Field<ListGraphType<NonNullGraphType<DuesPaymentType>>>("duesPayments").Description("Payments this member made or was covered by, newest first.")
            .PersonalData(m => m.Id)
            .Resolve(c => c.Service<DuesLoaders>().PaymentsOfMember.Load(c.Source.Id));
        member.Field<DuesSubscriptionType>("autoRenewal").PersonalData(m => m.Id)
            .Resolve(c => c.Service<DuesLoaders>().AutoRenewalOfMember.Load(c.Source.Id));
    }

    private static string Actor(Caller caller) => caller.Subject ?? "unknown";
}

/// <summary>
/// Staff's filters of <c>duesPayments</c>. A member's payments start from the union of the payer and the lines' member
/// indexes (<see cref="DuesLoaders.OfMembers"/>), as <c>me { duesPayments }</c> does: "payer OR a line" would be tested on
/// every payment.
/// </summary>
internal sealed record StaffPaymentFilter(IReadOnlyCollection<DuesPaymentStatus>? Statuses, DateTimeOffset? From, DateTimeOffset? To,
    DateTimeOffset? PaidFrom, DateTimeOffset? PaidTo, Guid? PlanId, Guid? AgencyId, Guid? MemberId)
{
    public IQueryable<DuesPayment> Apply(MembershipDbContext db)
    {
        var (statuses, from, to, paidFrom, paidTo, plan, agency) = (Statuses, From, To, PaidFrom, PaidTo, PlanId, AgencyId);
        var paidOnly = paidFrom != null || paidTo != null;
        var payments = MemberId is { } member ? DuesLoaders.OfMembers(db, [member]) : db.DuesPayments;
        return payments.Include(x => x.Lines).Where(x =>
            (statuses == null || statuses.Contains(x.Status)) && (from == null || x.CreatedAt >= from) && (to == null || x.CreatedAt < to)
            && (!paidOnly || x.Status == DuesPaymentStatus.Succeeded || x.Status == DuesPaymentStatus.Refunded || x.Status == DuesPaymentStatus.PartiallyRefunded)
            && (paidFrom == null || x.CompletedAt >= paidFrom) && (paidTo == null || x.CompletedAt < paidTo)
            && (plan == null || x.PlanId == plan) && (agency == null || x.AgencyId == agency));
    }
}
