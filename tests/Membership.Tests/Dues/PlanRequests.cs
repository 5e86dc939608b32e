using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Dues;

/// <summary>The membership plan operations the tests send over HTTP, and the inputs they start from.</summary>
internal sealed class PlanRequests(ApiFixture api)
{
    public const string Fields = "id code name category price { amount currency } termKind termMonths periodStartMonth graceDays active";

    private const string CreateDocument =
        "mutation($input: CreateMembershipPlanInput!) { createMembershipPlan(input: $input) { plan { " + Fields + " } userErrors { code field message } } }";

    private const string UpdateDocument =
        "mutation($input: UpdateMembershipPlanInput!) { updateMembershipPlan(input: $input) { plan { " + Fields + " } userErrors { code field message } } }";

    private const string ListDocument =
        "query($category: MemberCategory, $includeInactive: Boolean) { membershipPlans(category: $category, includeInactive: $includeInactive) { " + Fields + " } }";

    /// <summary>A valid anniversary plan with a unique code; tests change or remove entries to make it what they need.</summary>
    public static Dictionary<string, object?> Input(string termKind = "ANNIVERSARY", string category = "REGULAR") => new()
    {
        ["code"] = TestData.Unique("plan-"),
        ["name"] = "Regular annual",
        ["category"] = category,
        ["price"] = new { amount = 7500, currency = "USD" },
        ["termKind"] = termKind,
    };

    public Task<GraphQLResult> CreateAsync(object input, TestIdentity? identity) =>
        api.Client().PostAsync(CreateDocument, new { input }, identity);

    /// <summary>The createMembershipPlan payload of a staff call.</summary>
    public async Task<JsonElement> CreateAsStaffAsync(object input) =>
        (await api.Client().DataAsync(CreateDocument, new { input }, TestIdentity.Staff)).GetProperty("createMembershipPlan");

    public Task<GraphQLResult> UpdateAsync(object input, TestIdentity? identity) =>
        api.Client().PostAsync(UpdateDocument, new { input }, identity);

    /// <summary>The updateMembershipPlan payload of a staff call.</summary>
    public async Task<JsonElement> UpdateAsStaffAsync(object input) =>
        (await api.Client().DataAsync(UpdateDocument, new { input }, TestIdentity.Staff)).GetProperty("updateMembershipPlan");

    public Task<GraphQLResult> ListAsync(TestIdentity? identity, string? category = null, bool? includeInactive = null) =>
        api.Client().PostAsync(ListDocument, new { category, includeInactive }, identity);

    /// <summary>The <c>membershipPlans</c> list, which must come without errors.</summary>
    public async Task<JsonElement> ListedAsync(TestIdentity? identity, string? category = null, bool? includeInactive = null) =>
        (await api.Client().DataAsync(ListDocument, new { category, includeInactive }, identity)).GetProperty("membershipPlans");

    /// <summary>Every plan, inactive ones too, as staff sees them.</summary>
    public async Task<IReadOnlyList<JsonElement>> AllAsync() =>
        [.. (await ListedAsync(TestIdentity.Staff, includeInactive: true)).EnumerateArray()];

    /// <summary>The plan with this code as staff sees it; null when there is none.</summary>
    public async Task<JsonElement?> FindAsync(string code)
    {
        var upper = code.ToUpperInvariant();
        return (await AllAsync()).Where(p => p.Str("code") == upper).Select(p => (JsonElement?)p).SingleOrDefault();
    }

    /// <summary>The create fails with exactly this error and no plan with the input's code exists.</summary>
    public async Task AssertRejectedAsync(Dictionary<string, object?> input, string code, params string[] field)
    {
        MutationAssert.Failed(await CreateAsStaffAsync(input), "plan", code, field);
        Assert.Null(await FindAsync((string)input["code"]!));
    }

    public static IReadOnlyList<string> CodesOf(JsonElement plans) => [.. plans.EnumerateArray().Select(p => p.Str("code")!)];
}
