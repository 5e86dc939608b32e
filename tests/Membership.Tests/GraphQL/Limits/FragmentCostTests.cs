using System.Net;
using System.Net.Http.Json;
using GraphQL.DI;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.GraphQL.Limits;

/// <summary>
/// Nested fragment spreads cost validation work linear in the document, never its exponential expansion: each
/// fragment is priced once. The work is counted (selections the cost rule looked at), not timed.
/// </summary>
public abstract class FragmentCostTests(ApiFixture api) : ApiTest(api)
{
    public static TheoryData<string, string> Bombs => new()
    {
        // The attack as reported: 25 spreads, five levels, about a kilobyte, anonymous.
        { "25 spreads x 5 levels", FragmentBombs.Nested(25, 5) },
        { "40 spreads x 6 levels", FragmentBombs.Nested(40, 6) },
        { "wide leaf fragment", FragmentBombs.Nested(25, 4, leaf: "number name __typename states { code name region { number name states { code name } } }") },
        { "fragments on the Node interface", FragmentBombs.Nested(25, 5, selection: "node(id: \"QWdlbmN5OjE=\") { ...F0 }", type: "Node", leaf: "id ... on Agency { name city }") },
        { "spreads inside inline fragments", FragmentBombs.Nested(25, 5, perInline: 5) },
    };

    [SkippableTheory]
    [MemberData(nameof(Bombs))]
    public async Task Nested_fragment_spreads_are_refused_after_work_linear_in_the_document(string shape, string document)
    {
        using var priced = new PricedSelections(Api.Services);

        var result = await Client.PostAsync(document);

        Expect.RequestError(result, HttpStatusCode.BadRequest, ErrorCodes.TooComplex);
        Assert.True(document.Length < 2_000, $"{shape}: the document is small ({document.Length} characters)");
        var looked = priced.Single();
        Assert.InRange(looked, 1, FragmentBombs.Tokens(document));
    }

    [SkippableFact]
    public async Task Nested_spreads_under_an_empty_page_pass_and_are_priced_once_each()
    {
        // Expanded, 40^6 copies of the leaf; none of them runs, as the page is empty. Only memoised pricing gets here
        // without walking the expansion: stopping at the limit cannot help when the cost stays 0.
        var document = FragmentBombs.Nested(40, 6, selection: "agencies(first: 0) { nodes { ...F0 } }", type: "Agency", leaf: "id name");
        using var priced = new PricedSelections(Api.Services);

        var data = Expect.Success(await Client.PostAsync(document));

        Assert.Empty(data.At("agencies.nodes").EnumerateArray());
        Assert.InRange(priced.Single(), 1, FragmentBombs.Tokens(document));
    }

    [SkippableFact]
    public async Task Time_out_during_validation_answers_TIMEOUT()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var slowValidation = new ValidationHook(() => clock.Advance(TimeSpan.FromSeconds(15)));
        await using var factory = Api.CreateFactory(builder => builder.ConfigureTestServices(services => services
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IConfigureExecution>(slowValidation)));
        using var priced = new PricedSelections(factory.Services);

        var result = await factory.Client().PostAsync("{ regions { number } }");

        Expect.RequestError(result, HttpStatusCode.ServiceUnavailable, ErrorCodes.Timeout);
        Assert.IsAssignableFrom<OperationCanceledException>(await slowValidation.Finished);
        Assert.Equal(0, priced.Count); // stopped before the cost rule priced anything
    }

    [SkippableFact]
    public async Task Validation_stops_when_the_client_hangs_up()
    {
        using var hangUp = new CancellationTokenSource();
        var validation = new ValidationHook(hangUp.Cancel);
        await using var factory = Api.CreateFactory(builder => builder.ConfigureTestServices(services => services.AddSingleton<IConfigureExecution>(validation)));
        var client = factory.Client();
        using var priced = new PricedSelections(factory.Services);
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLSetup.Path) { Content = JsonContent.Create(new { query = FragmentBombs.Nested(25, 5) }) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Http.SendAsync(request, hangUp.Token));

        // The minute bounds a failing run only.
        Assert.IsAssignableFrom<OperationCanceledException>(await validation.Finished.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(0, priced.Count);
    }
}

public sealed class FragmentCostTestsOnSqlite(SqliteApi api) : FragmentCostTests(api), IClassFixture<SqliteApi>;

public sealed class FragmentCostTestsOnPostgreSql(PostgreSqlApi api) : FragmentCostTests(api), IClassFixture<PostgreSqlApi>;

public sealed class FragmentCostTestsOnSqlServer(SqlServerApi api) : FragmentCostTests(api), IClassFixture<SqlServerApi>;
