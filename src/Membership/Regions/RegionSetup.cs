using Membership.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Regions;

public static class RegionSetup
{
    /// <summary>Regions and states: their per-request loaders and the regions query.</summary>
    public static IServiceCollection AddRegions(this IServiceCollection services) =>
        services.AddScoped<RegionLoaders>()
            .AddRootFields(query: q => q.AddRegionQueries());
}
