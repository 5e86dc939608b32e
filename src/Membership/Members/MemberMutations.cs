using GraphQL;
using GraphQL.Types;
using Membership.Agencies;
using Membership.Data;
using Membership.Dues;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Identity.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members;

internal static class MemberMutations
{
    public static void AddMemberMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<RegisterMemberPayloadType, RegisterMemberInputType>("registerMember",
                "Registers a member with a first term under a plan; PENDING until paid unless activated. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await RegisterAsync(c, c.GetArgument<RegisterMemberInput>("input")));

        mutation.Mutation<UpdateMemberPayloadType, UpdateMemberInputType>("updateMember",
                "Changes the given fields of a member, their agency included (members cannot change their own agency). Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await UpdateAsync(c, Patch.From(c), self: null));

        mutation.Mutation<UpdateMemberPayloadType, UpdateMyProfileInputType>("updateMyProfile",
                "The signed-in member changes their own contact details and directory listing. Name, e-mail, agency, category and dates are changed by staff (updateMember).")
            .AuthorizeWithPolicy(Policies.Member)
            .ResolveAsync(async c => await UpdateAsync(c, Patch.From(c), self: c.Caller().MemberId));

        mutation.Mutation<SuspendMemberPayloadType, SuspendMemberInputType>("suspendMember",
                "Suspends a member: status SUSPENDED, not in good standing, until reinstated. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, (member, term, input, errors, now) =>
            {
                var reason = errors.RequiredText(input.Reason, MemberRules.ReasonMaxLength, "input", "reason");
                if (member.SuspendedAt is not null)
                {
                    errors.Add(UserErrorCodes.AlreadySuspended, "The member is already suspended.", "input", "memberId");
                }

                member.SuspendedAt = now;
                member.SuspensionReason = reason;
            }, closes: true));

        mutation.Mutation<ReinstateMemberPayloadType, ReinstateMemberInputType>("reinstateMember",
                "Lifts a suspension; the status follows from the dates again. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, (member, term, input, errors, now) =>
            {
                if (member.SuspendedAt is null)
                {
                    errors.Add(UserErrorCodes.NotSuspended, "The member is not suspended.", "input", "memberId");
                }

                member.SuspendedAt = null;
                member.SuspensionReason = null;
            }));

