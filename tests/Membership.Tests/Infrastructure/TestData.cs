using Membership.Agencies;
using Membership.Data;
using Membership.Dues;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Infrastructure;

/// <summary>
/// Builds a test's own rows straight into the database (fast, for bulk and for states that take time to reach,
/// such as lapsed terms). What a test is about goes through GraphQL instead.
/// </summary>
public sealed class TestData(ApiFixture api)
{
    private static int _counter;

    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}x{Guid.NewGuid().ToString("N")[..6]}";

    public DateOnly Today => api.Services.GetRequiredService<AssociationCalendar>().Today();

    public async Task<Agency> AgencyAsync(string? name = null, string state = "AL", AgencyKind kind = AgencyKind.PoliceDepartment)
    {
        var agencyName = name ?? Unique("Agency ");
        var agency = new Agency
        {
            Id = Guid.CreateVersion7(),
            Name = agencyName,
            NameKey = TextKeys.Normalize(agencyName),
            Kind = kind,
            City = "Mobile",
            StateCode = state,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        await using var db = await api.Db.CreateDbContextAsync();
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        return agency;
    }

    public async Task<MembershipPlan> PlanAsync(MemberCategory category = MemberCategory.Regular, TermKind kind = TermKind.Anniversary, int months = 12, int graceDays = 30, bool active = true, long price = 7500)
    {
        var plan = new MembershipPlan
        {
            Id = Guid.CreateVersion7(),
            Code = Unique("PLAN-").ToUpperInvariant(),
            Name = "Test plan",
            Category = category,
            PriceAmount = price,
            Currency = "USD",
            TermKind = kind,
            TermMonths = kind == TermKind.Lifetime ? 0 : months,
            PeriodStartMonth = kind == TermKind.FixedPeriod ? 7 : null,
            GraceDays = graceDays,
            IsActive = active,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        await using var db = await api.Db.CreateDbContextAsync();
        db.MembershipPlans.Add(plan);
        await db.SaveChangesAsync();
        return plan;
    }

    /// <summary>Members with a current term; <paramref name="shape"/> sets anything on each before it is saved.</summary>
    public async Task<List<Member>> MembersAsync(int count, MembershipPlan plan, Agency? agency = null, DateOnly? termStart = null, bool activated = true,
        Action<Member, int>? shape = null, string? lastNamePrefix = null)
    {
        await using var db = await api.Db.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow;
        var members = new List<Member>();
        for (var i = 0; i < count; i++)
        {
            var last = (lastNamePrefix ?? Unique("Officer")) + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            var member = new Member
            {
                Id = Guid.CreateVersion7(),
                Number = await db.NextAsync(MemberNumbers.SequenceName, default),
                FirstName = "Test",
                LastName = last,
                Email = $"{Unique("m")}@example.org",
                EmailNormalized = string.Empty,
                Phone = "+1 205 555 0100",
                MailingAddress = new MailingAddress { Line1 = "1 Main St", City = "Mobile", StateCode = "AL", PostalCode = "36602" },
                DateOfBirth = new DateOnly(1985, 5, 17),
                AgencyId = agency?.Id,
                AgencyConfirmedAt = agency is null ? null : now,
                Category = plan.Category,
                IsSwornOfficer = plan.Category == MemberCategory.Regular,
                StateCode = agency?.StateCode ?? "AL",
                DirectoryOptIn = true,
                CreatedAt = now,
                UpdatedAt = now,
            };
            member.SetName(member.FirstName, last);
            member.EmailNormalized = MemberRules.NormalizeEmail(member.Email);
            shape?.Invoke(member, i);
            members.Add(member);
        }

        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        foreach (var member in members)
        {
            var term = TermCalculator.NewTerm(Guid.CreateVersion7(), member.Id, plan, termStart ?? Today, now, activated);
            db.MembershipTerms.Add(term);
            member.CurrentTermId = term.Id;
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return members;
    }

    public async Task<Member> MemberAsync(MembershipPlan plan, Agency? agency = null, DateOnly? termStart = null, bool activated = true, Action<Member>? shape = null) =>
        (await MembersAsync(1, plan, agency, termStart, activated, shape is null ? null : (m, _) => shape(m)))[0];

    public static string Id(string typeName, Guid key) => GlobalId.Encode(typeName, key);

    public static string MemberId(Member member) => GlobalId.Encode("Member", member.Id);

    public static string AgencyId(Agency agency) => GlobalId.Encode("Agency", agency.Id);

    public static string PlanId(MembershipPlan plan) => GlobalId.Encode("MembershipPlan", plan.Id);
}
