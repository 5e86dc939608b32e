using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// The real OIDC server on a clock the tests move (token status cache, rate-limit windows), with a limit of
/// <see cref="FailedClientAuthentications"/> failed client authentications per minute. The tests of a class run one
/// at a time, so each moves the shared clock forward as it needs.
/// </summary>
public class ClockedOidcApi : OidcApi
{
    public const int FailedClientAuthentications = 3;
    public const int TokenStatusCacheSeconds = 30;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Moves the clock to a few seconds into the next minute: a fresh window for every per-minute limit.</summary>
    public void StartOfNextMinute()
    {
        var now = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerMinute) + TimeSpan.FromSeconds(5));
    }

    /// <summary>Past the lifetime of what an instance remembers about tokens.</summary>
    public void PastTheTokenStatusCache() => Clock.Advance(TimeSpan.FromSeconds(TokenStatusCacheSeconds + 1));

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Oidc:FailedClientAuthenticationsPerMinute", FailedClientAuthentications.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Oidc:TokenStatusCacheSeconds", TokenStatusCacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ClockedOidcApiOnPostgreSql : ClockedOidcApi
{
    public override Membership.Data.DatabaseProvider Provider => Membership.Data.DatabaseProvider.PostgreSql;

    protected override Task<(string?, string?)> CreateDatabaseAsync() => PostgresCluster.CreateDatabaseAsync();
}
