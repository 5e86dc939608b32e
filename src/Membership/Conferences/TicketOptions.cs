namespace Membership.Conferences;

/// <summary>The <c>Tickets</c> configuration section.</summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    /// <summary>
    /// Minutes a pending order holds its seats (15 by default). Stripe keeps a Checkout Session open for at least 30
    /// minutes, so the expiry job also ends the session when the hold ends; a payment that still slips through is
    /// handled as a late payment (seats taken again when free, else refunded in full).
    /// </summary>
    public int HoldMinutes { get; set; } = 15;

    /// <summary>Hours a waiting-list offer stays open.</summary>
    public int OfferHours { get; set; } = 24;

    public int MaxItemsPerOrder { get; set; } = 50;

    /// <summary>How often the expiry job runs; 0 turns it off (tests expire explicitly).</summary>
    public int ExpireEverySeconds { get; set; } = 60;

    /// <summary>Purchases and waiting-list entries by callers who are not signed in, per address and hour.</summary>
    public int AnonymousRequestsPerAddressPerHour { get; set; } = 30;

    /// <summary>Unpaid (pending) orders one signed-in buyer may have per conference; staff are not capped.</summary>
    public int MaxPendingOrdersPerBuyer { get; set; } = 2;

    /// <summary>Seats one signed-in buyer's unpaid orders may hold per conference.</summary>
    public int MaxHeldSeatsPerBuyer { get; set; } = 20;
}
