using System.Text.Json;
using Membership.Dues;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Dues;

public abstract class UpdateMembershipPlanTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    private PlanRequests Plans => new(Api);

    [SkippableFact]
    public async Task A_new_price_changes_the_price_and_nothing_else()
    {
        var plan = await _data.PlanAsync(graceDays: 45, price: 7500);

        var updated = await UpdatedAsync(new { id = TestData.PlanId(plan), price = new { amount = 8250, currency = "cad" } });

        Assert.Equal(8250, updated.At("price.amount").GetInt32());
        Assert.Equal("CAD", updated.Str("price.currency"));
        Assert.Equal(plan.Name, updated.Str("name"));
        Assert.Equal(45, updated.At("graceDays").GetInt32());
        Assert.True(updated.At("active").GetBoolean());
        Assert.Equal(8250, (await Plans.FindAsync(plan.Code))?.At("price.amount").GetInt32());
    }

    [SkippableFact]
    public async Task A_new_name_changes_the_name_and_nothing_else()
    {
        var plan = await _data.PlanAsync(price: 5000);

        var updated = await UpdatedAsync(new { id = TestData.PlanId(plan), name = "  Regular, two years " });

        Assert.Equal("Regular, two years", updated.Str("name"));
        Assert.Equal(5000, updated.At("price.amount").GetInt32());
        Assert.Equal(plan.Code, updated.Str("code"));
        Assert.Equal("Regular, two years", (await Plans.FindAsync(plan.Code))?.Str("name"));
    }

    [SkippableFact]
    public async Task Retiring_a_plan_takes_it_off_the_public_list_and_reviving_puts_it_back()
    {
        var plan = await _data.PlanAsync();
        var id = TestData.PlanId(plan);

        Assert.False((await UpdatedAsync(new { id, active = false })).At("active").GetBoolean());
        Assert.DoesNotContain(plan.Code, PlanRequests.CodesOf(await Plans.ListedAsync(TestIdentity.Anonymous)));

        Assert.True((await UpdatedAsync(new { id, active = true })).At("active").GetBoolean());
        Assert.Contains(plan.Code, PlanRequests.CodesOf(await Plans.ListedAsync(TestIdentity.Anonymous)));
    }

    [SkippableFact]
    public async Task Grace_days_change_alone()
    {
        var plan = await _data.PlanAsync(graceDays: 30, price: 6000);

        var updated = await UpdatedAsync(new { id = TestData.PlanId(plan), graceDays = 60 });

        Assert.Equal(60, updated.At("graceDays").GetInt32());
        Assert.Equal(6000, updated.At("price.amount").GetInt32());
    }

    [SkippableTheory]
    [InlineData(-1, "USD", UserErrorCodes.OutOfRange, "amount")]
    [InlineData(100, "EUR", UserErrorCodes.InvalidCurrency, "currency")]
    public async Task An_invalid_price_changes_nothing(int amount, string currency, string code, string field)
    {
        var plan = await _data.PlanAsync(price: 7500);

        var payload = await Plans.UpdateAsStaffAsync(new { id = TestData.PlanId(plan), name = "Changed", price = new { amount, currency } });

        MutationAssert.Failed(payload, "plan", code, "input", "price", field);
        AssertUnchanged(plan, await Plans.FindAsync(plan.Code));
    }

    [SkippableFact]
    public async Task Grace_days_out_of_range_change_nothing()
    {
        var plan = await _data.PlanAsync();

        MutationAssert.Failed(await Plans.UpdateAsStaffAsync(new { id = TestData.PlanId(plan), graceDays = 366 }), "plan", UserErrorCodes.OutOfRange, "input", "graceDays");
        AssertUnchanged(plan, await Plans.FindAsync(plan.Code));
    }

    [SkippableTheory]
    [InlineData("not-an-id")]
    [InlineData("agency")]
    public async Task An_ID_that_is_not_a_plan_ID_is_invalid(string id)
    {
        var input = new { id = id == "agency" ? TestData.Id("Agency", Guid.CreateVersion7()) : id, name = "Unused" };

        MutationAssert.Failed(await Plans.UpdateAsStaffAsync(input), "plan", UserErrorCodes.InvalidId, "input", "id");
    }

    [SkippableFact]
    public async Task A_plan_ID_that_names_no_plan_is_not_found()
    {
        var input = new { id = TestData.Id("MembershipPlan", Guid.CreateVersion7()), name = "Unused" };

        MutationAssert.Failed(await Plans.UpdateAsStaffAsync(input), "plan", UserErrorCodes.NotFound, "input", "id");
    }

    [SkippableTheory]
    [InlineData(NonStaff.Member)]
    [InlineData(NonStaff.Partner)]
    public async Task Only_staff_change_plans(string who)
    {
        var plan = await _data.PlanAsync();

        var result = await Plans.UpdateAsync(new { id = TestData.PlanId(plan), price = new { amount = 1, currency = "USD" } }, await NonStaff.IdentityAsync(Api, who));

        MutationAssert.Forbidden(result, "updateMembershipPlan");
        AssertUnchanged(plan, await Plans.FindAsync(plan.Code));
    }

    [SkippableFact]
    public async Task Changing_without_signing_in_is_401_and_writes_nothing()
    {
        var plan = await _data.PlanAsync();

        MutationAssert.Unauthenticated(await Plans.UpdateAsync(new { id = TestData.PlanId(plan), active = false }, TestIdentity.Anonymous));
        AssertUnchanged(plan, await Plans.FindAsync(plan.Code));
    }

    private async Task<JsonElement> UpdatedAsync(object input) => MutationAssert.Succeeded(await Plans.UpdateAsStaffAsync(input), "plan");

    private static void AssertUnchanged(MembershipPlan expected, JsonElement? actual)
    {
        var plan = Assert.IsType<JsonElement>(actual);
        Assert.Equal(expected.Name, plan.Str("name"));
        Assert.Equal(expected.PriceAmount, plan.At("price.amount").GetInt64());
        Assert.Equal(expected.Currency, plan.Str("price.currency"));
        Assert.Equal(expected.GraceDays, plan.At("graceDays").GetInt32());
        Assert.Equal(expected.IsActive, plan.At("active").GetBoolean());
    }
}

public sealed class UpdateMembershipPlanTestsOnSqlite(SqliteApi api) : UpdateMembershipPlanTests(api), IClassFixture<SqliteApi>;

public sealed class UpdateMembershipPlanTestsOnPostgreSql(PostgreSqlApi api) : UpdateMembershipPlanTests(api), IClassFixture<PostgreSqlApi>;

public sealed class UpdateMembershipPlanTestsOnSqlServer(SqlServerApi api) : UpdateMembershipPlanTests(api), IClassFixture<SqlServerApi>;
