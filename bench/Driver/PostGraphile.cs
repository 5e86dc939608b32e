using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Driver;

/// <summary>
/// The third column: PostGraphile 5 (bench/postgraphile) over the same tables, sent the same requests written in its
/// schema (bench/workloads/postgraphile/). Its cursors are its own, so a deep page's cursor is asked of it: the member
/// the API's cursor names, found by its name keys and number.
/// </summary>
internal sealed class PostGraphile(Uri url, string workloadFolder)
{
    public Uri GraphQL { get; } = new(url, "/graphql");

    public byte[] Body(string file, object? variables = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new { query = File.ReadAllText(Path.Combine(workloadFolder, "postgraphile", file)).Trim(), variables = variables ?? new { } });

    public async Task<List<byte[]>> PageBodiesAsync(IEnumerable<(string Last, string First, long Number)> starts)
    {
        using var http = new HttpClient();
        var bodies = new List<byte[]>();
        foreach (var (last, first, number) in starts)
        {
            using var content = new ByteArrayContent(Body("cursor.graphql", new { last, first, number = number.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(GraphQL, content);
            var answer = await response.Content.ReadFromJsonAsync<JsonNode>();
            var cursor = answer?["data"]?["allMembers"]?["edges"]?[0]?["cursor"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"PostGraphile gave no cursor for member {number}: {answer?.ToJsonString()}");
            bodies.Add(Body("page.graphql", new { after = cursor }));
        }

        return bodies;
    }

    /// <summary>The member numbers an answer lists, in order (the API's <c>memberNumber</c> "M-011781", PostGraphile's <c>number</c> "11781").</summary>
    public static List<string> MemberNumbers(string json)
    {
        var numbers = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        if (key is "memberNumber" or "number" && value is JsonValue)
                        {
                            numbers.Add(new string([.. value.ToString().Where(char.IsAsciiDigit)]).TrimStart('0')); // "M-011781" and "11781"
                        }
                        else
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(JsonNode.Parse(json));
        return numbers;
    }
}
