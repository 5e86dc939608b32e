using System.Text.Json;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Dues;

public abstract class CreateMembershipPlanTests(ApiFixture api) : ApiTest(api)
{
    private PlanRequests Plans => new(Api);

    [SkippableFact]
    public async Task An_anniversary_plan_gets_twelve_months_thirty_grace_days_and_an_upper_case_code()
    {
        var input = PlanRequests.Input();
        input["name"] = "  Regular, annual  ";
        input["price"] = new { amount = 7500, currency = "usd" };

        var plan = MutationAssert.Succeeded(await Plans.CreateAsStaffAsync(input), "plan");

        Assert.True(GlobalId.TryParse(plan.Str("id"), "MembershipPlan", out _), $"not a MembershipPlan ID: {plan.Str("id")}");
        Assert.Equal(((string)input["code"]!).ToUpperInvariant(), plan.Str("code"));
        Assert.Equal("Regular, annual", plan.Str("name"));
        Assert.Equal("REGULAR", plan.Str("category"));
        Assert.Equal(7500, plan.At("price.amount").GetInt32());
        Assert.Equal("USD", plan.Str("price.currency"));
        Assert.Equal("ANNIVERSARY", plan.Str("termKind"));
        Assert.Equal(12, plan.At("termMonths").GetInt32());
        Assert.Equal(JsonValueKind.Null, plan.At("periodStartMonth").ValueKind);
        Assert.Equal(30, plan.At("graceDays").GetInt32());
        Assert.True(plan.At("active").GetBoolean());
        Assert.NotNull(await Plans.FindAsync((string)input["code"]!));
    }

    [SkippableFact]
    public async Task A_fixed_period_plan_keeps_its_period_start_month()
    {
        var input = PlanRequests.Input("FIXED_PERIOD", "ASSOCIATE");
        input["periodStartMonth"] = 7;
        input["termMonths"] = 6;
        input["graceDays"] = 0;
        input["price"] = new { amount = 4000, currency = "CAD" };

        var plan = MutationAssert.Succeeded(await Plans.CreateAsStaffAsync(input), "plan");

        Assert.Equal("FIXED_PERIOD", plan.Str("termKind"));
        Assert.Equal(7, plan.At("periodStartMonth").GetInt32());
        Assert.Equal(6, plan.At("termMonths").GetInt32());
        Assert.Equal(0, plan.At("graceDays").GetInt32());
        Assert.Equal("CAD", plan.Str("price.currency"));
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(null)]
    public async Task A_lifetime_plan_has_no_term_months(int? termMonths)
    {
        var input = PlanRequests.Input("LIFETIME", "LIFE");
        input["termMonths"] = termMonths;
        input["price"] = new { amount = 0, currency = "USD" };
        input["active"] = false;

        var plan = MutationAssert.Succeeded(await Plans.CreateAsStaffAsync(input), "plan");

        Assert.Equal("LIFETIME", plan.Str("termKind"));
        Assert.Equal(0, plan.At("termMonths").GetInt32());
        Assert.Equal(0, plan.At("price.amount").GetInt32());
        Assert.False(plan.At("active").GetBoolean());
    }

    [SkippableFact]
    public async Task A_code_is_taken_whatever_its_case()
    {
        var first = PlanRequests.Input();
        MutationAssert.Succeeded(await Plans.CreateAsStaffAsync(first), "plan");
        var second = PlanRequests.Input();
        second["code"] = $"  {((string)first["code"]!).ToLowerInvariant()} ";
        second["name"] = "Duplicate";

        MutationAssert.Failed(await Plans.CreateAsStaffAsync(second), "plan", UserErrorCodes.CodeTaken, "input", "code");
        Assert.Equal("Regular annual", (await Plans.FindAsync((string)first["code"]!))?.Str("name"));
    }

    [SkippableTheory]
    [InlineData(-1)]
    [InlineData(10_000_001)]
    public async Task A_price_below_zero_or_above_the_limit_is_out_of_range(int amount)
    {
        var input = PlanRequests.Input();
        input["price"] = new { amount, currency = "USD" };

        await Plans.AssertRejectedAsync(input, UserErrorCodes.OutOfRange, "input", "price", "amount");
    }

