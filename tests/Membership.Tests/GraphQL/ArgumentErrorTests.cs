using System.Buffers.Text;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.GraphQL;

/// <summary>Page sizes, cursors and IDs a client got wrong or forged: a field error with a code, never a 500.</summary>
public abstract class ArgumentErrorTests(ApiFixture api) : ApiTest(api)
{
    private const string MembersAfter = "query($after: String) { members(first: 5, after: $after) { edges { node { id } } } }";

    [SkippableFact]
    public async Task Page_size_over_100_is_INVALID_PAGE_SIZE()
    {
        var result = await Client.PostAsync("{ members(first: 1000) { totalCount } }", identity: TestIdentity.Staff);

        Expect.FieldError(result, ErrorCodes.InvalidPageSize);
    }

    [SkippableFact]
    public async Task First_and_last_together_are_INVALID_ARGUMENT()
    {
        var result = await Client.PostAsync("{ members(first: 5, last: 5) { totalCount } }", identity: TestIdentity.Staff);

        Expect.FieldError(result, ErrorCodes.InvalidArgument);
    }

    [SkippableFact]
    public async Task Random_base64_as_cursor_is_INVALID_CURSOR()
    {
        var forged = Base64Url.EncodeToString(Guid.NewGuid().ToByteArray());

        var result = await Client.PostAsync(MembersAfter, new { after = forged }, TestIdentity.Staff);

        Expect.FieldError(result, ErrorCodes.InvalidCursor);
    }

    [SkippableFact]
    public async Task Cursor_with_one_character_changed_is_INVALID_CURSOR()
    {
        var data = new TestData(Api);
        await data.MembersAsync(2, await data.PlanAsync());
        var page = await Client.DataAsync("{ members(first: 1) { edges { cursor } } }", identity: TestIdentity.Staff);
        var cursor = page.Str("members.edges.0.cursor")!;
        var tampered = (cursor[0] == 'A' ? "B" : "A") + cursor[1..];

        Expect.Success(await Client.PostAsync(MembersAfter, new { after = cursor }, TestIdentity.Staff));
        Expect.FieldError(await Client.PostAsync(MembersAfter, new { after = tampered }, TestIdentity.Staff), ErrorCodes.InvalidCursor);
    }

    [SkippableFact]
    public async Task Cursor_of_agencies_is_refused_by_members_with_INVALID_CURSOR()
    {
        await new TestData(Api).AgencyAsync();
        var page = await Client.DataAsync("{ agencies(first: 1) { edges { cursor } } }");

        var result = await Client.PostAsync(MembersAfter, new { after = page.Str("agencies.edges.0.cursor") }, TestIdentity.Staff);

        Expect.FieldError(result, ErrorCodes.InvalidCursor);
    }

    private const string AgenciesByCreation = "query($after: String) { agencies(first: 5, orderBy: { field: CREATED_AT }, after: $after) { edges { node { name } } } }";

