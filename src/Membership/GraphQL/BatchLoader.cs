using GraphQL.DataLoader;

namespace Membership.GraphQL;

/// <summary>
/// Collects the keys that resolvers of one level ask for and fetches them in one query when the first result
/// is awaited (GraphQL.NET awaits <see cref="IDataLoaderResult"/> values only after the whole level resolved).
/// One instance per request; results are cached for the request, and a key asked again is not fetched again.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, TValue fallback)
    where TKey : notnull
{
    private readonly Lock _gate = new();

    // Made on first use: a request builds every loader of a group (a member's, a certificate's) and uses few of them.
    private Dictionary<TKey, Batch>? _batchOf;
    private Batch? _pending;

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            _batchOf ??= [];
            if (!_batchOf.TryGetValue(key, out var batch))
            {
                batch = _pending ??= new Batch();
                batch.Keys.Add(key);
                _batchOf[key] = batch;
            }

            return new Result(this, batch, key);
        }
    }

    /// <summary>Answers <paramref name="key"/> with a value another query already read, unless it was asked for before.</summary>
    public void Prime(TKey key, TValue value)
    {
        lock (_gate)
        {
            (_batchOf ??= []).TryAdd(key, new Batch { Task = Task.FromResult<IReadOnlyDictionary<TKey, TValue>>(new Dictionary<TKey, TValue> { [key] = value }) });
        }
    }

    private Task<IReadOnlyDictionary<TKey, TValue>> Run(Batch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (batch.Task is null)
            {
                if (ReferenceEquals(batch, _pending))
                {
                    _pending = null; // keys asked from now on go to the next batch
                }

                batch.Task = fetch(batch.Keys, cancellationToken);
            }

            return batch.Task;
        }
    }

    private sealed class Batch
    {
        public List<TKey> Keys { get; } = [];
        public Task<IReadOnlyDictionary<TKey, TValue>>? Task { get; set; }
    }

    // GraphQL.NET awaits the untyped GetResultAsync of every load: it awaits the batch itself rather than the typed
    // method, so a load costs one async method and one task, not two of each (the same in LoaderResult below).
    private sealed class Result(BatchLoader<TKey, TValue> loader, Batch batch, TKey key) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) =>
            loader.ValueOf(await loader.Run(batch, cancellationToken), key);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            loader.ValueOf(await loader.Run(batch, cancellationToken), key);
    }

    private TValue ValueOf(IReadOnlyDictionary<TKey, TValue> values, TKey key) => values.TryGetValue(key, out var value) ? value : _fallback;

    private readonly TValue _fallback = fallback;
}

/// <summary>Composition of loader results without awaiting them early (which would break batching).</summary>
public static class LoaderResult
{
    public static IDataLoaderResult<T> Of<T>(T value) => new Ready<T>(value);

    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) => new Mapped<TIn, TOut>(result, map);

    /// <summary>A load that depends on another's result (the second is asked for once the first is there).</summary>
    public static IDataLoaderResult<TOut> Bind<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, IDataLoaderResult<TOut>> next) => new Bound<TIn, TOut>(result, next);

    private sealed class Bound<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, IDataLoaderResult<TOut>> next) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            await next(await inner.GetResultAsync(cancellationToken)).GetResultAsync(cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await ((IDataLoaderResult)next(await inner.GetResultAsync(cancellationToken))).GetResultAsync(cancellationToken);
    }

    /// <summary>Several loads of one loader (one batch) as one list, in the order given.</summary>
    public static IDataLoaderResult<IReadOnlyList<T>> All<T>(IEnumerable<IDataLoaderResult<T>> results) => new Combined<T>([.. results]);

    private sealed class Combined<T>(List<IDataLoaderResult<T>> parts) : IDataLoaderResult<IReadOnlyList<T>>
    {
        public async Task<IReadOnlyList<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new List<T>(parts.Count);
            foreach (var part in parts)
            {
                values.Add(await part.GetResultAsync(cancellationToken));
            }

            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    private sealed class Ready<T>(T value) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
    }

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) => map(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => map(await inner.GetResultAsync(cancellationToken));
    }
}
