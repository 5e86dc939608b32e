using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Membership.Tests.Infrastructure.MembershipTestFramework", "Membership.Tests")]

namespace Membership.Tests.Infrastructure;

/// <summary>
/// xunit's own framework plus two things: every test gets a <c>Provider</c> trait (Sqlite, PostgreSql, SqlServer, or None
/// for tests without a database) so <c>dotnet test --filter</c> can pick a subset; and the run's PostgreSQL clusters are
/// stopped when xunit disposes the framework at the end of the run, not only on ProcessExit.
/// </summary>
public sealed class MembershipTestFramework : XunitTestFramework
{
    public const string ProviderTrait = "Provider";
    public const string NoDatabase = "None";

    public MembershipTestFramework(IMessageSink messageSink)
        : base(messageSink) => DisposalTracker.Add(new StopsClusters());

    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new ProviderTraitDiscoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

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

    private sealed class StopsClusters : IDisposable
    {
        public void Dispose() => PostgresServer.StopAllAsync().GetAwaiter().GetResult();
    }
}

internal static class TypeInfoExtensions
{
    public static Type? ToRuntimeType(this ITypeInfo type) => (type as IReflectionTypeInfo)?.Type;
}
