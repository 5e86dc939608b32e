using GraphQL.Types;
using Membership.Agencies;
using Membership.Audit;
using Membership.Certifications;
using Membership.Conferences;
using Membership.Data;
using Membership.DemoData;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Identity.Accounts;
using Membership.Identity.Cors;
using Membership.Identity.Oidc;
using Membership.Members;
using Membership.Members.Privacy;
using Membership.Members.Import;
using Membership.Pages;
using Membership.Partners.Webhooks;
using Membership.Payments;
using Membership.Regions;
using Membership.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Membership.Certifications.Records;
using Membership.Conferences.CheckIn;

namespace Membership;

/// <summary>Composes the application for the host: services, HTTP pipeline, start-up work and host commands.</summary>
public static class MembershipHost
{
    public static WebApplicationBuilder AddMembership(this WebApplicationBuilder builder)
    {
        var (services, configuration, environment) = (builder.Services, builder.Configuration, builder.Environment);

        // Shared infrastructure the features plug into.
        services.AddAssociationClock(configuration);
        services.AddMembershipDatabase(configuration, environment);
        services.AddMembershipMail(configuration, environment);
        services.AddRateLimiting();
        services.AddMembershipPages(configuration);
        services.AddMembershipGraphQL(configuration, environment);
        services.AddAudit(configuration);

        // The features: each registers its services, loaders, node types, jobs and schema fields.
        services.AddMembershipIdentity(configuration, environment);
        services.AddMembers();
        services.AddMemberPrivacy(configuration);
        services.AddAgencies();
        services.AddRegions();
        services.AddPayments(configuration, environment);
        services.AddDues();
        services.AddCertifications();
        services.AddConferences(configuration);
        services.AddPartnerWebhooks(configuration);

        services.Configure<DemoDataOptions>(configuration.GetSection(DemoDataOptions.Section));
        return builder;
    }

    public static WebApplication UseMembership(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseUnexpectedErrors();
        app.UseCrossOriginAccess(); // before OpenIddict and the endpoints: they would refuse a preflight
        app.UseMembershipTransportSecurity();
        app.UseFormSizeLimit();
        app.UseMembershipAuthentication(); // ASP.NET Core's, with a bearer-only short path for /graphql
        app.UseAuthorization();
        app.MapMembershipGraphQL();
        app.UseMembershipIdentity();
        app.MapCertificateDocuments();
        app.MapPaymentEndpoints();
        app.MapDuesEndpoints();
        app.MapTicketEndpoints();
        app.MapMemberDataDownloads();
        app.MapMemberExport();
        app.MapGet("/", () => Results.Redirect(GraphQLSetup.SchemaPath));
        app.Lifetime.ApplicationStarted.Register(() => AnnounceEndpoints(app));
        return app;
    }

    /// <summary>
    /// Host commands: <c>migrate</c> applies migrations and exits (for production deployments);
    /// <c>print-schema [file]</c> writes the SDL; <c>create-staff</c> and <c>create-client</c> make the first staff
    /// account and OIDC clients. Returns true when a command ran and the host should exit.
    /// </summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-'));
        switch (command)
        {
            case "migrate":
                await DatabaseMigrator.MigrateAsync(app.Services);
                app.Logger.LogInformation("Database is up to date.");
                await AuditLog.RecordCommandAsync(app.Services, command, args, 0);
                return true;
            case "print-schema":
                var sdl = GraphQLSetup.PrintSchema(app.Services.GetRequiredService<ISchema>());
                var file = args.SkipWhile(a => a != "print-schema").Skip(1).FirstOrDefault();
                if (file is null)
                {
                    Console.Out.Write(sdl);
                }
                else
                {
                    await File.WriteAllTextAsync(file, sdl);
                }

                return true;
            case "create-staff":
                Environment.ExitCode = await StaffAccounts.RunCommandAsync(app.Services, args);
                await AuditLog.RecordCommandAsync(app.Services, command, args, Environment.ExitCode);
                return true;
            case "create-client":
                Environment.ExitCode = await Identity.Clients.CreateClientCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
                await AuditLog.RecordCommandAsync(app.Services, command, args, Environment.ExitCode);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Start-up work: migrations where configured (default: SQLite in Development), then demo data in Development.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var migrate = database.MigrateOnStartup ?? (database.Provider == DatabaseProvider.Sqlite && app.Environment.IsDevelopment());
        if (migrate)
        {
            await DatabaseMigrator.MigrateAsync(app.Services);
        }

        // Build the schema now, not inside the first request's execution time limit. It takes a core for a while
        // (reflection over every graph type), so it runs beside the rest of the start-up's work (README "Start-up and memory").
        var schema = Task.Run(app.Services.GetRequiredService<ISchema>().Initialize);

        // Fail at start-up, not at the first sign-in, when the OIDC server's keys are missing.
        _ = app.Services.GetService<IOptions<OpenIddict.Server.OpenIddictServerOptions>>()?.Value;
        LoadDataProtectionKeys(app);
        await schema;

        var demo = app.Services.GetRequiredService<IOptions<DemoDataOptions>>().Value;
        if (app.Environment.IsDevelopment() && demo.Enabled)
        {
            await DemoDataSeeder.SeedAsync(app.Services, demo);
            await DemoIdentities.SeedAsync(app.Services);
            await DemoCertifications.SeedAsync(app.Services, demo.Seed);
            await DemoConferences.SeedAsync(app.Services);
        }
    }

    /// <summary>
    /// Reads the data-protection key ring as the host's DataProtectionHostedService does first thing when the host
    /// starts, only earlier, beside the schema: it is the process's first EF query, which warms EF's query pipeline up.
    /// The hosted service then finds the ring loaded; when this read fails, the service reads again and logs the failure.
    /// </summary>
    private static void LoadDataProtectionKeys(WebApplication app)
    {
        try
        {
            app.Services.GetService<IKeyRingProvider>()?.GetCurrentKeyRing();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            app.Logger.LogDebug(e, "The data-protection key ring did not load before the host started; the host loads it again.");
        }
    }

    private static void AnnounceEndpoints(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            app.Logger.LogInformation("GraphQL endpoint: {Url}{Path}  (schema: {Url}{SchemaPath})", address.TrimEnd('/'), GraphQLSetup.Path, address.TrimEnd('/'), GraphQLSetup.SchemaPath);
        }
    }
}
