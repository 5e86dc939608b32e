using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using Membership.GraphQL;
using Membership.GraphQL.Documents;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.GraphQL.Documents;

/// <summary>First-party documents sent by id (<c>documentId</c>) over POST and GET, and the switch that allows only them.</summary>
public abstract class PersistedDocumentTests(ApiFixture api) : ApiTest(api)
{
    private const string Manifest = "schema/persisted/manifest.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string PlansText => Documents().Single(d => d.Key == "MembershipPlans.graphql").Value;

    private static string PlansId => PersistedDocuments.IdOf(PlansText);

    [SkippableFact]
    public async Task A_persisted_document_runs_by_id_over_POST_and_GET_as_its_text_does()
    {
        var byText = Expect.Success(await Client.PostAsync(PlansText, new { category = "REGULAR" }));

        var byPost = Expect.Success(await Client.SendAsync(PostById(PlansId, new { category = "REGULAR" })));
        var byGet = Expect.Success(await Client.SendAsync(RawRequests.Get(documentId: PlansId, variables: new { category = "REGULAR" })));

        Assert.Equal(byText.GetRawText(), byPost.GetRawText());
        Assert.Equal(byText.GetRawText(), byGet.GetRawText());
    }

    [SkippableTheory]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000", "DOCUMENT_NOT_FOUND")]
    [InlineData("sha256:ABCDEF0000000000000000000000000000000000000000000000000000000000", "DOCUMENT_ID_INVALID")]
    [InlineData("sha256:abc", "DOCUMENT_ID_INVALID")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", "DOCUMENT_ID_INVALID")]
    public async Task An_unknown_or_malformed_id_is_refused_with_a_stable_code(string documentId, string code)
    {
        Expect.RequestError(await Client.SendAsync(PostById(documentId)), HttpStatusCode.BadRequest, code);
        Expect.RequestError(await Client.SendAsync(RawRequests.Get(documentId: documentId)), HttpStatusCode.BadRequest, code);
        Assert.Equal(code, ErrorCodeOf(await Client.SendAsync(PostById(documentId), accept: "application/json"), HttpStatusCode.OK));
    }

    [SkippableFact]
    public async Task A_request_with_both_text_and_id_is_refused()
    {
        using var request = RawRequests.Post(JsonSerializer.Serialize(new { query = PlansText, documentId = PlansId }));

        Expect.RequestError(await Client.SendAsync(request), HttpStatusCode.BadRequest, ErrorCodes.QueryWithDocumentId);
    }

    [SkippableFact]
    public async Task With_only_known_documents_other_text_is_refused_and_ids_and_known_text_run()
    {
        await using var onlyKnown = Api.CreateFactory(builder => builder.UseSetting("GraphQL:PersistedDocuments:OnlyKnown", "true"));
        var client = onlyKnown.Client();

        var other = await client.PostAsync("{ membershipPlans { code } }");
        var otherByGet = await client.SendAsync(RawRequests.Get("{ membershipPlans { code } }"));

        Expect.RequestError(other, HttpStatusCode.BadRequest, ErrorCodes.DocumentIdMissing);
        Expect.RequestError(otherByGet, HttpStatusCode.BadRequest, ErrorCodes.DocumentIdMissing);
        Expect.Success(await client.SendAsync(PostById(PlansId)));
        Expect.Success(await client.SendAsync(RawRequests.Get(documentId: PlansId)));
        Expect.Success(await client.PostAsync(PlansText));
    }

    [SkippableFact]
    public void Every_persisted_document_is_valid_against_the_schema()
    {
        var schema = Api.Services.GetRequiredService<ISchema>();
        var validator = new DocumentValidator();
        foreach (var (file, text) in Documents())
        {
            var document = Parser.Parse(text);
            var operation = Assert.Single(document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>());
            var result = validator.ValidateAsync(new ValidationOptions
            {
                Schema = schema, Document = document, Operation = operation, Variables = SampleValues(operation), Extensions = Inputs.Empty,
                UserContext = new Dictionary<string, object?>(), RequestServices = Api.Services, Metrics = global::GraphQL.Instrumentation.Metrics.None,
            }).GetAwaiter().GetResult();
            Assert.True(result.IsValid, $"{file}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
            Assert.Equal(Path.GetFileNameWithoutExtension(file), operation.Name?.StringValue);
        }
    }

    [SkippableFact]
    public async Task The_manifest_lists_each_persisted_document_by_its_id()
    {
        var expected = JsonSerializer.Serialize(
            new SortedDictionary<string, string>(Api.Services.GetRequiredService<PersistedDocuments>().Files.ToDictionary(), StringComparer.Ordinal),
            Indented).ReplaceLineEndings("\n") + "\n";
        var file = Path.Combine(SchemaTests.RepositoryRoot(), Manifest);
        var actual = File.Exists(file) ? (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n") : string.Empty;

        Assert.Equal(Documents().Count, Api.Services.GetRequiredService<PersistedDocuments>().Files.Count);
        Assert.True(expected == actual, $"{Manifest} is out of date; it should read:\n{expected}");
    }

    /// <summary>A value for each required variable (IDs and strings are text), so only the document itself is judged.</summary>
    private static Inputs SampleValues(GraphQLParser.AST.GraphQLOperationDefinition operation) => new(
        (operation.Variables?.Items ?? []).Where(v => v.Type is GraphQLParser.AST.GraphQLNonNullType)
            .ToDictionary(v => v.Variable.Name.StringValue, v => (object?)"sample"));

    /// <summary>The checked-in files, as they are on disk (the API hashes its own built-in copies).</summary>
    private static Dictionary<string, string> Documents() =>
        Directory.GetFiles(Path.Combine(SchemaTests.RepositoryRoot(), "schema", "persisted"), "*.graphql")
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f));

    private static HttpRequestMessage PostById(string documentId, object? variables = null) =>
        new(HttpMethod.Post, GraphQLSetup.Path) { Content = JsonContent.Create(new { documentId, variables }) };

    private static string? ErrorCodeOf(GraphQLResult result, HttpStatusCode status)
    {
        Assert.Equal(status, result.Status);
        return Assert.Single(result.ErrorCodes);
    }
}

public sealed class PersistedDocumentTestsOnSqlite(SqliteApi api) : PersistedDocumentTests(api), IClassFixture<SqliteApi>;

public sealed class PersistedDocumentTestsOnPostgreSql(PostgreSqlApi api) : PersistedDocumentTests(api), IClassFixture<PostgreSqlApi>;
