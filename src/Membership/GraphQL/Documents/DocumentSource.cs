using GraphQL;
using GraphQL.Transport;
using Membership.GraphQL.Limits;
using Microsoft.Extensions.Options;

namespace Membership.GraphQL.Documents;

/// <summary>
/// The document a request runs: a persisted one by <c>documentId</c>, or the text sent; from the cache when this
/// instance has run the same text before, else parsed through <see cref="DocumentGate"/>. With
/// <see cref="PersistedDocumentOptions.OnlyKnown"/>, text that is not one of the persisted documents is refused.
/// </summary>
internal sealed class DocumentSource(DocumentCache cache, PersistedDocuments persisted, GraphQLMetrics metrics, IOptions<GraphQLOptions> options)
{
    public (CachedDocument? Document, ExecutionError? Refusal) Find(GraphQLRequest request)
    {
        var limits = options.Value;
        string text;
        if (request.DocumentId is { } documentId)
        {
            if (!PersistedDocuments.IsWellFormed(documentId))
            {
                return Refuse(ErrorCodes.DocumentIdInvalid, $"A documentId is '{PersistedDocuments.Prefix}:' and the 64 lowercase hex digits of the document's SHA-256.");
            }

            if (persisted.TextOf(documentId) is not { } known)
            {
                return Refuse(ErrorCodes.DocumentNotFound, "No persisted document has this documentId.");
            }

            text = known;
        }
        else
        {
            text = request.Query!;
            if (limits.PersistedDocuments.OnlyKnown && persisted.IdOfText(text) is null)
            {
                return Refuse(ErrorCodes.DocumentIdMissing, "This server runs only its persisted documents: send a 'documentId'.");
            }
        }

        if (cache.Find(text) is { } cached)
        {
            metrics.RecordDocument(fromCache: true);
            return (cached, null);
        }

        metrics.RecordDocument(fromCache: false);
        var (document, refusal) = DocumentGate.Parse(text, limits);
        return document is null ? (null, refusal) : (new CachedDocument(text, document), null);
    }

    private static (CachedDocument?, ExecutionError?) Refuse(string code, string message) => (null, new ExecutionError(message) { Code = code });
}
