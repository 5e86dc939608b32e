using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Courses;

namespace Membership.Certifications.Records;

internal sealed class InServiceTrainingType : ObjectGraphType<InServiceTraining>
{
    public const string TypeName = "InServiceTraining";

    public InServiceTrainingType()
    {
        Name = TypeName;
        Description = "In-service training a member reported; it counts toward the designation once approved.";
        this.Authorize();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<MemberType>("member").Resolve(c => c.Service<MemberLoaders>().Member.Load(c.Source.MemberId));
        Field(t => t.Title);
        Field(t => t.Provider);
        Field(t => t.CompletedOn);
        Field<NonNullGraphType<FloatGraphType>>("hours").Resolve(c => c.Source.DurationMinutes / 60.0);
        Field<NonNullGraphType<TrainingCategoryType>>("category").Resolve(c => c.Source.Category);
        Field<NonNullGraphType<ReviewStatusType>>("status").Resolve(c => c.Source.Status);
        Field(t => t.SubmittedAt);
        Field(t => t.ReviewedAt, nullable: true);
        Field(t => t.RejectionReason, nullable: true).Description("Why staff did not count it; shown to the member.");
    }
}

internal sealed class TrainingCategoryType : EnumerationGraphType<TrainingCategory>
{
    public TrainingCategoryType() => Name = "TrainingCategory";
}

internal sealed class ReviewStatusType : EnumerationGraphType<ReviewStatus>
{
    public ReviewStatusType() => Name = "ReviewStatus";
}

internal sealed class ConferenceAttendanceType : ObjectGraphType<ConferenceAttendance>
{
    public ConferenceAttendanceType()
    {
        Name = "ConferenceAttendance";
        Field(a => a.Year);
        Field(a => a.AttendedOn);
        Field(a => a.Source).Description("STAFF or CHECK_IN.");
    }
}

internal sealed class InServiceTrainingEdgeType() : EdgeType<InServiceTraining, InServiceTrainingType>(InServiceTrainingType.TypeName);

internal sealed class InServiceTrainingConnectionType() : ConnectionType<InServiceTraining, InServiceTrainingType, InServiceTrainingEdgeType>(InServiceTrainingType.TypeName);

internal static class TrainingGraph
{
    private static readonly KeysetOrder<InServiceTraining> BySubmission = new("training:submitted",
        KeyColumn<InServiceTraining>.Ascending(t => t.SubmittedAt), KeyColumn<InServiceTraining>.Ascending(t => t.Id));

