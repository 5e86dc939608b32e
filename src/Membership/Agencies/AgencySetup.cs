using Membership.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Agencies;

public static class AgencySetup
{
    /// <summary>Agencies: their per-request loaders, the Agency node type, and the agency queries and mutations.</summary>
    public static IServiceCollection AddAgencies(this IServiceCollection services) =>
        services.AddScoped<AgencyLoaders>()
            .AddNodeSource<AgencyNodeSource>()
            .AddRootFields(query: q => q.AddAgencyQueries(), mutation: m => m.AddAgencyMutations());
}
