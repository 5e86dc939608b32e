using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Membership.Audit;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Audit;

/// <summary>
/// "Who did what": every mutation leaves an entry, whoever calls it, with how it ended; entries hold field names and
/// no personal values; only admins read them; entries past the retention are purged.
/// </summary>
public abstract class AuditLogTests(ApiFixture api) : ApiTest(api)
{
    private const string UpdateMember = """
        mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { id } userErrors { code } } }
        """;

    private const string Log = """
        query($filter: AuditLogFilter, $after: String) {
          auditLog(filter: $filter, first: 50, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { id at actorKind actorSubject actorDisplay clientId operation outcome errorCodes fields values objectIds traceId }
          }
        }
        """;

    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task Staff_client_and_member_mutations_each_leave_an_entry_naming_the_fields_but_no_personal_value()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        var id = TestData.MemberId(member);
        var phone = "+1 205 555 " + Random.Shared.Next(1000, 9999);
        var email = TestData.Unique("audit.") + "@example.org";

        var byStaff = await Client.DataAsync(UpdateMember, new { input = new { id, phone, jobTitle = "Sergeant" } }, TestIdentity.Staff);
        var byClient = await Client.DataAsync(UpdateMember, new { input = new { id, email } }, TestIdentity.StaffClient);
        var byMember = await Client.DataAsync("mutation { updateMyProfile(input: { directoryOptIn: true }) { userErrors { code } } }", null, TestIdentity.Member(member.Id));
        Assert.Empty(byStaff.At("updateMember").UserErrorCodes());
        Assert.Empty(byClient.At("updateMember").UserErrorCodes());
        Assert.Empty(byMember.At("updateMyProfile").UserErrorCodes());

        var entries = (await LogAsync(new { objectId = id })).AsEnumerable().Reverse().ToList(); // oldest first
        Assert.Equal(["USER", "CLIENT", "USER"], entries.Select(e => e.Str("actorKind")));
        Assert.Equal(["mutation.updateMember", "mutation.updateMember", "mutation.updateMyProfile"], entries.Select(e => e.Str("operation")));
        Assert.All(entries, e => Assert.Equal("OK", e.Str("outcome")));
        Assert.All(entries, e => Assert.Contains(id, Strings(e, "objectIds")));
        Assert.Equal(["id", "jobTitle", "phone"], Strings(entries[0], "fields"));
        Assert.Equal(("staff", JsonValueKind.Null), (entries[0].Str("actorSubject"), entries[0].At("clientId").ValueKind));
        Assert.Equal(("staff-client", "staff-client"), (entries[1].Str("actorSubject"), entries[1].Str("clientId")));
        Assert.Equal(["email", "id"], Strings(entries[1], "fields"));
        Assert.Equal($"member:{member.Id}", entries[2].Str("actorSubject"));
        Assert.Equal(JsonValueKind.Null, entries[2].At("actorDisplay").ValueKind); // a member's name is not kept in the log

        // Nothing personal in the stored rows: not the phone, not the e-mail, not the member's name.
        var stored = JsonSerializer.Serialize(await StoredRowsAsync(member.Id));
        Assert.DoesNotContain(phone, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(member.LastName, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Sergeant", stored, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Non_personal_values_such_as_a_status_or_category_are_kept()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        var id = TestData.MemberId(member);

        await Client.DataAsync(UpdateMember, new { input = new { id, category = "REGULAR", phone = "+1 205 555 0101" } }, TestIdentity.Staff);

        var entry = Assert.Single(await LogAsync(new { objectId = id }));
        var values = JsonDocument.Parse(entry.Str("values")!).RootElement;
        Assert.Equal("REGULAR", values.GetProperty("category").GetString());
        Assert.False(values.TryGetProperty("phone", out _));
    }

    [SkippableFact]
    public async Task A_mutation_answering_with_user_errors_is_recorded_as_rejected_with_their_codes()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        var id = TestData.MemberId(member);

        var payload = (await Client.DataAsync("mutation($id: ID!) { reinstateMember(input: { memberId: $id }) { userErrors { code } } }", new { id }, TestIdentity.Staff)).At("reinstateMember");

        Assert.Equal(["NOT_SUSPENDED"], payload.UserErrorCodes());
        var entry = Assert.Single(await LogAsync(new { objectId = id }));
        Assert.Equal(("mutation.reinstateMember", "REJECTED"), (entry.Str("operation"), entry.Str("outcome")));
        Assert.Equal(["NOT_SUSPENDED"], Strings(entry, "errorCodes"));
    }

