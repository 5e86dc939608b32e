using System.Buffers.Text;
using System.Text.Json;
using GraphQL;

namespace Membership.GraphQL.Paging;

/// <summary>Cursors: base64url of a JSON array holding the order's name and the row's key values.</summary>
internal static class Cursor
{
    public static string Encode<T>(KeysetOrder<T> order, T item)
    {
        var values = new object[order.Columns.Count + 1];
        values[0] = order.Name;
        order.Read(item).CopyTo(values, 1);
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(values));
    }

    public static IReadOnlyList<object> Decode<T>(KeysetOrder<T> order, string cursor, string argument)
    {
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
            var array = json.RootElement;
            if (array.ValueKind == JsonValueKind.Array
                && array.GetArrayLength() == order.Columns.Count + 1
                && array[0].ValueKind == JsonValueKind.String
                && array[0].GetString() == order.Name)
            {
                var values = new object[order.Columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = order.Columns[i].Deserialize(array[i + 1]) ?? throw new FormatException();
                }

                return values;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
        }

        throw Invalid(argument);
    }

    /// <summary>
    /// Whether the text has the shape every cursor has (base64url of a JSON array that starts with an order's name).
    /// Which list and order it belongs to is known only where that list is paged (<see cref="Decode"/>).
    /// </summary>
    public static bool IsWellFormed(string cursor)
    {
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
            return json.RootElement.ValueKind == JsonValueKind.Array && json.RootElement.GetArrayLength() > 1
                && json.RootElement[0].ValueKind == JsonValueKind.String;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    public static ExecutionError Invalid(string argument) =>
        new($"'{argument}' is not a cursor of this list in this order.") { Code = ErrorCodes.InvalidCursor };
}
