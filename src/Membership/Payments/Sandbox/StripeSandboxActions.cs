using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Membership.Payments.Sandbox;

/// <summary>Stripe's side of a payment, played by the sandbox: each action changes its objects and returns the events Stripe would send.</summary>
public sealed partial class StripeSandbox
{
    /// <summary>The customer pays: a payment (payment intent and charge) or a subscription with its first paid invoice.</summary>
    /// <param name="onlyIfOpen">As on Stripe's page: a session no longer open is left alone, and no events are sent.</param>
    public Task<IReadOnlyList<JsonObject>> PayAsync(string sessionId, bool onlyIfOpen = false, CancellationToken ct = default) => ActAsync(async changes =>
    {
        var session = await SessionAsync(changes, sessionId);
        if (onlyIfOpen && (string?)session["status"] != "open")
        {
            return [];
        }

        var amount = (long)session["amount_total"]!;
        var intent = Charge(changes, amount, (string)session["currency"]!, (string?)session["customer"]);
        var events = new List<JsonObject>();
        if ((string?)session["mode"] == "subscription")
        {
            var subscription = Subscription(changes, session);
            var invoice = Invoice(changes, subscription, amount, intent, "subscription_create", paid: true);
            session["subscription"] = (string)subscription["id"]!;
            session["invoice"] = (string)invoice["id"]!;
            events.Add(Emit(changes, "customer.subscription.created", subscription));
            events.Add(Emit(changes, "invoice.paid", invoice));
        }
        else
        {
            session["payment_intent"] = (string)intent["id"]!;
        }

        session["status"] = "complete";
        session["payment_status"] = "paid";
        events.Insert(0, Emit(changes, "checkout.session.completed", session));
        return events;
    }, ct);

    /// <summary>A delayed payment method (a bank debit) fails after checkout: completed, then unpaid.</summary>
    public Task<IReadOnlyList<JsonObject>> FailAsync(string sessionId, bool onlyIfOpen = false, CancellationToken ct = default) => ActAsync(async changes =>
    {
        var session = await SessionAsync(changes, sessionId);
        if (onlyIfOpen && (string?)session["status"] != "open")
        {
            return [];
        }

        session["status"] = "complete";
        session["payment_status"] = "unpaid";
        return [Emit(changes, "checkout.session.completed", session), Emit(changes, "checkout.session.async_payment_failed", session)];
    }, ct);

    /// <summary>Nobody paid before the session's deadline.</summary>
    public Task<IReadOnlyList<JsonObject>> ExpireAsync(string sessionId, CancellationToken ct = default) => ActAsync(async changes =>
    {
        var session = await SessionAsync(changes, sessionId);
        session["status"] = "expired";
        return [Emit(changes, "checkout.session.expired", session)];
    }, ct);

    /// <summary>The subscription bills its next period: the invoice is paid or the payment fails.</summary>
    public Task<IReadOnlyList<JsonObject>> RenewAsync(string subscriptionId, bool paid, CancellationToken ct = default) => ActAsync(async changes =>
    {
        var subscription = await changes.FindAsync(subscriptionId) ?? throw new KeyNotFoundException(subscriptionId);
        var item = subscription["items"]!["data"]![0]!.AsObject();
        var amount = (long)item["price"]!["unit_amount"]!;
        var intent = Charge(changes, amount, (string)item["price"]!["currency"]!, (string?)subscription["customer"], paid);
        var end = (long)item["current_period_end"]!;
        item["current_period_start"] = end;
        item["current_period_end"] = end + (long)(DateTimeOffset.FromUnixTimeSeconds(end).AddMonths(Months(item)) - DateTimeOffset.FromUnixTimeSeconds(end)).TotalSeconds;
        subscription["status"] = paid ? "active" : "past_due";
        var invoice = Invoice(changes, subscription, amount, intent, "subscription_cycle", paid);
        return [Emit(changes, paid ? "invoice.paid" : "invoice.payment_failed", invoice), Emit(changes, "customer.subscription.updated", subscription)];
    }, ct);

    /// <summary>The subscription ends now (cancelled by Stripe after failed payments, or from the dashboard).</summary>
    public Task<IReadOnlyList<JsonObject>> CancelAsync(string subscriptionId, CancellationToken ct = default) => ActAsync(async changes =>
    {
        var subscription = await changes.FindAsync(subscriptionId) ?? throw new KeyNotFoundException(subscriptionId);
        subscription["status"] = "canceled";
        subscription["canceled_at"] = Now();
        subscription["ended_at"] = Now();
        return [Emit(changes, "customer.subscription.deleted", subscription)];
    }, ct);

