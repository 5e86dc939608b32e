using System.Collections.Concurrent;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Membership.GraphQL.Documents;

/// <summary>
/// Parsed documents by their text, with the operations of each that passed validation, so a repeated query is
/// neither parsed nor validated again (<see cref="CachedValidation"/> decides what still runs per request).
/// Bounded by the total length of the cached texts (<see cref="GraphQLOptions.DocumentCacheSize"/>); a document
/// enters only once one of its operations has passed validation, so refused documents cannot crowd out good ones.
/// Each instance keeps its own: it holds nothing another instance needs.
/// </summary>
internal sealed class DocumentCache : IDisposable
{
    private readonly MemoryCache _cache;

    public DocumentCache(IOptions<GraphQLOptions> options)
    {
        var size = options.Value.DocumentCacheSize;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(size, 1), CompactionPercentage = 0.25 });
        Enabled = size > 0;
    }

    public bool Enabled { get; }

    public CachedDocument? Find(string text) =>
        Enabled && _cache.TryGetValue(text, out var found) ? (CachedDocument?)found : null;

    /// <summary>Keeps <paramref name="document"/> once an operation of it passed validation; a text cached meanwhile wins.</summary>
    public void Keep(CachedDocument document)
    {
        if (Enabled && !document.Kept)
        {
            document.Kept = true;
            _cache.Set(document.Text, document, new MemoryCacheEntryOptions { Size = Math.Max(document.Text.Length, 1) });
        }
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>One document's text and syntax tree, shared read-only by every request that sends the same text.</summary>
internal sealed class CachedDocument(string text, GraphQLDocument document)
{
    private readonly ConcurrentDictionary<string, ValidatedOperation> _validatedOperations = new(StringComparer.Ordinal);

    public string Text { get; } = text;

    public GraphQLDocument Document { get; } = document;

    public bool Kept { get; set; }

    /// <summary>The operation (by name; the empty string for a document's only operation) if it passed validation before.</summary>
    public ValidatedOperation? Validated(string? operationName) => _validatedOperations.GetValueOrDefault(operationName ?? string.Empty);

    public bool WasValidated(string? operationName) => _validatedOperations.ContainsKey(operationName ?? string.Empty);

    public void MarkValidated(string? operationName) => _validatedOperations.TryAdd(operationName ?? string.Empty, new ValidatedOperation());
}

/// <summary>
/// An operation of a cached document that passed every rule. For a query without variables, whose arguments are all
/// literals, it also keeps what GraphQL's validator made of them (<see cref="RequestValidator"/>): parsed once, then
/// shared read-only by every request that runs the query.
/// </summary>
internal sealed class ValidatedOperation
{
    private Task<IValidationResult>? _parsedArguments;

    public Task<IValidationResult>? ParsedArguments
    {
        get => Volatile.Read(ref _parsedArguments);
        set => Volatile.Write(ref _parsedArguments, value);
    }
}
