using Membership.Data;
using Membership.Dues;
using Membership.Members;

namespace Membership.DemoData;

/// <summary>The plans a demo database starts with. Codes are stable: staff and integrations refer to them.</summary>
internal static class DemoPlans
{
    public const string RegularAnnual = "REGULAR-ANNUAL";
    public const string AssociateAnnual = "ASSOCIATE-ANNUAL";
    public const string RetiredAnnual = "RETIRED-ANNUAL";
    public const string StudentAnnual = "STUDENT-ANNUAL";
    public const string Life = "LIFE";
    public const string RegularSchoolYear = "REGULAR-SCHOOLYEAR";
    public const string RegularTwoYearLegacy = "REGULAR-2YEAR-LEGACY";

    public static List<MembershipPlan> Create(AssociationCalendar calendar)
    {
        var now = calendar.Now();
        MembershipPlan Plan(string code, string name, MemberCategory category, long price, TermKind kind = TermKind.Anniversary, int months = 12, int grace = 30) => new()
        {
            Id = RecordIds.New(),
            Code = code,
            Name = name,
            Category = category,
            PriceAmount = price,
            Currency = "USD",
            TermKind = kind,
            TermMonths = months,
            GraceDays = grace,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var schoolYear = Plan(RegularSchoolYear, "Regular membership, school year (July to June)", MemberCategory.Regular, 7000, TermKind.FixedPeriod);
        schoolYear.PeriodStartMonth = 7;
        var legacy = Plan(RegularTwoYearLegacy, "Regular membership, two years (no longer sold)", MemberCategory.Regular, 14000, months: 24);
        legacy.IsActive = false;
        return
        [
            Plan(RegularAnnual, "Regular membership, annual", MemberCategory.Regular, 7500),
            Plan(AssociateAnnual, "Associate membership, annual", MemberCategory.Associate, 6000),
            Plan(RetiredAnnual, "Retired membership, annual", MemberCategory.Retired, 3500),
            Plan(StudentAnnual, "Student membership, annual", MemberCategory.Student, 2500),
            Plan(Life, "Life membership", MemberCategory.Life, 0, TermKind.Lifetime, months: 0, grace: 0),
            schoolYear,
            legacy,
        ];
    }
}
