using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Members;

/// <summary>members(filter: { search }) through GraphQL over HTTP: what it finds, its minimum length, and its capped count.</summary>
public abstract class MemberSearchTests(ApiFixture api) : ApiTest(api)
{
    private const string Search = "query($s: String, $first: Int, $after: String) { members(first: $first, after: $after, filter: { search: $s }) { "
        + "totalCount totalCountCapped nodes { firstName lastName } pageInfo { hasNextPage endCursor } } }";

    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task A_name_search_pages_the_members_either_of_whose_names_starts_with_it_once_each_in_name_order()
    {
        var plan = await _data.PlanAsync();
        var word = TestData.Unique("Srch");
        // Matches by last name, by first name, by both (found by both prefix ranges, listed once), and one that does not match.
        await _data.MembersAsync(4, plan, lastNamePrefix: word);
        await _data.MembersAsync(3, plan, shape: (m, i) => m.SetName(word + "Anne" + i, "Zed" + i));
        await _data.MemberAsync(plan, shape: m => m.SetName(word + "Both", word + "Both"));
        await _data.MemberAsync(plan, shape: m => m.SetName("Other", "X" + word));

        var names = new List<string>();
        string? after = null;
        do
        {
            var page = await Client.DataAsync(Search, new { s = word.ToUpperInvariant(), first = 3, after }, TestIdentity.Staff);
            Assert.Equal(8, page.At("members.totalCount").GetInt32());
            Assert.False(page.At("members.totalCountCapped").GetBoolean());
            names.AddRange(page.At("members.nodes").EnumerateArray().Select(n => $"{n.Str("lastName")}, {n.Str("firstName")}"));
            after = page.At("members.pageInfo.hasNextPage").GetBoolean() ? page.Str("members.pageInfo.endCursor") : null;
        }
        while (after is not null);

        Assert.Equal(8, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(names.OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal), names);
    }

    [SkippableFact]
    public async Task A_search_without_a_word_of_two_characters_fails_with_SEARCH_TOO_SHORT()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());

        foreach (var search in new[] { "j", " é ", "j k" })
        {
            var result = await Client.PostAsync(Search, new { s = search }, TestIdentity.Staff);
            Assert.Equal(["SEARCH_TOO_SHORT"], result.ErrorCodes);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, result.Data.GetProperty("members").ValueKind);
        }

        var agencies = await Client.PostAsync("{ agencies(filter: { search: \"x\" }) { totalCount } }");
        Assert.Equal(["SEARCH_TOO_SHORT"], agencies.ErrorCodes);

        // A member number is no name: however short, it finds its member through the unique index.
        var bare = member.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var byNumber = await Client.DataAsync(Search, new { s = bare }, TestIdentity.Staff);
        Assert.Equal(member.LastName, byNumber.Str("members.nodes.0.lastName"));
        Assert.Equal(1, byNumber.At("members.totalCount").GetInt32());
    }

    [SkippableFact]
    public async Task The_count_of_a_name_search_stops_at_the_configured_cap_and_says_so()
    {
        var plan = await _data.PlanAsync();
        var word = TestData.Unique("Cap");
        var members = await _data.MembersAsync(5, plan, lastNamePrefix: word);
        await using var capped = Api.CreateFactory(b => b.UseSetting("GraphQL:SearchCountCap", "3"));
        var client = new GraphQLClient(capped.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));

        var over = await client.DataAsync(Search, new { s = word, first = 2 }, TestIdentity.Staff);
        var under = await client.DataAsync(Search, new { s = word + "003", first = 2 }, TestIdentity.Staff);
        var byEmail = await client.DataAsync(Search, new { s = members[0].Email }, TestIdentity.Staff);
        var uncapped = await Client.DataAsync(Search, new { s = word, first = 2 }, TestIdentity.Staff);

        Assert.Equal((3, true), (over.At("members.totalCount").GetInt32(), over.At("members.totalCountCapped").GetBoolean()));
        Assert.Equal(2, over.At("members.nodes").GetArrayLength());
        Assert.Equal((1, false), (under.At("members.totalCount").GetInt32(), under.At("members.totalCountCapped").GetBoolean()));
        Assert.Equal((1, false), (byEmail.At("members.totalCount").GetInt32(), byEmail.At("members.totalCountCapped").GetBoolean()));
        Assert.Equal((5, false), (uncapped.At("members.totalCount").GetInt32(), uncapped.At("members.totalCountCapped").GetBoolean()));
    }
}

public sealed class MemberSearchTestsOnSqlite(SqliteApi api) : MemberSearchTests(api), IClassFixture<SqliteApi>;

public sealed class MemberSearchTestsOnPostgreSql(PostgreSqlApi api) : MemberSearchTests(api), IClassFixture<PostgreSqlApi>;

public sealed class MemberSearchTestsOnSqlServer(SqlServerApi api) : MemberSearchTests(api), IClassFixture<SqlServerApi>;
