using System.Buffers.Text;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.GraphQL;

/// <summary>Page sizes, cursors and IDs a client got wrong or forged: a field error with a code, never a 500.</summary>
public sealed class ArgumentErrorTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
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
