using Membership.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Members;

public static class MemberSetup
{
    /// <summary>Members: their per-request loaders, the Member node type, and the member queries and mutations.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services) =>
        services.AddScoped<MemberLoaders>()
            .AddNodeSource<MemberNodeSource>()
            .AddRootFields(query: q => q.AddMemberQueries(), mutation: m => m.AddMemberMutations());
}
