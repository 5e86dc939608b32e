using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.GraphQL;

/// <summary>
/// The request's scoped and singleton services as resolvers ask for them (<see cref="ResolveContextExtensions.Service{T}"/>),
/// each resolved from the container once per request and then read without a lock. The container locks the request's
/// scope on every resolution of a scoped service; a page of 100 members asks for its loaders, the caller and the
/// calendar over a thousand times, from the several threads a level's loaders complete on, which then queue on that
/// one lock. Transient services are resolved afresh every time, as the container would.
/// </summary>
internal sealed class RequestServiceCache(IServiceProvider services, ServiceLifetimes lifetimes)
{
    /// <summary>Slots by <see cref="Slot{T}.Index"/>; a type past the end is not cached.</summary>
    private readonly object?[] _slots = new object?[64];

    public T Get<T>() where T : notnull
    {
        var index = Slot<T>.Index;
        if (index < _slots.Length && Volatile.Read(ref _slots[index]) is T cached)
        {
            return cached;
        }

        var service = services.GetRequiredService<T>();
        if (index < _slots.Length && lifetimes.IsShared(typeof(T)))
        {
            Volatile.Write(ref _slots[index], service); // a race stores the same scoped instance twice
        }

        return service;
    }

    private static int _next = -1;

    private static class Slot<T>
    {
        public static readonly int Index = Interlocked.Increment(ref _next);
    }
}

/// <summary>Whether a service type is registered as one instance per scope or per host (not transient), from the host's registrations.</summary>
internal sealed class ServiceLifetimes(IServiceCollection registrations)
{
    private readonly ConcurrentDictionary<Type, bool> _shared = new();

    public bool IsShared(Type type) => _shared.GetOrAdd(type, static (t, all) =>
        all.LastOrDefault(d => d.ServiceType == t && !d.IsKeyedService) is { Lifetime: not ServiceLifetime.Transient }, registrations);
}
