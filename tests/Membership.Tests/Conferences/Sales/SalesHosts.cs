using System.Net;
using System.Text;
using Membership.Dues.Payments;
using Membership.Payments;
using Membership.Payments.Sandbox;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Conferences.Sales;

/// <summary>Other instances of the fixture's API, on its database, for the sales tests that need another setting or another Stripe.</summary>
internal static class SalesHosts
{
    /// <summary>An instance with <paramref name="settings"/> (configuration keys and values) applied over the test defaults.</summary>
    public static WebApplicationFactory<Program> WithSettings(ApiFixture api, params (string Key, string Value)[] settings) =>
        api.CreateFactory(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    /// <summary>
    /// An instance whose requests all come from one address of their own, limited to <paramref name="perHour"/> anonymous
    /// purchases per address: the limit counts in the shared database, so another address keeps other tests out of its window.
    /// </summary>
    public static WebApplicationFactory<Program> RateLimited(ApiFixture api, int perHour) =>
        api.CreateFactory(builder =>
        {
            builder.UseSetting("Tickets:AnonymousRequestsPerAddressPerHour", perHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var bytes = Guid.NewGuid().ToByteArray();
            var address = new IPAddress([10, bytes[0], bytes[1], bytes[2]]);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new FromAddress(address)));
        });

    /// <summary>
    /// An instance whose Stripe refuses every new Checkout Session, as Stripe answers a request it rejects; or, when
    /// <paramref name="unreachable"/>, cannot be reached for one at all (the connection fails).
    /// </summary>
    public static WebApplicationFactory<Program> RefusingCheckout(ApiFixture api, bool unreachable = false) =>
        api.CreateFactory(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(StripeGateway.HttpClientName).AddHttpMessageHandler(() => new CheckoutRefusal(unreachable))));

    /// <summary>
    /// An instance on <paramref name="stripe"/> (the fixture's sandbox, so the tests see its objects), whose clock reads
    /// <paramref name="now"/> when given, and for which Stripe cannot be reached for any request whose path ends with one
    /// of <paramref name="pathEnds"/> (e.g. "/v1/refunds", "/expire"): the connection fails, as when Stripe is down.
    /// </summary>
    public static WebApplicationFactory<Program> Unreachable(ApiFixture api, StripeSandbox stripe, DateTimeOffset? now, params string[] pathEnds) =>
        api.CreateFactory(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(stripe);
            if (now is { } at)
            {
                services.AddSingleton<TimeProvider>(new ShiftedClock(at));
            }

            services.AddHttpClient(StripeGateway.HttpClientName).AddHttpMessageHandler(() => new Disconnected(pathEnds));
        }));

    /// <summary>Sets the caller's address before anything else runs.</summary>
    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }

    /// <summary>Fails to connect for the chosen paths; passes every other request on to the sandbox.</summary>
    private sealed class Disconnected(string[] pathEnds) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            pathEnds.Any(p => request.RequestUri!.AbsolutePath.EndsWith(p, StringComparison.Ordinal))
                ? throw new HttpRequestException("Connection refused (api.stripe.test:443)")
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>Answers POST /v1/checkout/sessions with Stripe's 400 error body; passes every other request on to the sandbox.</summary>
    private sealed class CheckoutRefusal(bool unreachable) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith(SalesTest.CheckoutPath, StringComparison.Ordinal))
            {
                return base.SendAsync(request, cancellationToken);
            }

            if (unreachable)
            {
                throw new HttpRequestException("Connection refused (api.stripe.test:443)");
            }

            var body = """{"error":{"type":"invalid_request_error","code":"account_invalid","message":"Checkout is not available for this account."}}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
