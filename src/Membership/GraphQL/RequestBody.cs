using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Membership.GraphQL;

/// <summary>
/// Reads a request body with a size limit: refused by its Content-Length before anything is read, and counted while
/// reading when it comes chunked, so an oversized body never sits in memory.
/// </summary>
public static class RequestBody
{
    /// <summary>The body as UTF-8 text; null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> ReadTextAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Hands the whole body to <paramref name="use"/> as it lies in the request's pipe (no copy of our own) and lets
    /// go of it afterwards; WithinLimit is false, and nothing is used, when it is longer than <paramref name="limit"/> bytes.
    /// </summary>
    public static async Task<(bool WithinLimit, T? Value)> UseBytesAsync<T>(HttpRequest request, int limit, Func<ReadOnlySequence<byte>, T> use, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (false, default);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return (false, default);
            }

            if (read.IsCompleted)
            {
                try
                {
                    return (true, use(buffer));
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End); // everything so far is kept: wait for more
        }
    }
}
