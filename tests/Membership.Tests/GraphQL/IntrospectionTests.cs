using System.Net;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Membership.Tests.GraphQL;

/// <summary>Introspection is off outside Development unless configured; the SDL is published instead.</summary>
public abstract class IntrospectionTests(ApiFixture api) : ApiTest(api)
{
    [SkippableTheory]
    [InlineData("{ __schema { types { name } } }")]
    [InlineData("{ __type(name: \"Member\") { fields { name } } }")]
    public async Task Introspection_is_refused_outside_development(string query)
    {
        var result = await Client.PostAsync(query);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.IntrospectionDisabled);
    }

    [SkippableFact]
    public async Task Standard_introspection_query_runs_when_enabled_by_configuration()
    {
        await using var factory = Api.CreateFactory(builder => builder.UseSetting("GraphQL:EnableIntrospection", "true"));

        var result = await factory.Client().PostAsync(StandardIntrospection.Query, operationName: "IntrospectionQuery");

        var types = Expect.Success(result).At("__schema.types").EnumerateArray().Select(t => t.Str("name")).ToList();
        Assert.Contains("Member", types);
        Assert.Contains("Agency", types);
    }

    [SkippableFact]
    public async Task Introspection_is_allowed_by_default_in_development()
    {
        await using var factory = Api.CreateFactory(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("DemoData:Enabled", "false");
        });

        var result = await factory.Client().PostAsync(StandardIntrospection.Query, operationName: "IntrospectionQuery");

        Assert.Equal("Query", Expect.Success(result).Str("__schema.queryType.name"));
    }

    [SkippableFact]
    public async Task Enabled_introspection_does_not_lift_the_limits_of_other_fields()
    {
        await using var factory = Api.CreateFactory(builder => builder.UseSetting("GraphQL:EnableIntrospection", "true"));
        var deep = "{ __typename regions { states { region { states { region { states { region { states { region { states { region { number } } } } } } } } } } } }";

        var result = await factory.Client().PostAsync(deep);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooDeep);
    }
}

public sealed class IntrospectionTestsOnSqlite(SqliteApi api) : IntrospectionTests(api), IClassFixture<SqliteApi>;

public sealed class IntrospectionTestsOnPostgreSql(PostgreSqlApi api) : IntrospectionTests(api), IClassFixture<PostgreSqlApi>;

public sealed class IntrospectionTestsOnSqlServer(SqlServerApi api) : IntrospectionTests(api), IClassFixture<SqlServerApi>;

/// <summary>The introspection query GraphQL tools send (graphql-js getIntrospectionQuery, descriptions on).</summary>
internal static class StandardIntrospection
{
    public const string Query = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives {
              name
              description
              locations
              args { ...InputValue }
            }
          }
        }

        fragment FullType on __Type {
          kind
          name
          description
          fields(includeDeprecated: true) {
            name
            description
            args { ...InputValue }
            type { ...TypeRef }
            isDeprecated
            deprecationReason
          }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) {
            name
            description
            isDeprecated
            deprecationReason
          }
          possibleTypes { ...TypeRef }
        }

        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
        }

        fragment TypeRef on __Type {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                    ofType {
                      kind
                      name
                      ofType {
                        kind
                        name
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;
}
