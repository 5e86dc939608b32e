using System.Buffers.Text;
using System.Text;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Members;

public abstract class MemberQueryTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task Staff_reads_a_member_with_private_fields_and_status()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var member = await _data.MemberAsync(plan, agency);

        var result = await Client.DataAsync(
            "query($id: ID!) { member(id: $id) { memberNumber email phone dateOfBirth mailingAddress { postalCode } agency { name } membershipStatus inGoodStanding region { number } state { code } currentTerm { plan { code } status } } }",
            new { id = TestData.MemberId(member) }, TestIdentity.Staff);

        Assert.Equal(member.MemberNumber, result.Str("member.memberNumber"));
        Assert.Matches("^M-[0-9]{6}$", result.Str("member.memberNumber"));
        Assert.Equal(member.Email, result.Str("member.email"));
        Assert.Equal("1985-05-17", result.Str("member.dateOfBirth"));
        Assert.Equal("36602", result.Str("member.mailingAddress.postalCode"));
        Assert.Equal(agency.Name, result.Str("member.agency.name"));
        Assert.Equal("ACTIVE", result.Str("member.membershipStatus"));
        Assert.True(result.At("member.inGoodStanding").GetBoolean());
        Assert.Equal(6, result.At("member.region.number").GetInt32());
        Assert.Equal(plan.Code, result.Str("member.currentTerm.plan.code"));
    }

    [SkippableFact]
    public async Task Member_reads_their_own_private_fields()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync(), shape: m => m.DirectoryOptIn = false);

        var result = await Client.DataAsync("query($id: ID!) { member(id: $id) { email phone terms { status } } }",
            new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id));

        Assert.Equal(member.Email, result.Str("member.email"));
        Assert.Equal("ACTIVE", result.Str("member.terms.0.status"));
    }

    [SkippableFact]
    public async Task Member_number_lookup_accepts_the_printed_and_the_bare_number()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());

        foreach (var number in new[] { member.MemberNumber, member.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), member.MemberNumber.ToLowerInvariant() })
        {
            var result = await Client.DataAsync("query($n: String!) { memberByNumber(number: $n) { lastName } }", new { n = number }, TestIdentity.Staff);
            Assert.Equal(member.LastName, result.Str("memberByNumber.lastName"));
        }

        var bad = await Client.PostAsync("{ memberByNumber(number: \"X-12\") { id } }", identity: TestIdentity.Staff);
        Assert.Contains("INVALID_ARGUMENT", bad.ErrorCodes);
    }

    [SkippableFact]
    public async Task Status_is_computed_from_dates_and_flags_when_read()
    {
        var plan = await _data.PlanAsync(graceDays: 30);
        var today = _data.Today;
        var prefix = TestData.Unique("Status");
        var active = await _data.MemberAsync(plan, termStart: today.AddMonths(-11), shape: m => m.SetName("A", prefix + "Active"));
        var grace = await _data.MemberAsync(plan, termStart: today.AddMonths(-12).AddDays(-10), shape: m => m.SetName("A", prefix + "Grace"));
        var lapsed = await _data.MemberAsync(plan, termStart: today.AddMonths(-14), shape: m => m.SetName("A", prefix + "Lapsed"));
        var pending = await _data.MemberAsync(plan, activated: false, shape: m => m.SetName("A", prefix + "Pending"));
        var suspended = await _data.MemberAsync(plan, shape: m => { m.SetName("A", prefix + "Suspended"); m.SuspendedAt = DateTimeOffset.UtcNow; });
        var expected = new Dictionary<Guid, string>
        {
            [active.Id] = "ACTIVE", [grace.Id] = "GRACE", [lapsed.Id] = "LAPSED", [pending.Id] = "PENDING", [suspended.Id] = "SUSPENDED",
        };

        var all = await Client.DataAsync("query($s: String) { members(first: 50, filter: { search: $s }) { nodes { id membershipStatus inGoodStanding } } }",
            new { s = prefix }, TestIdentity.Staff);
        var statuses = all.At("members.nodes").EnumerateArray().ToDictionary(n => n.Str("id")!, n => n.Str("membershipStatus"));
        foreach (var (id, status) in expected)
        {
            Assert.Equal(status, statuses[TestData.Id("Member", id)]);
        }

        foreach (var status in expected.Values)
        {
            var filtered = await Client.DataAsync("query($s: String, $st: [MembershipStatus!]) { members(filter: { search: $s, status: $st }) { nodes { membershipStatus } } }",
                new { s = prefix, st = new[] { status } }, TestIdentity.Staff);
            var only = Assert.Single(filtered.At("members.nodes").EnumerateArray());
            Assert.Equal(status, only.Str("membershipStatus"));
        }

        var good = await Client.DataAsync("query($s: String) { members(filter: { search: $s, inGoodStanding: true }) { totalCount } }", new { s = prefix }, TestIdentity.Staff);
        Assert.Equal(2, good.At("members.totalCount").GetInt32());
    }

    [SkippableFact]
    public async Task Filters_combine_category_state_region_agency_and_search()
    {
        var regular = await _data.PlanAsync();
        var associate = await _data.PlanAsync(MemberCategory.Associate);
        var texas = await _data.AgencyAsync(state: "TX");
        var maine = await _data.AgencyAsync(state: "ME");
        var prefix = TestData.Unique("Núñez");
        await _data.MembersAsync(3, regular, texas, lastNamePrefix: prefix);
        await _data.MembersAsync(2, associate, texas, lastNamePrefix: prefix);
        await _data.MembersAsync(4, regular, maine, lastNamePrefix: prefix);
        var search = Membership.Data.TextKeys.Normalize(prefix).Replace("u", "u", StringComparison.Ordinal);

        async Task<int> Count(object filter) => (await Client.DataAsync(
            "query($f: MemberFilter) { members(filter: $f) { totalCount } }", new { f = filter }, TestIdentity.Staff)).At("members.totalCount").GetInt32();

        Assert.Equal(9, await Count(new { search = prefix.ToUpperInvariant() }));
        Assert.Equal(9, await Count(new { search }));
        Assert.Equal(5, await Count(new { search, state = new[] { "tx" } }));
        Assert.Equal(2, await Count(new { search, category = new[] { "ASSOCIATE" } }));
        Assert.Equal(4, await Count(new { search, region = new[] { 1 } }));
        Assert.Equal(9, await Count(new { search, region = new[] { 1, 7 } }));
        Assert.Equal(3, await Count(new { search, agencyId = new[] { TestData.AgencyId(texas) }, category = new[] { "REGULAR" } }));
        Assert.Equal(0, await Count(new { search, region = new[] { 9 } }));
    }

    [SkippableFact]
    public async Task Keyset_pages_visit_every_member_once_in_both_directions()
    {
        var plan = await _data.PlanAsync();
        var prefix = TestData.Unique("Page");
        var members = await _data.MembersAsync(7, plan, lastNamePrefix: prefix);
        var expected = members.Select(m => m.LastName).Order(StringComparer.Ordinal).ToList();
        const string query = """
            query($f: MemberFilter, $first: Int, $after: String, $last: Int, $before: String, $o: MemberOrder) {
              members(filter: $f, first: $first, after: $after, last: $last, before: $before, orderBy: $o) {
                edges { cursor node { lastName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }
            """;

        var forward = new List<string>();
        string? after = null;
        do
        {
            var page = await Client.DataAsync(query, new { f = new { search = prefix }, first = 3, after }, TestIdentity.Staff);
            forward.AddRange(page.At("members.edges").EnumerateArray().Select(e => e.Str("node.lastName")!));
            Assert.Equal(7, page.At("members.totalCount").GetInt32());
            Assert.Equal(after is not null, page.At("members.pageInfo.hasPreviousPage").GetBoolean());
            after = page.At("members.pageInfo.hasNextPage").GetBoolean() ? page.Str("members.pageInfo.endCursor") : null;
        }
        while (after is not null);
        Assert.Equal(expected, forward);

        var backward = new List<string>();
        string? before = null;
        do
        {
            var page = await Client.DataAsync(query, new { f = new { search = prefix }, last = 3, before }, TestIdentity.Staff);
            backward.InsertRange(0, page.At("members.edges").EnumerateArray().Select(e => e.Str("node.lastName")!));
            before = page.At("members.pageInfo.hasPreviousPage").GetBoolean() ? page.Str("members.pageInfo.startCursor") : null;
        }
        while (before is not null);
        Assert.Equal(expected, backward);

        var descending = await Client.DataAsync(query, new { f = new { search = prefix }, first = 10, o = new { field = "NAME", direction = "DESC" } }, TestIdentity.Staff);
        Assert.Equal(Enumerable.Reverse(expected), descending.At("members.edges").EnumerateArray().Select(e => e.Str("node.lastName")!));

        var byNumber = await Client.DataAsync(query, new { f = new { search = prefix }, first = 4, o = new { field = "MEMBER_NUMBER" } }, TestIdentity.Staff);
        var next = await Client.DataAsync(query, new { f = new { search = prefix }, first = 4, after = byNumber.Str("members.pageInfo.endCursor"), o = new { field = "MEMBER_NUMBER" } }, TestIdentity.Staff);
        Assert.Equal(members.Select(m => m.LastName), byNumber.At("members.edges").EnumerateArray().Concat(next.At("members.edges").EnumerateArray()).Select(e => e.Str("node.lastName")!));
    }

    [SkippableFact]
    public async Task A_cursor_holds_the_order_and_the_rows_keys_and_pages_read_through_nodes_still_continue()
    {
        var plan = await _data.PlanAsync();
        var prefix = TestData.Unique("Cursor");
        var members = (await _data.MembersAsync(3, plan, lastNamePrefix: prefix)).OrderBy(m => m.LastNameKey, StringComparer.Ordinal).ToList();
        const string query = """
            query($f: MemberFilter, $first: Int, $after: String, $o: MemberOrder) {
              members(filter: $f, first: $first, after: $after, orderBy: $o) { edges { cursor } nodes { lastName } pageInfo { startCursor endCursor } } }
            """;

        var page = await Client.DataAsync(query, new { f = new { search = prefix }, first = 2 }, TestIdentity.Staff);
        var cursors = page.At("members.edges").EnumerateArray().Select(e => e.Str("cursor")!).ToList();
        Assert.Equal(
            members.Take(2).Select(m => $$"""["member:name:asc","{{m.LastNameKey}}","{{m.FirstNameKey}}",{{m.Number}}]"""),
            cursors.Select(c => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(c))));
        Assert.Equal(cursors[0], page.Str("members.pageInfo.startCursor"));
        Assert.Equal(cursors[1], page.Str("members.pageInfo.endCursor"));

        // The creation order's key is a time and a number: the time in ISO 8601 with its offset, as the JSON serializer writes it.
        var byCreation = await Client.DataAsync(query, new { f = new { search = prefix }, first = 1, o = new { field = "CREATED_AT" } }, TestIdentity.Staff);
        Assert.Matches(
            """^\["member:created:asc","[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|\+00:00)",[0-9]+\]$""",
            Encoding.UTF8.GetString(Base64Url.DecodeFromChars(byCreation.Str("members.pageInfo.endCursor")!)));

        // A client that reads nodes and pageInfo only (no edge cursors asked) still gets the cursor to continue from.
        var nodesOnly = await Client.DataAsync(
            "query($f: MemberFilter, $after: String) { members(filter: $f, first: 2, after: $after) { nodes { lastName } pageInfo { hasNextPage endCursor } } }",
            new { f = new { search = prefix }, after = (string?)null }, TestIdentity.Staff);
        var rest = await Client.DataAsync(
            "query($f: MemberFilter, $after: String) { members(filter: $f, first: 2, after: $after) { nodes { lastName } pageInfo { hasNextPage } } }",
            new { f = new { search = prefix }, after = nodesOnly.Str("members.pageInfo.endCursor") }, TestIdentity.Staff);
        Assert.Equal([members[2].LastName], rest.At("members.nodes").EnumerateArray().Select(n => n.Str("lastName")!));
        Assert.False(rest.At("members.pageInfo.hasNextPage").GetBoolean());
    }

    [SkippableFact]
    public async Task Without_first_or_last_a_page_holds_20_members()
    {
        var prefix = TestData.Unique("Default");
        var expected = (await _data.MembersAsync(23, await _data.PlanAsync(), lastNamePrefix: prefix)).Select(m => m.LastName).Order(StringComparer.Ordinal).ToList();
        const string query = """
            query($s: String, $after: String) { members(filter: { search: $s }, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } edges { node { lastName } } } }
            """;

        var first = await Client.DataAsync(query, new { s = prefix }, TestIdentity.Staff);
        var rest = await Client.DataAsync(query, new { s = prefix, after = first.Str("members.pageInfo.endCursor") }, TestIdentity.Staff);

        Assert.Equal(23, first.At("members.totalCount").GetInt32());
        Assert.Equal(expected[..20], first.At("members.edges").EnumerateArray().Select(e => e.Str("node.lastName")!));
        Assert.True(first.At("members.pageInfo.hasNextPage").GetBoolean());
        Assert.Equal(expected[20..], rest.At("members.edges").EnumerateArray().Select(e => e.Str("node.lastName")!));
        Assert.False(rest.At("members.pageInfo.hasNextPage").GetBoolean());
    }

    [SkippableFact]
    public async Task Status_filter_CANCELLED_finds_exactly_the_members_whose_membership_was_cancelled()
    {
        var plan = await _data.PlanAsync(graceDays: 30);
        var prefix = TestData.Unique("Cancel");
        var members = await _data.MembersAsync(4, plan, lastNamePrefix: prefix);
        await _data.MemberAsync(plan, termStart: _data.Today.AddMonths(-14), shape: m => m.SetName("A", prefix + "Lapsed"));
        await _data.MemberAsync(plan, activated: false, shape: m => m.SetName("A", prefix + "Pending"));
        await _data.MemberAsync(plan, shape: m => { m.SetName("A", prefix + "Suspended"); m.SuspendedAt = DateTimeOffset.UtcNow; });
        var cancelled = new[] { members[0], members[2] };
        foreach (var member in cancelled)
        {
            var payload = (await Client.DataAsync(
                "mutation($input: CancelMembershipInput!) { cancelMembership(input: $input) { member { id } userErrors { code } } }",
                new { input = new { memberId = TestData.MemberId(member), reason = "Left the profession" } }, TestIdentity.Staff)).At("cancelMembership");
            Assert.Empty(payload.UserErrorCodes());
        }

        var result = await Client.DataAsync(
            "query($s: String) { members(filter: { search: $s, status: [CANCELLED] }) { totalCount nodes { id membershipStatus inGoodStanding } } }",
            new { s = prefix }, TestIdentity.Staff);

        var nodes = result.At("members.nodes").EnumerateArray().ToList();
        Assert.Equal(cancelled.Select(TestData.MemberId).Order(StringComparer.Ordinal), nodes.Select(n => n.Str("id")!).Order(StringComparer.Ordinal));
        Assert.Equal(2, result.At("members.totalCount").GetInt32());
        Assert.All(nodes, n => Assert.Equal("CANCELLED", n.Str("membershipStatus")));
        Assert.All(nodes, n => Assert.False(n.At("inGoodStanding").GetBoolean()));
        var all = await Client.DataAsync("{ members(filter: { status: [CANCELLED] }, first: 100) { nodes { id } } }", identity: TestIdentity.Staff);
        Assert.Subset(all.At("members.nodes").EnumerateArray().Select(n => n.Str("id")!).ToHashSet(), cancelled.Select(TestData.MemberId).ToHashSet());
    }

    [SkippableFact]
    public async Task Agency_lists_its_members_and_counts_them()
    {
        var plan = await _data.PlanAsync();
        var first = await _data.AgencyAsync();
        var second = await _data.AgencyAsync();
        var empty = await _data.AgencyAsync();
        await _data.MembersAsync(5, plan, first);
        await _data.MembersAsync(2, plan, second);

        var result = await Client.DataAsync("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Agency { name memberCount members(first: 3) { agency { name } } } } }",
            new { ids = new[] { TestData.AgencyId(first), TestData.AgencyId(second), TestData.AgencyId(empty) } }, TestIdentity.Staff);

        var agencies = result.At("nodes").EnumerateArray().ToList();
        Assert.Equal([5, 2, 0], agencies.Select(a => a.At("memberCount").GetInt32()));
        Assert.Equal([3, 2, 0], agencies.Select(a => a.At("members").GetArrayLength()));
        Assert.All(agencies[0].At("members").EnumerateArray(), m => Assert.Equal(first.Name, m.Str("agency.name")));
    }

    /// <summary>An active member in Texas, a lapsed one in New York and a pending one with no agency: the statuses and states to compare.</summary>
    private async Task<(Member Texan, Member Lapsed, Member Pending)> ActiveLapsedAndPendingAsync()
    {
        var plan = await _data.PlanAsync();
        return (await _data.MemberAsync(plan, await _data.AgencyAsync(state: "TX")),
            await _data.MemberAsync(plan, await _data.AgencyAsync(state: "NY"), termStart: _data.Today.AddYears(-3)),
            await _data.MemberAsync(plan, activated: false));
    }

    [SkippableFact]
    public async Task Node_reads_a_member_with_its_status_and_state_in_one_statement_for_staff_and_answers_as_member_does()
    {
        var (texan, lapsed, pending) = await ActiveLapsedAndPendingAsync();
        const string fields = "id memberNumber membershipStatus inGoodStanding state { code name } region { number name } currentTerm { status endsOn }";

        foreach (var member in new[] { texan, lapsed, pending })
        {
            var asMember = (await Client.DataAsync($"query($id: ID!) {{ member(id: $id) {{ {fields} }} }}", new { id = TestData.MemberId(member) }, TestIdentity.Staff)).At("member");
            Api.Commands.Reset();
            var asNode = (await Client.DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Member {{ {fields} }} }} }}", new { id = TestData.MemberId(member) }, TestIdentity.Staff)).At("node");
            Assert.True(Api.Commands.Count == 1, $"node sent {Api.Commands.Count} statements: {string.Join(" | ", Api.Commands.Sent)}");
            Assert.Equal(asMember.GetRawText(), asNode.GetRawText());
            // The member themself (not staff) sees the same through node, loaded the general way.
            var own = (await Client.DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Member {{ {fields} }} }} }}", new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id))).At("node");
            Assert.Equal(asMember.GetRawText(), own.GetRawText());
        }

        Assert.Equal(("TX", "ACTIVE", "LAPSED"), (
            (await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { state { code } } } }", new { id = TestData.MemberId(texan) }, TestIdentity.Staff)).Str("node.state.code"),
            (await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { membershipStatus } } }", new { id = TestData.MemberId(texan) }, TestIdentity.Staff)).Str("node.membershipStatus"),
            (await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { membershipStatus } } }", new { id = TestData.MemberId(lapsed) }, TestIdentity.Staff)).Str("node.membershipStatus")));

        Api.Commands.Reset();
        var many = await Client.DataAsync($"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on Member {{ {fields} }} }} }}",
            new { ids = new[] { TestData.MemberId(texan), TestData.MemberId(lapsed), TestData.MemberId(pending) } }, TestIdentity.Staff);
        Assert.Equal(3, many.At("nodes").GetArrayLength());
        Assert.Equal(3, Api.Commands.Count); // several IDs: one batch each for the members, their terms and their states
    }

    [SkippableFact]
    public async Task Me_reads_the_member_with_its_status_and_state_in_one_statement_and_answers_as_member_does()
    {
        var (texan, lapsed, pending) = await ActiveLapsedAndPendingAsync();
        const string fields = "id memberNumber email membershipStatus inGoodStanding state { code name region { number } } region { name } currentTerm { status endsOn }";

        foreach (var member in new[] { texan, lapsed, pending })
        {
            var self = TestIdentity.Member(member.Id);
            var asMember = (await Client.DataAsync($"query($id: ID!) {{ member(id: $id) {{ {fields} }} }}", new { id = TestData.MemberId(member) }, self)).At("member");
            Api.Commands.Reset();
            var me = (await Client.DataAsync($"{{ me {{ {fields} }} }}", identity: self)).At("me");
            Assert.True(Api.Commands.Count == 1, $"me sent {Api.Commands.Count} statements: {string.Join(" | ", Api.Commands.Sent)}");
            Assert.Equal(asMember.GetRawText(), me.GetRawText());

            // node of one's own record takes the same path.
            Api.Commands.Reset();
            var node = (await Client.DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Member {{ {fields} }} }} }}", new { id = TestData.MemberId(member) }, self)).At("node");
            Assert.Equal(1, Api.Commands.Count);
            Assert.Equal(asMember.GetRawText(), node.GetRawText());
        }

        Assert.Equal(("ACTIVE", "LAPSED", "TX"), (
            (await Client.DataAsync("{ me { membershipStatus } }", identity: TestIdentity.Member(texan.Id))).Str("me.membershipStatus"),
            (await Client.DataAsync("{ me { membershipStatus } }", identity: TestIdentity.Member(lapsed.Id))).Str("me.membershipStatus"),
            (await Client.DataAsync("{ me { state { code } } }", identity: TestIdentity.Member(texan.Id))).Str("me.state.code")));
    }

    [SkippableFact]
    public async Task A_batch_of_one_key_sends_the_key_as_one_value_and_a_batch_of_several_answers_the_same()
    {
        var plan = await _data.PlanAsync();
        var members = new[]
        {
            await _data.MemberAsync(plan, await _data.AgencyAsync(state: "TX")),
            await _data.MemberAsync(plan, await _data.AgencyAsync(state: "NY"), termStart: _data.Today.AddYears(-3)),
            await _data.MemberAsync(plan, activated: false),
        };
        const string fields = "id memberNumber membershipStatus state { code region { name } } agency { name } currentTerm { status plan { code } } terms { startsOn } certificates { number }";

        // Each member reading themself: every batch (member, terms, state, agency, plan, certificates) holds one key,
        // sent as one value (PostgreSQL would otherwise get a one-element array, and plan the statement on every run).
        var alone = new List<string>();
        foreach (var member in members)
        {
            Api.Commands.Reset();
            alone.Add((await Client.DataAsync($"query($id: ID!) {{ member(id: $id) {{ {fields} }} }}", new { id = TestData.MemberId(member) }, TestIdentity.Member(member.Id))).At("member").GetRawText());
            Assert.True(Api.Commands.Count >= 5, $"{Api.Commands.Count} statements");
            Assert.All(Api.Commands.Sent, sql => Assert.DoesNotMatch(SeveralKeys, sql));
            Assert.Contains(Api.Commands.Sent, sql => sql.Contains("\"Id\" = @", StringComparison.Ordinal));
            // The state's region came with the state: no statement of its own.
            Assert.DoesNotContain(Api.Commands.Sent, sql => sql.Contains("FROM \"Regions\"", StringComparison.Ordinal) && !sql.Contains("\"States\"", StringComparison.Ordinal));
        }

        // Staff reading the three at once: one statement per batch, with the keys as a set (an array on PostgreSQL,
        // a list of parameters elsewhere), and the same answers.
        Api.Commands.Reset();
        var together = await Client.DataAsync($"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on Member {{ {fields} }} }} }}",
            new { ids = members.Select(TestData.MemberId).ToArray() }, TestIdentity.Staff);
        Assert.Equal(alone, together.At("nodes").EnumerateArray().Select(n => n.GetRawText()));
        Assert.True(Api.Commands.Sent.Count(sql => SeveralKeys.IsMatch(sql)) >= 5, string.Join(" | ", Api.Commands.Sent));
    }

    /// <summary>A condition on a set of keys as providers write it: <c>= ANY (@ids)</c> (PostgreSQL) or <c>IN (@ids1, …)</c>.</summary>
    private static readonly System.Text.RegularExpressions.Regex SeveralKeys = new(@"= ANY \(@|\bIN \(@", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    [SkippableFact]
    public async Task Member_list_runs_the_same_number_of_SQL_commands_for_5_and_100_members()
    {
        var plan = await _data.PlanAsync();
        var agencies = new[] { await _data.AgencyAsync(state: "CA"), await _data.AgencyAsync(state: "NY"), await _data.AgencyAsync(state: "TX") };
        var prefix = TestData.Unique("Count");
        foreach (var agency in agencies)
        {
            await _data.MembersAsync(40, plan, agency, lastNamePrefix: prefix);
        }

        const string query = """
            query($first: Int!, $s: String) { members(first: $first, filter: { search: $s }) { totalCount edges { node {
              memberNumber fullName email membershipStatus inGoodStanding region { name } state { name }
              agency { name state { code } memberCount members(first: 2) { lastName } }
              currentTerm { status plan { code price { amount currency } } } terms { startsOn } } } } }
            """;

        async Task<int> Commands(int first)
        {
            Api.Commands.Reset();
            var data = await Client.DataAsync(query, new { first, s = prefix }, TestIdentity.Staff);
            Assert.Equal(first, data.At("members.edges").GetArrayLength());
            return Api.Commands.Count;
        }

        var few = await Commands(5);
        var many = await Commands(100);
        Assert.Equal(few, many);
        Assert.InRange(many, 1, 12);
    }
}

public sealed class MemberQueryTestsOnSqlite(SqliteApi api) : MemberQueryTests(api), IClassFixture<SqliteApi>;

public sealed class MemberQueryTestsOnPostgreSql(PostgreSqlApi api) : MemberQueryTests(api), IClassFixture<PostgreSqlApi>;

public sealed class MemberQueryTestsOnSqlServer(SqlServerApi api) : MemberQueryTests(api), IClassFixture<SqlServerApi>;
