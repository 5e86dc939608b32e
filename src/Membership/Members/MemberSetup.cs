using Membership.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Members;

public static class MemberSetup
{
    /// <summary>Members: their per-request loaders, the Member node type, the member queries and mutations, and the CSV import.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services) =>
        services.AddScoped<MemberLoaders>()
            .AddSingleton<Import.MemberImport>()
            .AddNodeSource<MemberNodeSource>()
            .AddRootFields(query: q => q.AddMemberQueries(), mutation: m => { m.AddMemberMutations(); Import.MemberImportMutations.AddMemberImportMutations(m); });
}
