using Membership.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.GraphQL;

/// <summary>
/// Resolvers get the request's services from a per-request cache: the same instances the container gives the request's
/// scope (one per scope, one per host), and a fresh transient every time, as the container would.
/// </summary>
[Trait("Provider", "None")]
public sealed class RequestServiceCacheTests
{
    private sealed class PerRequest;

    private sealed class PerHost;

    private sealed class EveryTime;

    [Fact]
    public void Scoped_and_singleton_services_are_the_scopes_own_instances_and_transients_are_fresh()
    {
        var registrations = new ServiceCollection();
        registrations.AddScoped<PerRequest>().AddSingleton<PerHost>().AddTransient<EveryTime>();
        var lifetimes = new ServiceLifetimes(registrations);
        using var host = registrations.BuildServiceProvider(validateScopes: true);
        using var first = host.CreateScope();
        using var second = host.CreateScope();
        var cache = new RequestServiceCache(first.ServiceProvider, lifetimes);
        var other = new RequestServiceCache(second.ServiceProvider, lifetimes);

        Assert.Same(first.ServiceProvider.GetRequiredService<PerRequest>(), cache.Get<PerRequest>());
        Assert.Same(cache.Get<PerRequest>(), cache.Get<PerRequest>());
        Assert.NotSame(cache.Get<PerRequest>(), other.Get<PerRequest>());
        Assert.Same(host.GetRequiredService<PerHost>(), cache.Get<PerHost>());
        Assert.Same(cache.Get<PerHost>(), other.Get<PerHost>());
        Assert.NotSame(cache.Get<EveryTime>(), cache.Get<EveryTime>());
    }

    [Fact]
    public void A_service_that_is_not_registered_fails_as_the_container_does()
    {
        var registrations = new ServiceCollection();
        using var host = registrations.BuildServiceProvider();
        var cache = new RequestServiceCache(host, new ServiceLifetimes(registrations));

        Assert.Throws<InvalidOperationException>(() => cache.Get<PerRequest>());
    }
}
