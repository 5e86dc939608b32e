using System.Net;
using GraphQL;
using GraphQL.Types;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.GraphQL;

/// <summary>The published SDL: served as text and kept equal to the checked-in contract.</summary>
public abstract class SchemaTests(ApiFixture api) : ApiTest(api)
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

    [SkippableFact]
    public void Every_field_a_caller_may_be_refused_is_nullable()
    {
        // A refused field resolves to null with a FORBIDDEN error. Were it non-null, the null would spread to its
        // parents (up to data: null) and take the rest of the answer with it.
        var schema = Api.Services.GetRequiredService<ISchema>();
        schema.Initialize();

        var offenders = GuardedNonNullFields(schema).ToList();

        Assert.True(offenders.Count == 0, "Guarded but non-null: " + string.Join(", ", offenders));
    }

    /// <summary>Fields with a policy, a role or an owner check, and fields returning a type with a policy, whose type is non-null.</summary>
    internal static IEnumerable<string> GuardedNonNullFields(ISchema schema)
    {
        static bool HasPolicy(IMetadataReader target) => (target.GetPolicies()?.Count ?? 0) > 0 || (target.GetRoles()?.Count ?? 0) > 0;

        foreach (var type in schema.AllTypes.OfType<IComplexGraphType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            foreach (var field in type.Fields)
            {
                var guarded = HasPolicy(field) || field.IsPersonalData() || field.ResolvedType?.GetNamedType() is IMetadataReader named && HasPolicy(named);
                if (guarded && field.ResolvedType is NonNullGraphType)
                {
                    yield return $"{type.Name}.{field.Name}";
                }
            }
        }
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
    internal static string RepositoryRoot()
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

public sealed class SchemaTestsOnSqlite(SqliteApi api) : SchemaTests(api), IClassFixture<SqliteApi>;

public sealed class SchemaTestsOnPostgreSql(PostgreSqlApi api) : SchemaTests(api), IClassFixture<PostgreSqlApi>;

public sealed class SchemaTestsOnSqlServer(SqlServerApi api) : SchemaTests(api), IClassFixture<SqlServerApi>;
