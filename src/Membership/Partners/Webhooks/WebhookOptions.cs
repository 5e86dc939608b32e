namespace Membership.Partners.Webhooks;

/// <summary>The <c>Webhooks</c> section: how partner webhooks are sent, retried and guarded.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How often every instance looks for due deliveries; 0 turns the background dispatcher off (tests dispatch themselves).</summary>
    public int DispatchEverySeconds { get; set; } = 5;

    /// <summary>Deliveries one instance sends at once (at most one per endpoint), so a slow endpoint holds one slot, not the queue.</summary>
    public int MaxParallel { get; set; } = 8;

    /// <summary>One attempt's limit, connection to answer; redirects are not followed and the answer's body is not read.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long a claimed delivery is the claiming instance's; at least twice the timeout.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts stop this long after a delivery was created (or redelivered); an endpoint failing this long is disabled.</summary>
    public int RetryForHours { get; set; } = 72;

    /// <summary>How often the leased job looks for changes that come with the date (expiries, standing).</summary>
    public int WatchEveryMinutes { get; set; } = 15;

    /// <summary>Certificates that expired up to this many days ago are still announced (the job may have been down).</summary>
    public int ExpiryLookbackDays { get; set; } = 7;

    /// <summary>Default and longest overlap of a rotated secret, in hours.</summary>
    public int DefaultOverlapHours { get; set; } = 24;
    public int MaxOverlapHours { get; set; } = 168;

    /// <summary>Allows <c>http://localhost</c> and <c>http://127.0.0.1</c> URLs: Development and tests only.</summary>
    public bool AllowHttpLoopback { get; set; }

    /// <summary>Allows targets on loopback, private and link-local addresses: Development and tests only (SSRF).</summary>
    public bool AllowPrivateTargets { get; set; }
}
