using GraphQL.Types;
using Membership.Identity.Oidc;
using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Membership.Dues.Payments;

public sealed class StartDuesPaymentInput
{
    public string? PlanId { get; set; }
    public bool AutoRenew { get; set; }
    public string? MemberId { get; set; }
}

public sealed class StartAgencyDuesPaymentInput
{
    public string? AgencyId { get; set; }
    public string? PlanId { get; set; }
    public List<string>? MemberIds { get; set; }
}

public sealed class SetAutoRenewInput
{
    public string? MemberId { get; set; }
    public bool Enabled { get; set; }
}

public sealed class RefundDuesPaymentInput
{
    public string? PaymentId { get; set; }
    public long? Amount { get; set; }
    public string? Reason { get; set; }
}

internal sealed class StartDuesPaymentInputType : InputObjectGraphType<StartDuesPaymentInput>
{
    public StartDuesPaymentInputType()
    {
        Name = "StartDuesPaymentInput";
        Field<NonNullGraphType<IdGraphType>>("planId").Description("An active plan of the member's category.");
        Field<NonNullGraphType<BooleanGraphType>>("autoRenew").DefaultValue(false).Description("Renew automatically (anniversary plans): a Stripe subscription.");
        Field<IdGraphType>("memberId").Description("Staff only: the member to pay for. Default: the signed-in member.");
    }
}

internal sealed class StartAgencyDuesPaymentInputType : InputObjectGraphType<StartAgencyDuesPaymentInput>
{
    public StartAgencyDuesPaymentInputType()
    {
        Name = "StartAgencyDuesPaymentInput";
        Field<NonNullGraphType<IdGraphType>>("agencyId");
        Field<NonNullGraphType<IdGraphType>>("planId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("memberIds").Description("The agency's officers to pay for.");
    }
}

internal sealed class SetAutoRenewInputType : InputObjectGraphType<SetAutoRenewInput>
{
    public SetAutoRenewInputType()
    {
        Name = "SetAutoRenewInput";
        Field<IdGraphType>("memberId").Description("Staff only. Default: the signed-in member.");
        Field<NonNullGraphType<BooleanGraphType>>("enabled");
    }
}

internal sealed class RefundDuesPaymentInputType : InputObjectGraphType<RefundDuesPaymentInput>
{
    public RefundDuesPaymentInputType()
    {
        Name = "RefundDuesPaymentInput";
        Field<NonNullGraphType<IdGraphType>>("paymentId");
        Field<LongGraphType>("amount").Description("Minor units; default: everything not yet refunded.");
        Field<NonNullGraphType<StringGraphType>>("reason");
    }
}

public sealed class ResendDuesReceiptInput
{
    public string PaymentId { get; set; } = string.Empty;
}

internal sealed class ResendDuesReceiptInputType : InputObjectGraphType<ResendDuesReceiptInput>
{
    public ResendDuesReceiptInputType()
    {
        Name = "ResendDuesReceiptInput";
        Field<NonNullGraphType<IdGraphType>>("paymentId");
    }
}

internal sealed class StartDuesPaymentPayloadType : ObjectGraphType<Payload<DuesPayment>>
{
    public StartDuesPaymentPayloadType()
    {
        Name = "StartDuesPaymentPayload";
        Field<DuesPaymentType>("payment").Resolve(c => c.Source.Result);
        Field<StringGraphType>("checkoutUrl").Description("Send the payer here (Stripe Checkout, or the local sandbox).").Resolve(c => c.Service<PublicLinks>().Absolute(c.Source.Result?.CheckoutUrl));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}

internal sealed class DuesPaymentPayloadType() : PayloadType<DuesPayment, DuesPaymentType>("DuesPaymentPayload", "payment", "The payment as it now stands, or why not.");

internal sealed class AutoRenewalPayloadType() : PayloadType<DuesSubscription, DuesSubscriptionType>("AutoRenewalPayload", "autoRenewal", "The automatic renewal as it now stands, or why not.");

/// <summary>Payments through node(id): their payer, the members they cover, and staff.</summary>
internal sealed class DuesPaymentNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => DuesPaymentType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var caller = (Identity.Caller)requestServices.GetService(typeof(Identity.Caller))!;
        var staff = caller.IsStaff;
        var self = caller.MemberId;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.DuesPayments.AsNoTracking().Include(p => p.Lines)
            .Where(p => keys.Contains(p.Id) && (staff || p.PayerMemberId == self || p.Lines.Any(l => l.MemberId == self)))
            .ToDictionaryAsync(p => p.Id, p => (object)p, cancellationToken);
    }
}
