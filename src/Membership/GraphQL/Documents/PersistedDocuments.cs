using System.Buffers;
using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using GraphQL.PersistedDocuments;

namespace Membership.GraphQL.Documents;

/// <summary>
/// The first-party documents checked in under <c>schema/persisted/</c> (built into the assembly), each known by
/// <c>sha256:</c> and the lowercase hex SHA-256 of its UTF-8 text, as GraphQL.NET's persisted documents and the
/// GraphQL-over-HTTP persisted documents proposal name them. <c>schema/persisted/manifest.json</c> lists the ids.
/// </summary>
internal sealed class PersistedDocuments : IPersistedDocumentLoader
{
    public const string Prefix = "sha256";
    private const string ResourcePrefix = "persisted/";
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private readonly FrozenDictionary<string, string> _textById;
    private readonly FrozenDictionary<string, string> _idByText;

    public PersistedDocuments()
        : this(Load(typeof(PersistedDocuments).Assembly))
    {
    }

    internal PersistedDocuments(IReadOnlyDictionary<string, string> textByFileName)
    {
        Files = textByFileName.ToFrozenDictionary(file => file.Key, file => IdOf(file.Value), StringComparer.Ordinal);
        _textById = textByFileName.Values.ToFrozenDictionary(IdOf, text => text, StringComparer.Ordinal);
        _idByText = _textById.ToFrozenDictionary(entry => entry.Value, entry => entry.Key, StringComparer.Ordinal);
    }

    /// <summary>The id of each checked-in file, by file name: what <c>manifest.json</c> must say.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    public static string IdOf(string text) => $"{Prefix}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}";

    /// <summary>The id of a document sent as text, when it is one of ours; null otherwise.</summary>
    public string? IdOfText(string text) => _idByText.GetValueOrDefault(text);

    public string? TextOf(string documentId) => _textById.GetValueOrDefault(documentId);

    public ValueTask<string?> GetQueryAsync(string? documentIdPrefix, string documentIdPayload, CancellationToken cancellationToken) =>
        new(documentIdPrefix == Prefix ? TextOf($"{Prefix}:{documentIdPayload}") : null);

    /// <summary>Whether <paramref name="documentId"/> has the form <c>sha256:</c> and 64 lowercase hex digits.</summary>
    public static bool IsWellFormed(string documentId) =>
        documentId.Length == Prefix.Length + 1 + 64
        && documentId.StartsWith(Prefix + ":", StringComparison.Ordinal)
        && documentId.AsSpan(Prefix.Length + 1).ContainsAnyExcept(LowerHex) is false;

    private static Dictionary<string, string> Load(Assembly assembly)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            files[name[ResourcePrefix.Length..]] = reader.ReadToEnd();
        }

        return files;
    }
}
