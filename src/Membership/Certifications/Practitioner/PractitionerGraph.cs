using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Courses;
using Membership.Certifications.Records;

namespace Membership.Certifications.Practitioner;

internal sealed class PractitionerChecklistType : ObjectGraphType<PractitionerChecklist>
{
    public PractitionerChecklistType()
    {
        Name = "PractitionerChecklist";
        Description = "How far a member is from the National SRO Practitioner designation, requirement by requirement.";
        Field(c => c.Eligible).Description("Every requirement is met: the member may apply.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PractitionerRequirementType>>>>("requirements").Resolve(c => c.Source.Requirements);
    }
}

internal sealed class PractitionerRequirementType : ObjectGraphType<PractitionerRequirement>
{
    public PractitionerRequirementType()
    {
        Name = "PractitionerRequirement";
        Field(r => r.Code).Description("Stable: YEARS_AS_SRO, CURRENT_EMPLOYMENT, BASIC_COURSE, ADVANCED_OR_SUPERVISORS_COURSE, FURTHER_TRAINING_HOURS, NATIONAL_CONFERENCE.");
        Field(r => r.Description);
        Field(r => r.Met);
        Field(r => r.Evidence).Description("What the records show for it.");
    }
}

internal sealed class PractitionerApplicationType : ObjectGraphType<PractitionerApplication>
{
    public const string TypeName = "PractitionerApplication";

    public PractitionerApplicationType()
    {
        Name = TypeName;
        this.Authorize();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<MemberType>("member").Resolve(c => c.Service<MemberLoaders>().Member.Load(c.Source.MemberId));
        Field<NonNullGraphType<ReviewStatusType>>("status").Resolve(c => c.Source.Status);
        Field(a => a.SubmittedAt);
        Field(a => a.ReviewedAt, nullable: true);
        Field(a => a.RejectionReason, nullable: true);
        Field<CertificateType>("certificate").Resolve(c => c.Source.CertificateId is { } id ? c.Service<CertificationLoaders>().Certificate.Load(id) : null);
    }
}

internal sealed class PractitionerRulesType : ObjectGraphType<PractitionerRules>
{
    public PractitionerRulesType()
    {
        Name = "PractitionerRules";
        Description = "The numbers and dates of the designation; data, changed by staff.";
        Field(r => r.MinimumYearsAsSro);
        Field(r => r.AssociationBasicOnlyFrom).Description("From this day only the association's Basic course counts.");
        Field<NonNullGraphType<FloatGraphType>>("furtherTrainingHours").Resolve(c => c.Source.FurtherTrainingMinutes / 60.0);
        Field(r => r.TrainingWindowYears);
        Field(r => r.MinimumConferences);
        Field(r => r.DesignationValidityMonths, nullable: true);
    }
}

internal sealed class PractitionerApplicationEdgeType() : EdgeType<PractitionerApplication, PractitionerApplicationType>(PractitionerApplicationType.TypeName);

internal sealed class PractitionerApplicationConnectionType()
    : ConnectionType<PractitionerApplication, PractitionerApplicationType, PractitionerApplicationEdgeType>(PractitionerApplicationType.TypeName);

internal static class PractitionerGraph
{
    private static readonly KeysetOrder<PractitionerApplication> BySubmission = new("application:submitted",
        KeyColumn<PractitionerApplication>.Ascending(a => a.SubmittedAt), KeyColumn<PractitionerApplication>.Ascending(a => a.Id));

    public static void AddPractitionerQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<PractitionerRulesType>>("practitionerRules").Description("The designation's requirements. Public.")
            .ResolveAsync(async c =>
            {
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                return await db.PractitionerRules.AsNoTracking().SingleAsync(c.CancellationToken);
            });

