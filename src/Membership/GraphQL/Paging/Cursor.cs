using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using GraphQL;

namespace Membership.GraphQL.Paging;

/// <summary>Cursors: base64url of a JSON array holding the order's name and the row's key values.</summary>
internal static class Cursor
{
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _encoder;

    /// <summary>
    /// The item's cursor in the order: <c>["order name", value, …]</c>, written straight into a buffer kept per thread
    /// (a page encodes one cursor per edge).
    /// </summary>
    public static string Encode<T>(KeysetOrder<T> order, T item)
    {
        var (buffer, writer) = _encoder ??= Create();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartArray();
        writer.WriteStringValue(order.Name);
        foreach (var column in order.Columns)
        {
            column.Write(writer, item);
        }

        writer.WriteEndArray();
        writer.Flush();
        return Base64Url.EncodeToString(buffer.WrittenSpan);

        static (ArrayBufferWriter<byte>, Utf8JsonWriter) Create()
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            return (buffer, new Utf8JsonWriter(buffer));
        }
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
