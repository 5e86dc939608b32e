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
    public static string Encode(string typeName, Guid key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{typeName}:{key:N}"));

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