        query.Field<PractitionerApplicationConnectionType>("practitionerApplications")
            .Description("Applications for the designation, oldest first. Staff only.")
            .Argument<ReviewStatusType>("status", "Default: SUBMITTED.")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var status = c.GetArgument<ReviewStatus?>("status") ?? ReviewStatus.Submitted;
                return await KeysetPaging.PageAsync(c.Db(), db => db.PractitionerApplications.Where(a => a.Status == status), BySubmission, PageArgs.From(c), c.CancellationToken);
            });
    }

    public static void AddPractitionerMutations(this ObjectGraphType mutation)
    {
        // No input: the application is the member's records as they stand (nothing is stored beside them).
        mutation.Field<PractitionerApplicationPayloadType>("applyForPractitioner")
            .Description("The signed-in member applies for the designation; refused with one NOT_ELIGIBLE error per unmet requirement.")
            .AuthorizeWithPolicy(Policies.Member)
            .ResolveAsync(async c => await ApplyForPractitionerAsync(c));

        mutation.Mutation<PractitionerApplicationPayloadType, ReviewPractitionerApplicationInputType>("reviewPractitionerApplication",
                "Approves an application (the requirements are checked again and the designation certificate is issued) or rejects it with a reason. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ReviewPractitionerApplicationAsync(c));

        mutation.Mutation<PractitionerRulesPayloadType, UpdatePractitionerRulesInputType>("updatePractitionerRules",
                "Changes the designation's numbers and dates; they apply to every checklist from then on. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await UpdatePractitionerRulesAsync(c));
    }

    /// <summary>The member applies: refused while they hold the designation or an application waits, and for each unmet requirement.</summary>
    private static async Task<Payload<PractitionerApplication>> ApplyForPractitionerAsync(IResolveFieldContext c)
    {
        var calendar = c.Service<AssociationCalendar>();
        var memberId = c.Caller().MemberId!.Value;
        return await c.WriteAsync<PractitionerApplication>(async (db, errors, ct) =>
        {
            await LockMemberAsync(db, memberId, calendar, ct);
            if (await HoldsDesignationAsync(db, memberId, calendar.Today(), ct))
            {
                errors.Add(UserErrorCodes.AlreadyHeld, "You already hold the designation.");
            }
            else if (await db.PractitionerApplications.AnyAsync(a => a.MemberId == memberId && a.Status == ReviewStatus.Submitted, ct))
            {
                errors.Add(UserErrorCodes.AlreadyApplied, "Your application is already waiting for review.");
            }
            else
            {
                await CheckEligibleAsync(db, errors, memberId, calendar.Today(), ct);
            }

            var application = new PractitionerApplication { Id = RecordIds.New(), MemberId = memberId, Status = ReviewStatus.Submitted, SubmittedAt = calendar.Now() };
            if (!errors.Any)
            {
                db.PractitionerApplications.Add(application);
            }

            return application;
        });
    }

    /// <summary>Staff decide once; approving checks the requirements again and issues the designation certificate.</summary>
    private static Task<Payload<PractitionerApplication>> ReviewPractitionerApplicationAsync(IResolveFieldContext c)
    {
        var calendar = c.Service<AssociationCalendar>();
        return Reviews.ReviewAsync<PractitionerApplication>(c, PractitionerApplicationType.TypeName, (db, id, ct) => db.PractitionerApplications.SingleOrDefaultAsync(a => a.Id == id, ct),
            "No application has this ID.", "This application", async (db, errors, application, ct) =>
            {
                await CheckEligibleAsync(db, errors, application.MemberId, calendar.Today(), ct);
                if (!errors.Any)
                {
                    var holder = await db.Members.AsNoTracking().SingleAsync(m => m.Id == application.MemberId, ct);
                    var rules = await db.PractitionerRules.AsNoTracking().SingleAsync(ct);
                    var certificate = await CertificateIssuer.IssueAsync(db, calendar, holder, CertificateKind.Practitioner, null, calendar.Today(), rules.DesignationValidityMonths, ct);
                    application.CertificateId = certificate.Id;
                }
            });
    }

    private static async Task<Payload<PractitionerRules>> UpdatePractitionerRulesAsync(IResolveFieldContext c)
    {
        var input = Patch.From(c);
        var calendar = c.Service<AssociationCalendar>();
        return await c.WriteAsync<PractitionerRules>(async (db, errors, ct) =>
        {
            var rules = await db.PractitionerRules.SingleAsync(ct);
            rules.MinimumYearsAsSro = errors.InRange(input.GetValue<int>("minimumYearsAsSro") ?? rules.MinimumYearsAsSro, 0, 40, "input", "minimumYearsAsSro");
            rules.AssociationBasicOnlyFrom = input.GetValue<DateOnly>("associationBasicOnlyFrom") ?? rules.AssociationBasicOnlyFrom;
            if (input.GetValue<double>("furtherTrainingHours") is { } hours)
            {
                rules.FurtherTrainingMinutes = TrainingHours.ToMinutes(errors, hours, "input", "furtherTrainingHours");
            }

            rules.TrainingWindowYears = errors.InRange(input.GetValue<int>("trainingWindowYears") ?? rules.TrainingWindowYears, 1, 50, "input", "trainingWindowYears");
            rules.MinimumConferences = errors.InRange(input.GetValue<int>("minimumConferences") ?? rules.MinimumConferences, 0, 20, "input", "minimumConferences");
            if (input.Has("designationValidityMonths"))
            {
                rules.DesignationValidityMonths = input.GetValue<int>("designationValidityMonths");
                if (rules.DesignationValidityMonths is { } months)
                {
                    errors.InRange(months, 1, 240, "input", "designationValidityMonths");
                }
            }

            rules.UpdatedAt = calendar.Now();
            return rules;
        });
    }

    /// <summary>Takes the member's row lock for the transaction: two applications of one member wait for each other.</summary>
    private static Task<int> LockMemberAsync(MembershipDbContext db, Guid memberId, AssociationCalendar calendar, CancellationToken ct)
    {
        var now = calendar.Now();
        return db.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.UpdatedAt, now), ct);
    }

    private static Task<bool> HoldsDesignationAsync(MembershipDbContext db, Guid memberId, DateOnly today, CancellationToken ct) =>
        db.Certificates.AnyAsync(x => x.MemberId == memberId && x.Kind == CertificateKind.Practitioner && x.RevokedAt == null
            && x.ReplacedById == null && (x.ExpiresOn == null || x.ExpiresOn >= today), ct);

    private static async Task CheckEligibleAsync(MembershipDbContext db, UserErrors errors, Guid memberId, DateOnly today, CancellationToken ct)
    {
        var checklist = await PractitionerEvaluator.EvaluateAsync(db, memberId, today, ct);
        foreach (var requirement in checklist?.Requirements.Where(r => !r.Met) ?? [])
        {
            errors.Add(UserErrorCodes.NotEligible, $"{requirement.Description}: {requirement.Evidence}.", "requirements", requirement.Code);
        }
    }
}

