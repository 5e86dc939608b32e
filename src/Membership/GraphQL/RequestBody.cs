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
}