    [SkippableFact]
    public async Task A_mutation_that_fails_after_writing_rolls_back_and_is_recorded_as_failed_never_as_ok()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        var id = TestData.MemberId(member);
        await using var instance = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddRootFields(mutation: FailingMidWay.Add)));
        var client = new GraphQLClient(instance.CreateClient(new() { BaseAddress = new Uri("https://localhost") }));

        var result = await client.PostAsync("mutation($id: ID!) { auditProbeFailMidWay(memberId: $id) }", new { id }, TestIdentity.Staff);

        Assert.Equal("INTERNAL_SERVER_ERROR", result.Errors.Single().At("extensions.code").GetString());
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            Assert.NotEqual(FailingMidWay.JobTitle, (await db.Members.AsNoTracking().SingleAsync(m => m.Id == member.Id)).JobTitle);
        }

        var entry = Assert.Single(await LogAsync(new { operation = "mutation.auditProbeFailMidWay", objectId = id }));
        Assert.Equal("FAILED", entry.Str("outcome"));
        Assert.Equal(["INTERNAL_SERVER_ERROR"], Strings(entry, "errorCodes"));
    }

    [SkippableFact]
    public async Task Members_clients_and_staff_without_the_admin_role_cannot_read_the_log()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        foreach (var who in new[] { TestIdentity.Member(member.Id), TestIdentity.StaffClient, TestIdentity.Staff, TestIdentity.Partner })
        {
            var result = await Client.PostAsync(Log, new { filter = new { } }, who);
            Assert.True(!result.HasData || result.Data.At("auditLog").ValueKind == JsonValueKind.Null, result.Text);
            Assert.Contains(result.Errors, e => e.At("extensions.code").GetString() == "FORBIDDEN");
        }

        var anonymous = await Client.PostAsync(Log, new { filter = new { } }, TestIdentity.Anonymous);
        Assert.False(anonymous.HasData && anonymous.Data.At("auditLog").ValueKind != JsonValueKind.Null, anonymous.Text);
    }

    [SkippableFact]
    public async Task The_log_filters_by_actor_operation_and_time_and_pages_newest_first()
    {
        var members = await _data.MembersAsync(3, await _data.PlanAsync());
        foreach (var member in members)
        {
            await Client.DataAsync(UpdateMember, new { input = new { id = TestData.MemberId(member), jobTitle = "Officer" } }, TestIdentity.Staff);
        }

        var first = await Client.DataAsync(Log, new { filter = new { actor = "staff", operation = "mutation.updateMember" } }, TestIdentity.Admin);
        var nodes = first.At("auditLog.nodes").EnumerateArray().ToList();
        Assert.True(nodes.Count >= 3);
        Assert.All(nodes, n => Assert.Equal(("staff", "mutation.updateMember"), (n.Str("actorSubject"), n.Str("operation"))));
        var times = nodes.Select(n => DateTimeOffset.Parse(n.Str("at")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times);

        var last = TestData.MemberId(members[^1]);
        var at = DateTimeOffset.Parse(Assert.Single(await LogAsync(new { objectId = last })).Str("at")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(await LogAsync(new { objectId = last, from = at, to = at.AddMilliseconds(1) }));
        Assert.Empty(await LogAsync(new { objectId = last, from = at.AddMilliseconds(1) }));
        Assert.Empty(await LogAsync(new { objectId = last, to = at }));
        var page = (await Client.DataAsync("query { auditLog(first: 1, filter: { operation: \"mutation.updateMember\" }) { pageInfo { hasNextPage endCursor } nodes { id } } }", null, TestIdentity.Admin)).At("auditLog");
        var next = (await Client.DataAsync("query($a: String) { auditLog(first: 1, after: $a, filter: { operation: \"mutation.updateMember\" }) { nodes { id } } }", new { a = page.Str("pageInfo.endCursor") }, TestIdentity.Admin)).At("auditLog");
        Assert.True(page.At("pageInfo.hasNextPage").GetBoolean());
        Assert.NotEqual(page.Str("nodes.0.id"), next.Str("nodes.0.id"));
    }

    [SkippableFact]
    public void No_mutation_of_the_schema_changes_or_deletes_an_entry()
    {
        var mutations = Api.Services.GetRequiredService<ISchema>().Mutation!.Fields;
        Assert.NotEmpty(mutations);
        Assert.DoesNotContain(mutations, f => f.Name.Contains("audit", StringComparison.OrdinalIgnoreCase)
            || f.ResolvedType?.GetNamedType() is IComplexGraphType payload && payload.Fields.Any(p => p.ResolvedType?.GetNamedType().Name == AuditEntryType));
    }

    private const string AuditEntryType = "AuditEntry";

    [SkippableFact]
    public async Task Entries_older_than_the_retention_are_purged_and_newer_ones_stay()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        var id = TestData.MemberId(member);
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var instance = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = new GraphQLClient(instance.CreateClient(new() { BaseAddress = new Uri("https://localhost") }));
        await client.DataAsync(UpdateMember, new { input = new { id, jobTitle = "Old" } }, TestIdentity.Staff);
        clock.Advance(TimeSpan.FromDays(new AuditOptions().RetentionDays) + TimeSpan.FromMinutes(1));
        await client.DataAsync(UpdateMember, new { input = new { id, jobTitle = "New" } }, TestIdentity.Staff);

        // The instance's purge job may already have run when the clock moved past its period; running it again is harmless.
        await instance.Services.GetRequiredService<AuditRetention>().PurgeAsync(CancellationToken.None);

        await using var db = await Api.Db.CreateDbContextAsync();
        var left = await db.AuditObjects.AsNoTracking().Where(o => o.ObjectId == id).Select(o => o.EntryId).ToListAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => left.Contains(e.Id)).ToListAsync();
        Assert.True(Assert.Single(entries).At >= clock.GetUtcNow().AddMinutes(-1), "the entry made after the clock moved stays");
    }

    [SkippableFact]
    public async Task The_actor_filter_matches_a_subject_or_a_display_name_exactly_or_by_prefix()
    {
        var team = TestData.Unique("Team");
        var at = DateTimeOffset.UtcNow;
        AuditEntry Entry(string subject, string display, int minutes) => new()
        {
            Id = Guid.NewGuid(), At = at.AddMinutes(minutes), ActorKind = AuditActorKind.User, ActorSubject = subject, ActorDisplay = display,
            Operation = "mutation.updateMember", Outcome = AuditOutcome.Ok,
        };
        var subject = Guid.NewGuid().ToString();
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            db.AuditEntries.AddRange(
                Entry(subject, $"{team} Jane Doe", 1), Entry(Guid.NewGuid().ToString(), $"{team} Jane Roe", 2),
                Entry(Guid.NewGuid().ToString(), $"{team} John", 3), Entry(Guid.NewGuid().ToString(), $"x{team} Jane", 4));
            await db.SaveChangesAsync();
        }

        List<string?> Names(List<JsonElement> entries) => [.. entries.Select(e => e.Str("actorDisplay"))];
        Assert.Equal([$"{team} Jane Roe", $"{team} Jane Doe"], Names(await LogAsync(new { actor = $"{team} Jane*" })));
        Assert.Equal([$"{team} John"], Names(await LogAsync(new { actor = $"{team} John" })));
        Assert.Equal([$"{team} Jane Doe"], Names(await LogAsync(new { actor = subject })));
        Assert.Empty(await LogAsync(new { actor = $"{team} Jane" })); // no * : exact only
    }

    private async Task<List<JsonElement>> LogAsync(object filter)
    {
        var data = await Client.DataAsync(Log, new { filter }, TestIdentity.Admin);
        return [.. data.At("auditLog.nodes").EnumerateArray()];
    }

    private static List<string> Strings(JsonElement entry, string field) => [.. entry.At(field).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Every audit row (with its objects) that names the member.</summary>
    private async Task<List<AuditEntry>> StoredRowsAsync(Guid memberId)
    {
        var id = TestData.Id("Member", memberId);
        await using var db = await Api.Db.CreateDbContextAsync();
        var entries = await db.AuditObjects.AsNoTracking().Where(o => o.ObjectId == id).Select(o => o.EntryId).ToListAsync();
        var rows = await db.AuditEntries.AsNoTracking().Include(e => e.Objects).Where(e => entries.Contains(e.Id)).ToListAsync();
        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>A mutation added by "another feature": it changes a member, then fails before its transaction commits.</summary>
    private static class FailingMidWay
    {
        public const string JobTitle = "Written then rolled back";

        public static void Add(ObjectGraphType mutation) =>
            mutation.Field<StringGraphType>("auditProbeFailMidWay")
                .Argument<NonNullGraphType<IdGraphType>>("memberId")
                .AuthorizeWithPolicy(Policies.Staff)
                .ResolveAsync(async c =>
                {
                    var memberId = GlobalId.Parse(c.GetArgument<string>("memberId"), "Member", "memberId");
                    await c.WriteAsync<Membership.Members.Member>(async (db, _, ct) =>
                    {
                        var member = await db.Members.SingleAsync(m => m.Id == memberId, ct);
                        member.JobTitle = JobTitle;
                        await db.SaveChangesAsync(ct);
                        throw new InvalidOperationException("Failed mid-way, after writing.");
                    });
                    return "unreachable";
                });
    }
}

public sealed class AuditLogTestsOnSqlite(SqliteApi api) : AuditLogTests(api), IClassFixture<SqliteApi>;

public sealed class AuditLogTestsOnPostgreSql(PostgreSqlApi api) : AuditLogTests(api), IClassFixture<PostgreSqlApi>;
