using System.Net;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.GraphQL;

/// <summary>The GraphQL-over-HTTP contract of <c>/graphql</c>: methods, media types and status codes.</summary>
public abstract class HttpTransportTests(ApiFixture api) : ApiTest(api)
{
    private const string Json = "application/json";
    private const string RegionsQuery = "{ regions { number } }";

    [SkippableFact]
    public async Task Post_of_json_is_answered_as_graphql_response_json_when_accepted()
    {
        var result = await Client.PostAsync(RegionsQuery);

        var data = Expect.Success(result);
        Assert.NotEqual(0, data.GetProperty("regions").GetArrayLength());
    }

    [SkippableTheory]
    [InlineData(Json)]
    [InlineData("*/*")]
    [InlineData(null)]
    public async Task Response_is_application_json_when_accept_is_json_any_or_missing(string? accept)
    {
        var result = await Client.SendAsync(RawRequests.Post("""{"query":"{ regions { number } }"}"""), accept: accept);

        Expect.Success(result, Json);
    }

    [SkippableFact]
    public async Task Accept_of_text_html_only_is_refused_with_406()
    {
        var result = await Client.SendAsync(RawRequests.Post("""{"query":"{ regions { number } }"}"""), accept: "text/html");

        Expect.RequestError(result, HttpStatusCode.NotAcceptable, ErrorCodes.BadRequest, Json);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Post_without_json_content_type_is_refused_with_415(string? contentType)
    {
        var result = await Client.SendAsync(RawRequests.Post("""{"query":"{ regions { number } }"}""", contentType));

        Expect.RequestError(result, HttpStatusCode.UnsupportedMediaType, ErrorCodes.BadRequest);
    }

    [SkippableTheory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_are_refused_with_405_and_an_allow_header(string method)
    {
        var capture = new AllowHeaderCapture();
        using var request = new HttpRequestMessage(new HttpMethod(method), GraphQLSetup.Path);

        var result = await Api.Factory.Client(capture).SendAsync(request);

        Expect.RequestError(result, HttpStatusCode.MethodNotAllowed, ErrorCodes.BadRequest, Json);
        Assert.Equal("GET, POST", capture.Allow);
    }

    [SkippableFact]
    public async Task Get_runs_a_query_from_the_query_string_with_url_encoded_variables()
    {
        var data = new TestData(Api);
        var prefix = TestData.Unique("Get Agency ");
        await data.AgencyAsync(prefix + " A");
        await data.AgencyAsync(prefix + " B");

        using var request = RawRequests.Get(
            "query Page($first: Int, $filter: AgencyFilter) { agencies(first: $first, filter: $filter) { totalCount edges { node { name } } } }",
            new { first = 1, filter = new { search = prefix } }, "Page");
        var result = await Client.SendAsync(request);

        var agencies = Expect.Success(result).GetProperty("agencies");
        Assert.Equal(2, agencies.GetProperty("totalCount").GetInt32());
        Assert.Equal(prefix + " A", agencies.Str("edges.0.node.name"));
        Assert.Equal(1, agencies.GetProperty("edges").GetArrayLength());
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("Create")]
    public async Task Mutation_sent_by_GET_is_refused_with_405_and_writes_nothing(string? operationName)
    {
        var name = TestData.Unique("Get Mutation Agency ");
        var before = await AgencyCountAsync();
        var document = operationName is null
            ? "mutation " + CreateAgency(name)
            : $"query Read {{ regions {{ number }} }} mutation Create {CreateAgency(name)}";
        var capture = new AllowHeaderCapture();

        using var request = RawRequests.Get(document, operationName: operationName);
        var result = await Api.Factory.Client(capture).SendAsync(request, TestIdentity.Staff);

        Expect.RequestError(result, HttpStatusCode.MethodNotAllowed, ErrorCodes.MutationNotAllowedOverGet);
        Assert.Equal("POST", capture.Allow);
        Assert.Equal(before, await AgencyCountAsync());
        Assert.Equal(0, await AgencyCountAsync(name));
    }

    [SkippableFact]
    public async Task The_same_mutation_sent_by_POST_is_written()
    {
        var name = TestData.Unique("Post Mutation Agency ");

        var data = await Client.DataAsync("mutation " + CreateAgency(name), identity: TestIdentity.Staff);

        Assert.Empty(data.GetProperty("createAgency").UserErrorCodes());
        Assert.Equal(1, await AgencyCountAsync(name));
    }

    private static string CreateAgency(string name) =>
        $$"""{ createAgency(input: { name: "{{name}}", kind: POLICE_DEPARTMENT, city: "Mobile", state: "AL" }) { agency { id } userErrors { code } } }""";

    private async Task<int> AgencyCountAsync(string? search = null)
    {
        var data = await Client.DataAsync("query($search: String) { agencies(filter: { search: $search }) { totalCount } }", new { search });
        return data.At("agencies.totalCount").GetInt32();
    }
}

public sealed class HttpTransportTestsOnSqlite(SqliteApi api) : HttpTransportTests(api), IClassFixture<SqliteApi>;

public sealed class HttpTransportTestsOnPostgreSql(PostgreSqlApi api) : HttpTransportTests(api), IClassFixture<PostgreSqlApi>;

public sealed class HttpTransportTestsOnSqlServer(SqlServerApi api) : HttpTransportTests(api), IClassFixture<SqlServerApi>;
