using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Membership.Agencies;
using Membership.Dues;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Regions;

namespace Membership.Members;

internal sealed class MemberType : ObjectGraphType<Member>
{
    public const string TypeName = "Member";

    /// <param name="extensions">Fields other features add to a member (certificates, dues, tickets).</param>
    public MemberType(IEnumerable<FieldsOf<Member>> extensions)
    {
        Name = TypeName;
        Description = "A member of the association. Directory readers see the directory fields (number, name, agency, job title, category, "
            + "sworn officer, SRO since, state, region, listing, member since) of the directory: members who opted in, are confirmed and are current (ACTIVE or GRACE). Private fields (contact details, "
            + "date of birth, membership status and standing, terms, and the like) are readable only by the member themself and staff; "
            + "others get null and a FORBIDDEN error for them.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is Member;
        this.Authorize();

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("memberNumber").Description("Issued in sequence, e.g. M-000123.").Resolve(c => c.Source.MemberNumber);
        Field(m => m.FirstName);
        Field(m => m.LastName);
        Field<NonNullGraphType<StringGraphType>>("fullName").Resolve(c => $"{c.Source.FirstName} {c.Source.LastName}");

        Field(m => m.Email, nullable: true).PersonalData(m => m.Id);
        Field(m => m.Phone, nullable: true).PersonalData(m => m.Id);
        Field<MailingAddressType>("mailingAddress").PersonalData(m => m.Id).Resolve(c => c.Source.MailingAddress);
        Field(m => m.DateOfBirth, nullable: true).PersonalData(m => m.Id);

        Field<AgencyType>("agency").Description("Where the member works: for others only once staff confirmed it (the member and staff also see an unconfirmed claim).")
            .Resolve(c => MemberVisibility.ShownAgencyId(c.Source, c.Caller()) is { } id ? c.Service<AgencyLoaders>().Agency.Load(id) : null);
        Field(m => m.AgencyConfirmedAt, nullable: true)
            .Description("When staff set or confirmed the agency (updateMember). An agency named on joining is a claim until then: it gives no "
                + "right to act for the agency (ticket blocks, group dues) and partner agencies do not see the member as their officer. Private: the member and staff.")
            .PersonalData(m => m.Id);
        Field(m => m.JobTitle, nullable: true);
        Field<NonNullGraphType<MemberCategoryType>>("category").Resolve(c => c.Source.Category);
        Field<NonNullGraphType<BooleanGraphType>>("swornOfficer").Description("A sworn law-enforcement officer.").Resolve(c => c.Source.IsSwornOfficer);
        Field(m => m.SroSince, nullable: true).Description("First day as a school resource officer.");
        Field<NonNullGraphType<StateType>>("state").Description("The state the member lives and works in.")
            .Resolve(c => c.Service<RegionLoaders>().State.Load(c.Source.StateCode));
        Field<NonNullGraphType<RegionType>>("region").Description("Follows from the state.")
            .Resolve(c => c.Service<RegionLoaders>().State.Load(c.Source.StateCode).Then(state => state?.Region));
        Field(m => m.DirectoryOptIn).Description("Listed in the member directory.");
        Field<BooleanGraphType>("renewalRemindersEnabled").Description("Whether renewal reminders are mailed (the member turns them off with updateMyProfile). Private: the member and staff.")
            .PersonalData(m => m.Id).Resolve(c => !c.Source.RenewalRemindersOff);

        Field<MembershipStatusType>("membershipStatus")
            .Description("Computed from the current term's dates and staff flags when read. Private: the member and staff.")
            .PersonalData(m => m.Id)
            .Resolve(c => CurrentTerm(c.Source, c.Service<MemberLoaders>()).Then(t => MembershipStatusRules.Compute(t, c.Source.SuspendedAt, c.Today())));
        Field<BooleanGraphType>("inGoodStanding")
            .Description("Dues paid and not expired (grace counts), not suspended or cancelled. Private: the member and staff.")
            .PersonalData(m => m.Id)
            .Resolve(c => CurrentTerm(c.Source, c.Service<MemberLoaders>())
                .Then(t => MembershipStatusRules.IsInGoodStanding(MembershipStatusRules.Compute(t, c.Source.SuspendedAt, c.Today()))));
        Field<MembershipTermType>("currentTerm").Description("The term that decides the status.").PersonalData(m => m.Id)
            .Resolve(c => CurrentTerm(c.Source, c.Service<MemberLoaders>()).Then(t => t is null ? null : new TermOfMember(t, c.Source)));
        Field<ListGraphType<NonNullGraphType<MembershipTermType>>>("terms").Description("Every term, newest first.").PersonalData(m => m.Id)
            .Resolve(c => c.Service<MemberLoaders>().TermsOfMember.Load(c.Source.Id).Then(ts => ts.Select(t => new TermOfMember(t, c.Source))));
        Field(m => m.SuspendedAt, nullable: true).AuthorizeWithPolicy(Policies.Staff);
        Field(m => m.SuspensionReason, nullable: true).AuthorizeWithPolicy(Policies.Staff);
        Field(m => m.CreatedAt).Description("Member since.");
        Field(m => m.UpdatedAt, nullable: true).Description("Last change to the record (a suspension is one). Private: the member and staff.").PersonalData(m => m.Id);
        this.ApplyFieldsOf(extensions);
    }

