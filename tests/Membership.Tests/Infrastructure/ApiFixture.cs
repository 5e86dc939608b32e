using Membership.Data;
using Membership.Tests.Identity.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// The real API in process, on a fresh database of one provider, shared by the tests of one class.
/// Tests build their own data and never depend on another test's rows.
/// </summary>
public abstract class ApiFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private string? _sqliteFolder;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Why this provider cannot run here; null when it can.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Whether a missing provider fails the run (CI) instead of skipping.</summary>
    protected virtual bool RequiredInCi => true;

    public string ConnectionString { get; private set; } = string.Empty;

    public CommandCounter Commands { get; } = new();

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException(Unavailable);

    public IServiceProvider Services => Factory.Services;

    /// <summary>Over https, as outside Development the OIDC server refuses plain http.</summary>
    public GraphQLClient Client() => new(Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));

    /// <summary>Whether requests authenticate through the test scheme (X-Test-Identity) instead of real tokens.</summary>
    protected virtual bool UseTestIdentity => true;

    public IDbContextFactory<MembershipDbContext> Db => Services.GetRequiredService<IDbContextFactory<MembershipDbContext>>();

    /// <summary>The fake Stripe this instance talks to: what it was sent, and Stripe's side of each payment.</summary>
    public Membership.Payments.Sandbox.StripeSandbox Stripe => Services.GetRequiredService<Membership.Payments.Sandbox.StripeSandbox>();

    /// <summary>Settings every instance of this fixture gets; derived fixtures add their own.</summary>
    protected virtual string Environment => "Testing";

    public async Task InitializeAsync()
    {
        var (connectionString, unavailable) = await CreateDatabaseAsync();
        if (connectionString is null)
        {
            Unavailable = unavailable;
            return;
        }

        ConnectionString = connectionString;
        _factory = CreateFactory(_ => { });
        _ = _factory.Server; // start the host: migrations run now, not inside the first test
    }

    /// <summary>Skips the calling test when the provider is missing; fails instead under CI=true.</summary>
    public void EnsureAvailable()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (RequiredInCi && string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI=true and {Provider} is unavailable: {Unavailable}");
        }

        Skip.If(true, $"{Provider}: {Unavailable}");
    }

    /// <summary>Another instance of the API on the same database, with extra settings (limits, clock, interceptors).</summary>
    public WebApplicationFactory<Program> CreateFactory(Action<IWebHostBuilder> configure) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(Environment);
            builder.UseSetting("Database:Provider", Provider.ToString());
            builder.UseSetting("ConnectionStrings:Membership", ConnectionString);
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("DataDirectory", DataFolder());
            builder.UseSetting("Oidc:SigningKeyPath", TestKeys.Signing);
            builder.UseSetting("Oidc:EncryptionKeyPath", TestKeys.Encryption);
            builder.UseSetting("Stripe:SecretKey", FakeStripe.SecretKey);
            builder.UseSetting("Stripe:WebhookSecret", FakeStripe.WebhookSecret);
            builder.UseSetting("Stripe:ApiBase", FakeStripe.ApiBase);
            builder.UseSetting("Stripe:ReconcileEveryMinutes", "0");
            builder.UseSetting("Tickets:ExpireEverySeconds", "0"); // tests expire holds through expireTicketHolds
            builder.UseSetting("Mail:SendEverySeconds", "0"); // tests run the outbox sender themselves (SendMailAsync)
            builder.UseSetting("Reminders:RunEveryMinutes", "0"); // tests run the reminder job themselves (RunOnceAsync)
            builder.UseSetting("Webhooks:DispatchEverySeconds", "0"); // tests run the webhook dispatcher themselves (DispatchDueAsync)
            builder.UseSetting("Webhooks:WatchEveryMinutes", "0"); // and the partner watch (RunOnceAsync); no poll among counted commands
            builder.UseSetting("Tickets:AnonymousRequestsPerAddressPerHour", "100000"); // every test request comes from one address
            builder.UseSetting("Oidc:SignInsPerAddressPerMinute", "100000");
            builder.UseSetting("Oidc:PasswordResetsPerAddressPerHour", "100000");
            builder.UseSetting("Oidc:FailedClientAuthenticationsPerMinute", "100000");
            builder.UseSetting("Oidc:MinimumAnonymousAnswerTime", "00:00:00"); // AnswerTimingTests pads on a fake clock
            builder.ConfigureTestServices(services =>
            {
                if (UseTestIdentity)
                {
                    services.AddAuthentication(TestAuthenticationHandler.SchemeName)
                        .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
                }

                services.AddSingleton<IInterceptor>(Commands);
                FakeStripe.Register(services);
            });
            ConfigureHost(builder);
            configure(builder);
        });

    protected abstract Task<(string? ConnectionString, string? Unavailable)> CreateDatabaseAsync();

    /// <summary>The folder the Testing host's mail transport writes to.</summary>
    public string Outbox => Path.Combine(DataFolder(), "outbox");

    /// <summary>Runs the outbox sender of an instance (this fixture's by default) once, as its background job would; returns how many went out.</summary>
    public Task<int> SendMailAsync(WebApplicationFactory<Program>? instance = null) =>
        (instance ?? Factory).Services.GetRequiredService<MailOutboxSender>().SendDueAsync(CancellationToken.None);

    /// <summary>
    /// What reached <paramref name="address"/>, oldest first, once a sender of this fixture has sent everything unsent. Its
    /// clock reads ten years ahead, so mail queued by instances on shifted clocks (see ShiftedClock) is due as well.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string address)
    {
        var sender = ActivatorUtilities.CreateInstance<MailOutboxSender>(Services, new Tests.Dues.Payments.ShiftedClock(DateTimeOffset.UtcNow.AddYears(10)));
        await sender.SendDueAsync(CancellationToken.None);
        return Mailbox.Read(Outbox, address);
    }

    /// <summary>Settings and services a derived fixture gives every instance (its clock, its limits).</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
    }

    protected string DataFolder()
    {
        _sqliteFolder ??= Directory.CreateTempSubdirectory("membership-test-").FullName;
        return _sqliteFolder;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_sqliteFolder is not null)
        {
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // Temp files; a leftover is harmless.
            }
        }
    }
}

