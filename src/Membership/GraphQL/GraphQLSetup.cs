using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Membership.GraphQL.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Membership.Certifications.Verification;

namespace Membership.GraphQL;

public static class GraphQLSetup
{
    public const string Path = "/graphql";
    public const string SchemaPath = "/graphql/schema.graphql";

    public static IServiceCollection AddMembershipGraphQL(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(GraphQLOptions.Section);
        services.Configure<GraphQLOptions>(section);
        var options = section.Get<GraphQLOptions>() ?? new GraphQLOptions();
        var introspection = new IntrospectionSetting(options.EnableIntrospection ?? environment.IsDevelopment());
        // A list without first/last is assumed to return a default page; nodes(ids) counts its ids.
        var costLimits = new CostLimits(options.MaxDepth, options.MaxComplexity, Paging.PageArgs.DefaultPageSize);

        services.AddSingleton(introspection);
        services.AddSingleton<GraphQLMetrics>();
        services.AddHttpContextAccessor();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton(new ServiceLifetimes(services)); // read after the host is built, when every feature has registered
        services.AddSingleton<Documents.DocumentCache>();
        services.AddSingleton<Documents.PersistedDocuments>();
        services.AddSingleton<global::GraphQL.PersistedDocuments.IPersistedDocumentLoader>(sp => sp.GetRequiredService<Documents.PersistedDocuments>());
        services.AddSingleton<Documents.DocumentSource>();
        // Before AddGraphQL, which registers GraphQL's own validator only where none is: ours wraps it (Documents.CachedValidation).
        services.AddSingleton<global::GraphQL.Validation.IDocumentValidator, Documents.RequestValidator>();
        services.AddGraphQL(builder => builder
            .AddSchema<MembershipSchema>()
            .AddGraphTypes(typeof(MembershipSchema).Assembly)
            .AddSerializer(sp => new ResponseSerializer(sp.GetRequiredService<global::GraphQL.Execution.IErrorInfoProvider>()))
            .AddErrorInfoProvider(sp => new MembershipErrorInfoProvider(environment.IsDevelopment(), sp.GetRequiredService<IHttpContextAccessor>()))
            // The rules that depend on the caller or the variables also run for a cached document (CachedValidation).
            .AddValidationRule<AuthenticationRule>(useForCachedDocuments: true)
            .AddValidationRule<AliasLimitRule>()
            .AddValidationRule<Paging.MutationPagingRule>(useForCachedDocuments: true)
            .AddValidationRule<IntrospectionRule>()
            .AddValidationRule<IntrospectionDepthRule>()
            .AddValidationRule(sp => new CostRule(costLimits, introspection, sp.GetRequiredService<GraphQLMetrics>()), useForCachedDocuments: true)
            .ConfigureExecution<Documents.CachedValidation>()
            .AddSchemaVisitor<FieldAuthorization>()
            .AddSchemaVisitor<Audit.MutationAuditVisitor>() // after authorization: wraps it, so a denied mutation is recorded too
            .UseTelemetry(o => o.RecordDocument = false) // documents may hold personal data in literals
            .ConfigureExecution<ServiceDefaults.GraphQLOperationTelemetry>()
            .AddUnhandledExceptionHandler(UnhandledErrors.HandleAsync));
        return services;
    }

    public static IEndpointRouteBuilder MapMembershipGraphQL(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Path, context => context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        endpoints.MapGet(SchemaPath, (ISchema schema, Microsoft.Extensions.Options.IOptions<GraphQLOptions> options) =>
            options.Value.PublishSchema ? Results.Text(PrintSchema(schema), "text/plain; charset=utf-8") : Results.NotFound());
        return endpoints;
    }

    /// <summary>The SDL as checked in at schema/membership.graphql.</summary>
    public static string PrintSchema(ISchema schema) =>
        schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true, StringComparison = StringComparison.Ordinal })
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
}
