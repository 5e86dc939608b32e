using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Payments.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Membership.Payments;

/// <summary>
/// Stripe for every feature: the gateway, the webhook endpoint and its event log, reconciliation and its job, the
/// checkout links, and the Development sandbox. A feature plugs in with an <see cref="IStripeOrderHandler"/>.
/// </summary>
public static class PaymentsSetup
{
    public const string WebhookPath = "/webhooks/stripe";

    /// <summary>Stripe's events are a few kilobytes; anything near this is not Stripe.</summary>
    public const int MaxWebhookBytes = 256 * 1024;

    /// <summary>Stripe with a key; the in-process sandbox in Development without one; outside Development without a key, no payments.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(StripeOptions.Section);
        services.Configure<StripeOptions>(section);
        var settings = section.Get<StripeOptions>() ?? new StripeOptions();
        var keyed = !string.IsNullOrWhiteSpace(settings.SecretKey);
        var sandbox = !keyed && environment.IsDevelopment();
        services.AddSingleton(new PaymentMode(keyed || sandbox, sandbox));
        var client = services.AddHttpClient(StripeGateway.HttpClientName);
        if (sandbox)
        {
            // Page links relative: PublicLinks names the host. State in the database: a restart strands no pending payment.
            services.AddSingleton(sp => new StripeSandbox(string.Empty, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IDbContextFactory<MembershipDbContext>>()));
            client.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<StripeSandbox>()).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        services.AddSingleton<StripeGateway>();
        services.AddSingleton(sp =>
        {
            var checkouts = ActivatorUtilities.CreateInstance<LiveCheckouts>(sp);
            if (sp.GetService<StripeSandbox>() is { } sandboxStripe)
            {
                sandboxStripe.Forgotten += checkouts.Forget;
            }

            return checkouts;
        });
        services.AddSingleton<StripeWebhooks>();
        services.AddSingleton<PaymentReconciliation>();
        services.AddLeasedJob<ReconciliationJob>();
        return services.AddRootFields(mutation: m => m.AddPaymentMutations());
    }

    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Stripe signs the raw body: read it as bytes, untouched, before anything parses it; an oversized one not at all.
        endpoints.MapPost(WebhookPath, async (HttpContext http, StripeWebhooks webhooks) =>
        {
            var body = await RequestBody.ReadTextAsync(http.Request, MaxWebhookBytes, http.RequestAborted);
            if (body is null)
            {
                return Results.Json(new { error = $"The body exceeds {MaxWebhookBytes} bytes.", code = ErrorCodes.RequestTooLarge }, statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            var outcome = await webhooks.HandleAsync(body, http.Request.Headers["Stripe-Signature"], http.RequestAborted);
            return outcome == WebhookOutcome.BadSignature
                ? Results.BadRequest(new { error = "The Stripe-Signature header does not match the body, or is too old." })
                : Results.Ok(new { received = true, outcome = outcome.ToString() });
        }).DisableAntiforgery();
        if (endpoints.ServiceProvider.GetRequiredService<PaymentMode>().Sandbox)
        {
            endpoints.MapSandboxCheckout();
        }

        return endpoints;
    }

    public static void AddPaymentMutations(this ObjectGraphType mutation) =>
        mutation.Field<ReconciliationResultType>("reconcilePayments")
            .Description("Asks Stripe now for events and checkouts this service may have missed and applies them. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await c.Service<PaymentReconciliation>().ReconcileAsync(c.CancellationToken));
}

internal sealed class ReconciliationResultType : ObjectGraphType<ReconciliationResult>
{
    public ReconciliationResultType()
    {
        Name = "ReconciliationResult";
        Field(r => r.EventsApplied).Description("Stripe events that had not been applied and now are.");
        Field(r => r.CheckoutsUpdated).Description("Pending payments whose checkout had moved on.");
        Field(r => r.Failed).Description("Events and checkouts that could not be applied this run (Stripe refused them, say): logged, skipped, tried again next run.");
    }
}
