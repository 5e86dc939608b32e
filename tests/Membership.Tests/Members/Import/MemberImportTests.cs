using System.Net;
using System.Text.Json;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Membership.Tests.Members.Import.MemberCsvFiles;

namespace Membership.Tests.Members.Import;

public abstract class MemberImportTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task A_dry_run_reports_every_bad_cell_with_its_line_and_column_and_writes_nothing()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync(state: "GA");
        var ori = await GiveOriAsync(Api, agency);
        var (n1, n2) = (FreshNumber(), FreshNumber());
        var email = $"{TestData.Unique("dry")}@example.org";
        var csv = string.Join('\n',
            Header,
            $"M-{n1},Casey,Morgan,{email},,,,,,1980-02-03,REGULAR,true,GA,{ori},{plan.Code},2026-01-01,",      // line 2: good
            $"{n2},,Rivera,not-an-email,12,,,,,1980-02-03,REGULAR,true,ZZ,GA0000000,NO-SUCH-PLAN,2026-01-01,",  // line 3: many
            $"{n1},Sam,Lee,{email},,,,,,03/02/1980,ASSOCIATE,maybe,GA,,{plan.Code},,",                         // line 4: formats
            "x,Jo,Park,jo@example.org,,1 Main St,Mobile,AL,ABCDE,1980-02-03,CAPTAIN,true,AL,,,,",                // line 5: number, category, ZIP
            "\"unclosed,Jo,Park\n");                                                                            // line 6: malformed
        var before = await MemberCountAsync();

        var result = await ImportAsync(Client, csv, dryRun: true);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var payload = result.Data.At("importMembers");
        Assert.Equal(Sorted(
        [
            (3, "firstName", "REQUIRED"), (3, "email", "INVALID_EMAIL"), (3, "phone", "INVALID_PHONE"), (3, "state", "INVALID_STATE"),
            (3, "agencyOri", "UNKNOWN_AGENCY"), (3, "plan", "UNKNOWN_PLAN"),
            (4, "dateOfBirth", "INVALID_DATE"), (4, "swornOfficer", "INVALID_BOOLEAN"), (4, "plan", "PLAN_CATEGORY_MISMATCH"), (4, "termStartsOn", "REQUIRED"),
            (5, "memberNumber", "INVALID_MEMBER_NUMBER"), (5, "category", "INVALID_CATEGORY"), (5, "postalCode", "INVALID_POSTAL_CODE"),
            (6, null, "MALFORMED_LINE"),
        ]), Sorted(RowErrors(payload)));
        Assert.True(payload.At("dryRun").GetBoolean());
        Assert.Equal(1, payload.At("created").GetInt32());
        Assert.Equal(["FILE_HAS_ERRORS"], payload.UserErrorCodes());
        // The file's personal data stays out of the messages: they name the rule, not the value.
        Assert.DoesNotContain(payload.GetProperty("rowErrors").EnumerateArray(), e => e.Str("message")!.Contains("not-an-email", StringComparison.Ordinal));
        Assert.Equal(before, await MemberCountAsync());
    }

    [SkippableFact]
    public async Task A_line_repeating_an_earlier_number_or_address_is_a_duplicate_in_the_file()
    {
        var plan = await _data.PlanAsync();
        var (n1, n2) = (FreshNumber(), FreshNumber());
        var (e1, e2) = ($"{TestData.Unique("a")}@example.org", $"{TestData.Unique("b")}@example.org");
        var csv = $"{Header}\n{Row(n1, e1, plan.Code)}\n{Row(n1, e2, plan.Code)}\n{Row(n2, e1.ToUpperInvariant(), plan.Code)}\n";

        var payload = await ImportPayloadAsync(Client, csv);

        Assert.Equal([(3, "memberNumber", "DUPLICATE_IN_FILE"), (4, "email", "DUPLICATE_IN_FILE")], RowErrors(payload));
        Assert.Equal(0, await MembersWithNumbersAsync(n1, n2));
    }

    [SkippableFact]
    public async Task Importing_creates_the_members_with_their_numbers_agencies_and_terms_and_a_second_run_changes_nothing()
    {
        var plan = await _data.PlanAsync(months: 12, graceDays: 30);
        var agency = await _data.AgencyAsync(state: "GA");
        var ori = await GiveOriAsync(Api, agency);
        var (n1, n2) = (FreshNumber(), FreshNumber());
        var start = _data.Today.AddMonths(-3);
        var email = $"{TestData.Unique("Casey")}@Example.org";
        var csv = $"""
            {Header}
            M-{n1},Casey,Morgan,{email},+1 205 555 0143,1 Main St,Atlanta,GA,30301,1980-02-03,regular,yes,GA,{ori.ToLowerInvariant()},{plan.Code.ToLowerInvariant()},{Iso(start)},
            {n2},Sam,Lee,{TestData.Unique("sam")}@example.org,,,,,,,REGULAR,true,AL,,{plan.Code},{Iso(start)},{Iso(start.AddYears(2))}
            """;

        var first = await ImportPayloadAsync(Client, csv);
        var second = await ImportPayloadAsync(Client, csv);

        Assert.Empty(first.UserErrorCodes());
        Assert.Equal((2, 2, 0), (first.At("rows").GetInt32(), first.At("created").GetInt32(), first.At("unchanged").GetInt32()));
        Assert.Equal((2, 0, 2), (second.At("rows").GetInt32(), second.At("created").GetInt32(), second.At("unchanged").GetInt32()));
        Assert.Empty(second.UserErrorCodes());
        var casey = (await Client.DataAsync("""
            query($n: String!) { memberByNumber(number: $n) { memberNumber firstName email phone mailingAddress { city postalCode } agency { name }
              membershipStatus currentTerm { startsOn endsOn plan { code } } } }
            """, new { n = n1.ToString(System.Globalization.CultureInfo.InvariantCulture) }, TestIdentity.Staff)).At("memberByNumber");
        Assert.Equal(MemberNumbers.Format(n1), casey.Str("memberNumber"));
        Assert.Equal((email, "+1 205 555 0143", "Atlanta"), (casey.Str("email"), casey.Str("phone"), casey.Str("mailingAddress.city")));
        Assert.Equal(agency.Name, casey.Str("agency.name"));
        Assert.Equal(("ACTIVE", Iso(start), Iso(start.AddMonths(12).AddDays(-1)), plan.Code),
            (casey.Str("membershipStatus"), casey.Str("currentTerm.startsOn"), casey.Str("currentTerm.endsOn"), casey.Str("currentTerm.plan.code")));
        await using var db = await Api.Db.CreateDbContextAsync();
        var sam = await db.Members.AsNoTracking().Include(m => m.CurrentTerm).SingleAsync(m => m.Number == n2);
        Assert.Equal((start.AddYears(2), start.AddYears(2).AddDays(30)), (sam.CurrentTerm!.EndsOn, sam.CurrentTerm.GraceEndsOn));
        Assert.Equal(1, await db.MembershipTerms.CountAsync(t => t.MemberId == sam.Id));
    }

    [SkippableFact]
    public async Task A_line_that_conflicts_with_an_existing_member_fails_the_whole_file()
    {
        var plan = await _data.PlanAsync();
        var existing = await _data.MemberAsync(plan);
        var fresh = FreshNumber();
        var csv = $"""
            {Header}
            {Row(fresh, $"{TestData.Unique("ok")}@example.org", plan.Code)}
            {Row(existing.Number, $"{TestData.Unique("other")}@example.org", plan.Code)}
            {Row(FreshNumber(), existing.Email.ToUpperInvariant(), plan.Code)}
            """;

        var payload = await ImportPayloadAsync(Client, csv);

        Assert.Equal([(3, "memberNumber", "NUMBER_TAKEN_BY_OTHER_EMAIL"), (4, "email", "EMAIL_TAKEN_BY_OTHER_NUMBER")], RowErrors(payload));
        Assert.Equal(["FILE_HAS_ERRORS"], payload.UserErrorCodes());
        Assert.Equal(0, await MembersWithNumbersAsync(fresh));
    }

    [SkippableFact]
    public async Task A_registration_after_an_import_never_takes_an_imported_number()
    {
        var plan = await _data.PlanAsync();
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            var next = await db.NumberSequences.Where(s => s.Name == MemberNumbers.SequenceName).Select(s => s.LastValue).SingleAsync() + 1;
            var csv = $"{Header}\n{Row(next, $"{TestData.Unique("imp")}@example.org", plan.Code)}\n{Row(next + 1, $"{TestData.Unique("imp")}@example.org", plan.Code)}\n";
            Assert.Empty((await ImportPayloadAsync(Client, csv)).UserErrorCodes());

            var registered = await _data.MemberAsync(plan);

            Assert.True(registered.Number > next + 1, $"registered {registered.Number}, imported {next} and {next + 1}");
        }
    }

    [SkippableFact]
    public async Task Two_imports_of_one_file_at_once_create_each_member_once()
    {
        var plan = await _data.PlanAsync();
        var numbers = Enumerable.Range(0, 50).Select(_ => FreshNumber()).Distinct().ToList();
        var csv = Header + "\n" + string.Join("\n", numbers.Select(n => Row(n, $"{TestData.Unique("race")}@example.org", plan.Code)));

        var payloads = await Task.WhenAll(ImportPayloadAsync(Client, csv), ImportPayloadAsync(Client, csv));

        Assert.All(payloads, p => Assert.Empty(p.UserErrorCodes()));
        Assert.Equal([0, numbers.Count], payloads.Select(p => p.At("created").GetInt32()).Order());
        Assert.Equal([0, numbers.Count], payloads.Select(p => p.At("unchanged").GetInt32()).Order());
        Assert.Equal(numbers.Count, await MembersWithNumbersAsync([.. numbers]));
    }

    [SkippableFact]
    public async Task Only_staff_import_members()
    {
        var plan = await _data.PlanAsync();
        var member = await _data.MemberAsync(plan);
        var number = FreshNumber();
        var csv = $"{Header}\n{Row(number, $"{TestData.Unique("x")}@example.org", plan.Code)}\n";

        var asMember = await ImportAsync(Client, csv, identity: TestIdentity.Member(member.Id));
        using var anonymous = Multipart(csv, dryRun: false);
        var asNobody = await Client.SendAsync(anonymous);

        Assert.Equal(["FORBIDDEN"], asMember.ErrorCodes);
        Assert.Equal(HttpStatusCode.Unauthorized, asNobody.Status);
        Assert.Equal(0, await MembersWithNumbersAsync(number));
    }

    [SkippableFact]
    public async Task A_multipart_request_needs_the_preflight_header_a_file_and_a_size_within_the_limit()
    {
        var plan = await _data.PlanAsync();
        var csv = $"{Header}\n{Row(FreshNumber(), $"{TestData.Unique("x")}@example.org", plan.Code)}\n";

        var noHeader = await ImportAsync(Client, csv, preflightHeader: false);
        var asJson = await Client.PostAsync(MemberCsvFiles.Import, new { input = new { file = "members.csv", dryRun = true } }, TestIdentity.Staff);
        await using var small = Api.CreateFactory(b => b.UseSetting("GraphQL:MaxUploadBytes", "2000"));
        var tooLarge = await ImportAsync(new GraphQLClient(small.CreateClient(new() { BaseAddress = new Uri("https://localhost") })),
            Header + "\n" + string.Concat(Enumerable.Repeat(Row(1, "a@example.org", plan.Code) + "\n", 40)));

        Assert.Equal(HttpStatusCode.BadRequest, noHeader.Status);
        Assert.Equal(["PREFLIGHT_REQUIRED"], noHeader.ErrorCodes);
        Assert.Equal(HttpStatusCode.BadRequest, asJson.Status); // a file comes only as a part of a multipart request
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Equal(["UPLOAD_TOO_LARGE"], tooLarge.ErrorCodes);
    }

    [SkippableFact]
    public async Task A_file_without_the_required_columns_is_refused_at_its_header()
    {
        var payload = await ImportPayloadAsync(Client, "memberNumber,firstName,nickname\nM-1,Jo,JJ\n");

        Assert.Equal(
            Sorted([(1, "nickname", "UNKNOWN_COLUMN"), (1, "lastName", "MISSING_COLUMN"), (1, "email", "MISSING_COLUMN"), (1, "category", "MISSING_COLUMN"), (1, "state", "MISSING_COLUMN")]),
            Sorted([.. RowErrors(payload).Where(e => e.Line == 1)]));
    }

    internal static string Row(long number, string email, string planCode) =>
        $"M-{number:D6},Casey,{TestData.Unique("Import")},{email},,,,,,1980-02-03,REGULAR,true,AL,,{planCode},2026-01-01,";

    private static List<(int Line, string? Column, string? Code)> RowErrors(JsonElement payload) =>
        [.. payload.GetProperty("rowErrors").EnumerateArray().Select(e => (e.At("line").GetInt32(), e.Str("column"), e.Str("code")))];

    private static List<(int Line, string? Column, string? Code)> Sorted(List<(int Line, string? Column, string? Code)> errors) =>
        [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column, StringComparer.Ordinal).ThenBy(e => e.Code, StringComparer.Ordinal)];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> MemberCountAsync()
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.Members.CountAsync();
    }

    private async Task<int> MembersWithNumbersAsync(params long[] numbers)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.Members.CountAsync(m => numbers.Contains(m.Number));
    }
}

public sealed class MemberImportTestsOnSqlite(SqliteApi api) : MemberImportTests(api), IClassFixture<SqliteApi>;

public sealed class MemberImportTestsOnPostgreSql(PostgreSqlApi api) : MemberImportTests(api), IClassFixture<PostgreSqlApi>;

public sealed class MemberImportTestsOnSqlServer(SqlServerApi api) : MemberImportTests(api), IClassFixture<SqlServerApi>;
