using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Dues;

public abstract class MembershipPlanQueryTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);

    private PlanRequests Plans => new(Api);

    [SkippableFact]
    public async Task Anyone_lists_the_active_plans_without_signing_in_but_not_the_retired_ones()
    {
        var active = await _data.PlanAsync();
        var retired = await _data.PlanAsync(active: false);

        var plans = await Plans.ListedAsync(TestIdentity.Anonymous);

        Assert.Contains(active.Code, PlanRequests.CodesOf(plans));
        Assert.DoesNotContain(retired.Code, PlanRequests.CodesOf(plans));
        Assert.All(plans.EnumerateArray(), p => Assert.True(p.At("active").GetBoolean()));
    }

    [SkippableFact]
    public async Task The_list_is_one_statement_with_a_category_condition_only_when_a_category_is_asked_for()
    {
        await _data.PlanAsync();

        Api.Commands.Reset();
        Assert.NotEmpty((await Plans.ListedAsync(TestIdentity.Anonymous)).EnumerateArray());
        var every = Assert.Single(PlanStatements());
        Assert.DoesNotContain("Category", Condition(every));
        Assert.Contains("IsActive", Condition(every));

        Api.Commands.Reset();
        await Plans.ListedAsync(TestIdentity.Staff, category: "STUDENT", includeInactive: true);
        var students = Assert.Single(PlanStatements());
        Assert.Contains("Category", Condition(students));
        Assert.DoesNotContain("IsActive", Condition(students));

        static string Condition(string sql) => sql[sql.IndexOf("WHERE", StringComparison.Ordinal)..];
        IEnumerable<string> PlanStatements() => Api.Commands.Sent.Where(sql => sql.Contains("MembershipPlans", StringComparison.Ordinal)); // not the token's checks
    }

    [SkippableFact]
    public async Task Staff_asking_for_inactive_plans_see_the_retired_ones_too()
    {
        var active = await _data.PlanAsync();
        var retired = await _data.PlanAsync(active: false);

        var plans = await Plans.ListedAsync(TestIdentity.Staff, includeInactive: true);

        Assert.Contains(active.Code, PlanRequests.CodesOf(plans));
        Assert.Contains(retired.Code, PlanRequests.CodesOf(plans));
        Assert.Contains(plans.EnumerateArray(), p => p.Str("code") == retired.Code && !p.At("active").GetBoolean());
    }

    [SkippableTheory]
    [InlineData(NonStaff.Member)]
    [InlineData(NonStaff.Partner)]
    public async Task Only_staff_list_inactive_plans(string who)
    {
        var result = await Plans.ListAsync(await NonStaff.IdentityAsync(Api, who), includeInactive: true);

        Assert.Equal(["FORBIDDEN"], result.ErrorCodes);
        Assert.False(result.HasData);
    }

    [SkippableFact]
    public async Task The_category_argument_lists_that_category_only()
    {
        var associate = await _data.PlanAsync(MemberCategory.Associate);
        var regular = await _data.PlanAsync(MemberCategory.Regular);

        var plans = await Plans.ListedAsync(TestIdentity.Anonymous, category: "ASSOCIATE");

        Assert.Contains(associate.Code, PlanRequests.CodesOf(plans));
        Assert.DoesNotContain(regular.Code, PlanRequests.CodesOf(plans));
        Assert.All(plans.EnumerateArray(), p => Assert.Equal("ASSOCIATE", p.Str("category")));
    }

    [SkippableFact]
    public async Task Plans_of_a_category_are_listed_by_price()
    {
        var dear = await _data.PlanAsync(MemberCategory.Student, price: 3000);
        var cheap = await _data.PlanAsync(MemberCategory.Student, price: 1000);
        var middle = await _data.PlanAsync(MemberCategory.Student, price: 2000);
        string[] mine = [dear.Code, cheap.Code, middle.Code];

        var plans = await Plans.ListedAsync(TestIdentity.Anonymous, category: "STUDENT");

        Assert.Equal([cheap.Code, middle.Code, dear.Code], PlanRequests.CodesOf(plans).Where(mine.Contains));
    }

    [SkippableFact]
    public async Task A_price_is_an_amount_in_cents_and_a_currency()
    {
        var plan = await _data.PlanAsync(MemberCategory.Retired, price: 12345, graceDays: 45);

        var listed = (await Plans.ListedAsync(TestIdentity.Anonymous, category: "RETIRED")).EnumerateArray().Single(p => p.Str("code") == plan.Code);

        Assert.Equal(12345, listed.At("price.amount").GetInt32());
        Assert.Equal("USD", listed.Str("price.currency"));
        Assert.Equal("RETIRED", listed.Str("category"));
        Assert.Equal("ANNIVERSARY", listed.Str("termKind"));
        Assert.Equal(12, listed.At("termMonths").GetInt32());
        Assert.Equal(45, listed.At("graceDays").GetInt32());
    }
}

public sealed class MembershipPlanQueryTestsOnSqlite(SqliteApi api) : MembershipPlanQueryTests(api), IClassFixture<SqliteApi>;

public sealed class MembershipPlanQueryTestsOnPostgreSql(PostgreSqlApi api) : MembershipPlanQueryTests(api), IClassFixture<PostgreSqlApi>;

public sealed class MembershipPlanQueryTestsOnSqlServer(SqlServerApi api) : MembershipPlanQueryTests(api), IClassFixture<SqlServerApi>;
