namespace Membership.GraphQL;

/// <summary>The <c>GraphQL</c> configuration section: limits that protect the API from expensive documents.</summary>
public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    /// <summary>Longest accepted document, in characters.</summary>
    public int MaxDocumentLength { get; set; } = 15_000;

    /// <summary>Largest accepted request body (document plus variables), in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Largest accepted multipart request (operations, map and files), in bytes: a member import of 10,000 rows is about 2 MB.</summary>
    public int MaxUploadBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most tokens (names, punctuation, values) in one document, counted before it is parsed.</summary>
    public int MaxTokens { get; set; } = 1_000;

    /// <summary>Most uses of one directive on one field, fragment or operation.</summary>
    public int MaxDirectiveRepeats { get; set; } = 5;

    /// <summary>
    /// Largest answer sent with a Content-Length, in one write from pooled memory; a larger one is sent chunked as it is
    /// written. Bounds the memory one response holds.
    /// </summary>
    public int BufferedResponseBytes { get; set; } = 256 * 1024;

    /// <summary>Most errors in one response; the last one says how many more were left out.</summary>
    public int MaxErrors { get; set; } = 20;

    /// <summary>Deepest introspection: <c>__schema</c> or <c>__type</c> and each list of types or fields under it.</summary>
    public int MaxIntrospectionDepth { get; set; } = 3;

    /// <summary>Deepest field nesting. A portal's member page nests about 6.</summary>
    public int MaxDepth { get; set; } = 10;

    /// <summary>Highest complexity score; a list field multiplies its children by its page size.</summary>
    public int MaxComplexity { get; set; } = 25_000;

    /// <summary>Most aliases in one document.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Seconds an operation may run before it is cancelled, validation and database work included.</summary>
    public double ExecutionTimeoutSeconds { get; set; } = 15;

    /// <summary>How far totalCount counts the matches of a member name search before it reports the cap (totalCountCapped).</summary>
    public int SearchCountCap { get; set; } = SearchTerms.DefaultCountCap;

    /// <summary>Allow introspection (<c>__schema</c>, <c>__type</c>). Null means: on in Development only.</summary>
    public bool? EnableIntrospection { get; set; }

    /// <summary>
    /// Total length, in characters, of the document texts each instance keeps parsed and validated (about ten times
    /// that in memory); 0 turns the cache off.
    /// </summary>
    public int DocumentCacheSize { get; set; } = 2_000_000;

    /// <summary>Documents sent by id instead of text: the checked-in set under <c>schema/persisted/</c>.</summary>
    public PersistedDocumentOptions PersistedDocuments { get; set; } = new();

    /// <summary>Serve the SDL at <c>GET /graphql/schema.graphql</c>: the published contract for front ends.</summary>
    public bool PublishSchema { get; set; } = true;
}

/// <summary>The <c>GraphQL:PersistedDocuments</c> section.</summary>
public sealed class PersistedDocumentOptions
{
    /// <summary>
    /// Run only the persisted documents (by <c>documentId</c>, or their exact text) and refuse any other text with
    /// DOCUMENT_ID_MISSING: for a deployment whose only clients are first-party front ends.
    /// </summary>
    public bool OnlyKnown { get; set; }
}
