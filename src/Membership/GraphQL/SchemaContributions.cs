using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.GraphQL;

/// <summary>Root fields a feature adds to <c>Query</c> and <c>Mutation</c>; the schema root applies every one registered.</summary>
public sealed record RootFields(Action<ObjectGraphType>? Query, Action<ObjectGraphType>? Mutation);

/// <summary>Fields a feature adds to another feature's object type (a member's certificates on <c>Member</c>).</summary>
public sealed record FieldsOf<TSource>(Action<ObjectGraphType<TSource>> Add);

/// <summary>How a feature plugs its part of the schema in from its own <c>Add…</c> method.</summary>
public static class SchemaContributions
{
    /// <summary>Adds root fields: <paramref name="query"/> and <paramref name="mutation"/> each receive the root type.</summary>
    public static IServiceCollection AddRootFields(this IServiceCollection services, Action<ObjectGraphType>? query = null, Action<ObjectGraphType>? mutation = null) =>
        services.AddSingleton(new RootFields(query, mutation));

    /// <summary>Adds fields to the object type of <typeparamref name="TSource"/>, which applies them (see <see cref="ApplyFieldsOf"/>).</summary>
    public static IServiceCollection AddFieldsTo<TSource>(this IServiceCollection services, Action<ObjectGraphType<TSource>> add) =>
        services.AddSingleton(new FieldsOf<TSource>(add));

    /// <summary>Makes the objects of a node type fetchable through <c>node(id)</c> and <c>nodes(ids)</c>.</summary>
    public static IServiceCollection AddNodeSource<TNodeSource>(this IServiceCollection services)
        where TNodeSource : class, INodeSource =>
        services.AddSingleton<INodeSource, TNodeSource>();

    /// <summary>Called by an object type others may extend, once its own fields are declared.</summary>
    public static void ApplyFieldsOf<TSource>(this ObjectGraphType<TSource> type, IEnumerable<FieldsOf<TSource>> extensions)
    {
        foreach (var extension in extensions)
        {
            extension.Add(type);
        }
    }
}
