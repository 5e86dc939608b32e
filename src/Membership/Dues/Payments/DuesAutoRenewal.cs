using Membership.Data;
using Membership.GraphQL;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace Membership.Dues.Payments;

/// <summary>Members' switch for the automatic renewal of their dues (a Stripe subscription).</summary>
public sealed class DuesAutoRenewal(IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, DuesStripeHandler subscriptions)
{
    /// <summary>
    /// Turns a member's automatic renewal on or off (Stripe's cancel-at-period-end): the paid period always runs out.
    /// A closed membership (suspended, or its term cancelled) cannot turn it on: its payments would only be refunded.
    /// </summary>
    public async Task<Payload<DuesSubscription>> SetAutoRenewAsync(Guid memberId, bool enabled, CancellationToken ct)
    {
        stripe.EnsureAvailable();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (enabled && await db.Members.Where(m => m.Id == memberId).AnyAsync(ClosedMemberships.IsClosed, ct))
        {
            return Payload<DuesSubscription>.Failure(new UserErrors().Add(UserErrorCodes.MembershipClosed,
                "The membership is suspended or cancelled; staff must reinstate it before automatic renewal can be turned on.", "input", "enabled"));
        }

        var subscription = await db.DuesSubscriptions.Where(s => s.MemberId == memberId && s.Status != "canceled" && s.Status != "incomplete_expired")
            .OrderByDescending(s => s.UpdatedAt).FirstOrDefaultAsync(ct);
        if (subscription is null)
        {
            return Payload<DuesSubscription>.Failure(new UserErrors().Add(UserErrorCodes.NoSubscription,
                enabled ? "There is no automatic renewal to turn on: pay with autoRenew to start one." : "There is no automatic renewal to turn off.", "input", "enabled"));
        }

        try
        {
            var updated = await stripe.SetCancelAtPeriodEndAsync(subscription.StripeSubscriptionId, !enabled, Guid.NewGuid().ToString(), ct);
            await subscriptions.UpsertSubscriptionAsync(db, updated, ct);
        }
        catch (StripeException e)
        {
            return Payload<DuesSubscription>.Failure(new UserErrors().Add(UserErrorCodes.PaymentProviderError, $"The payment provider refused the change: {e.StripeError?.Message ?? e.Message}"));
        }

        await db.SaveChangesAsync(ct);
        return Payload<DuesSubscription>.Success(subscription);
    }
}
