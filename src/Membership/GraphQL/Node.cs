using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.GraphQL;

/// <summary>Loads objects of one node type by key, already filtered to what the caller may see.</summary>
public interface INodeSource
{
    string TypeName { get; }

    Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken);
}

internal sealed class NodeInterfaceType : InterfaceGraphType
{
    public NodeInterfaceType()
    {
        Name = "Node";
        Description = "An object with a global ID, fetchable through node(id) and nodes(ids).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global ID.");
    }
}

internal static class NodeQueries
{
    public const int MaxIds = 100;

    public static void AddNodeQueries(this ObjectGraphType query)
    {
        query.Field<NodeInterfaceType>("node")
            .Description("Fetches any object by its global ID; null when it does not exist or you may not see it.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                var found = await LoadAsync(context, [context.GetArgument<string>("id")]);
                return found[0];
            });

        query.Field<NonNullGraphType<ListGraphType<NodeInterfaceType>>>("nodes")
            .Description($"Fetches up to {MaxIds} objects by global ID, in the order asked; null for any that does not exist or you may not see.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .ResolveAsync(async context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > MaxIds)
                {
                    throw new ExecutionError($"Ask for at most {MaxIds} IDs at once.") { Code = ErrorCodes.InvalidArgument };
                }

                return await LoadAsync(context, ids);
            });
    }

    /// <summary>One query per node type, however many IDs are asked.</summary>
    private static async Task<object?[]> LoadAsync(IResolveFieldContext context, List<string> ids)
    {
        var services = context.RequestServices!;
        var sources = services.GetServices<INodeSource>().ToDictionary(s => s.TypeName);
        var decoded = ids.Select(id => GlobalId.TryDecode(id, out var type, out var key) && sources.ContainsKey(type) ? (type, key) : ((string, Guid)?)null).ToList();
        if (decoded.Any(d => d is null))
        {
            throw new ExecutionError("One or more IDs are not valid global IDs.") { Code = ErrorCodes.InvalidId };
        }

        var results = new object?[ids.Count];
        foreach (var group in decoded.Select((d, i) => (d!.Value, i)).GroupBy(x => x.Value.Item1))
        {
            var found = await sources[group.Key].LoadAsync(services, group.Select(x => x.Value.Item2).Distinct().ToList(), context.CancellationToken);
            foreach (var (value, index) in group)
            {
                results[index] = found.GetValueOrDefault(value.Item2);
            }
        }

        return results;
    }
}
