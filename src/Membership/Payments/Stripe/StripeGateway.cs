using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Membership.Payments;

/// <summary>The <c>Stripe</c> configuration section.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>The secret API key (sk_live_… or sk_test_…). Empty: payments use the local sandbox in Development, and are unavailable elsewhere.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (whsec_…).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API address; tests point it at their fake.</summary>
    public string? ApiBase { get; set; }

    /// <summary>Where Checkout sends the payer back; {CHECKOUT_SESSION_ID} is replaced by Stripe.</summary>
    public string SuccessUrl { get; set; } = "http://localhost:5173/dues/paid?session_id={CHECKOUT_SESSION_ID}";
    public string CancelUrl { get; set; } = "http://localhost:5173/dues/cancelled";

    /// <summary>Where Checkout sends a ticket buyer back (the front end's ticket pages, not its dues pages).</summary>
    public string TicketSuccessUrl { get; set; } = "http://localhost:5173/tickets/paid?session_id={CHECKOUT_SESSION_ID}";
    public string TicketCancelUrl { get; set; } = "http://localhost:5173/tickets/cancelled";

    /// <summary>Seconds a webhook's signature timestamp may be old.</summary>
    public long WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>How often the reconciliation job asks Stripe for what it may have missed; 0 turns the job off.</summary>
    public int ReconcileEveryMinutes { get; set; } = 15;

    /// <summary>How far back reconciliation looks (Stripe retries webhooks for three days).</summary>
    public int ReconcileDays { get; set; } = 3;

    internal const string SandboxKey = "sk_test_local_sandbox";
    internal const string SandboxWebhookSecret = "whsec_local_sandbox";
}

/// <summary>The Stripe calls this service makes, through Stripe.net, each creating call with an idempotency key (<see cref="IdempotencyKeys"/>).</summary>
public sealed class StripeGateway(IOptions<StripeOptions> options, IHttpClientFactory http, PaymentMode mode)
{
    public const string HttpClientName = "stripe";

    private StripeClient Client
    {
        get
        {
            var settings = options.Value;
            return new StripeClient(new StripeClientOptions
            {
                ApiKey = mode.Sandbox ? StripeOptions.SandboxKey : settings.SecretKey,
                ApiBase = string.IsNullOrWhiteSpace(settings.ApiBase) ? (mode.Sandbox ? "https://sandbox.stripe.local" : null) : settings.ApiBase,
                HttpClient = new SystemNetHttpClient(http.CreateClient(HttpClientName), maxNetworkRetries: 2),
            });
        }
    }

    /// <summary>Refuses with PAYMENTS_UNAVAILABLE when no Stripe key is configured outside Development.</summary>
    public void EnsureAvailable()
    {
        if (!mode.Available)
        {
            throw new global::GraphQL.ExecutionError("Payments are not configured on this server (set Stripe:SecretKey).") { Code = Membership.GraphQL.ErrorCodes.PaymentsUnavailable };
        }
    }

    public string WebhookSecret => mode.Sandbox ? StripeOptions.SandboxWebhookSecret : options.Value.WebhookSecret ?? string.Empty;

    public Task<Customer> CreateCustomerAsync(string email, string name, IDictionary<string, string> metadata, string idempotencyKey, CancellationToken ct) =>
        new CustomerService(Client).CreateAsync(new CustomerCreateOptions { Email = email, Name = name, Metadata = new Dictionary<string, string>(metadata) },
            new RequestOptions { IdempotencyKey = idempotencyKey }, ct);

    public Task<Session> CreateCheckoutSessionAsync(SessionCreateOptions session, string idempotencyKey, CancellationToken ct) =>
        new SessionService(Client).CreateAsync(session, new RequestOptions { IdempotencyKey = idempotencyKey }, ct);

    public Task<Session> GetCheckoutSessionAsync(string id, CancellationToken ct) => new SessionService(Client).GetAsync(id, cancellationToken: ct);

    public Task<Session> ExpireCheckoutSessionAsync(string id, CancellationToken ct) => new SessionService(Client).ExpireAsync(id, cancellationToken: ct);

    public Task<Subscription> GetSubscriptionAsync(string id, CancellationToken ct) => new SubscriptionService(Client).GetAsync(id, cancellationToken: ct);

    public Task<Subscription> SetCancelAtPeriodEndAsync(string id, bool cancel, string idempotencyKey, CancellationToken ct) =>
        new SubscriptionService(Client).UpdateAsync(id, new SubscriptionUpdateOptions { CancelAtPeriodEnd = cancel }, new RequestOptions { IdempotencyKey = idempotencyKey }, ct);

    public Task<Invoice> GetInvoiceAsync(string id, CancellationToken ct) =>
        new InvoiceService(Client).GetAsync(id, new InvoiceGetOptions { Expand = ["payments"] }, cancellationToken: ct);

    public Task<Charge> GetChargeAsync(string id, CancellationToken ct) => new ChargeService(Client).GetAsync(id, cancellationToken: ct);

    public async Task<Charge?> GetLatestChargeAsync(string paymentIntentId, CancellationToken ct)
    {
        var intent = await new PaymentIntentService(Client).GetAsync(paymentIntentId, cancellationToken: ct);
        return intent.LatestChargeId is { } charge ? await GetChargeAsync(charge, ct) : null;
    }

    public Task<Refund> RefundAsync(string paymentIntentId, long amount, Guid idempotencyKey, CancellationToken ct) =>
        new RefundService(Client).CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntentId, Amount = amount },
            new RequestOptions { IdempotencyKey = idempotencyKey.ToString() }, ct);

    public async Task<IReadOnlyList<Event>> ListEventsAsync(DateTimeOffset since, IEnumerable<string> types, CancellationToken ct)
    {
        var events = new List<Event>();
        await foreach (var e in new EventService(Client).ListAutoPagingAsync(
            new EventListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = since.UtcDateTime }, Types = [.. types], Limit = 100 }, cancellationToken: ct))
        {
            events.Add(e);
        }

        return events;
    }
}

/// <summary>Whether payments go to Stripe, to the local sandbox (Development without a key), or nowhere.</summary>
public sealed record PaymentMode(bool Available, bool Sandbox);