        mutation.Mutation<CancelMembershipPayloadType, CancelMembershipInputType>("cancelMembership",
                "Cancels the member's current term: status CANCELLED until a new term starts. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, (member, term, input, errors, now) =>
            {
                var reason = errors.RequiredText(input.Reason, MemberRules.ReasonMaxLength, "input", "reason");
                if (term is null)
                {
                    errors.Add(UserErrorCodes.NotFound, "The member has no membership term to cancel.", "input", "memberId");
                    return;
                }

                if (term.CancelledAt is not null)
                {
                    errors.Add(UserErrorCodes.AlreadyCancelled, "The membership is already cancelled.", "input", "memberId");
                }

                term.CancelledAt = now;
                term.CancellationReason = reason;
            }, closes: true));
    }

    private static Task<Payload<Member>> RegisterAsync(IResolveFieldContext context, RegisterMemberInput input)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<Member>(async (db, errors, ct) =>
        {
            var member = await MemberRegistration.RegisterAsync(db, errors, input, calendar, ct);
            if (member is not null && !errors.Any && AccountInvitations.Refusal(member, hasAccount: false) is null)
            {
                // In the registration's transaction: the member and the mail inviting them to claim an account exist together.
                AccountInvitations.Queue(db, context.RequestServices!, member, existing: null, context.Caller().Subject ?? "staff");
            }

            return member;
        }, MemberRegistration.EmailConflict);
    }

    /// <summary>Applies the fields present in the input: staff name the member (any field); a member changes themself (their input type holds fewer fields).</summary>
    private static async Task<Payload<Member>> UpdateAsync(IResolveFieldContext context, Patch input, Guid? self)
    {
        var calendar = context.Service<AssociationCalendar>();
        var today = calendar.Today();
        Account? moved = null;
        var payload = await context.WriteAsync<Member>(async (db, errors, ct) =>
        {
            moved = null;
            if ((self ?? errors.Id(input.Get<string>("id"), MemberType.TypeName, "input", "id")) is not { } id)
            {
                return null;
            }

            var member = await db.Members.SingleOrDefaultAsync(m => m.Id == id, ct);
            if (member is null)
            {
                errors.Add(UserErrorCodes.NotFound, "No member has this ID.", "input", "id");
                return null;
            }

            var states = await AgencyMutations.StateCodesAsync(db, ct);
            if (input.Has("firstName") || input.Has("lastName"))
            {
                member.SetName(
                    input.Has("firstName") ? errors.RequiredName(input.Get<string>("firstName"), MemberRules.NameMaxLength, "input", "firstName") : member.FirstName,
                    input.Has("lastName") ? errors.RequiredName(input.Get<string>("lastName"), MemberRules.NameMaxLength, "input", "lastName") : member.LastName);
            }

            if (input.Has("email"))
            {
                member.Email = errors.Email(input.Get<string>("email"), MemberRules.EmailMaxLength, "input", "email");
                member.EmailNormalized = MemberRules.NormalizeEmail(member.Email);
                await MemberRegistration.CheckEmailFreeAsync(db, errors, member, ct);
                if (!errors.Any)
                {
                    // The sign-in address follows the contact address (staff only: members change theirs on /account/change-email).
                    moved = await AccountAddress.FollowMemberAsync(db, context.Service<ILookupNormalizer>(), errors, member, calendar, ct);
                }
            }

            if (input.Has("phone"))
            {
                member.Phone = errors.Phone(input.Get<string>("phone"), "input", "phone");
            }

            if (input.Has("mailingAddress"))
            {
                member.MailingAddress = MemberRegistration.CheckAddress(errors, input.Get<MailingAddressInput>("mailingAddress"), states);
            }

            if (input.Has("dateOfBirth"))
            {
                member.DateOfBirth = input.GetValue<DateOnly>("dateOfBirth");
            }

            if (input.Has("agencyId"))
            {
                member.AgencyId = await MemberRegistration.CheckAgencyAsync(db, errors, input.Get<string>("agencyId"), ct);
                member.AgencyConfirmedAt = member.AgencyId is null ? null : calendar.Now(); // staff set or confirm it
            }

            if (input.Has("jobTitle"))
            {
                member.JobTitle = errors.OptionalName(input.Get<string>("jobTitle"), MemberRules.JobTitleMaxLength, "input", "jobTitle");
            }

            if (input.GetValue<MemberCategory>("category") is { } category && category != member.Category)
            {
                member.Category = category;
                await CheckCurrentPlanAsync(db, errors, member, ct);
            }

            member.IsSwornOfficer = input.GetValue<bool>("swornOfficer") ?? member.IsSwornOfficer;
            member.DirectoryOptIn = input.GetValue<bool>("directoryOptIn") ?? member.DirectoryOptIn;
            member.RenewalRemindersOff = input.GetValue<bool>("renewalRemindersEnabled") is { } reminders ? !reminders : member.RenewalRemindersOff;
            if (input.Has("sroSince"))
            {
                member.SroSince = input.GetValue<DateOnly>("sroSince");
            }

            if (input.Has("state"))
            {
                member.StateCode = AgencyMutations.CheckState(errors, input.Get<string>("state"), states, "input", "state");
            }

            MemberRules.CheckDateOfBirth(errors, member.DateOfBirth, today, "input", "dateOfBirth");
            MemberRules.CheckSroSince(errors, member.SroSince, member.DateOfBirth, today, "input", "sroSince");
            MemberRules.CheckCategory(errors, member.Category, member.IsSwornOfficer, "input", "category");
            member.UpdatedAt = calendar.Now();
            return member;
        }, e => MemberRegistration.EmailConflict(e) ?? AccountAddress.Conflict(e));
        if (payload.Result is not null && moved is not null)
        {
            await AccountAddress.EndSessionsAsync(context, moved.Id);
        }

        return payload;
    }

    /// <summary>A new category must still match the plan of the member's current term, as at registration.</summary>
    private static async Task CheckCurrentPlanAsync(MembershipDbContext db, UserErrors errors, Member member, CancellationToken ct)
    {
        var plan = member.CurrentTermId is { } termId
            ? await db.MembershipTerms.AsNoTracking().Where(t => t.Id == termId).Select(t => t.Plan).SingleOrDefaultAsync(ct)
            : null;
        if (plan is not null && plan.Category != member.Category)
        {
            errors.Add(UserErrorCodes.PlanCategoryMismatch,
                $"The current term's plan {plan.Code} is for {plan.Category} members, not {member.Category}; start a term under a {member.Category} plan first.", "input", "category");
        }
    }

    /// <summary>
    /// Loads a member and its current term for a staff action on them, saved only if the action reports no error. An
    /// action that <paramref name="closes"/> the membership then ends its automatic renewal at Stripe, after the commit
    /// and quietly (what fails is left for reconciliation: see ClosedMemberships).
    /// </summary>
    private static async Task<Payload<Member>> ChangeAsync(IResolveFieldContext context, Action<Member, MembershipTerm?, MemberReasonInput, UserErrors, DateTimeOffset> change,
        bool closes = false)
    {
        var input = context.GetArgument<MemberReasonInput>("input");
        var calendar = context.Service<AssociationCalendar>();
        var payload = await context.WriteAsync<Member>(async (db, errors, ct) =>
        {
            if (errors.Id(input.MemberId, MemberType.TypeName, "input", "memberId") is not { } id)
            {
                return null;
            }

            // The member's row lock first, as payments take it before giving a new term: a cancellation never lands on
            // a term that a payment applied at the same moment has just replaced.
            await MemberLocks.LockAsync(db, [id], ct);
            var member = await db.Members.Include(m => m.CurrentTerm).SingleOrDefaultAsync(m => m.Id == id, ct);
            if (member is null)
            {
                errors.Add(UserErrorCodes.NotFound, "No member has this ID.", "input", "memberId");
                return null;
            }

            var now = calendar.Now();
            change(member, member.CurrentTerm, input, errors, now);
            member.UpdatedAt = now;
            return member;
        });
        if (closes && payload.Result is { } closed)
        {
            await context.Service<Dues.Payments.ClosedMemberships>().EndAutoRenewalsAsync(closed.Id, context.CancellationToken);
        }

        return payload;
    }
}
