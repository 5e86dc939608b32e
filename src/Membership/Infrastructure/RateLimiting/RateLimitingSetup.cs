using Microsoft.Extensions.DependencyInjection;

namespace Membership.Infrastructure.RateLimiting;

public static class RateLimitingSetup
{
    /// <summary>Limits kept in the database, so they hold across instances: <see cref="RateLimits"/> and, for hot keys, <see cref="RateLimitBlocks"/>.</summary>
    public static IServiceCollection AddRateLimiting(this IServiceCollection services) =>
        services.AddSingleton<RateLimits>()
            .AddSingleton<RateLimitBlocks>();
}
