using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Membership.ServiceDefaults;

/// <summary>
/// What every instance needs to be operated, in one place (as eShop's service defaults): structured logs, traces and
/// metrics (exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), and the health endpoints.
/// </summary>
public static class ServiceDefaultsSetup
{
    public const string ServiceName = "membership-api";

    /// <summary>Call after the application's services are added: it counts the mail of the registered sender.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddStructuredLogging();
        builder.AddOpenTelemetry();
        builder.Services.AddMembershipHealthChecks();
        CountedMail.Decorate(builder.Services);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app) => app.MapHealthEndpoints();

    /// <summary>
    /// Outside Development, one JSON object per line on stdout, with the trace and span ids and the scopes (request path,
    /// GraphQL operation, client id). Development keeps the readable console format.
    /// </summary>
    private static void AddStructuredLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
    }

    private static void AddOpenTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(MembershipTelemetry.Name, "GraphQL", "MailKit.Net.SmtpClient")
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Npgsql's connection pool, EF Core's contexts and queries, and ours.
                .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore", MembershipTelemetry.Name, GraphQL.Limits.GraphQLMetrics.MeterName));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Logging.AddOpenTelemetry(o => o.IncludeScopes = true); // the same entries as stdout, with their trace ids
            otel.UseOtlpExporter();
        }
    }

    private static bool IsProbe(HttpContext http) => http.Request.Path.StartsWithSegments(HealthEndpoints.AliasPath);
}
