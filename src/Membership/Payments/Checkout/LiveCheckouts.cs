using System.Collections.Concurrent;
using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace Membership.Payments;

/// <summary>
/// The link that pays a pending order, for every kind of order: its Checkout Session's link while someone can pay it;
/// a fresh session for the same order, stored in its place, when nobody can any more (expired: Stripe ends a session
/// after 24 hours; or unknown to Stripe: a sandbox whose rows were removed, another account's key); and the order's
/// first session when the call that should have made it failed after the order was committed.
/// </summary>
/// <remarks>
/// Asking Stripe on every read would cost a call per pending row each time a list is read. A session this instance saw
/// open at Stripe is therefore known payable until its expiry, for at most <see cref="Recheck"/>; Stripe's news of it
/// (an event through the webhook or reconciliation) or its replacement forgets that at once. Another instance's news
/// reaches this one by the recheck at the latest.
/// </remarks>
public sealed class LiveCheckouts(IDbContextFactory<MembershipDbContext> factory, StripeGateway stripe, AssociationCalendar calendar)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromMinutes(10);

    private const int PruneAbove = 1_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _payableUntil = new(StringComparer.Ordinal);

    /// <summary>
    /// Where to pay the pending order <paramref name="orderId"/> of <paramref name="owner"/> whose session and link are
    /// <paramref name="current"/>. <paramref name="verify"/> asks Stripe even when the session is known payable (a payer
    /// clicking again). Stripe out of reach leaves the link as it was.
    /// </summary>
    public async Task<CheckoutLink> LinkAsync(IStripeOrderHandler owner, Guid orderId, Guid idempotencyKey, CheckoutLink current, bool verify, CancellationToken ct)
    {
        var now = calendar.Now();
        if (current.SessionId is { } known && !verify && _payableUntil.TryGetValue(known, out var until) && until > now)
        {
            return current;
        }

        try
        {
            if (current.SessionId is { } old && await PayableAsync(old, now, ct))
            {
                return current;
            }

            await using var db = await factory.CreateDbContextAsync(ct);
            var options = await owner.CheckoutSessionAsync(db, orderId, ct);
            var session = current.SessionId is { } dead
                ? await stripe.CreateCheckoutSessionAsync(options, IdempotencyKeys.Replacing(dead), ct)
                : await stripe.CreateCheckoutSessionAsync(options, idempotencyKey.ToString(), ct); // the first call's own key: Stripe answers what it made then, if anything
            if (current.SessionId is { } replaced)
            {
                Forget(replaced);
            }

            return await owner.StoreCheckoutSessionAsync(db, orderId, current.SessionId, session, ct);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return current;
        }
    }

    /// <summary>Stripe has news of a session (or it was replaced): the next read of its link asks Stripe again.</summary>
    public void Forget(string sessionId) => _payableUntil.TryRemove(sessionId, out _);

    /// <summary>Entries past their time are dropped once the map passes <see cref="PruneAbove"/>, so it stays bounded by the sessions read in ten minutes.</summary>
    private void Remember(string sessionId, DateTimeOffset until, DateTimeOffset now)
    {
        if (_payableUntil.Count >= PruneAbove)
        {
            foreach (var (id, time) in _payableUntil)
            {
                if (time <= now)
                {
                    _payableUntil.TryRemove(id, out _);
                }
            }
        }

        _payableUntil[sessionId] = until;
    }

    /// <summary>
    /// Whether someone can still pay the session (open and not past its expiry), or it completed (its news is on the
    /// way, and nothing replaces it). False when it expired or Stripe does not know it.
    /// </summary>
    private async Task<bool> PayableAsync(string sessionId, DateTimeOffset now, CancellationToken ct)
    {
        Session session;
        try
        {
            session = await stripe.GetCheckoutSessionAsync(sessionId, ct);
        }
        catch (StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false; // Stripe does not know it: nobody can pay it
        }

        var expires = new DateTimeOffset(DateTime.SpecifyKind(session.ExpiresAt, DateTimeKind.Utc));
        if (session.Status == "open" && expires > now)
        {
            Remember(sessionId, expires < now + Recheck ? expires : now + Recheck, now);
            return true;
        }

        return session.Status != "expired" && session.Status != "open";
    }
}
