using Membership.Dues;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Dues.Payments;

/// <summary>What a paid checkout buys: the term's dates by plan kind and the member's standing, which follows at once.</summary>
public abstract class TermExtensionTests(ApiFixture api) : PaymentTest(api)
{
    [SkippableFact]
    public async Task Renewing_early_extends_from_the_current_end_date()
    {
        var plan = await Data.PlanAsync(months: 12);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-10)); // ends in two months
        var current = Assert.Single(await Dues.TermsAsync(member));

        var checkout = await Dues.PaidAsync(plan, member);

        var next = current.EndsOn!.Value.AddDays(1);
        await AssertBoughtAsync(Dues, member, checkout, next, next.AddMonths(12).AddDays(-1));
        await AssertStandingAsync(Dues, member, "ACTIVE", true);
    }

    [SkippableTheory]
    [InlineData(10, "GRACE", true)] // ended ten days ago, inside 30 days of grace
    [InlineData(60, "LAPSED", false)]
    public async Task Renewing_late_starts_on_the_payment_date(int daysSinceEnd, string standing, bool inGoodStanding)
    {
        var plan = await Data.PlanAsync(months: 12, graceDays: 30);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-12).AddDays(1 - daysSinceEnd));
        await AssertStandingAsync(Dues, member, standing, inGoodStanding);

        var checkout = await Dues.PaidAsync(plan, member);

        await AssertBoughtAsync(Dues, member, checkout, Data.Today, Data.Today.AddMonths(12).AddDays(-1));
        await AssertStandingAsync(Dues, member, "ACTIVE", true);
    }

    [SkippableFact]
    public async Task A_webhook_that_arrives_days_late_dates_the_term_from_the_day_of_payment()
    {
        var plan = await Data.PlanAsync(months: 12, graceDays: 30);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddMonths(-14));
        var checkout = await Dues.StartedAsync(plan, member);
        var events = await Dues.Stripe.PayAsync(checkout.SessionId); // paid today; our endpoint is down and Stripe retries for days

        await using (var later = ShiftedClock.Host(Api, DateTimeOffset.UtcNow.AddDays(2), Dues.Stripe))
        {
            await new DuesDriver(later).DeliverAsync(events);
        }

        var term = (await Dues.TermsAsync(member))[^1];
        Assert.Equal((Data.Today, Data.Today.AddMonths(12).AddDays(-1)), (term.StartsOn, term.EndsOn));
    }

    [SkippableFact]
    public async Task A_pending_applicants_term_is_activated_from_the_payment_date_without_a_second_term()
    {
        var plan = await Data.PlanAsync(months: 12);
        var member = await Data.MemberAsync(plan, termStart: Data.Today.AddDays(-20), activated: false);
        var application = Assert.Single(await Dues.TermsAsync(member));
        await AssertStandingAsync(Dues, member, "PENDING", false);

        var checkout = await Dues.PaidAsync(plan, member);

        var term = Assert.Single(await Dues.TermsAsync(member));
        Assert.Equal(application.Id, term.Id);
        Assert.NotNull(term.ActivatedAt);
        Assert.Equal((Data.Today, Data.Today.AddMonths(12).AddDays(-1)), (term.StartsOn, term.EndsOn));
        Assert.Equal(term.Id, Assert.Single((await Dues.PaymentAsync(checkout.Id)).Lines).TermId);
        await AssertStandingAsync(Dues, member, "ACTIVE", true);
    }

    [SkippableFact]
    public async Task A_fixed_period_plan_paid_in_March_covers_to_June_30_and_paid_again_the_next_July_to_June()
    {
        await using var host = ShiftedClock.Host(Api, new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero));
        var dues = new DuesDriver(host);
        var plan = await Data.PlanAsync(kind: TermKind.FixedPeriod, months: 12); // periods start on July 1
        var member = await Data.MemberAsync(plan, termStart: new DateOnly(2024, 7, 1)); // ended June 30, 2025
        await AssertStandingAsync(dues, member, "LAPSED", false);

        var first = await dues.PaidAsync(plan, member);
        await AssertBoughtAsync(dues, member, first, new DateOnly(2026, 3, 10), new DateOnly(2026, 6, 30));
        await AssertStandingAsync(dues, member, "ACTIVE", true);

        var second = await dues.PaidAsync(plan, member);
        await AssertBoughtAsync(dues, member, second, new DateOnly(2026, 7, 1), new DateOnly(2027, 6, 30));
        Assert.Equal(3, (await dues.TermsAsync(member)).Count);
        await AssertStandingAsync(dues, member, "ACTIVE", true);
    }

    [SkippableFact]
    public async Task A_lifetime_plan_buys_a_term_that_never_ends()
    {
        var annual = await Data.PlanAsync(months: 12);
        var lifetime = await Data.PlanAsync(kind: TermKind.Lifetime, price: 150000);
        var member = await Data.MemberAsync(annual, termStart: Data.Today.AddMonths(-14));

        var checkout = await Dues.PaidAsync(lifetime, member);

        await AssertBoughtAsync(Dues, member, checkout, Data.Today, null);
        Assert.Null((await Dues.TermsAsync(member))[^1].GraceEndsOn);
        await AssertStandingAsync(Dues, member, "ACTIVE", true);
        Assert.Equal(lifetime.Id, (await Dues.TermsAsync(member))[^1].PlanId);
    }

    /// <summary>The payment bought the member's latest term with these dates; its line and the member's current term say the same.</summary>
    private static async Task AssertBoughtAsync(DuesDriver dues, Member member, Checkout checkout, DateOnly startsOn, DateOnly? endsOn)
    {
        var term = (await dues.TermsAsync(member))[^1];
        Assert.Equal((startsOn, endsOn), (term.StartsOn, term.EndsOn));
        var line = Assert.Single((await dues.PaymentAsync(checkout.Id)).Lines);
        Assert.Equal((term.Id, startsOn, endsOn), (line.TermId!.Value, line.PeriodStart!.Value, line.PeriodEnd));
        var read = await dues.MemberAsync(member);
        Assert.Equal(DuesDriver.Day(startsOn), read.Str("currentTerm.startsOn"));
        Assert.Equal(endsOn is { } end ? DuesDriver.Day(end) : null, read.Str("currentTerm.endsOn"));
    }

    private static async Task AssertStandingAsync(DuesDriver dues, Member member, string status, bool inGoodStanding)
    {
        var read = await dues.MemberAsync(member);
        Assert.Equal((status, inGoodStanding), (read.Str("membershipStatus"), read.GetProperty("inGoodStanding").GetBoolean()));
    }
}

public sealed class TermExtensionTestsOnSqlite(SqliteApi api) : TermExtensionTests(api), IClassFixture<SqliteApi>;

public sealed class TermExtensionTestsOnPostgreSql(PostgreSqlApi api) : TermExtensionTests(api), IClassFixture<PostgreSqlApi>;

public sealed class TermExtensionTestsOnSqlServer(SqlServerApi api) : TermExtensionTests(api), IClassFixture<SqlServerApi>;
