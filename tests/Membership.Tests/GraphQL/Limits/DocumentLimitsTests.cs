using System.Net;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Membership.Tests.GraphQL.Limits;

/// <summary>The limits graphql-armor sets: tokens, repeated directives, errors per response, introspection depth.</summary>
public abstract class DocumentLimitsTests(ApiFixture api) : ApiTest(api)
{
    [SkippableFact]
    public async Task Five_hundred_repeats_of_one_field_are_refused_with_TOO_MANY_TOKENS()
    {
        var result = await Client.PostAsync("{ " + Repeat("regions { number }", 500) + " }");

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooManyTokens);
        Assert.Single(result.Errors);
    }

    [SkippableFact]
    public async Task A_document_of_1000_tokens_is_accepted_and_one_more_is_refused()
    {
        Expect.Success(await Client.PostAsync("{ " + Repeat("__typename", 998) + " }"));

        Expect.RequestError(await Client.PostAsync("{ " + Repeat("__typename", 999) + " }"), HttpStatusCode.BadRequest, ErrorCodes.TooManyTokens);
    }

    [SkippableFact]
    public async Task Tokens_are_counted_before_the_document_is_parsed()
    {
        // Unbalanced braces after the limit: a parser would report a syntax error; the count refuses first.
        var result = await Client.PostAsync("{ " + Repeat("__typename", 1_000) + " }}}}}");

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooManyTokens);
    }

    [SkippableFact]
    public async Task Comments_are_not_tokens()
    {
        Expect.Success(await Client.PostAsync("# " + new string('x', 5_000) + "\n" + string.Concat(Enumerable.Repeat("#\n", 2_000)) + "{ regions { number } }"));
    }

    [SkippableFact]
    public async Task One_directive_repeated_more_than_5_times_on_a_field_is_refused_with_TOO_MANY_DIRECTIVES()
    {
        var result = await Client.PostAsync("{ regions { number " + Repeat("@include(if: true)", 6) + " } }");

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooManyDirectives);
        Assert.Single(result.Errors);
    }

    [SkippableFact]
    public async Task Eight_hundred_repeated_directives_make_at_most_20_errors_when_the_other_limits_are_raised()
    {
        await using var factory = Api.CreateFactory(builder => builder
            .UseSetting("GraphQL:MaxTokens", "100000")
            .UseSetting("GraphQL:MaxDirectiveRepeats", "1000"));

        var result = await factory.Client().PostAsync("{ __typename " + Repeat("@skip(if: false)", 800) + " }");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(20, result.Errors.Count);
        Assert.Equal(ErrorCodes.TooManyErrors, result.ErrorCodes[^1]);
        Assert.Contains("781 more errors", result.Errors[^1].Str("message"), StringComparison.Ordinal);
        Assert.True(result.Text.Length < 10_000, $"{result.Text.Length} characters");
        Expect.WellFormedErrors(result);
    }

    [SkippableFact]
    public async Task Errors_past_20_are_left_out_with_a_final_error_saying_how_many()
    {
        var result = await Client.PostAsync("{ " + string.Join(' ', Enumerable.Range(1, 30).Select(i => $"unknown{i}")) + " }");

        Assert.Equal(20, result.Errors.Count);
        Assert.Equal(ErrorCodes.TooManyErrors, result.ErrorCodes[^1]);
        Assert.Contains("11 more errors", result.Errors[^1].Str("message"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Limits_on_tokens_directives_and_errors_come_from_configuration()
    {
        await using var factory = Api.CreateFactory(builder => builder
            .UseSetting("GraphQL:MaxTokens", "20")
            .UseSetting("GraphQL:MaxDirectiveRepeats", "1")
            .UseSetting("GraphQL:MaxErrors", "3"));
        var client = factory.Client();

        Expect.RequestError(await client.PostAsync("{ " + Repeat("__typename", 19) + " }"), HttpStatusCode.BadRequest, ErrorCodes.TooManyTokens);
        Expect.RequestError(await client.PostAsync("{ __typename @skip(if: false) @skip(if: false) }"), HttpStatusCode.BadRequest, ErrorCodes.TooManyDirectives);
        var errors = await client.PostAsync("{ a b c d e }");
        Assert.Equal(3, errors.Errors.Count);
        Assert.Equal(ErrorCodes.TooManyErrors, errors.ErrorCodes[^1]);
    }

    [SkippableTheory]
    [InlineData("{ __schema { types { fields { type { fields { name } } } } } }")]
    [InlineData("{ __type(name: \"Member\") { fields { type { fields { type { fields { name } } } } } } }")]
    [InlineData("{ __schema { ...S } } fragment S on __Schema { types { ...T } } fragment T on __Type { fields { type { ...U } } } fragment U on __Type { interfaces { name } }")]
    [InlineData("{ __type(name: \"Member\") { possibleTypes { inputFields { type { fields { name } } } } } }")]
    public async Task Introspection_nested_more_than_3_levels_is_refused_even_where_introspection_is_on(string query)
    {
        await using var factory = Api.CreateFactory(builder => builder.UseSetting("GraphQL:EnableIntrospection", "true"));

        var result = await factory.Client().PostAsync(query);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.IntrospectionTooDeep);
    }

    [SkippableFact]
    public async Task Introspection_three_levels_deep_and_the_standard_query_pass()
    {
        await using var factory = Api.CreateFactory(builder => builder.UseSetting("GraphQL:EnableIntrospection", "true"));
        var client = factory.Client();

        var member = Expect.Success(await client.PostAsync("{ __type(name: \"Member\") { fields { name type { fields { name } } } } }"));
        Assert.Contains(member.At("__type.fields").EnumerateArray(), f => f.At("type.fields").ValueKind == System.Text.Json.JsonValueKind.Array);
        Expect.Success(await client.PostAsync(StandardIntrospection.Query, operationName: "IntrospectionQuery"));
        // 3 is the default; configuration moves it.
        await using var stricter = Api.CreateFactory(builder => builder.UseSetting("GraphQL:EnableIntrospection", "true").UseSetting("GraphQL:MaxIntrospectionDepth", "2"));
        Expect.RequestError(await stricter.Client().PostAsync(StandardIntrospection.Query, operationName: "IntrospectionQuery"), HttpStatusCode.BadRequest, ErrorCodes.IntrospectionTooDeep);
    }

    private static string Repeat(string text, int times) => string.Join(' ', Enumerable.Repeat(text, times));
}

public sealed class DocumentLimitsTestsOnSqlite(SqliteApi api) : DocumentLimitsTests(api), IClassFixture<SqliteApi>;

public sealed class DocumentLimitsTestsOnPostgreSql(PostgreSqlApi api) : DocumentLimitsTests(api), IClassFixture<PostgreSqlApi>;

public sealed class DocumentLimitsTestsOnSqlServer(SqlServerApi api) : DocumentLimitsTests(api), IClassFixture<SqlServerApi>;
