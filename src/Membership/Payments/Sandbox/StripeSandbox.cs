using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Membership.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Membership.Payments.Sandbox;

/// <summary>
/// A stand-in for the part of Stripe's HTTP API this service calls: customers, Checkout Sessions, subscriptions,
/// charges, refunds and events. Stripe.net talks to it through an <see cref="HttpMessageHandler"/>, so every request
/// is built and every answer parsed exactly as with Stripe. It also plays Stripe's side of a payment (paid, failed,
/// expired, renewed, cancelled) and signs the events it would send, as Stripe signs webhooks. Development uses it as
/// the payment sandbox when no Stripe key is configured; tests use it as their fake Stripe and read what was sent.
/// Stripe's objects, events and idempotent answers live in the database (<see cref="SandboxObject"/>; on SQLite a file
/// beside it, see <see cref="SandboxStore"/>): every instance sees the same payments, and a restart strands none.
/// Never production.
/// </summary>
public sealed partial class StripeSandbox(string checkoutBaseUrl, TimeProvider clock, IDbContextFactory<MembershipDbContext> factory) : HttpMessageHandler
{
    private readonly SandboxStore _store = new(factory);
    private readonly ConcurrentQueue<SandboxRequest> _requests = new();
    private int _sequence;

    /// <summary>Every request Stripe.net sent through this instance, in order: path, form fields, Idempotency-Key (a log for tests, not Stripe's state).</summary>
    public IReadOnlyCollection<SandboxRequest> Requests => _requests;

    /// <summary>An object as Stripe holds it now (a copy: change it through the sandbox's actions).</summary>
    public Task<JsonObject?> FindAsync(string id, CancellationToken ct = default) => _store.FindAsync(id, ct);

    /// <summary>The sandbox loses an object, as when its row is removed: the page and Stripe's API no longer know it.</summary>
    internal async Task<bool> ForgetAsync(string id, CancellationToken ct = default)
    {
        var forgotten = await _store.ForgetAsync(id, ct);
        Forgotten?.Invoke(id);
        return forgotten;
    }

    /// <summary>
    /// Raised when the sandbox lost an object. Real Stripe never loses one; the sandbox says so, so that this instance's
    /// memory of sessions known payable (<see cref="LiveCheckouts"/>) does not outlive what the sandbox keeps.
    /// </summary>
    internal event Action<string>? Forgotten;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = QueryHelpers.ParseQuery(request.Method == HttpMethod.Get ? request.RequestUri!.Query : body)
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.FirstOrDefault() : null;
        var path = request.RequestUri!.AbsolutePath;
        path = path[path.IndexOf("/v1/", StringComparison.Ordinal)..];
        _requests.Enqueue(new SandboxRequest(request.Method.Method, path, form, key, request.Headers.Authorization?.ToString()));

        var answer = await AnswerAsync(request.Method.Method, path, form, key, cancellationToken);
        return new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _store.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>As Stripe: a POST repeating an idempotency key gets the first answer again, and changes nothing.</summary>
    private async Task<SandboxAnswer> AnswerAsync(string method, string path, Dictionary<string, string> form, string? key, CancellationToken ct)
    {
        var replay = key is not null && method == "POST" ? $"idempotency:{path}|{key}" : null;
        if (replay is not null && await _store.FindAsync(replay, ct) is { } earlier)
        {
            return SandboxAnswer.From(earlier);
        }

        var answer = await _store.WriteAsync(async changes =>
        {
            var answer = await RouteAsync(changes, method, path, form);
            if (replay is not null)
            {
                changes.Add(answer.ToJson(replay, Now()), "idempotency");
            }

            return answer;
        }, ct);
        return answer ?? SandboxAnswer.From((await _store.FindAsync(replay!, ct))!); // a concurrent request with this key answered first
    }

    /// <summary>Runs one of Stripe's actions as one change of the stored state; returns the events it sent.</summary>
    private async Task<IReadOnlyList<JsonObject>> ActAsync(Func<SandboxChanges, Task<IReadOnlyList<JsonObject>>> action, CancellationToken ct) =>
        await _store.WriteAsync(action, ct) ?? throw new InvalidOperationException("The sandbox could not store the change.");