    /// <summary>The body and Stripe-Signature header Stripe would send: <c>t=…,v1=</c>HMAC-SHA256 of "t.body" with the endpoint secret.</summary>
    public static (string Body, string Signature) Sign(JsonObject stripeEvent, string secret, DateTimeOffset at)
    {
        var body = stripeEvent.ToJsonString();
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return (body, $"t={timestamp},v1={Convert.ToHexString(hash).ToLowerInvariant()}");
    }

    /// <summary>The session to act on, whatever its status: tests play races (paid just as it expired); the page offers only open ones.</summary>
    private static async Task<JsonObject> SessionAsync(SandboxChanges changes, string sessionId) =>
        await changes.FindAsync(sessionId) ?? throw new KeyNotFoundException(sessionId);

    private JsonObject Charge(SandboxChanges changes, long amount, string currency, string? customer, bool paid = true)
    {
        var intentId = NewId("pi");
        var charge = changes.Add(new JsonObject
        {
            ["id"] = NewId("ch"), ["object"] = "charge", ["amount"] = amount, ["amount_refunded"] = 0L, ["currency"] = currency, ["customer"] = customer,
            ["payment_intent"] = intentId, ["paid"] = paid, ["refunded"] = false, ["status"] = paid ? "succeeded" : "failed", ["created"] = Now(),
        });
        return changes.Add(new JsonObject
        {
            ["id"] = intentId, ["object"] = "payment_intent", ["amount"] = amount, ["currency"] = currency, ["customer"] = customer,
            ["status"] = paid ? "succeeded" : "requires_payment_method", ["latest_charge"] = (string)charge["id"]!, ["created"] = Now(),
        });
    }

    private JsonObject Subscription(SandboxChanges changes, JsonObject session)
    {
        var now = Now();
        var count = int.Parse((string?)session["interval_count"] ?? "1", CultureInfo.InvariantCulture);
        var months = (string?)session["interval"] == "year" ? 12 * count : count;
        var end = DateTimeOffset.FromUnixTimeSeconds(now).AddMonths(months).ToUnixTimeSeconds();
        var id = NewId("sub");
        return changes.Add(new JsonObject
        {
            ["id"] = id, ["object"] = "subscription", ["status"] = "active", ["customer"] = (string?)session["customer"], ["cancel_at_period_end"] = false,
            ["metadata"] = session["subscription_metadata"]!.DeepClone(), ["created"] = now, ["start_date"] = now,
            ["items"] = new JsonObject
            {
                ["object"] = "list", ["has_more"] = false, ["url"] = "/v1/subscription_items",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = NewId("si"), ["object"] = "subscription_item", ["subscription"] = id, ["current_period_start"] = now, ["current_period_end"] = end,
                    ["price"] = new JsonObject
                    {
                        ["id"] = NewId("price"), ["object"] = "price", ["unit_amount"] = (long)session["amount_total"]!, ["currency"] = (string)session["currency"]!,
                        ["recurring"] = new JsonObject { ["interval"] = "month", ["interval_count"] = months },
                    },
                }),
            },
        });
    }

    private static int Months(JsonObject item) => (int)item["price"]!["recurring"]!["interval_count"]!;

    private JsonObject Invoice(SandboxChanges changes, JsonObject subscription, long amount, JsonObject intent, string reason, bool paid)
    {
        var item = subscription["items"]!["data"]![0]!;
        return changes.Add(new JsonObject
        {
            ["id"] = NewId("in"), ["object"] = "invoice", ["customer"] = (string?)subscription["customer"], ["billing_reason"] = reason,
            ["status"] = paid ? "paid" : "open", ["amount_due"] = amount, ["amount_paid"] = paid ? amount : 0L, ["currency"] = (string)item["price"]!["currency"]!,
            ["created"] = Now(), ["period_start"] = (long)item["current_period_start"]!, ["period_end"] = (long)item["current_period_end"]!,
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details",
                ["subscription_details"] = new JsonObject { ["subscription"] = (string)subscription["id"]!, ["metadata"] = subscription["metadata"]!.DeepClone() },
            },
            ["payments"] = new JsonObject
            {
                ["object"] = "list", ["has_more"] = false, ["url"] = "/v1/invoice_payments",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = NewId("inpay"), ["object"] = "invoice_payment", ["status"] = paid ? "paid" : "open",
                    ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = (string)intent["id"]! },
                }),
            },
        });
    }
}
