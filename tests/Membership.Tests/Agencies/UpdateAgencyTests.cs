using System.Text.Json;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Agencies;

public abstract class UpdateAgencyTests(ApiFixture api) : ApiTest(api)
{
    private AgencyRequests Agencies => new(Api);

    [SkippableFact]
    public async Task Changing_the_name_leaves_every_other_field_as_it_was()
    {
        var before = await CreateSheriffAsync();
        var name = TestData.Unique("Renamed ");

        var after = MutationAssert.Succeeded(await Agencies.UpdateAsStaffAsync(Patch(before, ("name", name))), "agency");

        Assert.Equal(name, after.Str("name"));
        AssertSameExcept(before, after, "name");
        AssertSameExcept(after, await Agencies.GetAsync(Id(before)));
    }

    [SkippableFact]
    public async Task Changing_kind_city_and_state_leaves_name_and_ORI_as_they_were()
    {
        var before = await CreateSheriffAsync();
        var ori = before.Str("oriCode")!;

        // The ORI's prefix is the state, so moving the agency to another state is refused while it keeps an ORI of the old one.
        var moved = await Agencies.UpdateAsStaffAsync(Patch(before, ("state", "ms")));
        Assert.Contains("INVALID_ORI", moved.UserErrorCodes());

        var after = MutationAssert.Succeeded(
            await Agencies.UpdateAsStaffAsync(Patch(before, ("kind", "SCHOOL_DISTRICT_POLICE"), ("city", "Montgomery"), ("state", ori[..2].ToLowerInvariant()))), "agency");

        Assert.Equal("SCHOOL_DISTRICT_POLICE", after.Str("kind"));
        Assert.Equal("Montgomery", after.Str("city"));
        Assert.Equal(ori[..2], after.Str("state.code"));
        AssertSameExcept(before, after, "kind", "city");
        AssertSameExcept(after, await Agencies.GetAsync(Id(before)));
    }

    [SkippableFact]
    public async Task ORI_null_removes_the_ORI_and_nothing_else()
    {
        var before = await CreateSheriffAsync();

        var after = MutationAssert.Succeeded(await Agencies.UpdateAsStaffAsync(Patch(before, ("oriCode", null))), "agency");

        Assert.Equal(JsonValueKind.Null, after.At("oriCode").ValueKind);
        AssertSameExcept(before, after, "oriCode");
        Assert.Equal(JsonValueKind.Null, (await Agencies.GetAsync(Id(before))).At("oriCode").ValueKind);
        Assert.Equal(0, await Agencies.CountAsync(before.Str("oriCode")!));
    }

    [SkippableFact]
    public async Task A_new_ORI_is_stored_upper_case()
    {
        var before = await CreateSheriffAsync();
        var ori = AgencyRequests.NewOri();

        var after = MutationAssert.Succeeded(await Agencies.UpdateAsStaffAsync(Patch(before, ("oriCode", ori.ToLowerInvariant()))), "agency");

        Assert.Equal(ori, after.Str("oriCode"));
        Assert.Equal(1, await Agencies.CountAsync(ori));
    }

    [SkippableFact]
    public async Task An_invalid_change_writes_none_of_the_changes()
    {
        var before = await CreateSheriffAsync();

        var payload = await Agencies.UpdateAsStaffAsync(Patch(before, ("city", "Dothan"), ("name", "  ")));

        MutationAssert.Failed(payload, "agency", UserErrorCodes.Required, "input", "name");
        AssertSameExcept(before, await Agencies.GetAsync(Id(before)));
    }

    [SkippableFact]
    public async Task The_ORI_of_another_agency_is_taken()
    {
        var other = await CreateSheriffAsync();
        var before = await CreateSheriffAsync();

        var payload = await Agencies.UpdateAsStaffAsync(Patch(before, ("oriCode", other.Str("oriCode"))));

        MutationAssert.Failed(payload, "agency", UserErrorCodes.OriTaken, "input", "oriCode");
        AssertSameExcept(before, await Agencies.GetAsync(Id(before)));
    }

    [SkippableFact]
    public async Task Keeping_its_own_ORI_is_not_a_conflict()
    {
        var before = await CreateSheriffAsync();

        var after = MutationAssert.Succeeded(await Agencies.UpdateAsStaffAsync(Patch(before, ("oriCode", before.Str("oriCode")))), "agency");

        AssertSameExcept(before, after);
    }

