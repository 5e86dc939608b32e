namespace Membership.Payments;

/// <summary>
/// The idempotency keys of Stripe's creating calls, so a repeated call (a retry, a second instance, a second click)
/// gets what the first made instead of a second one. An order, refund or customer row keeps its own Guid key, made
/// when the row is written and sent with every call that creates its Stripe object; the keys below are derived.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The one Stripe customer of a member or an agency.</summary>
    public static string Customer(Guid owner) => $"customer-{owner}";

    /// <summary>The fresh Checkout Session replacing one nobody can pay: two readers at once get the same replacement.</summary>
    public static string Replacing(string sessionId) => $"replaces-{sessionId}";

    /// <summary>A key for one purpose of one row (a ticket order's cancellation refund, say): the same row and purpose give the same key.</summary>
    public static Guid Derived(Guid id, string purpose) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{id:N}:{purpose}")).AsSpan(0, 16));
}
