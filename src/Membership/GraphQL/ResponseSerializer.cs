using System.Buffers;
using System.Text.Json;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace Membership.GraphQL;

/// <summary>
/// GraphQL.NET's System.Text.Json serializer (the same converters, so the same JSON), able to write a result straight
/// into a buffer writer (<see cref="ResponseBuffer"/>, the response's pipe): no stream adapter between the result and the socket.
/// </summary>
internal sealed class ResponseSerializer(IErrorInfoProvider errorInfoProvider) : GraphQLSerializer(errorInfoProvider)
{
    private JsonWriterOptions? _writerOptions;

    /// <summary>Writes <paramref name="value"/> into <paramref name="body"/>; the caller flushes.</summary>
    public void Write<T>(IBufferWriter<byte> body, T value)
    {
        // The writer takes indentation and escaping from its own options: the serializer's, once.
        _writerOptions ??= new JsonWriterOptions { Encoder = SerializerOptions.Encoder, Indented = SerializerOptions.WriteIndented, MaxDepth = SerializerOptions.MaxDepth };
        using var writer = new Utf8JsonWriter(body, _writerOptions.Value);
        JsonSerializer.Serialize(writer, value, SerializerOptions);
    }
}
