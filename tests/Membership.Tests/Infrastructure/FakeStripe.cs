using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Membership.Dues.Payments;
using Membership.Dues.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// Stripe for the tests: the sandbox's fake of Stripe's HTTP API behind the "stripe" HttpClient (no test reaches the
/// internet), with a test key, webhook secret and API address configured as production configures them.
/// </summary>
public static class FakeStripe
{
    public const string SecretKey = "sk_test_membership_tests";
    public const string WebhookSecret = "whsec_membership_tests";
    public const string ApiBase = "https://api.stripe.test";

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(sp => new StripeSandbox("https://localhost", sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(StripeGateway.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<StripeSandbox>())
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    /// <summary>Posts an event to /webhooks/stripe signed as Stripe signs it (optionally at another time, or with another secret).</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(HttpClient http, JsonObject stripeEvent, DateTimeOffset? signedAt = null, string secret = WebhookSecret)
    {
        var (body, signature) = StripeSandbox.Sign(stripeEvent, secret, signedAt ?? DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, DuesSetup.WebhookPath) { Content = new StringContent(body, Encoding.UTF8) };
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
