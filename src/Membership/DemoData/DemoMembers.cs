using System.Diagnostics;
using System.Globalization;
using Membership.Data;
using Membership.Dues;
using Membership.Members;
using static Membership.Members.MemberCategory;
using static Membership.Members.MembershipStatus;

namespace Membership.DemoData;

/// <summary>A generated member and their terms, oldest first: the last one is the current term.</summary>
internal sealed record DemoMember(Member Member, List<MembershipTerm> Terms);

/// <summary>What decides a demo member's story; the rest (address, birth date, phone) is drawn at random.</summary>
internal sealed record DemoProfile(
    string FirstName, string LastName, string? Email, MemberCategory Category, MembershipStatus Status, DemoAgency? Agency, bool DirectoryOptIn, int Renewals);

/// <summary>
/// Generates members whose terms give each membership status. Terms are built back from the current one:
/// each renewal ends the day before the next term starts, and no history reaches back more than three years.
/// </summary>
internal sealed class DemoMembers(Random random, AssociationCalendar calendar, IReadOnlyList<MembershipPlan> plans, IReadOnlyList<DemoAgency> agencies)
{
    private const int HistoryYears = 3;

    /// <summary>Percent of generated members in each status; Active takes the rest.</summary>
    private static readonly (MembershipStatus Status, int Percent)[] StatusShares =
        [(Grace, 8), (Lapsed, 10), (Pending, 8), (Suspended, 6), (Cancelled, 8)];

