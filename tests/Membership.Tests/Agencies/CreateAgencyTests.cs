using System.Net;
using System.Text.Json;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Agencies;

public abstract class CreateAgencyTests(ApiFixture api) : ApiTest(api)
{
    private AgencyRequests Agencies => new(Api);

    [SkippableFact]
    public async Task Staff_creates_an_agency_and_gets_it_back_with_state_and_region()
    {
        var name = TestData.Unique("Mobile County Sheriff's Office ");
        var ori = AgencyRequests.NewOri("AL");
        var input = AgencyRequests.Input(name, state: "al", ori: ori.ToLowerInvariant(), kind: "SHERIFFS_OFFICE");
        input["city"] = "  Mobile ";

        var agency = await Agencies.CreatedAsync(input);

        Assert.True(GlobalId.TryParse(agency.Str("id"), "Agency", out _), $"not an Agency ID: {agency.Str("id")}");
        Assert.Equal(name, agency.Str("name"));
        Assert.Equal("SHERIFFS_OFFICE", agency.Str("kind"));
        Assert.Equal("Mobile", agency.Str("city"));
        Assert.Equal(ori, agency.Str("oriCode"));
        Assert.Equal("AL", agency.Str("state.code"));
        Assert.Equal(6, agency.At("state.region.number").GetInt32());
        Assert.Equal(name, (await Agencies.GetAsync(agency.Str("id")!)).Str("name"));
    }

    [SkippableFact]
    public async Task A_school_district_needs_no_ORI()
    {
        var agency = await Agencies.CreatedAsync(AgencyRequests.Input(state: "TX", kind: "SCHOOL_DISTRICT"));

        Assert.Equal(JsonValueKind.Null, agency.At("oriCode").ValueKind);
        Assert.Equal(7, agency.At("state.region.number").GetInt32());
    }

    [SkippableFact]
    public async Task A_name_of_exactly_200_characters_is_accepted()
    {
        var marker = TestData.Unique("Long ");
        var agency = await Agencies.CreatedAsync(AgencyRequests.Input(marker + new string('x', 200 - marker.Length)));

        Assert.Equal(200, agency.Str("name")!.Length);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_name_is_required(string name)
    {
        var ori = AgencyRequests.NewOri();
        await AssertRejectedAsync(AgencyRequests.Input(name, ori: ori), ori, UserErrorCodes.Required, "input", "name");
    }

    [SkippableFact]
    public async Task A_name_longer_than_200_characters_is_too_long()
    {
        var marker = TestData.Unique("Long ");
        await AssertRejectedAsync(AgencyRequests.Input(marker + new string('x', 201 - marker.Length)), marker, UserErrorCodes.TooLong, "input", "name");
    }

    [SkippableTheory]
    [InlineData("ZZ")]
    [InlineData("XX")]
    public async Task An_unknown_state_is_invalid(string state)
    {
        var name = TestData.Unique("Agency ");
        await AssertRejectedAsync(AgencyRequests.Input(name, state: state), name, UserErrorCodes.InvalidState, "input", "state");
    }

    [SkippableTheory]
    [InlineData("AL12345")] // too short
    [InlineData("AL-001000")] // not a letter or digit
    [InlineData("1L0010000")] // no state code in front
    [InlineData("ZZ0010000")] // a prefix that is no state
    public async Task An_ORI_that_is_not_nine_letters_or_digits_starting_with_a_state_is_invalid(string ori)
    {
        var name = TestData.Unique("Agency ");
        await AssertRejectedAsync(AgencyRequests.Input(name, state: "AL", ori: ori), name, UserErrorCodes.InvalidOri, "input", "oriCode");
    }

    [SkippableFact]
    public async Task An_ORI_must_start_with_the_agency_s_own_state()
    {
        // An ORI's first two characters are the state of the agency (AL… for Alabama).
        var name = TestData.Unique("Agency ");
        await AssertRejectedAsync(AgencyRequests.Input(name, state: "AL", ori: AgencyRequests.NewOri("GA")), name, UserErrorCodes.InvalidOri, "input", "oriCode");
    }

    [SkippableFact]
    public async Task An_ORI_longer_than_nine_characters_is_invalid()
    {
        var name = TestData.Unique("Agency ");
        var payload = await Agencies.CreateAsStaffAsync(AgencyRequests.Input(name, ori: AgencyRequests.NewOri() + "0"));

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("agency").ValueKind);
        Assert.Contains(MutationAssert.Describe(UserErrorCodes.InvalidOri, "input", "oriCode"), MutationAssert.ErrorsOf(payload));
        Assert.Equal(0, await Agencies.CountAsync(name));
    }

    [SkippableFact]
    public async Task An_ORI_another_agency_has_is_taken_whatever_its_case()
    {
        var ori = AgencyRequests.NewOri();
        await Agencies.CreatedAsync(AgencyRequests.Input(ori: ori));
        var name = TestData.Unique("Agency ");

        await AssertRejectedAsync(AgencyRequests.Input(name, ori: ori.ToLowerInvariant()), name, UserErrorCodes.OriTaken, "input", "oriCode");
        Assert.Equal(1, await Agencies.CountAsync(ori));
    }