    [SkippableTheory]
    [InlineData("EUR")]
    [InlineData("US")]
    [InlineData("")]
    public async Task A_currency_the_association_does_not_take_is_invalid(string currency)
    {
        var input = PlanRequests.Input();
        input["price"] = new { amount = 7500, currency };

        await Plans.AssertRejectedAsync(input, UserErrorCodes.InvalidCurrency, "input", "price", "currency");
    }

    [SkippableTheory]
    [InlineData(-1)]
    [InlineData(366)]
    public async Task Grace_days_outside_0_to_365_are_out_of_range(int graceDays)
    {
        var input = PlanRequests.Input();
        input["graceDays"] = graceDays;

        await Plans.AssertRejectedAsync(input, UserErrorCodes.OutOfRange, "input", "graceDays");
    }

    [SkippableFact]
    public async Task A_fixed_period_plan_without_a_period_start_month_is_an_invalid_term()
    {
        await Plans.AssertRejectedAsync(PlanRequests.Input("FIXED_PERIOD"), UserErrorCodes.InvalidTerm, "input", "periodStartMonth");
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(13)]
    public async Task A_fixed_period_plan_with_a_month_outside_1_to_12_is_an_invalid_term(int month)
    {
        var input = PlanRequests.Input("FIXED_PERIOD");
        input["periodStartMonth"] = month;

        await Plans.AssertRejectedAsync(input, UserErrorCodes.InvalidTerm, "input", "periodStartMonth");
    }

    [SkippableFact]
    public async Task An_anniversary_plan_with_a_period_start_month_is_an_invalid_term()
    {
        var input = PlanRequests.Input();
        input["periodStartMonth"] = 7;

        await Plans.AssertRejectedAsync(input, UserErrorCodes.InvalidTerm, "input", "termMonths");
    }

    [SkippableFact]
    public async Task A_lifetime_plan_with_term_months_is_an_invalid_term()
    {
        var input = PlanRequests.Input("LIFETIME", "LIFE");
        input["termMonths"] = 12;

        await Plans.AssertRejectedAsync(input, UserErrorCodes.InvalidTerm, "input", "termMonths");
    }

    [SkippableFact]
    public async Task Every_error_of_one_input_is_reported_at_once()
    {
        var input = PlanRequests.Input("FIXED_PERIOD");
        input["name"] = " ";
        input["price"] = new { amount = -5, currency = "EUR" };
        input["graceDays"] = 400;

        var payload = await Plans.CreateAsStaffAsync(input);

        Assert.Equal(
            new[]
            {
                MutationAssert.Describe(UserErrorCodes.Required, "input", "name"),
                MutationAssert.Describe(UserErrorCodes.OutOfRange, "input", "price", "amount"),
                MutationAssert.Describe(UserErrorCodes.InvalidCurrency, "input", "price", "currency"),
                MutationAssert.Describe(UserErrorCodes.OutOfRange, "input", "graceDays"),
                MutationAssert.Describe(UserErrorCodes.InvalidTerm, "input", "periodStartMonth"),
            }.Order(StringComparer.Ordinal),
            MutationAssert.ErrorsOf(payload).Order(StringComparer.Ordinal));
        Assert.Null(await Plans.FindAsync((string)input["code"]!));
    }

    [SkippableTheory]
    [InlineData(NonStaff.Member)]
    [InlineData(NonStaff.Partner)]
    public async Task Only_staff_create_plans(string who)
    {
        var input = PlanRequests.Input();

        MutationAssert.Forbidden(await Plans.CreateAsync(input, await NonStaff.IdentityAsync(Api, who)), "createMembershipPlan");
        Assert.Null(await Plans.FindAsync((string)input["code"]!));
    }

    [SkippableFact]
    public async Task Creating_without_signing_in_is_401_and_writes_nothing()
    {
        var input = PlanRequests.Input();

        MutationAssert.Unauthenticated(await Plans.CreateAsync(input, TestIdentity.Anonymous));
        Assert.Null(await Plans.FindAsync((string)input["code"]!));
    }
}

public sealed class CreateMembershipPlanTestsOnSqlite(SqliteApi api) : CreateMembershipPlanTests(api), IClassFixture<SqliteApi>;

public sealed class CreateMembershipPlanTestsOnPostgreSql(PostgreSqlApi api) : CreateMembershipPlanTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CreateMembershipPlanTestsOnSqlServer(SqlServerApi api) : CreateMembershipPlanTests(api), IClassFixture<SqlServerApi>;
