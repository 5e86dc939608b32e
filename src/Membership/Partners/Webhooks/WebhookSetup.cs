using Membership.GraphQL;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Partners.Webhooks;

public static class WebhookSetup
{
    /// <summary>Partner webhooks: events raised by the features, the dispatcher every instance runs, the watch for date-driven changes, the partner's fields.</summary>
    public static IServiceCollection AddPartnerWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WebhookOptions.Section);
        services.Configure<WebhookOptions>(section);
        var settings = section.Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan) // each attempt has its own limit
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, UseCookies = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)),
                ConnectCallback = WebhookUrls.Connect(settings),
            });
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddLeasedJob<PartnerWatchJob>();
        services.AddScoped<WebhookLoaders>();
        return services.AddRootFields(query: q => q.AddWebhookQueries(), mutation: m => m.AddWebhookMutations());
    }
}