    private readonly DateOnly _today = calendar.Today();
    private readonly DateTimeOffset _now = calendar.Now();
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);

    public List<DemoMember> Create(int count)
    {
        if (count <= 0)
        {
            return [];
        }

        var members = new List<DemoMember> { Build(SignInMember()) };
        var statuses = Statuses(count - 1);
        for (var i = 0; i < statuses.Length; i++)
        {
            members.Add(Build(RandomProfile(statuses[i], i)));
        }

        return members;
    }

    /// <summary>The member the development sign-in is linked to by email.</summary>
    private DemoProfile SignInMember() =>
        new("Jordan", "Rivera", "member@example.org", Regular, Active, agencies[0], DirectoryOptIn: true, Renewals: 2);

    /// <summary>Exact counts per status, shuffled, so every status is well represented whatever the seed.</summary>
    private MembershipStatus[] Statuses(int count)
    {
        var statuses = Enumerable.Repeat(Active, count).ToArray();
        var next = 0;
        foreach (var (status, percent) in StatusShares)
        {
            for (var n = count * percent / 100; n > 0; n--)
            {
                statuses[next++] = status;
            }
        }

        random.Shuffle(statuses);
        return statuses;
    }

    private DemoProfile RandomProfile(MembershipStatus status, int index)
    {
        // The first members visit every agency; after that about one in twelve works for none.
        var agency = index < agencies.Count ? agencies[index] : random.Next(12) == 0 ? null : Pick(agencies);
        var life = status is Grace or Lapsed ? 0 : 1; // a lifetime term never expires
        var category = agency switch
        {
            null => PickWeighted((Associate, 3), (Retired, 4), (Student, 2), (Life, life)),
            { IsLawEnforcement: true } => PickWeighted((Regular, 24), (Associate, 2), (Retired, 1), (Student, 1), (Life, life)),
            _ => PickWeighted((Associate, 10), (Retired, 1), (Student, 1), (Life, life)),
        };
        return new(Pick(DemoNames.FirstNames), Pick(DemoNames.LastNames), null, category, status, agency, random.Next(10) < 6, random.Next(3));
    }

    private DemoMember Build(DemoProfile profile)
    {
        var home = profile.Agency ?? Pick(agencies);
        var lawEnforcement = profile.Agency?.IsLawEnforcement == true;
        var sworn = profile.Category == Regular || (profile.Category == Life && lawEnforcement);
        var age = profile.Category switch
        {
            Retired => random.Next(55, 66),
            Student => random.Next(25, 32),
            _ => random.Next(25, 66),
        };
        var id = RecordIds.New();
        var terms = Terms(id, profile);
        var current = terms[^1];
        var email = profile.Email ?? NewEmail(profile.FirstName, profile.LastName);
        var member = new Member
        {
            Id = id,
            FirstName = string.Empty,
            LastName = string.Empty,
            Email = email,
            EmailNormalized = MemberRules.NormalizeEmail(email),
            Phone = $"({home.AreaCode}) 555-01{TwoDigits()}",
            MailingAddress = new MailingAddress
            {
                Line1 = $"{random.Next(100, 9900)} {Pick(DemoNames.Streets)} {Pick(DemoNames.StreetKinds)}",
                Line2 = random.Next(5) == 0 ? $"Apt {random.Next(1, 40)}" : null,
                City = home.Agency.City,
                StateCode = home.Agency.StateCode,
                PostalCode = home.ZipPrefix + TwoDigits(),
            },
            DateOfBirth = _today.AddYears(-age).AddDays(-random.Next(365)),
            AgencyId = profile.Agency?.Agency.Id,
            AgencyConfirmedAt = profile.Agency is null ? null : _now,
            JobTitle = Pick(DemoNames.JobTitles(profile.Category, lawEnforcement)),
            Category = profile.Category,
            IsSwornOfficer = sworn,
            SroSince = sworn ? _today.AddYears(-random.Next(1, Math.Min(20, age - 22) + 1)).AddDays(-random.Next(365)) : null,
            StateCode = home.Agency.StateCode,
            DirectoryOptIn = profile.DirectoryOptIn,
            CreatedAt = terms[0].CreatedAt,
        };
        member.SetName(profile.FirstName, profile.LastName);

        // Staff actions come after the term was paid (or applied for), and before now.
        if (profile.Status == Suspended)
        {
            member.SuspendedAt = After(current.ActivatedAt ?? current.CreatedAt);
            member.SuspensionReason = Pick(DemoNames.SuspensionReasons);
        }
        else if (profile.Status == Cancelled)
        {
            current.CancelledAt = After(current.ActivatedAt ?? current.CreatedAt);
            current.CancellationReason = Pick(DemoNames.CancellationReasons);
        }

        member.UpdatedAt = member.SuspendedAt ?? current.CancelledAt ?? current.ActivatedAt ?? current.CreatedAt;
        return new DemoMember(member, terms);
    }

    private List<MembershipTerm> Terms(Guid memberId, DemoProfile profile)
    {
        var plan = CurrentPlan(profile.Category, profile.Status);
        var startsOn = CurrentStart(plan, profile.Status, profile.Renewals > 0);

        // A pending application is unpaid; one cancelled application in four was never paid either.
        var activate = profile.Status switch
        {
            Pending => false,
            Cancelled => random.Next(4) > 0,
            _ => true,
        };
        var terms = new List<MembershipTerm> { NewTerm(memberId, plan, startsOn, activate) };
        var earliest = _today.AddYears(-HistoryYears);
        for (var i = 0; i < profile.Renewals && plan.TermKind != TermKind.Lifetime; i++)
        {
            // Some long-standing Regular members first joined on the two-year plan that is no longer sold.
            var earlier = plan.Category == Regular && i == profile.Renewals - 1 && random.Next(3) == 0 ? Plan(DemoPlans.RegularTwoYearLegacy) : plan;
            startsOn = PreviousStart(earlier, startsOn);
            if (startsOn < earliest)
            {
                break;
            }

            terms.Insert(0, NewTerm(memberId, earlier, startsOn, activate: true));
        }

        return terms;
    }

    private MembershipPlan CurrentPlan(MemberCategory category, MembershipStatus status) => category switch
    {
        Regular when status is not (Grace or Lapsed) && random.Next(4) == 0 => Plan(DemoPlans.RegularSchoolYear),
        Regular when status is Lapsed && random.Next(5) == 0 => Plan(DemoPlans.RegularTwoYearLegacy),
        Regular => Plan(DemoPlans.RegularAnnual),
        Associate => Plan(DemoPlans.AssociateAnnual),
        Retired => Plan(DemoPlans.RetiredAnnual),
        Student => Plan(DemoPlans.StudentAnnual),
        _ => Plan(DemoPlans.Life),
    };

    /// <summary>A start date that gives the status: grace and lapsed use anniversary plans only.</summary>
    private DateOnly CurrentStart(MembershipPlan plan, MembershipStatus status, bool renewed)
    {
        if (plan.TermKind == TermKind.Lifetime)
        {
            return _today.AddDays(-random.Next(365 * HistoryYears));
        }

        switch (status)
        {
            case Pending:
                return _today.AddDays(-random.Next(21));
            case Grace:
                return EndedDaysAgo(plan, 2, 26);
            case Lapsed:
                return EndedDaysAgo(plan, plan.GraceDays + 15, 400);
        }

        if (plan.TermKind == TermKind.FixedPeriod)
        {
            // Renewals start with the period; a first term starts the day it was bought.
            var periodStart = TermCalculator.FixedPeriodStart(plan, _today);
            return renewed ? periodStart : periodStart.AddDays(random.Next(_today.DayNumber - periodStart.DayNumber + 1));
        }

        return _today.AddDays(-random.Next(330));
    }

    /// <summary>The start of an anniversary term that ended between <paramref name="min"/> and <paramref name="max"/> days ago, within the history years.</summary>
    private DateOnly EndedDaysAgo(MembershipPlan plan, int min, int max)
    {
        var endedToday = _today.AddMonths(-plan.TermMonths);
        max = Math.Min(max, endedToday.DayNumber - _today.AddYears(-HistoryYears).DayNumber);
        return endedToday.AddDays(1 - random.Next(min, max));
    }

    private static DateOnly PreviousStart(MembershipPlan plan, DateOnly next) => plan.TermKind == TermKind.FixedPeriod
        ? TermCalculator.FixedPeriodStart(plan, TermCalculator.FixedPeriodStart(plan, next).AddDays(-1))
        : next.AddMonths(-plan.TermMonths);

    private MembershipTerm NewTerm(Guid memberId, MembershipPlan plan, DateOnly startsOn, bool activate) =>
        TermCalculator.NewTerm(RecordIds.New(), memberId, plan, startsOn, At(startsOn), activate);

    private MembershipPlan Plan(string code) => plans.Single(p => p.Code == code);

    private string NewEmail(string firstName, string lastName)
    {
        var local = EmailPart(firstName) + "." + EmailPart(lastName);
        var domain = random.Next(2) == 0 ? "example.org" : "example.com";
        var email = $"{local}@{domain}";
        for (var n = 2; !_emails.Add(email); n++)
        {
            email = $"{local}{n}@{domain}";
        }

        return email;
    }

    /// <summary>ASCII letters of the search key: "Núñez" becomes "nunez", "O'Brien" "obrien".</summary>
    private static string EmailPart(string name) => new([.. TextKeys.Normalize(name).Where(char.IsAsciiLetter)]);

    /// <summary>A time in office hours on the day (Central time), never later than now.</summary>
    private DateTimeOffset At(DateOnly day)
    {
        var time = new DateTimeOffset(day.ToDateTime(new TimeOnly(14 + random.Next(8), random.Next(60))), TimeSpan.Zero);
        return time < _now ? time : _now;
    }

    private DateTimeOffset After(DateTimeOffset from) => from + ((_now - from) * random.NextDouble());

    private string TwoDigits() => random.Next(100).ToString("D2", CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private T PickWeighted<T>(params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new UnreachableException();
    }
}
