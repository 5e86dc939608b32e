using Membership.GraphQL;
using Membership.Members;
using Membership.Data;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Membership.Conferences.CheckIn;
using Membership.Conferences.Lifecycle;
using Membership.Conferences.Sales;

namespace Membership.Conferences;

public static class ConferenceSetup
{
    public static IServiceCollection AddConferences(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TicketOptions>(configuration.GetSection(TicketOptions.Section));
        services.AddSingleton<TicketCodes>();
        services.AddSingleton<TicketOrderTransitions>();
        services.AddSingleton<TicketSales>();
        services.AddSingleton<OrderCancellation>();
        services.AddSingleton<TicketAttendees>();
        services.AddSingleton<WaitingListPlaces>();
        services.AddSingleton<TicketCheckIn>();
        services.AddSingleton<TicketStripeHandler>();
        services.AddSingleton<IStripeOrderHandler>(sp => sp.GetRequiredService<TicketStripeHandler>());
        services.AddScoped<ConferenceLoaders>();
        services.AddSingleton<INodeSource, ConferenceNodeSource>();
        services.AddSingleton<INodeSource, TicketTypeNodeSource>();
        services.AddSingleton<INodeSource, TicketOrderNodeSource>();
        services.AddSingleton<INodeSource, TicketNodeSource>();
        services.AddLeasedJob<TicketExpiryJob>();
        services.AddRootFields(
            query: q =>
            {
                q.AddConferenceQueries();
                q.AddTicketQueries();
            },
            mutation: m =>
            {
                m.AddConferenceMutations();
                m.AddTicketMutations();
                m.AddCheckInMutations();
            });
        services.AddFieldsTo<Member>(member => TicketMutations.AddTicketFields(member));
        return services;
    }
}

/// <summary>
/// Every minute, expires pending orders past their hold and waiting-list offers past their time. Each expiry is a
/// conditional update, so two instances running it at once do no harm; the lease only saves them the duplicate work.
/// </summary>
internal sealed class TicketExpiryJob(IServiceProvider services, TicketOrderTransitions lifecycle, IOptions<TicketOptions> options) : LeasedPeriodicJob(services)
{
    protected override string Name => "ticket-expiry";

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.ExpireEverySeconds);

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var expired = await lifecycle.ExpireDueAsync(cancellationToken);
        if (expired > 0)
        {
            Logger.LogInformation("Expired {Count} ticket holds and waiting-list offers.", expired);
        }
    }
}
