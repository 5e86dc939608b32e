using Membership.Agencies;
using Membership.Data;
using Membership.Dues;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members;

/// <summary>
/// Making a member with a first term: the checks and writes staff registration (registerMember) and self-service
/// joining (joinAssociation) share. Runs inside the caller's transaction; reports problems as user errors.
/// </summary>
internal static class MemberRegistration
{
    /// <summary>How far a first term may be back-dated or start ahead.</summary>
    private const int MaxDaysBack = 366;
    private const int MaxDaysAhead = 90;

    public static async Task<Member?> RegisterAsync(MembershipDbContext db, UserErrors errors, RegisterMemberInput input, AssociationCalendar calendar, CancellationToken ct) =>
        await CheckAsync(db, errors, input, calendar, emailMustBeFree: true, ct) is { } application ? await AddAsync(db, application, input.Activate, calendar, ct) : null;

    /// <summary>A checked registration, not yet written.</summary>
    internal sealed record Application(Member Member, MembershipPlan Plan, DateOnly StartsOn);

    /// <summary>
    /// Every check, and no write; null with user errors when the input fails one. joinAssociation leaves out the check that
    /// the address is free: its answer must not tell whether an address is in use.
    /// </summary>
    public static async Task<Application?> CheckAsync(MembershipDbContext db, UserErrors errors, RegisterMemberInput input, AssociationCalendar calendar,
        bool emailMustBeFree, CancellationToken ct)
    {
        var today = calendar.Today();
        var now = calendar.Now();
        var states = await AgencyMutations.StateCodesAsync(db, ct);
        var member = new Member
        {
            Id = RecordIds.New(),
            FirstName = string.Empty,
            LastName = string.Empty,
            Email = errors.Email(input.Email, MemberRules.EmailMaxLength, "input", "email"),
            EmailNormalized = string.Empty,
            Phone = errors.Phone(input.Phone, "input", "phone"),
            MailingAddress = CheckAddress(errors, input.MailingAddress, states),
            DateOfBirth = input.DateOfBirth,
            JobTitle = errors.OptionalName(input.JobTitle, MemberRules.JobTitleMaxLength, "input", "jobTitle"),
            Category = input.Category,
            IsSwornOfficer = input.SwornOfficer,
            SroSince = input.SroSince,
            StateCode = AgencyMutations.CheckState(errors, input.State, states, "input", "state"),
            DirectoryOptIn = input.DirectoryOptIn,
            CreatedAt = now,
            UpdatedAt = now,
        };
        member.SetName(
            errors.RequiredName(input.FirstName, MemberRules.NameMaxLength, "input", "firstName"),
            errors.RequiredName(input.LastName, MemberRules.NameMaxLength, "input", "lastName"));
        member.EmailNormalized = MemberRules.NormalizeEmail(member.Email);
        MemberRules.CheckDateOfBirth(errors, member.DateOfBirth, today, "input", "dateOfBirth");
        MemberRules.CheckSroSince(errors, member.SroSince, member.DateOfBirth, today, "input", "sroSince");
        MemberRules.CheckCategory(errors, member.Category, member.IsSwornOfficer, "input", "category");
        member.AgencyId = await CheckAgencyAsync(db, errors, input.AgencyId, ct);
        member.AgencyConfirmedAt = member.AgencyId is null ? null : now; // staff registering; joinAssociation clears it
        if (emailMustBeFree)
        {
            await CheckEmailFreeAsync(db, errors, member, ct);
        }

        var startsOn = input.StartsOn ?? today;
        if (startsOn < today.AddDays(-MaxDaysBack) || startsOn > today.AddDays(MaxDaysAhead))
        {
            errors.Add(UserErrorCodes.DateOutOfRange, $"'startsOn' must be within {MaxDaysBack} days before and {MaxDaysAhead} days after today.", "input", "startsOn");
        }

        var plan = await CheckPlanAsync(db, errors, input.PlanId, member.Category, ct);
        return errors.Any || plan is null ? null : new Application(member, plan, startsOn);
    }

    /// <summary>Writes a checked registration: the member with its number, then its first term.</summary>
    public static async Task<Member> AddAsync(MembershipDbContext db, Application application, bool activate, AssociationCalendar calendar, CancellationToken ct)
    {
        var (member, plan, startsOn) = application;
        var now = calendar.Now();
        member.Number = await db.NextAsync(MemberNumbers.SequenceName, ct);
        db.Members.Add(member);
        await db.SaveChangesAsync(ct); // the member row first: the term and the member point at each other

        var term = TermCalculator.NewTerm(RecordIds.New(), member.Id, plan, startsOn, now, activate);
        db.MembershipTerms.Add(term);
        member.CurrentTermId = term.Id;
        return member;
    }

    internal static MailingAddress? CheckAddress(UserErrors errors, MailingAddressInput? input, HashSet<string> states)
    {
        var address = MemberRules.CheckAddress(errors, input, "input", "mailingAddress");
        if (address is not null && address.StateCode.Length == 2 && !states.Contains(address.StateCode))
        {
            errors.Add(UserErrorCodes.InvalidState, $"'{address.StateCode}' is not a US state, district or territory code.", "input", "mailingAddress", "state");
        }

        return address;
    }

    internal static async Task<Guid?> CheckAgencyAsync(MembershipDbContext db, UserErrors errors, string? agencyId, CancellationToken ct, string field = "agencyId")
    {
        if (string.IsNullOrEmpty(agencyId) || errors.Id(agencyId, AgencyType.TypeName, "input", field) is not { } id)
        {
            return null;
        }

        if (!await db.Agencies.AnyAsync(a => a.Id == id, ct))
        {
            errors.Add(UserErrorCodes.NotFound, "No agency has this ID.", "input", field);
        }

        return id;
    }

    internal static async Task<MembershipPlan?> CheckPlanAsync(MembershipDbContext db, UserErrors errors, string? planId, MemberCategory category, CancellationToken ct)
    {
        if (errors.Id(planId, MembershipPlanType.TypeName, "input", "planId") is not { } id)
        {
            return null;
        }

        var plan = await db.MembershipPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            errors.Add(UserErrorCodes.NotFound, "No plan has this ID.", "input", "planId");
        }
        else if (!plan.IsActive)
        {
            errors.Add(UserErrorCodes.PlanInactive, $"Plan {plan.Code} is no longer offered.", "input", "planId");
        }
        else if (plan.Category != category)
        {
            errors.Add(UserErrorCodes.PlanCategoryMismatch, $"Plan {plan.Code} is for {plan.Category} members, not {category}.", "input", "planId");
        }

        return plan;
    }

    internal static async Task CheckEmailFreeAsync(MembershipDbContext db, UserErrors errors, Member member, CancellationToken ct)
    {
        if (member.EmailNormalized.Length > 0 && await db.Members.AnyAsync(m => m.EmailNormalized == member.EmailNormalized && m.Id != member.Id, ct))
        {
            errors.Add(UserErrorCodes.EmailTaken, "Another member already uses this e-mail address.", "input", "email");
        }
    }

    internal static UserError? EmailConflict(DbUpdateException e) =>
        DbErrors.ConstraintName(e)?.Contains(nameof(Member.EmailNormalized), StringComparison.Ordinal) == true
            ? new(UserErrorCodes.EmailTaken, "Another member already uses this e-mail address.", ["input", "email"])
            : null;
}