internal sealed class ReviewPractitionerApplicationInputType : InputObjectGraphType<ReviewInput>
{
    public ReviewPractitionerApplicationInputType()
    {
        Name = "ReviewPractitionerApplicationInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<BooleanGraphType>>("approve");
        Field<StringGraphType>("reason").Description("Required when rejecting; shown to the member.");
    }
}

internal sealed class UpdatePractitionerRulesInputType : InputObjectGraphType
{
    public UpdatePractitionerRulesInputType()
    {
        Name = "UpdatePractitionerRulesInput";
        Description = "Only the fields given change.";
        Field<IntGraphType>("minimumYearsAsSro");
        Field<DateOnlyGraphType>("associationBasicOnlyFrom");
        Field<FloatGraphType>("furtherTrainingHours");
        Field<IntGraphType>("trainingWindowYears");
        Field<IntGraphType>("minimumConferences");
        Field<IntGraphType>("designationValidityMonths").Description("Null: the designation does not expire.");
    }
}

internal sealed class PractitionerApplicationPayloadType()
    : PayloadType<PractitionerApplication, PractitionerApplicationType>("PractitionerApplicationPayload", "application", "The application, or why not.");

internal sealed class PractitionerRulesPayloadType() : PayloadType<PractitionerRules, PractitionerRulesType>("PractitionerRulesPayload", "rules", "The rules as changed, or why not.");
