using BenchmarkDotNet.Attributes;
using GraphQL.DataLoader;
using Membership.GraphQL;

namespace Membership.Micro;

/// <summary>
/// The batch loader's own work for one level of a 100-member page: a loader per request, 100 distinct keys loaded,
/// one fetch (a dictionary already in memory: no database), every result awaited as GraphQL.NET awaits them.
/// </summary>
[MemoryDiagnoser]
public class BatchLoaderBenchmarks
{
    private const int Keys = 100;
    private Guid[] _keys = [];
    private IReadOnlyDictionary<Guid, string?> _rows = new Dictionary<Guid, string?>();

    [GlobalSetup]
    public void Setup()
    {
        _keys = [.. Enumerable.Range(0, Keys).Select(_ => Guid.CreateVersion7())];
        _rows = _keys.ToDictionary(k => k, string? (k) => k.ToString("N"));
    }

    [Benchmark(Description = "Loader: 100 keys, one batch")]
    public async Task<int> OneBatch()
    {
        var loader = new BatchLoader<Guid, string?>((ids, _) => Task.FromResult(_rows), fallback: null);
        var results = new IDataLoaderResult<string?>[Keys];
        for (var i = 0; i < Keys; i++)
        {
            results[i] = loader.Load(_keys[i]);
        }

        return await CountFound(results);
    }

    /// <summary>As the member page's fields use it: each load mapped (<c>Then</c>), like currentTerm and membershipStatus.</summary>
    [Benchmark(Description = "Loader: 100 keys, one batch, each mapped (Then)")]
    public async Task<int> OneBatchMapped()
    {
        var loader = new BatchLoader<Guid, string?>((ids, _) => Task.FromResult(_rows), fallback: null);
        var results = new IDataLoaderResult<string?>[Keys];
        for (var i = 0; i < Keys; i++)
        {
            results[i] = loader.Load(_keys[i]).Then(value => value?[..8]);
        }

        return await CountFound(results);
    }

    private static async Task<int> CountFound(IDataLoaderResult<string?>[] results)
    {
        var found = 0;
        foreach (var result in results)
        {
            found += await result.GetResultAsync() is null ? 0 : 1;
        }

        return found == Keys ? found : throw new InvalidOperationException($"{found} of {Keys} keys were found.");
    }
}