    private static IDataLoaderResult<MembershipTerm?> CurrentTerm(Member member, MemberLoaders loaders) =>
        member.CurrentTermId is { } id ? loaders.Term.Load(id) : LoaderResult.Of<MembershipTerm?>(null);
}

/// <summary>A term seen from its member: status needs the member's suspension and whether the term is current.</summary>
internal sealed record TermOfMember(MembershipTerm Term, Member Member)
{
    public MembershipStatus Status(DateOnly today) =>
        MembershipStatusRules.Compute(Term, Member.CurrentTermId == Term.Id ? Member.SuspendedAt : null, today);
}

internal sealed class MembershipTermType : ObjectGraphType<TermOfMember>
{
    public MembershipTermType()
    {
        Name = "MembershipTerm";
        Description = "One period of membership under a plan.";
        Field<NonNullGraphType<MembershipPlanType>>("plan").Resolve(c => c.Service<MemberLoaders>().Plan.Load(c.Source.Term.PlanId));
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Resolve(c => c.Source.Term.StartsOn);
        Field<DateOnlyGraphType>("endsOn").Description("Last day; null for life memberships.").Resolve(c => c.Source.Term.EndsOn);
        Field<DateOnlyGraphType>("graceEndsOn").Description("Last day of the grace window.").Resolve(c => c.Source.Term.GraceEndsOn);
        Field<NonNullGraphType<MembershipStatusType>>("status")
            .Description("This term's status today, computed from its dates and staff flags.")
            .Resolve(c => c.Source.Status(c.Today()));
        Field<NonNullGraphType<BooleanGraphType>>("inGoodStanding").Resolve(c => MembershipStatusRules.IsInGoodStanding(c.Source.Status(c.Today())));
        Field<DateTimeOffsetGraphType>("activatedAt").Description("When it was paid or granted; null while pending.").Resolve(c => c.Source.Term.ActivatedAt);
        Field<DateTimeOffsetGraphType>("cancelledAt").Resolve(c => c.Source.Term.CancelledAt);
        Field<DateTimeOffsetGraphType>("refundedAt").Description("Its payment was refunded in full: the term no longer counts.").Resolve(c => c.Source.Term.RefundedAt);
        Field<StringGraphType>("cancellationReason").AuthorizeWithPolicy(Policies.Staff).Resolve(c => c.Source.Term.CancellationReason);
    }
}

internal sealed class MailingAddressType : ObjectGraphType<MailingAddress>
{
    public MailingAddressType()
    {
        Name = "MailingAddress";
        Field(a => a.Line1);
        Field(a => a.Line2, nullable: true);
        Field(a => a.City);
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(c => c.Source.StateCode);
        Field(a => a.PostalCode);
    }
}

internal sealed class MemberCategoryType : EnumerationGraphType<MemberCategory>
{
    public MemberCategoryType()
    {
        Name = "MemberCategory";
        Description = "REGULAR members are sworn officers (vote, may hold office); ASSOCIATE members are other school-safety staff.";
    }
}

internal sealed class MembershipStatusType : EnumerationGraphType<MembershipStatus>
{
    public MembershipStatusType()
    {
        Name = "MembershipStatus";
    }
}

internal sealed class MemberEdgeType() : EdgeType<Member, MemberType>(MemberType.TypeName);

internal sealed class MemberConnectionType() : ConnectionType<Member, MemberType, MemberEdgeType>(MemberType.TypeName);