    public static void AddTrainingQueries(this ObjectGraphType query)
    {
        query.Field<InServiceTrainingConnectionType>("inServiceTrainings")
            .Description("Reported in-service training, oldest first: the review queue. Staff only.")
            .Argument<ReviewStatusType>("status", "Default: SUBMITTED.")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var status = c.GetArgument<ReviewStatus?>("status") ?? ReviewStatus.Submitted;
                return await KeysetPaging.PageAsync(c.Db(), db => db.InServiceTrainings.Where(t => t.Status == status), BySubmission, PageArgs.From(c), c.CancellationToken);
            });
    }

    public static void AddTrainingMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<InServiceTrainingPayloadType, SubmitInServiceTrainingInputType>("submitInServiceTraining",
                "The signed-in member reports in-service training for staff to review.")
            .AuthorizeWithPolicy(Policies.Member)
            .ResolveAsync(async c => await SubmitInServiceTrainingAsync(c));

        mutation.Mutation<InServiceTrainingPayloadType, ReviewInServiceTrainingInputType>("reviewInServiceTraining",
                "Approves reported training (it then counts toward the designation) or rejects it with a reason. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ReviewInServiceTrainingAsync(c));

        mutation.Mutation<ConferenceAttendancePayloadType, RecordConferenceAttendanceInputType>("recordConferenceAttendance",
                "Records that a member attended the national conference of a year (conference check-ins record it too). Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await RecordConferenceAttendanceAsync(c));
    }

    private static async Task<Payload<InServiceTraining>> SubmitInServiceTrainingAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<SubmitTrainingInput>("input");
        var calendar = c.Service<AssociationCalendar>();
        var memberId = c.Caller().MemberId!.Value;
        return await c.WriteAsync<InServiceTraining>((db, errors, ct) =>
        {
            var training = new InServiceTraining
            {
                Id = RecordIds.New(),
                MemberId = memberId,
                Title = errors.RequiredText(input.Title, 200, "input", "title"),
                Provider = errors.RequiredText(input.Provider, 200, "input", "provider"),
                CompletedOn = errors.NotInFuture(input.CompletedOn, calendar.Today(), "input", "completedOn") ?? default,
                DurationMinutes = TrainingHours.ToMinutes(errors, input.Hours, "input", "hours"),
                Category = input.Category,
                Status = ReviewStatus.Submitted,
                SubmittedAt = calendar.Now(),
            };
            db.InServiceTrainings.Add(training);
            return Task.FromResult<InServiceTraining?>(training);
        });
    }

    private static Task<Payload<InServiceTraining>> ReviewInServiceTrainingAsync(IResolveFieldContext c) =>
        Reviews.ReviewAsync<InServiceTraining>(c, InServiceTrainingType.TypeName, (db, id, ct) => db.InServiceTrainings.SingleOrDefaultAsync(t => t.Id == id, ct),
            "No reported training has this ID.", "This");

    private static async Task<Payload<ConferenceAttendance>> RecordConferenceAttendanceAsync(IResolveFieldContext c)
    {
        var input = c.GetArgument<ConferenceAttendanceInput>("input");
        var calendar = c.Service<AssociationCalendar>();
        return await c.WriteAsync<ConferenceAttendance>(async (db, errors, ct) =>
        {
            var memberId = errors.Id(input.MemberId, MemberType.TypeName, "input", "memberId");
            if (memberId is { } id && !await db.Members.AnyAsync(m => m.Id == id, ct))
            {
                errors.Add(UserErrorCodes.NotFound, "No member has this ID.", "input", "memberId");
            }

            var attendedOn = errors.NotInFuture(input.AttendedOn, calendar.Today(), "input", "attendedOn") ?? default;
            if (memberId is { } mid && await db.ConferenceAttendances.AnyAsync(a => a.MemberId == mid && a.Year == attendedOn.Year, ct))
            {
                errors.Add(UserErrorCodes.AlreadyRecorded, $"Attendance of {attendedOn.Year} is already recorded.", "input", "attendedOn");
            }

            var attendance = new ConferenceAttendance
            {
                Id = RecordIds.New(), MemberId = memberId ?? Guid.Empty, Year = attendedOn.Year, AttendedOn = attendedOn, Source = "STAFF", RecordedAt = calendar.Now(),
            };
            if (!errors.Any)
            {
                db.ConferenceAttendances.Add(attendance);
            }

            return attendance;
        }, e => DbErrors.ConstraintName(e)?.Contains(nameof(ConferenceAttendance.Year), StringComparison.Ordinal) == true
            ? new UserError(UserErrorCodes.AlreadyRecorded, "This attendance is already recorded.", ["input", "attendedOn"])
            : null);
    }
}

public sealed class SubmitTrainingInput
{
    public string? Title { get; set; }
    public string? Provider { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public double Hours { get; set; }
    public TrainingCategory Category { get; set; }
}

public sealed class ConferenceAttendanceInput
{
    public string? MemberId { get; set; }
    public DateOnly? AttendedOn { get; set; }
}

internal sealed class SubmitInServiceTrainingInputType : InputObjectGraphType<SubmitTrainingInput>
{
    public SubmitInServiceTrainingInputType()
    {
        Name = "SubmitInServiceTrainingInput";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<StringGraphType>>("provider");
        Field<NonNullGraphType<DateOnlyGraphType>>("completedOn");
        Field<NonNullGraphType<FloatGraphType>>("hours");
        Field<NonNullGraphType<TrainingCategoryType>>("category");
    }
}

internal sealed class ReviewInServiceTrainingInputType : InputObjectGraphType<ReviewInput>
{
    public ReviewInServiceTrainingInputType()
    {
        Name = "ReviewInServiceTrainingInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<BooleanGraphType>>("approve");
        Field<StringGraphType>("reason").Description("Required when rejecting; shown to the member.");
    }
}

internal sealed class RecordConferenceAttendanceInputType : InputObjectGraphType<ConferenceAttendanceInput>
{
    public RecordConferenceAttendanceInputType()
    {
        Name = "RecordConferenceAttendanceInput";
        Field<NonNullGraphType<IdGraphType>>("memberId");
        Field<NonNullGraphType<DateOnlyGraphType>>("attendedOn");
    }
}

internal sealed class InServiceTrainingPayloadType() : PayloadType<InServiceTraining, InServiceTrainingType>("InServiceTrainingPayload", "training", "The training record, or why not.");

internal sealed class ConferenceAttendancePayloadType() : PayloadType<ConferenceAttendance, ConferenceAttendanceType>("ConferenceAttendancePayload", "attendance", "The attendance recorded, or why not.");
