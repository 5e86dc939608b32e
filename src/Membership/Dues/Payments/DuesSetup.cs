using Membership.GraphQL;
using Membership.Payments;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Dues.Payments;

public static class DuesSetup
{
    /// <summary>Dues payments: checkout, refunds, automatic renewal, closed memberships, and their part in the Stripe pipeline.</summary>
    public static IServiceCollection AddDuesPayments(this IServiceCollection services)
    {
        services.AddSingleton<ClosedMemberships>();
        services.AddSingleton<IOwedStripeCalls>(sp => sp.GetRequiredService<ClosedMemberships>());
        services.AddSingleton<DuesStripeHandler>();
        services.AddSingleton<IStripeOrderHandler>(sp => sp.GetRequiredService<DuesStripeHandler>());
        services.AddSingleton<DuesCheckout>();
        services.AddSingleton<DuesRefunds>();
        services.AddSingleton<DuesAutoRenewal>();
        services.AddSingleton<DuesReceiptMail>();
        services.AddScoped<DuesLoaders>();
        services.AddSingleton<INodeSource, DuesPaymentNodeSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapDuesEndpoints(this IEndpointRouteBuilder endpoints) => endpoints.MapReceipts();
}
