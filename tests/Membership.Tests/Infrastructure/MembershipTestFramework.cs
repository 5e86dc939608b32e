using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Membership.Tests.Infrastructure.MembershipTestFramework", "Membership.Tests")]

namespace Membership.Tests.Infrastructure;

/// <summary>
/// xunit's own framework plus two things: every test gets a <c>Provider</c> trait (Sqlite, PostgreSql, SqlServer, or None
/// for tests without a database) so <c>dotnet test --filter</c> can pick a subset; and the run's PostgreSQL clusters are
/// stopped once the last test has run, before xunit reports the run finished (after that the runner may kill the test
/// process before ProcessExit is done), and again when xunit disposes the framework.
/// </summary>
public sealed class MembershipTestFramework : XunitTestFramework
{
    public const string ProviderTrait = "Provider";
    public const string NoDatabase = "None";

    public MembershipTestFramework(IMessageSink messageSink)
        : base(messageSink) => DisposalTracker.Add(new StopsClusters(messageSink));

    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new ProviderTraitDiscoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new ClusterStoppingExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    /// <summary>
    /// The provider of a test class, from the <see cref="ApiFixture"/> its per-provider subclass takes; None when it
    /// takes none. (A trait attribute on the abstract base could not tell the subclasses apart.)
    /// </summary>
    public static string ProviderOf(Type testClass)
    {
        var fixture = testClass.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault(t => typeof(ApiFixture).IsAssignableFrom(t) && !t.IsAbstract);

        // Constructing a fixture is cheap: its database is made in InitializeAsync, which discovery never calls.
        return fixture is null ? NoDatabase : ((ApiFixture)Activator.CreateInstance(fixture)!).Provider.ToString();
    }

    private sealed class ProviderTraitDiscoverer(IAssemblyInfo assembly, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, sources, diagnostics)
    {
        protected override bool FindTestsForType(ITestClass testClass, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var type = testClass.Class.ToRuntimeType();
            var provider = type is null || type.IsAbstract ? NoDatabase : ProviderOf(type);
            using var tagging = new ProviderTagging(messageBus, provider);
            return base.FindTestsForType(testClass, includeSourceInformation, tagging, discoveryOptions);
        }
    }

    /// <summary>Adds the class's provider to each discovered test case that does not name one itself ([Trait("Provider", …)] on the method).</summary>
    private sealed class ProviderTagging(IMessageBus inner, string provider) : IMessageBus
    {
        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage discovered && !discovered.TestCase.Traits.ContainsKey(ProviderTrait))
            {
                discovered.TestCase.Traits[ProviderTrait] = [provider];
            }

            return inner.QueueMessage(message);
        }

        public void Dispose()
        {
            // The inner bus belongs to the caller.
        }
    }

    private static async Task StopClustersAsync(IMessageSink diagnostics)
    {
        var stopped = await PostgresServer.StopAllAsync();
        if (stopped > 0)
        {
            diagnostics.OnMessage(new DiagnosticMessage($"Stopped and deleted {stopped} private PostgreSQL cluster(s) at the end of the run."));
        }
    }

    private sealed class StopsClusters(IMessageSink diagnostics) : IDisposable
    {
        public void Dispose() => StopClustersAsync(diagnostics).GetAwaiter().GetResult();
    }

    private sealed class ClusterStoppingExecutor(AssemblyName assemblyName, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assemblyName, sources, diagnostics)
    {
        // xunit's own signature: the runner learns the end of the run from the messages, not from this method.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new ClusterStoppingRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class ClusterStoppingRunner(ITestAssembly assembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnostics, IMessageSink execution, ITestFrameworkExecutionOptions options)
        : XunitTestAssemblyRunner(assembly, testCases, diagnostics, execution, options)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await StopClustersAsync(DiagnosticMessageSink);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}

internal static class TypeInfoExtensions
{
    public static Type? ToRuntimeType(this ITypeInfo type) => (type as IReflectionTypeInfo)?.Type;
}
