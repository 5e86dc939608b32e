using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Data;

/// <summary>Chooses the provider from configuration and registers the DbContext factory.</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "Membership";

    public static string MigrationsAssembly(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Membership.Migrations.Sqlite",
        DatabaseProvider.SqlServer => "Membership.Migrations.SqlServer",
        DatabaseProvider.PostgreSql => "Membership.Migrations.PostgreSql",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static IServiceCollection AddMembershipDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(DatabaseOptions.Section);
        services.Configure<DatabaseOptions>(section);
        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ConnectionDefaults.Apply(options.Provider, ResolveConnectionString(configuration, options.Provider, contentRoot));

        // PostgreSQL connections come from a data source of ours, so a broken connection can clear exactly its pool.
        var dataSource = options.Provider == DatabaseProvider.PostgreSql ? NpgsqlDataSource.Create(connectionString) : null;
        if (dataSource is not null)
        {
            // The host closes its pool when it stops (a process that starts several hosts, as the tests do, keeps no idle connections).
            services.AddHostedService(_ => new DataSourceLifetime(dataSource));
        }

        // Pooled: cheap to create one context per resolver batch. Interceptors registered in DI (tests count commands) join in.
        services.AddPooledDbContextFactory<MembershipDbContext>((sp, builder) =>
        {
            UseProvider(builder, options.Provider, connectionString, options.CommandTimeoutSeconds, dataSource);
            builder.AddInterceptors([new BrokenConnectionReset(dataSource), .. sp.GetServices<IInterceptor>()]);
            // A failure is logged once, by whoever handles it (a handled race is no failure at all): not again by EF Core.
            builder.ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Debug), (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug), (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
        });
        return services;
    }

    public static DbContextOptionsBuilder UseProvider(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, int commandTimeoutSeconds = 30,
        NpgsqlDataSource? dataSource = null)
    {
        var migrations = MigrationsAssembly(provider);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(migrations).CommandTimeout(commandTimeoutSeconds)
                .ExecutionStrategy(d => new ReadRetryStrategy(d))),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(migrations).CommandTimeout(commandTimeoutSeconds)
                .ExecutionStrategy(d => new ReadRetryStrategy(d))),
            DatabaseProvider.PostgreSql when dataSource is not null => builder.UseNpgsql(dataSource, o => o.MigrationsAssembly(migrations)
                .CommandTimeout(commandTimeoutSeconds).ExecutionStrategy(d => new ReadRetryStrategy(d))),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrations).CommandTimeout(commandTimeoutSeconds)
                .ExecutionStrategy(d => new ReadRetryStrategy(d))),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
    }

    private static string ResolveConnectionString(IConfiguration configuration, DatabaseProvider provider, string contentRoot)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"Database:Provider is {provider}: set ConnectionStrings:{ConnectionStringName} (or the environment variable ConnectionStrings__{ConnectionStringName}).");
        }

        // The embedded default: a file in the data folder, created on first run.
        var folder = DataDirectory.Resolve(configuration, contentRoot);
        return $"Data Source={Path.Combine(folder, "membership.db")}";
    }
}

/// <summary>The folder for local state (SQLite file, development keys, mail outbox): <c>DataDirectory</c>, default <c>data/</c> under the content root.</summary>
public static class DataDirectory
{
    public static string Resolve(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["DataDirectory"];
        var folder = string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, "data") : Path.GetFullPath(configured, contentRoot);
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>Disposes the host's PostgreSQL data source, and with it its pooled connections, when the host stops.</summary>
internal sealed class DataSourceLifetime(NpgsqlDataSource dataSource) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await dataSource.DisposeAsync();
}
