using System.Text;
using System.Text.Json;

namespace Membership.Micro;

/// <summary>The load driver's documents (bench/workloads), embedded, and request bodies made from them once.</summary>
internal static class Workloads
{
    public static string Text(string name)
    {
        using var stream = typeof(Workloads).Assembly.GetManifestResourceStream($"workloads/{name}.graphql")
            ?? throw new InvalidOperationException($"bench/workloads/{name}.graphql is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Trim();
    }

    /// <summary>A GraphQL-over-HTTP POST body, as the driver sends it.</summary>
    public static byte[] Body(string name, object? variables = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new { query = Text(name), variables = variables ?? new Dictionary<string, object?>() });
}