    [SkippableFact]
    public async Task Every_error_of_one_input_is_reported_at_once_and_nothing_is_written()
    {
        var marker = TestData.Unique("Many ");
        var input = AgencyRequests.Input(marker + new string('x', 201 - marker.Length), state: "ZZ", ori: "AL12");
        input["city"] = " ";
        var before = await Agencies.CountAsync(marker);

        var payload = await Agencies.CreateAsStaffAsync(input);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("agency").ValueKind);
        Assert.Equal(
            new[]
            {
                MutationAssert.Describe(UserErrorCodes.TooLong, "input", "name"),
                MutationAssert.Describe(UserErrorCodes.Required, "input", "city"),
                MutationAssert.Describe(UserErrorCodes.InvalidState, "input", "state"),
                MutationAssert.Describe(UserErrorCodes.InvalidOri, "input", "oriCode"),
            }.Order(StringComparer.Ordinal),
            MutationAssert.ErrorsOf(payload).Order(StringComparer.Ordinal));
        Assert.Equal(before, await Agencies.CountAsync(marker));
    }

    [SkippableFact]
    public async Task The_times_returned_on_create_are_the_ones_stored()
    {
        var created = await Agencies.CreatedAsync(AgencyRequests.Input());

        Assert.Equal(created.Str("createdAt"), (await Agencies.GetAsync(created.Str("id")!)).Str("createdAt"));
    }

    [SkippableFact]
    public async Task A_missing_name_is_refused_before_the_mutation_runs()
    {
        var ori = AgencyRequests.NewOri();
        var input = AgencyRequests.Input(ori: ori);
        input.Remove("name");

        var result = await Agencies.CreateAsync(input, TestIdentity.Staff);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.NotEmpty(result.ErrorCodes);
        Assert.False(result.HasData);
        Assert.Equal(0, await Agencies.CountAsync(ori));
    }

    [SkippableFact]
    public async Task Two_simultaneous_creates_with_one_ORI_make_one_agency_and_one_ORI_TAKEN()
    {
        for (var round = 0; round < 5; round++)
        {
            var ori = AgencyRequests.NewOri();
            var results = await Task.WhenAll(
                Agencies.CreateAsync(AgencyRequests.Input(ori: ori), TestIdentity.Staff),
                Agencies.CreateAsync(AgencyRequests.Input(ori: ori), TestIdentity.Staff));

            Assert.All(results, r => Assert.True(r.Status == HttpStatusCode.OK && !r.HasErrors, r.Text));
            var payloads = results.Select(r => r.Data.GetProperty("createAgency")).ToList();
            Assert.Single(payloads, p => p.GetProperty("agency").ValueKind == JsonValueKind.Object);
            MutationAssert.Failed(Assert.Single(payloads, p => p.GetProperty("agency").ValueKind == JsonValueKind.Null), "agency", UserErrorCodes.OriTaken, "input", "oriCode");
            Assert.Equal(1, await Agencies.CountAsync(ori));
        }
    }

    [SkippableTheory]
    [InlineData(NonStaff.Member)]
    [InlineData(NonStaff.Partner)]
    public async Task Only_staff_create_agencies(string who)
    {
        var name = TestData.Unique("Agency ");

        var result = await Agencies.CreateAsync(AgencyRequests.Input(name), await NonStaff.IdentityAsync(Api, who));

        MutationAssert.Forbidden(result, "createAgency");
        Assert.Equal(0, await Agencies.CountAsync(name));
    }

    [SkippableFact]
    public async Task Creating_without_signing_in_is_401_and_writes_nothing()
    {
        var name = TestData.Unique("Agency ");

        MutationAssert.Unauthenticated(await Agencies.CreateAsync(AgencyRequests.Input(name), TestIdentity.Anonymous));
        Assert.Equal(0, await Agencies.CountAsync(name));
    }

    /// <summary>The create fails with exactly this error, and <paramref name="marker"/> (a name or ORI) finds no more agencies than before.</summary>
    private async Task AssertRejectedAsync(Dictionary<string, object?> input, string marker, string code, params string[] field)
    {
        var before = await Agencies.CountAsync(marker);

        MutationAssert.Failed(await Agencies.CreateAsStaffAsync(input), "agency", code, field);
        Assert.Equal(before, await Agencies.CountAsync(marker));
    }
}

public sealed class CreateAgencyTestsOnSqlite(SqliteApi api) : CreateAgencyTests(api), IClassFixture<SqliteApi>;

public sealed class CreateAgencyTestsOnPostgreSql(PostgreSqlApi api) : CreateAgencyTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CreateAgencyTestsOnSqlServer(SqlServerApi api) : CreateAgencyTests(api), IClassFixture<SqlServerApi>;
