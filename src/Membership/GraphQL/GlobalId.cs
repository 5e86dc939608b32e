using System.Buffers.Text;
using System.Text;
using GraphQL;

namespace Membership.GraphQL;

/// <summary>
/// Opaque global IDs: the type name and the database key, base64url-encoded. Clients must treat them as opaque;
/// the server rejects an ID of another type with INVALID_ID instead of looking it up.
/// </summary>
public static class GlobalId
{
    /// <summary>Written in a stack buffer: a page of members encodes hundreds of IDs, so only the result is allocated.</summary>
    public static string Encode(string typeName, Guid key)
    {
        Span<byte> text = stackalloc byte[MaxEncodedTypeName + 33]; // the name, ':' and 32 hex digits
        if (Encoding.UTF8.GetMaxByteCount(typeName.Length) > MaxEncodedTypeName && Encoding.UTF8.GetByteCount(typeName) > MaxEncodedTypeName)
        {
            throw new ArgumentException($"Type names of global IDs are at most {MaxEncodedTypeName} bytes.", nameof(typeName));
        }

        var length = Encoding.UTF8.GetBytes(typeName, text);
        text[length++] = (byte)':';
        key.TryFormat(text[length..], out var digits, "N");
        return Base64Url.EncodeToString(text[..(length + digits)]);
    }

    private const int MaxEncodedTypeName = 64;

    public static bool TryDecode(string? id, out string typeName, out Guid key)
    {
        typeName = string.Empty;
        key = Guid.Empty;
        if (string.IsNullOrEmpty(id) || id.Length > 100)
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !Guid.TryParseExact(text[(colon + 1)..], "N", out key))
            {
                return false;
            }

            typeName = text[..colon];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The key of an ID that must name <paramref name="typeName"/>; an INVALID_ID error otherwise.</summary>
    public static Guid Parse(string? id, string typeName, string argument = "id")
    {
        if (TryParse(id, typeName, out var key))
        {
            return key;
        }

        throw new ExecutionError($"'{argument}' is not a valid {typeName} ID.") { Code = ErrorCodes.InvalidId };
    }

    public static bool TryParse(string? id, string typeName, out Guid key) =>
        TryDecode(id, out var actual, out key) && actual == typeName;
}