    private async Task<SandboxAnswer> RouteAsync(SandboxChanges changes, string method, string path, Dictionary<string, string> form)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries); // v1, resource, id?
        return (method, parts.Length > 1 ? parts[1] : string.Empty, parts.Length > 2 ? parts[2] : null) switch
        {
            ("POST", "customers", null) => Ok(Customer(changes, form)),
            ("POST", "checkout", _) when parts.Length == 3 => Ok(CreateSession(changes, form)),
            ("GET", "checkout", _) when parts.Length == 3 => Ok(await ListAsync("checkout.session", form)),
            ("GET", "checkout", _) => await GetAsync(changes, parts[3]),
            ("POST", "checkout", _) when parts.Length == 5 && parts[4] == "expire" => await ExpireSessionAsync(changes, parts[3]),
            ("GET", "subscriptions", { } id) => await GetAsync(changes, id),
            ("POST", "subscriptions", { } id) => await UpdateSubscriptionAsync(changes, id, form),
            ("GET", "charges", { } id) => await GetAsync(changes, id),
            ("GET", "payment_intents", { } id) => await GetAsync(changes, id),
            ("GET", "invoices", { } id) => await GetAsync(changes, id),
            ("POST", "refunds", null) => await RefundAsync(changes, form),
            ("GET", "events", null) => Ok(await ListEventsAsync(form)),
            _ => SandboxAnswer.Error(HttpStatusCode.NotFound, "resource_missing", $"No such route: {method} {path}"),
        };
    }

    private JsonObject Customer(SandboxChanges changes, Dictionary<string, string> form) => changes.Add(new JsonObject
    {
        ["id"] = NewId("cus"), ["object"] = "customer", ["email"] = form.GetValueOrDefault("email"), ["name"] = form.GetValueOrDefault("name"),
        ["metadata"] = Metadata(form, "metadata"), ["created"] = Now(),
    });

    private JsonObject CreateSession(SandboxChanges changes, Dictionary<string, string> form)
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

        var expires = form.TryGetValue("expires_at", out var at) ? long.Parse(at, CultureInfo.InvariantCulture) : Now() + 86_400;
        return changes.Add(new JsonObject
        {
            ["id"] = id, ["object"] = "checkout.session", ["mode"] = form.GetValueOrDefault("mode", "payment"), ["status"] = "open",
            ["payment_status"] = "unpaid", ["url"] = $"{checkoutBaseUrl.TrimEnd('/')}/sandbox/checkout/{id}", ["customer"] = form.GetValueOrDefault("customer"),
            ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"), ["metadata"] = Metadata(form, "metadata"),
            ["subscription_metadata"] = Metadata(form, "subscription_data[metadata]"), ["amount_total"] = total,
            ["currency"] = form.GetValueOrDefault("line_items[0][price_data][currency]", "usd"), ["payment_intent"] = null, ["subscription"] = null,
            ["invoice"] = null, ["success_url"] = form.GetValueOrDefault("success_url"), ["cancel_url"] = form.GetValueOrDefault("cancel_url"),
            ["interval"] = form.GetValueOrDefault("line_items[0][price_data][recurring][interval]"),
            ["interval_count"] = form.GetValueOrDefault("line_items[0][price_data][recurring][interval_count]"),
            ["created"] = Now(), ["expires_at"] = expires, ["lines"] = lines,
        });
    }

    /// <summary>As Stripe: only an open session can be expired; the expiry sends checkout.session.expired.</summary>
    private async Task<SandboxAnswer> ExpireSessionAsync(SandboxChanges changes, string id)
    {
        if (await changes.FindAsync(id) is not { } session)
        {
            return SandboxAnswer.Error(HttpStatusCode.NotFound, "resource_missing", $"No such checkout.session: '{id}'");
        }

        if ((string?)session["status"] != "open")
        {
            return SandboxAnswer.Error(HttpStatusCode.BadRequest, "checkout_session_not_open",
                $"Only Checkout Sessions with a status of open can be expired; this one is {(string?)session["status"]}.");
        }

        session["status"] = "expired";
        Emit(changes, "checkout.session.expired", session);
        return Ok(session);
    }

    private async Task<SandboxAnswer> UpdateSubscriptionAsync(SandboxChanges changes, string id, Dictionary<string, string> form)
    {
        if (await changes.FindAsync(id) is not { } subscription)
        {
            return SandboxAnswer.Error(HttpStatusCode.NotFound, "resource_missing", $"No such subscription: '{id}'");
        }

        if (form.TryGetValue("cancel_at_period_end", out var cancel))
        {
            subscription["cancel_at_period_end"] = cancel == "true";
            Emit(changes, "customer.subscription.updated", subscription);
        }

        return Ok(subscription);
    }

    private async Task<SandboxAnswer> RefundAsync(SandboxChanges changes, Dictionary<string, string> form)
    {
        var intent = form.GetValueOrDefault("payment_intent") ?? string.Empty;
        if (await changes.FindAsync(intent) is not { } paymentIntent)
        {
            return SandboxAnswer.Error(HttpStatusCode.NotFound, "resource_missing", $"No such payment_intent: '{intent}'");
        }

        var charge = (await changes.FindAsync((string)paymentIntent["latest_charge"]!))!;
        var remaining = (long)charge["amount"]! - (long)charge["amount_refunded"]!;
        var amount = form.TryGetValue("amount", out var a) ? long.Parse(a, CultureInfo.InvariantCulture) : remaining;
        if (amount <= 0 || amount > remaining)
        {
            return SandboxAnswer.Error(HttpStatusCode.BadRequest, "amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount ({remaining}).");
        }

        charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
        charge["refunded"] = (long)charge["amount_refunded"]! == (long)charge["amount"]!;
        var refund = changes.Add(new JsonObject
        {
            ["id"] = NewId("re"), ["object"] = "refund", ["amount"] = amount, ["charge"] = charge["id"]!.GetValue<string>(), ["payment_intent"] = intent,
            ["currency"] = charge["currency"]!.GetValue<string>(), ["status"] = "succeeded", ["created"] = Now(),
        });
        Emit(changes, "charge.refunded", charge);
        return Ok(refund);
    }

    private async Task<JsonObject> ListAsync(string type, Dictionary<string, string> form)
    {
        var data = new JsonArray([.. await _store.ListAsync(type, Since(form), CancellationToken.None)]);
        return new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/" + type.Replace('.', '/') };
    }

    private async Task<JsonObject> ListEventsAsync(Dictionary<string, string> form)
    {
        var types = form.Where(p => p.Key.StartsWith("types[", StringComparison.Ordinal)).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var events = await _store.ListAsync("event", Since(form), CancellationToken.None);
        var data = new JsonArray([.. events.Where(e => types.Count == 0 || types.Contains((string)e["type"]!))]);
        return new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/events" };
    }

    private static long Since(Dictionary<string, string> form) => form.TryGetValue("created[gte]", out var gte) ? long.Parse(gte, CultureInfo.InvariantCulture) : 0;

    private static async Task<SandboxAnswer> GetAsync(SandboxChanges changes, string id) => await changes.FindAsync(id) is { } found
        ? Ok(found)
        : SandboxAnswer.Error(HttpStatusCode.NotFound, "resource_missing", $"No such object: '{id}'");

    /// <summary>Stores the event Stripe sends about <paramref name="payload"/> as it is now, for webhooks and GET /v1/events.</summary>
    private JsonObject Emit(SandboxChanges changes, string type, JsonObject payload) => changes.Add(new JsonObject
    {
        ["id"] = NewId("evt"), ["object"] = "event", ["api_version"] = Stripe.StripeConfiguration.ApiVersion, ["created"] = Now(),
        ["type"] = type, ["livemode"] = false, ["pending_webhooks"] = 1, ["data"] = new JsonObject { ["object"] = payload.DeepClone() },
    });

    /// <summary>An event about <paramref name="payload"/> as Stripe would send it, stored as if Stripe had sent it (for tests of odd deliveries).</summary>
    internal async Task<JsonObject> EmitAsync(string type, JsonObject payload, CancellationToken ct = default) =>
        (await ActAsync(changes => Task.FromResult<IReadOnlyList<JsonObject>>([Emit(changes, type, payload)]), ct))[0];

    internal long Now() => clock.GetUtcNow().ToUnixTimeSeconds();

    internal string NewId(string prefix) =>
        $"{prefix}_{Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture)}{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}";

    private static JsonObject Metadata(Dictionary<string, string> form, string prefix)
    {
        var metadata = new JsonObject();
        foreach (var (k, v) in form.Where(p => p.Key.StartsWith(prefix + "[", StringComparison.Ordinal)))
        {
            metadata[k[(prefix.Length + 1)..^1]] = v;
        }

        return metadata;
    }

    private static SandboxAnswer Ok(JsonObject value) => new(HttpStatusCode.OK, value.ToJsonString());
}

/// <summary>A request as the sandbox received it.</summary>
public sealed record SandboxRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? Authorization);

/// <summary>What the sandbox answered: stored under an idempotency key, replayed to a repeat of it.</summary>
internal sealed record SandboxAnswer(HttpStatusCode Status, string Body)
{
    public static SandboxAnswer Error(HttpStatusCode status, string code, string message) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = code, ["message"] = message } }.ToJsonString());

    public static SandboxAnswer From(JsonObject stored) => new((HttpStatusCode)(int)stored["status"]!, (string)stored["body"]!);

    public JsonObject ToJson(string id, long created) => new() { ["id"] = id, ["object"] = "idempotency", ["status"] = (int)Status, ["body"] = Body, ["created"] = created };
}
