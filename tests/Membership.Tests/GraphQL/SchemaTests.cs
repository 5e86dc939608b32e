using System.Net;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.GraphQL;

/// <summary>The published SDL: served as text and kept equal to the checked-in contract.</summary>
public sealed class SchemaTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    private const string CheckedIn = "schema/membership.graphql";

    [SkippableFact]
    public async Task Schema_is_served_as_text_plain_sdl()
    {
        var (status, mediaType, sdl) = await GetSchemaAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain", mediaType);
        Assert.Contains("type Query {", sdl, StringComparison.Ordinal);
        Assert.Contains("type Mutation {", sdl, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Served_schema_equals_the_checked_in_file()
    {
        var file = Path.Combine(RepositoryRoot(), CheckedIn);
        var expected = File.Exists(file) ? (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n") : string.Empty;

        var (_, _, actual) = await GetSchemaAsync();

        Assert.True(expected == actual,
            $"{CheckedIn} differs from the schema the API serves{FirstDifference(expected, actual)}. If the change is intended, regenerate it: "
            + $"`dotnet run --project src/Membership.Api -- print-schema {CheckedIn}`, then review and commit the diff.");
    }

    private async Task<(HttpStatusCode Status, string? MediaType, string Text)> GetSchemaAsync()
    {
        using var response = await Client.Http.GetAsync(GraphQLSetup.SchemaPath);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var a = i < want.Length ? want[i] : "(end of file)";
            var b = i < got.Length ? got[i] : "(end of schema)";
            if (a != b)
            {
                return $" from line {i + 1}: file has `{a}`, API serves `{b}`";
            }
        }

        return string.Empty;
    }

    /// <summary>The folder holding Membership.sln, above the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Membership.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Membership.sln above {AppContext.BaseDirectory}.");
    }
}
