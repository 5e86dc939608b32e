using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Membership.Data;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Membership.Tests.GraphQL;

/// <summary>
/// Answers within <see cref="GraphQLOptions.BufferedResponseBytes"/> go out with their Content-Length; larger ones go out
/// whole without one (chunked). This fixture sets the limit to 1 KB so that a list of regions with their states is larger.
/// </summary>
public sealed class ResponseLengthTests(SmallResponseBufferApi api) : ApiTest(api), IClassFixture<SmallResponseBufferApi>
{
    private const string Small = "{ regions { number } }";
    private const string Large = "{ regions { number name states { code name } } }";

    [SkippableFact]
    public async Task An_answer_within_the_limit_is_sent_with_its_length()
    {
        var (length, body) = await PostAsync(Small, "application/graphql-response+json");

        Assert.True(body.Length < 1024, $"the small answer is {body.Length} bytes");
        Assert.Equal(body.Length, length);
        Assert.NotEqual(0, JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("regions").GetArrayLength());
    }

    [SkippableFact]
    public async Task A_refusal_is_sent_with_its_length_too()
    {
        var (length, body) = await PostAsync("{ regions { nope } }", "application/json");

        Assert.Equal(body.Length, length);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [SkippableFact]
    public async Task An_answer_past_the_limit_is_sent_whole_without_a_length()
    {
        var (length, body) = await PostAsync(Large, "application/graphql-response+json");

        Assert.Null(length);
        Assert.True(body.Length > 1024, $"the large answer is {body.Length} bytes");
        var (_, small) = await PostAsync(Small, "application/graphql-response+json");
        Assert.Equal(Numbers(small), Numbers(body)); // every region, in the same order
        Assert.NotEqual(0, Regions(body).Sum(region => region.GetProperty("states").GetArrayLength()));
    }

    private static List<JsonElement> Regions(byte[] body) =>
        [.. JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("regions").EnumerateArray()];

    private static List<int> Numbers(byte[] body) => [.. Regions(body).Select(region => region.GetProperty("number").GetInt32())];

    /// <summary>The Content-Length header as the server sent it (none: null), and the body.</summary>
    private async Task<(long? ContentLength, byte[] Body)> PostAsync(string query, string accept)
    {
        using var request = RawRequests.Post(JsonSerializer.Serialize(new { query }));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await Client.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        long? sent = response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var values) ? long.Parse(values.ToString(), System.Globalization.CultureInfo.InvariantCulture) : null;
        return (sent, body);
    }
}

/// <summary>The API over SQLite with a 1 KB response buffer.</summary>
public sealed class SmallResponseBufferApi : ApiFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<(string?, string?)> CreateDatabaseAsync() =>
        Task.FromResult<(string?, string?)>(($"Data Source={Path.Combine(DataFolder(), "membership.db")}", null));

    protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("GraphQL:BufferedResponseBytes", "1024");
}
