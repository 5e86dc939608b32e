using System.Net;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.GraphQL;

/// <summary>What an anonymous caller meets: public data is open, anything else asks for a token.</summary>
public abstract class AuthenticationTests(ApiFixture api) : ApiTest(api)
{
    [SkippableFact]
    public async Task Anonymous_request_for_a_member_field_is_401_with_a_bearer_challenge()
    {
        var result = await Client.PostAsync("{ members { totalCount } }");

        Expect.RequestError(result, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        Assert.Equal("Bearer", result.Headers.WwwAuthenticate.ToString());
    }

    [SkippableTheory]
    [InlineData("{ agencies { edges { node { name members { id } } } } }")]
    [InlineData("{ agencies { edges { node { memberCount } } } }")]
    [InlineData("query($id: ID!) { node(id: $id) { ... on Member { email } } }")]
    [InlineData("query($id: ID!) { node(id: $id) { ...Private } } fragment Private on Member { phone }")]
    [InlineData("{ first: regions { number } second: members { totalCount } }")]
    public async Task Anonymous_request_reaching_member_data_by_any_path_is_401(string query)
    {
        var result = await Client.PostAsync(query, new { id = TestData.Id("Member", Guid.CreateVersion7()) });

        Expect.RequestError(result, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
    }

    [SkippableFact]
    public async Task Anonymous_request_for_public_fields_is_answered()
    {
        await new TestData(Api).AgencyAsync();

        var data = Expect.Success(await Client.PostAsync("{ membershipPlans { code } agencies { totalCount } regions { number } }"));

        Assert.NotEqual(0, data.At("agencies.totalCount").GetInt32());
        Assert.NotEqual(0, data.GetProperty("regions").GetArrayLength());
    }
}

public sealed class AuthenticationTestsOnSqlite(SqliteApi api) : AuthenticationTests(api), IClassFixture<SqliteApi>;

public sealed class AuthenticationTestsOnPostgreSql(PostgreSqlApi api) : AuthenticationTests(api), IClassFixture<PostgreSqlApi>;

public sealed class AuthenticationTestsOnSqlServer(SqlServerApi api) : AuthenticationTests(api), IClassFixture<SqlServerApi>;
