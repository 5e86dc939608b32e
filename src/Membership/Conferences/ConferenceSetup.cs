using Membership.Data;
using Membership.GraphQL;
using Membership.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Conferences;

public static class ConferenceSetup
{
    public static IServiceCollection AddConferences(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TicketOptions>(configuration.GetSection(TicketOptions.Section));
        services.AddSingleton<TicketCodes>();
        services.AddSingleton<TicketLifecycle>();
        services.AddSingleton<TicketSales>();
        services.AddSingleton<TicketOperations>();
        services.AddSingleton<TicketCheckIn>();
        services.AddSingleton<TicketStripeHandler>();
        services.AddSingleton<IStripeOrderHandler>(sp => sp.GetRequiredService<TicketStripeHandler>());
        services.AddScoped<ConferenceLoaders>();
        services.AddSingleton<INodeSource, ConferenceNodeSource>();
        services.AddSingleton<INodeSource, TicketTypeNodeSource>();
        services.AddSingleton<INodeSource, TicketOrderNodeSource>();
        services.AddSingleton<INodeSource, TicketNodeSource>();
        services.AddHostedService<TicketExpiryJob>();
        return services;
    }
}

/// <summary>
/// Every minute, expires pending orders past their hold and waiting-list offers past their time. Each expiry is a
/// conditional update, so two instances running it at once do no harm; the lease only saves them the duplicate work.
/// </summary>
internal sealed class TicketExpiryJob(TicketLifecycle lifecycle, IDbContextFactory<MembershipDbContext> factory, AssociationCalendar calendar,
    IOptions<TicketOptions> options, ILogger<TicketExpiryJob> logger, TimeProvider clock) : BackgroundService
{
    private const string LeaseName = "ticket-expiry";
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.ExpireEverySeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            using var activity = ServiceDefaults.MembershipTelemetry.StartJob(LeaseName);
            try
            {
                await using var db = await factory.CreateDbContextAsync(stoppingToken);
                var now = calendar.Now();
                if (!await JobLeases.TryAcquireAsync(db, LeaseName, _holder, now, now.AddSeconds(seconds), stoppingToken))
                {
                    continue;
                }

                var expired = await lifecycle.ExpireDueAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Expired {Count} ticket holds and waiting-list offers.", expired);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Ticket expiry failed; the next run tries again.");
            }
        }
    }
}