public sealed class SqliteApi : ApiFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<(string?, string?)> CreateDatabaseAsync() =>
        Task.FromResult<(string?, string?)>(($"Data Source={Path.Combine(DataFolder(), "membership.db")}", null));
}

public sealed class PostgreSqlApi : ApiFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override Task<(string?, string?)> CreateDatabaseAsync() => PostgresCluster.CreateDatabaseAsync();
}

/// <summary>Runs only where MEMBERSHIP_TEST_SQLSERVER names a server (there is no SQL Server engine on Debian).</summary>
public sealed class SqlServerApi : ApiFixture
{
    public const string Variable = "MEMBERSHIP_TEST_SQLSERVER";

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    protected override bool RequiredInCi => false;

    protected override async Task<(string?, string?)> CreateDatabaseAsync()
    {
        var server = System.Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            return (null, $"set {Variable} to a SQL Server connection string to run these tests against SQL Server.");
        }

        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(server) { InitialCatalog = "membership_test_" + Guid.NewGuid().ToString("N")[..12] };
        await Task.CompletedTask;
        return (builder.ConnectionString, null); // EF's migration creates the database
    }
}

/// <summary>Base of database-backed test classes: one concrete class per provider supplies the fixture.</summary>
public abstract class ApiTest
{
    protected ApiTest(ApiFixture api)
    {
        api.EnsureAvailable();
        Api = api;
    }

    protected ApiFixture Api { get; }

    protected GraphQLClient Client => Api.Client();
}
