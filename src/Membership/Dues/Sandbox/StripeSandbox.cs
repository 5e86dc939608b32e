using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Membership.Dues.Sandbox;

/// <summary>
/// A stand-in for the part of Stripe's HTTP API this service calls: customers, Checkout Sessions, subscriptions,
/// charges, refunds and events. Stripe.net talks to it through an <see cref="HttpMessageHandler"/>, so every request
/// is built and every answer parsed exactly as with Stripe. It also plays Stripe's side of a payment (paid, failed,
/// expired, renewed, cancelled) and signs the events it would send, as Stripe signs webhooks. Development uses it as
/// the payment sandbox when no Stripe key is configured; tests use it as their fake Stripe and read what was sent.
/// State is in memory: one process, never production.
/// </summary>
public sealed partial class StripeSandbox(string checkoutBaseUrl, TimeProvider clock) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new();
    private readonly ConcurrentDictionary<string, (HttpStatusCode Status, string Body)> _idempotent = new();
    private readonly ConcurrentQueue<JsonObject> _events = new();
    private readonly ConcurrentQueue<SandboxRequest> _requests = new();
    private readonly Lock _gate = new();
    private int _sequence;

    /// <summary>Every request Stripe.net sent, in order: path, form fields, Idempotency-Key.</summary>
    public IReadOnlyCollection<SandboxRequest> Requests => _requests;

    public JsonObject? Find(string id) => _objects.TryGetValue(id, out var o) ? o : null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = QueryHelpers.ParseQuery(request.Method == HttpMethod.Get ? request.RequestUri!.Query : body)
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.FirstOrDefault() : null;
        var path = request.RequestUri!.AbsolutePath;
        path = path[path.IndexOf("/v1/", StringComparison.Ordinal)..];
        _requests.Enqueue(new SandboxRequest(request.Method.Method, path, form, key, request.Headers.Authorization?.ToString()));

        (HttpStatusCode Status, string Body) answer;
        if (key is not null && request.Method == HttpMethod.Post && _idempotent.TryGetValue($"{path}|{key}", out var earlier))
        {
            answer = earlier; // Stripe replays the first answer to a repeated key
        }
        else
        {
            lock (_gate)
            {
                answer = Route(request.Method.Method, path, form);
            }

            if (key is not null && request.Method == HttpMethod.Post)
            {
                _idempotent[$"{path}|{key}"] = answer;
            }
        }

        return new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") };
    }

    private (HttpStatusCode, string) Route(string method, string path, Dictionary<string, string> form)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries); // v1, resource, id?
        return (method, parts.Length > 1 ? parts[1] : string.Empty, parts.Length > 2 ? parts[2] : null) switch
        {
            ("POST", "customers", null) => Ok(Customer(form)),
            ("POST", "checkout", _) when parts.Length == 3 => Ok(CreateSession(form)),
            ("GET", "checkout", _) when parts.Length == 3 => Ok(List("checkout.session", form)),
            ("GET", "checkout", _) => Get(parts[3]),
            ("POST", "checkout", _) when parts.Length == 5 && parts[4] == "expire" => ExpireSession(parts[3]),
            ("GET", "subscriptions", { } id) => Get(id),
            ("POST", "subscriptions", { } id) => Ok(UpdateSubscription(id, form)),
            ("GET", "charges", { } id) => Get(id),
            ("GET", "payment_intents", { } id) => Get(id),
            ("GET", "invoices", { } id) => Get(id),
            ("POST", "refunds", null) => Refund(form),
            ("GET", "events", null) => Ok(ListEvents(form)),
            _ => (HttpStatusCode.NotFound, Error("resource_missing", $"No such route: {method} {path}")),
        };
    }

    private JsonObject Customer(Dictionary<string, string> form) => Store(new JsonObject
    {
        ["id"] = NewId("cus"), ["object"] = "customer", ["email"] = form.GetValueOrDefault("email"), ["name"] = form.GetValueOrDefault("name"),
        ["metadata"] = Metadata(form, "metadata"), ["created"] = Now(),
    });

    private JsonObject CreateSession(Dictionary<string, string> form)
    {
        var id = NewId("cs_test");
        long total = 0;
        var lines = new JsonArray();
        for (var i = 0; form.ContainsKey($"line_items[{i}][quantity]"); i++)
        {
            var item = $"line_items[{i}][price_data]";
            var quantity = long.Parse(form[$"line_items[{i}][quantity]"], CultureInfo.InvariantCulture);
            var unit = long.Parse(form[$"{item}[unit_amount]"], CultureInfo.InvariantCulture);
            total += unit * quantity;
            lines.Add(new JsonObject
            {
                ["name"] = form.GetValueOrDefault($"{item}[product_data][name]"), ["description"] = form.GetValueOrDefault($"{item}[product_data][description]"),
                ["quantity"] = quantity, ["unit_amount"] = unit,
            });
        }

        return Store(new JsonObject
        {
            ["id"] = id, ["object"] = "checkout.session", ["mode"] = form.GetValueOrDefault("mode", "payment"), ["status"] = "open",
            ["payment_status"] = "unpaid", ["url"] = $"{checkoutBaseUrl.TrimEnd('/')}/sandbox/checkout/{id}", ["customer"] = form.GetValueOrDefault("customer"),
            ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"), ["metadata"] = Metadata(form, "metadata"),
            ["subscription_metadata"] = Metadata(form, "subscription_data[metadata]"), ["amount_total"] = total,
            ["currency"] = form.GetValueOrDefault("line_items[0][price_data][currency]", "usd"), ["payment_intent"] = null, ["subscription"] = null,
            ["invoice"] = null, ["success_url"] = form.GetValueOrDefault("success_url"), ["cancel_url"] = form.GetValueOrDefault("cancel_url"),
            ["interval"] = form.GetValueOrDefault("line_items[0][price_data][recurring][interval]"),
            ["interval_count"] = form.GetValueOrDefault("line_items[0][price_data][recurring][interval_count]"),
            ["created"] = Now(), ["expires_at"] = Now() + 86_400, ["lines"] = lines,
        });
    }

    /// <summary>As Stripe: only an open session can be expired; the expiry sends checkout.session.expired.</summary>
    private (HttpStatusCode, string) ExpireSession(string id)
    {
        if (!_objects.TryGetValue(id, out var session))
        {
            return (HttpStatusCode.NotFound, Error("resource_missing", $"No such checkout.session: '{id}'"));
        }

        if ((string?)session["status"] != "open")
        {
            return (HttpStatusCode.BadRequest, Error("checkout_session_not_open", $"Only Checkout Sessions with a status of open can be expired; this one is {(string?)session["status"]}."));
        }

        session["status"] = "expired";
        Emit("checkout.session.expired", session);
        return Ok(session);
    }

    private JsonObject UpdateSubscription(string id, Dictionary<string, string> form)
    {
        var subscription = _objects[id];
        if (form.TryGetValue("cancel_at_period_end", out var cancel))
        {
            subscription["cancel_at_period_end"] = cancel == "true";
            Emit("customer.subscription.updated", subscription);
        }

        return subscription;
    }

    private (HttpStatusCode, string) Refund(Dictionary<string, string> form)
    {
        var intent = form.GetValueOrDefault("payment_intent") ?? string.Empty;
        if (!_objects.TryGetValue(intent, out var paymentIntent))
        {
            return (HttpStatusCode.NotFound, Error("resource_missing", $"No such payment_intent: '{intent}'"));
        }

        var charge = _objects[(string)paymentIntent["latest_charge"]!];
        var remaining = (long)charge["amount"]! - (long)charge["amount_refunded"]!;
        var amount = form.TryGetValue("amount", out var a) ? long.Parse(a, CultureInfo.InvariantCulture) : remaining;
        if (amount <= 0 || amount > remaining)
        {
            return (HttpStatusCode.BadRequest, Error("amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount ({remaining})."));
        }

        charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
        charge["refunded"] = (long)charge["amount_refunded"]! == (long)charge["amount"]!;
        var refund = Store(new JsonObject
        {
            ["id"] = NewId("re"), ["object"] = "refund", ["amount"] = amount, ["charge"] = charge["id"]!.GetValue<string>(), ["payment_intent"] = intent,
            ["currency"] = charge["currency"]!.GetValue<string>(), ["status"] = "succeeded", ["created"] = Now(),
        });
        Emit("charge.refunded", charge);
        return Ok(refund);
    }

    private JsonObject List(string type, Dictionary<string, string> form)
    {
        var since = form.TryGetValue("created[gte]", out var gte) ? long.Parse(gte, CultureInfo.InvariantCulture) : 0;
        var data = new JsonArray([.. _objects.Values.Where(o => (string?)o["object"] == type && (long)o["created"]! >= since)
            .OrderByDescending(o => (long)o["created"]!).Select(o => (JsonNode)o.DeepClone())]);
        return new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/" + type.Replace('.', '/') };
    }

    private JsonObject ListEvents(Dictionary<string, string> form)
    {
        var since = form.TryGetValue("created[gte]", out var gte) ? long.Parse(gte, CultureInfo.InvariantCulture) : 0;
        var types = form.Where(p => p.Key.StartsWith("types[", StringComparison.Ordinal)).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var data = new JsonArray([.. _events.Where(e => (long)e["created"]! >= since && (types.Count == 0 || types.Contains((string)e["type"]!)))
            .Reverse().Select(e => (JsonNode)e.DeepClone())]);
        return new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/events" };
    }

    private (HttpStatusCode, string) Get(string id) => _objects.TryGetValue(id, out var found)
        ? Ok(found)
        : (HttpStatusCode.NotFound, Error("resource_missing", $"No such object: '{id}'"));

    private JsonObject Store(JsonObject value)
    {
        _objects[(string)value["id"]!] = value;
        return value;
    }

    internal JsonObject Emit(string type, JsonObject payload)
    {
        var created = Now();
        var stripeEvent = new JsonObject
        {
            ["id"] = NewId("evt"), ["object"] = "event", ["api_version"] = Stripe.StripeConfiguration.ApiVersion, ["created"] = created,
            ["type"] = type, ["livemode"] = false, ["pending_webhooks"] = 1, ["data"] = new JsonObject { ["object"] = payload.DeepClone() },
        };
        _events.Enqueue(stripeEvent);
        return stripeEvent;
    }

    internal long Now() => clock.GetUtcNow().ToUnixTimeSeconds();

    internal string NewId(string prefix) =>
        $"{prefix}_{Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture)}{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}";

    internal JsonObject Put(JsonObject value) => Store(value);

    internal Lock Gate => _gate;

    private static JsonObject Metadata(Dictionary<string, string> form, string prefix)
    {
        var metadata = new JsonObject();
        foreach (var (k, v) in form.Where(p => p.Key.StartsWith(prefix + "[", StringComparison.Ordinal)))
        {
            metadata[k[(prefix.Length + 1)..^1]] = v;
        }

        return metadata;
    }

    private static (HttpStatusCode, string) Ok(JsonObject value) => (HttpStatusCode.OK, value.ToJsonString());

    private static string Error(string code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = code, ["message"] = message } }.ToJsonString();
}

/// <summary>A request as the sandbox received it.</summary>
public sealed record SandboxRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? Authorization);
