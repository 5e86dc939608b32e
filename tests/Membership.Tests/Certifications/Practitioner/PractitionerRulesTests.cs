using System.Text.Json;
using Membership.Certifications;
using Membership.Tests.Infrastructure;
using Membership.Certifications.Practitioner;

namespace Membership.Tests.Certifications.Practitioner;

/// <summary>
/// updatePractitionerRules: staff change the numbers and every checklist follows. The rules are one row of the database,
/// so these tests live in a class of their own (its own database) and put the rules back when they change them.
/// </summary>
public abstract class PractitionerRulesTests(ApiFixture api) : ApiTest(api)
{
    private const string Rules = "minimumYearsAsSro associationBasicOnlyFrom furtherTrainingHours trainingWindowYears minimumConferences designationValidityMonths";

    private readonly PractitionerSteps _steps = new(api);

    [SkippableFact]
    public async Task Anyone_reads_the_rules_as_seeded()
    {
        var rules = await ReadRulesAsync();

        Assert.Equal(3, rules.GetProperty("minimumYearsAsSro").GetInt32());
        Assert.Equal("2023-01-01", rules.Str("associationBasicOnlyFrom"));
        Assert.Equal(160, rules.GetProperty("furtherTrainingHours").GetDouble());
        Assert.Equal(10, rules.GetProperty("trainingWindowYears").GetInt32());
        Assert.Equal(1, rules.GetProperty("minimumConferences").GetInt32());
        Assert.Equal(JsonValueKind.Null, rules.GetProperty("designationValidityMonths").ValueKind);
    }

    [SkippableFact]
    public async Task Fewer_hours_in_the_rules_make_a_borderline_member_meet_them()
    {
        var member = await _steps.OfficerAsync();
        await _steps.TrainingAsync(member, 120);
        var before = PractitionerSteps.Requirement(await _steps.ChecklistAsync(member), PractitionerEvaluator.FurtherTraining);

        var (changed, after) = await WithRulesAsync(new() { ["furtherTrainingHours"] = 100.0 },
            async () => PractitionerSteps.Requirement(await _steps.ChecklistAsync(member), PractitionerEvaluator.FurtherTraining));

        Assert.False(before.GetProperty("met").GetBoolean());
        Assert.StartsWith("120 of 160 hours", before.Str("evidence"), StringComparison.Ordinal);
        Assert.Equal(100, MutationAssert.Succeeded(changed, "rules").GetProperty("furtherTrainingHours").GetDouble());
        Assert.True(after.GetProperty("met").GetBoolean());
        Assert.StartsWith("120 of 100 hours", after.Str("evidence"), StringComparison.Ordinal);
        Assert.StartsWith("100 further hours", after.Str("description"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Only_the_fields_given_change()
    {
        var before = await ReadRulesAsync();

        var (changed, _) = await WithRulesAsync(new() { ["minimumConferences"] = 2 }, () => Task.FromResult(0));

        var rules = MutationAssert.Succeeded(changed, "rules");
        Assert.Equal(2, rules.GetProperty("minimumConferences").GetInt32());
        Assert.Equal(Without(before, "minimumConferences"), Without(rules, "minimumConferences"));
    }

    [SkippableFact]
    public async Task Members_are_forbidden_to_change_the_rules()
    {
        var member = await _steps.OfficerAsync();
        var before = await ReadRulesAsync();

        var result = await Client.PostAsync(Update, new { input = new { furtherTrainingHours = 1.0 } }, TestIdentity.Member(member.Id));

        MutationAssert.Forbidden(result, "updatePractitionerRules");
        Assert.Equal(before.ToString(), (await ReadRulesAsync()).ToString());
    }

    public static TheoryData<string, double> OutOfRange => new()
    {
        { "minimumYearsAsSro", -1 },
        { "minimumYearsAsSro", 41 },
        { "furtherTrainingHours", 0 },
        { "furtherTrainingHours", -10 },
        { "furtherTrainingHours", 1000.5 },
        { "trainingWindowYears", 0 },
        { "trainingWindowYears", 51 },
        { "minimumConferences", -1 },
        { "minimumConferences", 21 },
        { "designationValidityMonths", -12 },
        { "designationValidityMonths", 0 },
    };

    [SkippableTheory]
    [MemberData(nameof(OutOfRange))]
    public async Task Out_of_range_values_are_refused_and_nothing_changes(string field, double value)
    {
        var before = await ReadRulesAsync();
        // A valid change beside the bad one: it must not be written either.
        var valid = field == "minimumConferences" ? "trainingWindowYears" : "minimumConferences";
        var input = new Dictionary<string, object?> { [field] = field == "furtherTrainingHours" ? value : (int)value, [valid] = 2 };

        var (payload, after) = await WithRulesAsync(input, ReadRulesAsync);

        MutationAssert.Failed(payload, "rules", "OUT_OF_RANGE", "input", field);
        Assert.Equal(before.ToString(), after.ToString());
    }

    private const string Update = "mutation($input: UpdatePractitionerRulesInput!) { updatePractitionerRules(input: $input) { rules { " + Rules + " } " + PractitionerSteps.UserErrors + " } }";

    /// <summary>Changes the rules as staff, reads <paramref name="then"/>, and puts every rule back as it was, whatever happened.</summary>
    private async Task<(JsonElement Payload, T Then)> WithRulesAsync<T>(Dictionary<string, object?> change, Func<Task<T>> then)
    {
        var before = await ReadRulesAsync();
        try
        {
            return (await UpdateAsync(change, TestIdentity.Staff), await then());
        }
        finally
        {
            var all = before.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
            MutationAssert.Succeeded(await UpdateAsync(all, TestIdentity.Staff), "rules");
        }
    }

    private async Task<JsonElement> UpdateAsync(Dictionary<string, object?> input, TestIdentity identity) =>
        (await Client.DataAsync(Update, new { input }, identity)).GetProperty("updatePractitionerRules");

    /// <summary>The public query, without signing in.</summary>
    private async Task<JsonElement> ReadRulesAsync() => (await Client.DataAsync("{ practitionerRules { " + Rules + " } }")).GetProperty("practitionerRules");

    private static string Without(JsonElement rules, string field) =>
        string.Join(", ", rules.EnumerateObject().Where(p => p.Name != field).Select(p => $"{p.Name}={p.Value}"));
}

public sealed class PractitionerRulesTestsOnSqlite(SqliteApi api) : PractitionerRulesTests(api), IClassFixture<SqliteApi>;

public sealed class PractitionerRulesTestsOnPostgreSql(PostgreSqlApi api) : PractitionerRulesTests(api), IClassFixture<PostgreSqlApi>;

public sealed class PractitionerRulesTestsOnSqlServer(SqlServerApi api) : PractitionerRulesTests(api), IClassFixture<SqlServerApi>;