    /// <summary>A cursor as a client could forge it: base64url of any JSON.</summary>
    private static string Forge(string json) => Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));

    [SkippableFact]
    public async Task Forged_cursor_with_a_non_UTC_offset_gives_the_same_page_as_the_UTC_instant()
    {
        var agency = await new TestData(Api).AgencyAsync();
        var id = agency.Id.ToString();

        // 05:00 at +05:00 is midnight UTC; the page after it is the page after midnight UTC, agencies created today included.
        var offset = await Client.PostAsync(AgenciesByCreation, new { after = Forge($$"""["agency:created:asc","2026-01-01T05:00:00+05:00","{{id}}"]""") });
        var utc = await Client.PostAsync(AgenciesByCreation, new { after = Forge($$"""["agency:created:asc","2026-01-01T00:00:00+00:00","{{id}}"]""") });

        Assert.Equal(Expect.Success(utc).ToString(), Expect.Success(offset).ToString());
        Assert.True(offset.Data.At("agencies.edges").GetArrayLength() > 0, offset.Text);
    }

    public static TheoryData<string> ForgedCursors => new()
    {
        """["agency:created:asc","0001-01-01T00:00:00+05:00","01900000-0000-7000-8000-000000000000"]""",
        """["agency:created:asc","9999-12-31T23:59:59-05:00","01900000-0000-7000-8000-000000000000"]""",
        """["agency:created:asc","0001-01-01T00:00:00Z","01900000-0000-7000-8000-000000000000"]""",
        """["agency:created:asc","9999-12-31T23:59:59.9999999+00:00","01900000-0000-7000-8000-000000000000"]""",
        """["agency:created:asc","2026-13-45T99:00:00Z","01900000-0000-7000-8000-000000000000"]""",
        """["agency:created:asc",1767225600,"01900000-0000-7000-8000-000000000000"]""",
        """["agency:created:asc","2026-01-01T00:00:00Z",12345]""",
        """["agency:created:asc","2026-01-01T00:00:00Z","not-a-guid"]""",
        """["agency:created:asc","2026-01-01T00:00:00Z",null]""",
        """["agency:created:asc",{"a":1},["x"]]""",
        """["agency:name:asc","caf\u0000e","01900000-0000-7000-8000-000000000000"]""",
        """["agency:name:asc","\ud800","01900000-0000-7000-8000-000000000000"]""",
        """["agency:name:asc",true,"01900000-0000-7000-8000-000000000000"]""",
        """["member:number:asc",99999999999999999999999999]""",
        """["member:number:asc",1e400]""",
        """["member:number:asc",-9223372036854775808]""",
        """["member:number:asc",9223372036854775807]""",
        """["member:number:asc",1.5]""",
        """["member:created:desc","2026-06-01T00:00:00-11:00",42]""",
        """["member:name:asc","a","b"]""",
        """{"agency:created:asc":1}""",
        "[]",
        "null",
    };

    /// <summary>Every forged cursor gets INVALID_CURSOR or a correct page: never an internal error from the database provider.</summary>
    [SkippableTheory]
    [MemberData(nameof(ForgedCursors))]
    public async Task Forged_cursor_values_are_INVALID_CURSOR_or_a_page(string json)
    {
        var query = json.Contains("member:created", StringComparison.Ordinal)
            ? "query($after: String) { members(first: 5, orderBy: { field: CREATED_AT, direction: DESC }, after: $after) { edges { node { id } } } }"
            : json.Contains("member:number", StringComparison.Ordinal)
                ? "query($after: String) { members(first: 5, orderBy: { field: MEMBER_NUMBER }, after: $after) { edges { node { id } } } }"
                : json.Contains("member:", StringComparison.Ordinal)
                    ? MembersAfter
                    : json.Contains("agency:name", StringComparison.Ordinal)
                        ? "query($after: String) { agencies(first: 5, after: $after) { edges { node { name } } } }"
                        : AgenciesByCreation;

        var result = await Client.PostAsync(query, new { after = Forge(json) }, TestIdentity.Staff);

        Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
        if (result.HasErrors)
        {
            Expect.FieldError(result, ErrorCodes.InvalidCursor);
            Assert.Equal([ErrorCodes.InvalidCursor], result.ErrorCodes);
        }
    }

    [SkippableFact]
    public async Task Member_id_passed_to_agency_is_INVALID_ID()
    {
        var result = await Client.PostAsync("query($id: ID!) { agency(id: $id) { name } }", new { id = TestData.Id("Member", Guid.CreateVersion7()) });

        Expect.FieldError(result, ErrorCodes.InvalidId);
    }

    [SkippableTheory]
    [InlineData("query($id: ID!) { agency(id: $id) { name } }")]
    [InlineData("query($id: ID!) { node(id: $id) { id } }")]
    [InlineData("query($id: ID!) { member(id: $id) { id } }")]
    public async Task Garbage_id_is_INVALID_ID(string query)
    {
        var result = await Client.PostAsync(query, new { id = "not an id!" }, TestIdentity.Staff);

        Expect.FieldError(result, ErrorCodes.InvalidId);
    }

    [SkippableFact]
    public async Task Nodes_with_more_than_100_ids_is_INVALID_ARGUMENT()
    {
        var ids = Enumerable.Range(0, 101).Select(_ => TestData.Id("Agency", Guid.CreateVersion7())).ToArray();

        var result = await Client.PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Expect.FieldError(result, ErrorCodes.InvalidArgument);
    }

    [SkippableFact]
    public async Task Nodes_with_100_ids_is_answered()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => TestData.Id("Agency", Guid.CreateVersion7())).ToArray();

        var data = Expect.Success(await Client.PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids }));

        Assert.Equal(100, data.GetProperty("nodes").GetArrayLength());
    }
}

public sealed class ArgumentErrorTestsOnSqlite(SqliteApi api) : ArgumentErrorTests(api), IClassFixture<SqliteApi>;

public sealed class ArgumentErrorTestsOnPostgreSql(PostgreSqlApi api) : ArgumentErrorTests(api), IClassFixture<PostgreSqlApi>;

public sealed class ArgumentErrorTestsOnSqlServer(SqlServerApi api) : ArgumentErrorTests(api), IClassFixture<SqlServerApi>;
