using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Membership.Data;
using Membership.Dues.Payments;
using Membership.Payments;
using Membership.Payments.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// Stripe for the tests: the sandbox's fake of Stripe's HTTP API behind the "stripe" HttpClient (no test reaches the
/// internet), with a test key, webhook secret and API address configured as production configures them. Its state is
/// in the fixture's database, so every host a test starts on that database sees one Stripe, as instances do.
/// </summary>
public static class FakeStripe
{
    public const string SecretKey = "sk_test_membership_tests";
    public const string WebhookSecret = "whsec_membership_tests";
    public const string ApiBase = "https://api.stripe.test";

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(sp => new StripeSandbox("https://localhost", sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IDbContextFactory<MembershipDbContext>>()));
        services.AddSingleton<StripeFailures>();
        services.AddHttpClient(StripeGateway.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<StripeSandbox>())
            .AddHttpMessageHandler(sp => new FailingStripeHandler(sp.GetRequiredService<StripeFailures>()))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    /// <summary>Posts an event to /webhooks/stripe signed as Stripe signs it (optionally at another time, or with another secret).</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(HttpClient http, JsonObject stripeEvent, DateTimeOffset? signedAt = null, string secret = WebhookSecret)
    {
        var (body, signature) = StripeSandbox.Sign(stripeEvent, secret, signedAt ?? DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, PaymentsSetup.WebhookPath) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Stripe-Signature", signature);
        return await http.SendAsync(request);
    }

    /// <summary>Delivers events one after the other; Stripe must get 200 for each.</summary>
    public static async Task DeliverEachAsync(HttpClient http, IEnumerable<JsonObject> events)
    {
        foreach (var stripeEvent in events)
        {
            using var response = await DeliverAsync(http, stripeEvent);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }
}

/// <summary>
/// Makes the fake Stripe refuse chosen requests (one method and path, e.g. GET /v1/checkout/sessions/cs_…) with an
/// error as Stripe sends it, until the returned handle is disposed. Test-only: it sits in the tests' HttpClient.
/// </summary>
public sealed class StripeFailures
{
    private readonly ConcurrentDictionary<string, HttpStatusCode> _failing = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refused = new();

    /// <summary>The requests refused so far, as "METHOD /path".</summary>
    public IReadOnlyCollection<string> Refused => _refused;

    public IDisposable Fail(string method, string path, HttpStatusCode status = HttpStatusCode.InternalServerError)
    {
        var key = $"{method} {path}";
        _failing[key] = status;
        return new Undo(() => _failing.TryRemove(key, out _));
    }

    internal HttpStatusCode? Answer(string method, string path)
    {
        var key = $"{method} {path}";
        if (!_failing.TryGetValue(key, out var status))
        {
            return null;
        }

        _refused.Enqueue(key);
        return status;
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}

/// <summary>Answers a refused request as Stripe would, before it reaches the fake; tells Stripe.net not to retry it.</summary>
internal sealed class FailingStripeHandler(StripeFailures failures) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (failures.Answer(request.Method.Method, request.RequestUri!.AbsolutePath) is not { } status)
        {
            return base.SendAsync(request, cancellationToken);
        }

        var (type, message) = status == HttpStatusCode.Conflict
            ? ("idempotency_error", "There is currently another in-progress request using this Stripe API key and idempotency key.")
            : ("api_error", "Something went wrong on Stripe's end.");
        var body = new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }.ToJsonString();
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
        response.Headers.Add("Stripe-Should-Retry", "false");
        return Task.FromResult(response);
    }
}
