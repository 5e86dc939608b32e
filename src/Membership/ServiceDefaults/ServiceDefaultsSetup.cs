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

    /// <summary>Record spans without an OTLP endpoint (for a processor added in code); default: only when exporting.</summary>
    public const string TracesSetting = "Telemetry:Traces";

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
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Npgsql's connection pool, EF Core's contexts and queries, and ours.
                .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore", MembershipTelemetry.Name, GraphQL.Limits.GraphQLMetrics.MeterName));

        // Spans are built for every request, GraphQL operation and SQL command once a tracer listens (about a tenth of
        // a small query's CPU): only when something takes them, an OTLP exporter or Telemetry:Traces=true (a processor
        // of one's own). Logs carry the trace id either way: ASP.NET Core starts the request's activity for them.
        if (builder.Configuration.GetValue<bool?>(TracesSetting) ?? exporting)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(MembershipTelemetry.Name, "GraphQL", "MailKit.Net.SmtpClient")
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation());
        }

        if (exporting)
        {
            builder.Logging.AddOpenTelemetry(o => o.IncludeScopes = true); // the same entries as stdout, with their trace ids
            otel.UseOtlpExporter();
        }
    }

    private static bool IsProbe(HttpContext http) => http.Request.Path.StartsWithSegments(HealthEndpoints.AliasPath);
}