    [SkippableFact]
    public async Task An_ORI_of_another_state_is_invalid()
    {
        var before = await CreateSheriffAsync();

        var payload = await Agencies.UpdateAsStaffAsync(Patch(before, ("oriCode", AgencyRequests.NewOri("GA"))));

        MutationAssert.Failed(payload, "agency", UserErrorCodes.InvalidOri, "input", "oriCode");
        AssertSameExcept(before, await Agencies.GetAsync(Id(before)));
    }

    [SkippableTheory]
    [InlineData("not-an-id")]
    [InlineData("plan")]
    public async Task An_ID_that_is_not_an_agency_ID_is_invalid(string id)
    {
        var input = new { id = id == "plan" ? TestData.Id("MembershipPlan", Guid.CreateVersion7()) : id, name = "Unused" };

        MutationAssert.Failed(await Agencies.UpdateAsStaffAsync(input), "agency", UserErrorCodes.InvalidId, "input", "id");
    }

    [SkippableFact]
    public async Task An_agency_ID_that_names_no_agency_is_not_found()
    {
        var input = new { id = TestData.Id("Agency", Guid.CreateVersion7()), name = "Unused" };

        MutationAssert.Failed(await Agencies.UpdateAsStaffAsync(input), "agency", UserErrorCodes.NotFound, "input", "id");
    }

    [SkippableTheory]
    [InlineData(NonStaff.Member)]
    [InlineData(NonStaff.Partner)]
    public async Task Only_staff_change_agencies(string who)
    {
        var before = await CreateSheriffAsync();

        var result = await Agencies.UpdateAsync(Patch(before, ("name", "Hijacked")), await NonStaff.IdentityAsync(Api, who));

        MutationAssert.Forbidden(result, "updateAgency");
        AssertSameExcept(before, await Agencies.GetAsync(Id(before)));
    }

    [SkippableFact]
    public async Task Changing_without_signing_in_is_401_and_writes_nothing()
    {
        var before = await CreateSheriffAsync();

        MutationAssert.Unauthenticated(await Agencies.UpdateAsync(Patch(before, ("name", "Hijacked")), TestIdentity.Anonymous));
        AssertSameExcept(before, await Agencies.GetAsync(Id(before)));
    }

    /// <summary>An Alabama sheriff's office with an ORI, as read back after creating it.</summary>
    private async Task<JsonElement> CreateSheriffAsync() =>
        await Agencies.GetAsync(Id(await Agencies.CreatedAsync(AgencyRequests.Input(state: "AL", ori: AgencyRequests.NewOri("AL"), kind: "SHERIFFS_OFFICE"))));

    private static string Id(JsonElement agency) => agency.Str("id")!;

    /// <summary>An update input naming only the given fields; a null value is sent as an explicit null.</summary>
    private static Dictionary<string, object?> Patch(JsonElement agency, params (string Field, object? Value)[] changes)
    {
        var input = new Dictionary<string, object?> { ["id"] = Id(agency) };
        foreach (var (field, value) in changes)
        {
            input[field] = value;
        }

        return input;
    }

    /// <summary>Every field of <see cref="AgencyRequests.Fields"/> but <paramref name="changed"/> is equal.</summary>
    private static void AssertSameExcept(JsonElement expected, JsonElement actual, params string[] changed)
    {
        foreach (var field in expected.EnumerateObject().Where(f => !changed.Contains(f.Name)))
        {
            Assert.True(
                JsonElement.DeepEquals(field.Value, actual.GetProperty(field.Name)),
                $"{field.Name}: expected {field.Value.GetRawText()}, got {actual.GetProperty(field.Name).GetRawText()}");
        }
    }
}

public sealed class UpdateAgencyTestsOnSqlite(SqliteApi api) : UpdateAgencyTests(api), IClassFixture<SqliteApi>;

public sealed class UpdateAgencyTestsOnPostgreSql(PostgreSqlApi api) : UpdateAgencyTests(api), IClassFixture<PostgreSqlApi>;

public sealed class UpdateAgencyTestsOnSqlServer(SqlServerApi api) : UpdateAgencyTests(api), IClassFixture<SqlServerApi>;
