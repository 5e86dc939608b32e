using System.Buffers;
using System.IO.Pipelines;

namespace Membership.GraphQL;

/// <summary>
/// Where the serializer writes a response: pooled memory while the body stays within <paramref name="limit"/> bytes, so
/// that it goes out with a Content-Length in one write (no chunk framing, no closing chunk after it); past the limit what
/// was collected moves into the response's pipe and the rest follows it there, sent chunked. A response's memory stays
/// bounded by the limit either way.
/// </summary>
internal sealed class ResponseBuffer(PipeWriter body, int limit) : IBufferWriter<byte>, IDisposable
{
    private const int FirstSize = 4096;

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(Math.Clamp(limit, 1, FirstSize));
    private int _written;

    /// <summary>The whole body is here (<see cref="Length"/> bytes): set Content-Length, then <see cref="WriteToBody"/>.</summary>
    public bool Complete => _buffer is not null;

    public int Length => _written;

    public void Advance(int count)
    {
        if (_buffer is null)
        {
            body.Advance(count);
        }
        else
        {
            _written += count;
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint) is { } buffer ? buffer.AsMemory(_written) : body.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint) is { } buffer ? buffer.AsSpan(_written) : body.GetSpan(sizeHint);

    /// <summary>Copies the collected body into the response's pipe.</summary>
    public void WriteToBody()
    {
        if (_buffer is not null)
        {
            body.Write(_buffer.AsSpan(0, _written));
        }
    }

    public void Dispose() => Release();

    /// <summary>The buffer with room for <paramref name="sizeHint"/> more bytes, or null once the body goes to the pipe.</summary>
    private byte[]? Reserve(int sizeHint)
    {
        if (_buffer is not { } buffer)
        {
            return null;
        }

        // The limit first: the pool may hand out an array longer than the limit asked for.
        var needed = (long)_written + Math.Max(sizeHint, 1);
        if (needed > limit)
        {
            body.Write(buffer.AsSpan(0, _written)); // headers are set by now: the response starts, chunked
            Release();
            return null;
        }

        if (needed <= buffer.Length)
        {
            return buffer;
        }

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(needed, 2L * buffer.Length), limit));
        buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return _buffer = larger;
    }

    private void Release()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
