using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Partners.Webhooks;

/// <summary>
/// The API with the real OIDC server, webhooks allowed to a local http listener (as in Development), and no background
/// dispatcher or watch: tests run them (and a second instance's) themselves. On the system clock, because the
/// StandardWebhooks package checks each delivery's timestamp against it; <see cref="ClockedWebhookApi"/> moves time.
/// </summary>
public class WebhookApi : OidcApi
{
    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Webhooks:DispatchEverySeconds", "0");
        builder.UseSetting("Webhooks:WatchEveryMinutes", "0");
        builder.UseSetting("Webhooks:AllowHttpLoopback", "true");
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        builder.UseSetting("Webhooks:TimeoutSeconds", "20");
    }
}

public sealed class WebhookApiOnPostgreSql : WebhookApi
{
    public override Membership.Data.DatabaseProvider Provider => Membership.Data.DatabaseProvider.PostgreSql;

    protected override Task<(string?, string?)> CreateDatabaseAsync() => PostgresCluster.CreateDatabaseAsync();
}

/// <summary>As <see cref="WebhookApi"/>, on a fake clock the tests move (retries over three days, a rotation's overlap).</summary>
public class ClockedWebhookApi : WebhookApi
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ClockedWebhookApiOnPostgreSql : ClockedWebhookApi
{
    public override Membership.Data.DatabaseProvider Provider => Membership.Data.DatabaseProvider.PostgreSql;

    protected override Task<(string?, string?)> CreateDatabaseAsync() => PostgresCluster.CreateDatabaseAsync();
}
