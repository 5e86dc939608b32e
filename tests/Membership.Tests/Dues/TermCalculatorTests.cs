using Membership.Dues;

namespace Membership.Tests.Dues;

/// <summary>The dates of a term: end = start + term months - 1 day; grace end = end + grace days.</summary>
public sealed class TermCalculatorTests
{
    [Fact]
    public void An_anniversary_term_ends_the_day_before_the_same_date_a_year_later()
    {
        var (start, end, graceEnd) = TermCalculator.Period(Plan(TermKind.Anniversary, 12, graceDays: 30), new DateOnly(2026, 3, 15));

        Assert.Equal(new DateOnly(2026, 3, 15), start);
        Assert.Equal(new DateOnly(2027, 3, 14), end);
        Assert.Equal(new DateOnly(2027, 4, 13), graceEnd);
    }

    [Fact]
    public void An_anniversary_term_from_the_31st_ends_the_day_before_the_shorter_month_end()
    {
        // AddMonths clamps 2026-01-31 + 1 month to 2026-02-28; the term ends the day before.
        var (_, end, _) = TermCalculator.Period(Plan(TermKind.Anniversary, 1), new DateOnly(2026, 1, 31));

        Assert.Equal(new DateOnly(2026, 2, 27), end);
    }

    [Fact]
    public void An_anniversary_term_from_a_leap_day_ends_the_day_before_28_February()
    {
        var (_, end, _) = TermCalculator.Period(Plan(TermKind.Anniversary, 12), new DateOnly(2028, 2, 29));

        Assert.Equal(new DateOnly(2029, 2, 27), end);
    }

    [Theory]
    [InlineData(1, 2026, 4, 30)]
    [InlineData(6, 2026, 9, 30)]
    [InlineData(24, 2028, 3, 31)]
    [InlineData(60, 2031, 3, 31)]
    public void An_anniversary_term_of_n_months_ends_the_day_before_start_plus_n_months(int months, int year, int month, int day)
    {
        var (_, end, _) = TermCalculator.Period(Plan(TermKind.Anniversary, months), new DateOnly(2026, 4, 1));

        Assert.Equal(new DateOnly(year, month, day), end);
    }

    [Theory]
    [InlineData(2026, 7, 1)]
    [InlineData(2026, 12, 31)]
    [InlineData(2027, 3, 10)]
    [InlineData(2027, 6, 30)]
    public void A_fixed_period_from_July_runs_from_1_July_to_30_June(int year, int month, int day)
    {
        var plan = Plan(TermKind.FixedPeriod, 12, periodStartMonth: 7, graceDays: 30);
        var paid = new DateOnly(year, month, day);

        var (start, end, graceEnd) = TermCalculator.Period(plan, paid);

        Assert.Equal(new DateOnly(2026, 7, 1), TermCalculator.FixedPeriodStart(plan, paid));
        Assert.Equal(paid, start);
        Assert.Equal(new DateOnly(2027, 6, 30), end);
        Assert.Equal(new DateOnly(2027, 7, 30), graceEnd);
    }

    [Fact]
    public void Paying_on_1_July_starts_the_next_fixed_period()
    {
        var plan = Plan(TermKind.FixedPeriod, 12, periodStartMonth: 7);

        var (_, end, _) = TermCalculator.Period(plan, new DateOnly(2027, 7, 1));

        Assert.Equal(new DateOnly(2027, 7, 1), TermCalculator.FixedPeriodStart(plan, new DateOnly(2027, 7, 1)));
        Assert.Equal(new DateOnly(2028, 6, 30), end);
    }

    [Theory]
    [InlineData(2026, 2, 14, 2026, 1, 1, 2026, 6, 30)]
    [InlineData(2026, 7, 1, 2026, 7, 1, 2026, 12, 31)]
    [InlineData(2026, 12, 31, 2026, 7, 1, 2026, 12, 31)]
    public void Six_month_fixed_periods_from_January_split_the_year_in_halves(int y, int m, int d, int sy, int sm, int sd, int ey, int em, int ed)
    {
        var plan = Plan(TermKind.FixedPeriod, 6, periodStartMonth: 1);

        Assert.Equal(new DateOnly(sy, sm, sd), TermCalculator.FixedPeriodStart(plan, new DateOnly(y, m, d)));
        Assert.Equal(new DateOnly(ey, em, ed), TermCalculator.Period(plan, new DateOnly(y, m, d)).EndsOn);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(5)]
    [InlineData(18)]
    public void Fixed_periods_that_do_not_tile_the_year_are_refused(int months)
    {
        // Such periods would depend on when each member paid: no two members would share a period.
        var errors = new Membership.GraphQL.UserErrors();

        PlanRules.CheckTerm(errors, TermKind.FixedPeriod, months, periodStartMonth: 7, graceDays: 30, priceAmount: 7500, currency: "USD");

        Assert.Equal(["INVALID_TERM"], errors.Items.Select(e => e.Code));
    }

    [Fact]
    public void A_lifetime_term_has_no_end_and_no_grace()
    {
        var (start, end, graceEnd) = TermCalculator.Period(Plan(TermKind.Lifetime, 0, graceDays: 30), new DateOnly(2026, 5, 5));

        Assert.Equal(new DateOnly(2026, 5, 5), start);
        Assert.Null(end);
        Assert.Null(graceEnd);
    }

    [Theory]
    [InlineData(0, 2026, 12, 31)]
    [InlineData(1, 2027, 1, 1)]
    [InlineData(45, 2027, 2, 14)]
    [InlineData(365, 2027, 12, 31)]
    public void Grace_ends_the_given_number_of_days_after_the_end(int graceDays, int year, int month, int day)
    {
        var (_, end, graceEnd) = TermCalculator.Period(Plan(TermKind.Anniversary, 12, graceDays: graceDays), new DateOnly(2026, 1, 1));

        Assert.Equal(new DateOnly(2026, 12, 31), end);
        Assert.Equal(new DateOnly(year, month, day), graceEnd);
    }

    private static MembershipPlan Plan(TermKind kind, int months, int? periodStartMonth = null, int graceDays = 0) => new()
    {
        Code = "TEST",
        Name = "Test",
        Currency = "USD",
        TermKind = kind,
        TermMonths = months,
        PeriodStartMonth = periodStartMonth,
        GraceDays = graceDays,
    };
}
