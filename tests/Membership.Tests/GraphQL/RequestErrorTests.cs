using System.Net;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.GraphQL;

/// <summary>Requests the endpoint cannot run: bad bodies, bad variables, bad documents. Each is a 400 (or 200 under plain JSON) with a code.</summary>
public abstract class RequestErrorTests(ApiFixture api) : ApiTest(api)
{
    private const string GraphQLResponse = GraphQLClient.GraphQLResponse;
    private const string Json = "application/json";

    [SkippableTheory]
    [InlineData("{\"query\": ", ErrorCodes.InvalidJson)]
    [InlineData("{'query': '{ regions { number } }'}", ErrorCodes.InvalidJson)]
    [InlineData("", ErrorCodes.BadRequest)]
    [InlineData("{\"variables\": {}}", ErrorCodes.MissingQuery)]
    [InlineData("{\"query\": 5}", ErrorCodes.MissingQuery)]
    [InlineData("[{\"query\": \"{ regions { number } }\"}, {\"query\": \"{ regions { name } }\"}]", ErrorCodes.BatchingNotSupported)]
    [InlineData("\"{ regions { number } }\"", ErrorCodes.BadRequest)]
    [InlineData("{\"query\": \"{ regions { number } }\", \"variables\": [1]}", ErrorCodes.BadRequest)]
    [InlineData("{\"query\": \"{ regions { number } }\", \"variables\": \"{}\"}", ErrorCodes.BadRequest)]
    [InlineData("{\"query\": \"{ regions { number } }\", \"variables\": 5}", ErrorCodes.BadRequest)]
    [InlineData("{\"query\": \"{ regions { number } }\", \"operationName\": 5}", ErrorCodes.BadRequest)]
    public async Task Unusable_post_body_is_refused_with_400_and_a_code(string body, string code)
    {
        var result = await Client.SendAsync(RawRequests.Post(body));

        Expect.RequestError(result, HttpStatusCode.BadRequest, code);
    }

    [SkippableFact]
    public async Task Get_without_a_query_is_refused_with_MISSING_QUERY()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GraphQLSetup.Path + "?variables=%7B%7D");

        var result = await Client.SendAsync(request);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.MissingQuery);
    }

    [SkippableFact]
    public async Task Get_with_variables_that_are_not_a_json_object_is_refused_with_400()
    {
        using var request = RawRequests.Get("query($first: Int) { agencies(first: $first) { totalCount } }", variables: new[] { 1 });

        var result = await Client.SendAsync(request);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }

    [SkippableTheory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Unknown_operation_name_is_an_error_with_a_code(string accept, HttpStatusCode status)
    {
        var result = await Client.PostAsync("query A { regions { number } } query B { regions { name } }", accept: accept, operationName: "C");

        Expect.RequestError(result, status, ErrorCodes.OperationNotFound, accept);
    }

    [SkippableTheory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Variable_of_the_wrong_type_is_a_request_error_with_a_code(string accept, HttpStatusCode status)
    {
        var result = await Client.PostAsync("query($first: Int) { agencies(first: $first) { totalCount } }", new { first = "abc" }, accept: accept);

        Expect.Status(result, status, accept);
        Assert.False(result.Body.TryGetProperty("data", out _), result.Text);
        Expect.WellFormedErrors(result);
    }

    [SkippableTheory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Syntax_error_is_SYNTAX_ERROR_without_data(string accept, HttpStatusCode status)
    {
        var result = await Client.PostAsync("{ regions { number }", accept: accept);

        Expect.RequestError(result, status, ErrorCodes.SyntaxError, accept);
    }

    [SkippableFact]
    public async Task Misspelled_field_is_refused_without_suggesting_the_schema()
    {
        var result = await Client.PostAsync("{ membrs { totalCount } }", identity: TestIdentity.Staff);

        Expect.Status(result, HttpStatusCode.BadRequest, GraphQLResponse);
        Expect.WellFormedErrors(result);
        var message = result.Errors[0].GetProperty("message").GetString()!;
        Assert.Contains("membrs", message, StringComparison.Ordinal);
        Assert.DoesNotContain("members", message, StringComparison.Ordinal);
    }
}

public sealed class RequestErrorTestsOnSqlite(SqliteApi api) : RequestErrorTests(api), IClassFixture<SqliteApi>;

public sealed class RequestErrorTestsOnPostgreSql(PostgreSqlApi api) : RequestErrorTests(api), IClassFixture<PostgreSqlApi>;

public sealed class RequestErrorTestsOnSqlServer(SqlServerApi api) : RequestErrorTests(api), IClassFixture<SqlServerApi>;
