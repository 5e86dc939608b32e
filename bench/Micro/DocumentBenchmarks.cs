using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using GraphQL;
using GraphQL.DI;
using GraphQL.Instrumentation;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Membership.GraphQL;
using Membership.GraphQL.Documents;
using Membership.GraphQL.Limits;
using Membership.GraphQL.Paging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Micro;

/// <summary>
/// The document work of one request for the deep member page's document (bench/workloads/page.graphql), with the
/// host's own schema, rules and settings: parsed and validated with every rule (a text this instance has not run),
/// found in our document cache and validated with the rules that depend on the request (every later request,
/// <see cref="CachedValidation"/>), and the cost rule's pricing of it. No execution, no database.
/// </summary>
[MemoryDiagnoser]
public class DocumentBenchmarks
{
    private readonly RuleCapture _rules = new();
    private ApiHost? _host;
    private AsyncServiceScope _scope;
    private IDocumentValidator _validator = null!;
    private ISchema _schema = null!;
    private DocumentSource _documents = null!;
    private GraphQLOptions _limits = null!;
    private CostLimits _costLimits = null!;
    private ClaimsPrincipal _staff = new();
    private MembershipUserContext _userContext = null!;
    private GraphQLRequest _request = new();
    private ValidationContext _priced = new();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await ApiHost.StartAsync(services => services.AddSingleton<IConfigureExecution>(_rules));
        var services = _host.Services;
        _scope = services.CreateAsyncScope();
        _validator = services.GetRequiredService<IDocumentValidator>();
        _schema = services.GetRequiredService<ISchema>();
        _documents = services.GetRequiredService<DocumentSource>();
        _limits = services.GetRequiredService<IOptions<GraphQLOptions>>().Value;
        _costLimits = new CostLimits(_limits.MaxDepth, _limits.MaxComplexity, PageArgs.DefaultPageSize); // as GraphQLSetup
        _staff = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "benchmark"), new Claim(ClaimTypes.Role, "staff")], "Bearer"));
        _request = new GraphQLRequest { Query = Workloads.Text("page"), Variables = Inputs.Empty };
        _userContext = new MembershipUserContext(_scope.ServiceProvider); // the request's, made once: not document work

        // The rules as the endpoint's execution options carry them, from one run through the real executer.
        var (document, refusal) = _documents.Find(_request);
        var found = document ?? throw new InvalidOperationException(refusal?.Message);
        await services.GetRequiredService<IDocumentExecuter>().ExecuteAsync(new MembershipExecutionOptions
        {
            Cached = found, Operation = OperationOf(found.Document), Schema = _schema, Query = found.Text, Document = found.Document, Variables = Inputs.Empty,
            RequestServices = _scope.ServiceProvider, User = _staff, UserContext = _userContext,
        });
        if (!_rules.All.OfType<CostRule>().Any() || !_rules.Cached.OfType<CostRule>().Any() || _rules.All.Count() <= _rules.Cached.Count())
        {
            throw new InvalidOperationException("The probe did not see the endpoint's rule lists: the validation measured would not be the real one.");
        }

        // Validated once with every rule, then cached as the endpoint caches it; the validation's values feed the pricing.
        var result = await ValidateAsync(found.Document, _rules.All);
        found.MarkValidated(null);
        services.GetRequiredService<DocumentCache>().Keep(found);
        _priced = new ValidationContext
        {
            Schema = _schema, Document = found.Document, Operation = OperationOf(found.Document), Variables = Inputs.Empty,
            ArgumentValues = result.ArgumentValues is { } arguments ? new(arguments) : null,
            DirectiveValues = result.DirectiveValues is { } directives ? new(directives) : null,
        };
        if (QueryCost.Of(_priced, _costLimits).Total < 100)
        {
            throw new InvalidOperationException("The page's price does not count its 100 members: the pricing measured is not the real one.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Benchmark(Description = "Document: parse + validate, all rules (not cached)")]
    public async Task<IValidationResult> ParseAndValidate()
    {
        var (document, refusal) = DocumentGate.Parse(_request.Query!, _limits);
        return await ValidateAsync(document ?? throw new InvalidOperationException(refusal?.Message), _rules.All);
    }

    [Benchmark(Description = "Document: from our cache + request rules")]
    public async Task<IValidationResult> FromCache()
    {
        var (document, _) = _documents.Find(_request);
        var rules = document!.WasValidated(null) ? _rules.Cached : throw new InvalidOperationException("The page's document is not in the cache.");
        return await ValidateAsync(document.Document, rules);
    }

    [Benchmark(Description = "Document: cost rule pricing (depth + cost)")]
    public double Price() => QueryCost.DepthOf(_priced) + QueryCost.Of(_priced, _costLimits).Total;

    private async Task<IValidationResult> ValidateAsync(GraphQLDocument document, IEnumerable<IValidationRule> rules)
    {
        var options = new ValidationOptions
        {
            Schema = _schema, Document = document, Operation = OperationOf(document), Rules = rules,
            UserContext = _userContext, Variables = Inputs.Empty, Extensions = Inputs.Empty,
            RequestServices = _scope.ServiceProvider, User = _staff, Metrics = Metrics.None,
        };
        var result = await _validator.ValidateAsync(options);
        return result.IsValid ? result : throw new InvalidOperationException("The page's document did not validate: " + result.Errors[0].Message);
    }

    private static GraphQLOperationDefinition OperationOf(GraphQLDocument document) => document.Definitions.OfType<GraphQLOperationDefinition>().Single();

    /// <summary>
    /// Innermost in the executer's configuration (after the rules are assembled and <see cref="CachedValidation"/>):
    /// keeps the two rule lists and stops, so nothing executes.
    /// </summary>
    private sealed class RuleCapture : IConfigureExecution
    {
        public IEnumerable<IValidationRule> All { get; private set; } = [];

        public IEnumerable<IValidationRule> Cached { get; private set; } = [];

        public float SortOrder => 10_000;

        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
        {
            All = [.. options.ValidationRules ?? throw new InvalidOperationException("The host assembled no validation rules.")];
            Cached = [.. options.CachedDocumentValidationRules ?? []];
            return Task.FromResult(new ExecutionResult { Executed = false });
        }
    }
}
