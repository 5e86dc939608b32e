using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Membership.Micro;

/// <summary>
/// A whole POST /graphql through the API's pipeline in this process (TestServer in place of Kestrel and the network):
/// middleware, bearer authentication, the document cache, validation, execution with loaders, EF Core over SQLite,
/// JSON into the response. The database's own work is in these figures; compare with the document and loader benchmarks.
/// </summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    private const int PageSize = 100;
    private ApiHost? _host;
    private string _staffToken = string.Empty;
    private byte[] _plans = [];
    private byte[] _node = [];
    private byte[] _page = [];

    private ApiHost Host => _host ?? throw new InvalidOperationException("GlobalSetup has not run.");

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await ApiHost.StartAsync();
        _staffToken = await Host.StaffTokenAsync();
        _plans = Workloads.Body("plans");
        _page = Workloads.Body("page", new Dictionary<string, object?> { ["after"] = null });

        // Each answer checked once, and every document run once, so the timed requests find it in the document cache.
        var plans = (await Host.DataOfAsync(_plans, token: null)).GetProperty("membershipPlans").GetArrayLength();
        Require(plans > 0, $"membershipPlans listed {plans} plans");
        var edges = (await Host.DataOfAsync(_page, _staffToken)).GetProperty("members").GetProperty("edges");
        Require(edges.GetArrayLength() == PageSize, $"the member page has {edges.GetArrayLength()} edges, not {PageSize}");
        foreach (var edge in edges.EnumerateArray())
        {
            var member = edge.GetProperty("node");
            Require(member.GetProperty("currentTerm").ValueKind == JsonValueKind.Object, "a member of the page has no current term");
        }

        var id = edges[0].GetProperty("node").GetProperty("id").GetString()!;
        _node = Workloads.Body("node", new Dictionary<string, object?> { ["id"] = id });
        var node = (await Host.DataOfAsync(_node, _staffToken)).GetProperty("node");
        Require(node.ValueKind == JsonValueKind.Object && node.GetProperty("id").GetString() == id, $"node({id}) did not answer the member");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Benchmark(Description = "Request: membershipPlans (anonymous)")]
    public Task<byte[]> Plans() => Host.PostAsync(_plans, token: null);

    [Benchmark(Description = "Request: node(id:) of a member (staff token)")]
    public Task<byte[]> Node() => Host.PostAsync(_node, _staffToken);

    [Benchmark(Description = "Request: members(first: 100) page (staff token)")]
    public Task<byte[]> Page() => Host.PostAsync(_page, _staffToken);

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("The benchmark's request is not what it should measure: " + what + ".");
        }
    }
}
