using GraphQL;
using GraphQL.Types;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Membership.Regions;
using Microsoft.EntityFrameworkCore;

namespace Membership.Certifications.Courses;

internal sealed class CourseType : ObjectGraphType<Course>
{
    public const string TypeName = "Course";

    public CourseType()
    {
        Name = TypeName;
        Description = "A course in the catalogue. Public.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is Course;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(c => c.Code);
        Field(c => c.Name);
        Field<NonNullGraphType<CourseCategoryType>>("category").Resolve(c => c.Source.Category);
        Field<NonNullGraphType<FloatGraphType>>("hours").Resolve(c => c.Source.DurationMinutes / 60.0);
        Field(c => c.Provider);
        Field<NonNullGraphType<BooleanGraphType>>("associationCourse").Description("Taught by the association itself.").Resolve(c => c.Source.IsAssociationCourse);
        Field(c => c.CertificateValidityMonths, nullable: true).Description("Months a certificate stays valid; null: it never expires.");
        Field<NonNullGraphType<BooleanGraphType>>("active").Resolve(c => c.Source.IsActive);
    }
}

internal sealed class CourseCategoryType : EnumerationGraphType<CourseCategory>
{
    public CourseCategoryType() => Name = "CourseCategory";
}

internal sealed class CourseOfferingType : ObjectGraphType<CourseOffering>
{
    public const string TypeName = "CourseOffering";

    public CourseOfferingType()
    {
        Name = TypeName;
        Description = "A scheduled run of a course. Public, but for its instructors (members).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<CourseType>>("course").Resolve(c => c.Service<CertificationLoaders>().Course.Load(c.Source.CourseId));
        Field(o => o.StartsOn);
        Field(o => o.EndsOn);
        Field(o => o.City);
        Field<NonNullGraphType<StateType>>("state").Resolve(c => c.Service<RegionLoaders>().State.Load(c.Source.StateCode));
        Field<AgencyType>("hostAgency").Resolve(c => c.Source.HostAgencyId is { } id ? c.Service<AgencyLoaders>().Agency.Load(id) : null);
        Field(o => o.Capacity);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("instructorNames")
            .Description("The instructors' names, as a course listing shows them.")
            .Resolve(c => c.Service<CertificationLoaders>().InstructorNamesOfOffering.Load(c.Source.Id));
    }
}

internal sealed class CourseOfferingEdgeType() : EdgeType<CourseOffering, CourseOfferingType>(CourseOfferingType.TypeName);

internal sealed class CourseOfferingConnectionType() : ConnectionType<CourseOffering, CourseOfferingType, CourseOfferingEdgeType>(CourseOfferingType.TypeName);

internal static class CourseGraph
{
    private static readonly KeysetOrder<CourseOffering> ByStart = new("offering:start",
        KeyColumn<CourseOffering>.Ascending(o => o.StartsOn), KeyColumn<CourseOffering>.Ascending(o => o.Id));

    public static void AddCourseQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CourseType>>>>("courses")
            .Description("The course catalogue, by name. Public; inactive courses for staff only.")
            .Argument<BooleanGraphType>("includeInactive")
            .ResolveAsync(async c =>
            {
                var all = c.GetArgument<bool?>("includeInactive") == true;
                if (all && !c.Caller().IsStaff)
                {
                    throw new ExecutionError("Only staff can list inactive courses.") { Code = ErrorCodes.Forbidden };
                }

                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                return await db.Courses.AsNoTracking().Where(x => all || x.IsActive).OrderBy(x => x.Name).ToListAsync(c.CancellationToken);
            });

        query.Field<NonNullGraphType<CourseOfferingConnectionType>>("courseOfferings")
            .Description("Scheduled courses by start date. Public.")
            .Argument<IdGraphType>("courseId")
            .Argument<DateOnlyGraphType>("from", "Only offerings starting on or after this day.")
            .PagingArguments()
            .ResolveAsync(async c =>
            {
                var courseId = c.GetArgument<string?>("courseId") is { } id ? GlobalId.Parse(id, CourseType.TypeName, "courseId") : (Guid?)null;
                var from = c.GetArgument<DateOnly?>("from");
                return await KeysetPaging.PageAsync(c.Db(), db => db.CourseOfferings
                    .Where(o => (courseId == null || o.CourseId == courseId) && (from == null || o.StartsOn >= from)), ByStart, PageArgs.From(c), c.CancellationToken);
            });
    }

    public static void AddCourseMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<CoursePayloadType, CreateCourseInputType>("createCourse", "Adds a course to the catalogue. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await SaveCourseAsync(c, Patch.From(c), create: true));

        mutation.Mutation<CoursePayloadType, UpdateCourseInputType>("updateCourse",
                "Changes a course; certificates already issued keep their hours and dates. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await SaveCourseAsync(c, Patch.From(c), create: false));

        mutation.Mutation<CourseOfferingPayloadType, CreateCourseOfferingInputType>("createCourseOffering",
                "Schedules a course. Instructors must be members in good standing who hold the Practitioner designation. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await CreateOfferingAsync(c, Patch.From(c)));
    }

    private static Task<Payload<Course>> SaveCourseAsync(IResolveFieldContext context, Patch input, bool create)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<Course>(async (db, errors, ct) =>
        {
            Course? course;
            if (create)
            {
                course = new Course { Id = RecordIds.New(), Code = string.Empty, Name = string.Empty, Provider = string.Empty, CreatedAt = calendar.Now() };
                db.Courses.Add(course);
            }
            else if (errors.Id(input.Get<string>("id"), CourseType.TypeName, "input", "id") is { } id)
            {
                course = await db.Courses.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (course is null)
                {
                    errors.Add(UserErrorCodes.NotFound, "No course has this ID.", "input", "id");
                    return null;
                }
            }
            else
            {
                return null;
            }

            if (input.Has("code"))
            {
                course.Code = errors.RequiredText(input.Get<string>("code"), 40, "input", "code").ToUpperInvariant();
                if (await db.Courses.AnyAsync(x => x.Code == course.Code && x.Id != course.Id, ct))
                {
                    errors.Add(UserErrorCodes.CodeTaken, $"A course with code {course.Code} exists.", "input", "code");
                }
            }

            if (input.Has("name"))
            {
                course.Name = errors.RequiredText(input.Get<string>("name"), 200, "input", "name");
            }

            if (input.Has("provider"))
            {
                course.Provider = errors.RequiredText(input.Get<string>("provider"), 200, "input", "provider");
            }

            course.Category = input.GetValue<CourseCategory>("category") ?? course.Category;
            course.IsAssociationCourse = input.GetValue<bool>("associationCourse") ?? course.IsAssociationCourse;
            course.IsActive = input.GetValue<bool>("active") ?? course.IsActive;
            if (input.GetValue<double>("hours") is { } hours)
            {
                course.DurationMinutes = TrainingHours.ToMinutes(errors, hours, "input", "hours");
            }

            if (input.Has("certificateValidityMonths"))
            {
                course.CertificateValidityMonths = input.GetValue<int>("certificateValidityMonths");
                if (course.CertificateValidityMonths is { } months)
                {
                    errors.InRange(months, 1, 240, "input", "certificateValidityMonths");
                }
            }

            course.UpdatedAt = calendar.Now();
            return course;
        });
    }

    private static Task<Payload<CourseOffering>> CreateOfferingAsync(IResolveFieldContext context, Patch input)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<CourseOffering>(async (db, errors, ct) =>
        {
            var courseId = errors.Id(input.Get<string>("courseId"), CourseType.TypeName, "input", "courseId");
            if (courseId is { } cid && !await db.Courses.AnyAsync(x => x.Id == cid && x.IsActive, ct))
            {
                errors.Add(UserErrorCodes.NotFound, "No active course has this ID.", "input", "courseId");
            }

            var offering = new CourseOffering
            {
                Id = RecordIds.New(),
                CourseId = courseId ?? Guid.Empty,
                StartsOn = input.GetValue<DateOnly>("startsOn") ?? default,
                EndsOn = input.GetValue<DateOnly>("endsOn") ?? default,
                City = errors.RequiredText(input.Get<string>("city"), 100, "input", "city"),
                StateCode = AgencyMutations.CheckState(errors, input.Get<string>("state"), await AgencyMutations.StateCodesAsync(db, ct), "input", "state"),
                Capacity = errors.InRange(input.GetValue<int>("capacity") ?? 0, 1, 10_000, "input", "capacity"),
                CreatedAt = calendar.Now(),
            };
            if (offering.EndsOn < offering.StartsOn)
            {
                errors.Add(UserErrorCodes.DateOutOfRange, "'endsOn' is before 'startsOn'.", "input", "endsOn");
            }

            offering.HostAgencyId = await MemberRegistration.CheckAgencyAsync(db, errors, input.Get<string>("hostAgencyId"), ct, "hostAgencyId");
            await AddInstructorsAsync(db, errors, offering, input.Get<IEnumerable<object>>("instructorIds")?.ToList(), calendar.Today(), ct);
            if (!errors.Any)
            {
                db.CourseOfferings.Add(offering);
            }

            return offering;
        });
    }

    /// <summary>Instructors are members in good standing who hold an active Practitioner designation.</summary>
    private static async Task AddInstructorsAsync(MembershipDbContext db, UserErrors errors, CourseOffering offering, List<object>? ids, DateOnly today, CancellationToken ct)
    {
        var standing = Predicates.Any([MembershipStatusRules.HasStatus(MembershipStatus.Active, today), MembershipStatusRules.HasStatus(MembershipStatus.Grace, today)]);
        foreach (var (raw, index) in (ids ?? []).Select((id, i) => (id as string, i)))
        {
            var path = new[] { "input", "instructorIds", index.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (errors.Id(raw, MemberType.TypeName, path) is not { } memberId)
            {
                continue;
            }

            var qualified = await db.Members.Where(m => m.Id == memberId).Where(standing)
                .AnyAsync(m => db.Certificates.Any(x => x.MemberId == m.Id && x.Kind == CertificateKind.Practitioner
                    && x.RevokedAt == null && x.SuspendedAt == null && x.ReplacedById == null && (x.ExpiresOn == null || x.ExpiresOn >= today)), ct);
            if (!qualified)
            {
                errors.Add(UserErrorCodes.InstructorNotQualified, "Instructors must be members in good standing with the Practitioner designation.", path);
            }
            else if (offering.Instructors.All(i => i.MemberId != memberId))
            {
                offering.Instructors.Add(new CourseInstructor { OfferingId = offering.Id, MemberId = memberId });
            }
        }
    }
}

/// <summary>Hours as people give them (1.5), stored as whole minutes.</summary>
internal static class TrainingHours
{
    public static int ToMinutes(UserErrors errors, double hours, params string[] field)
    {
        var minutes = double.IsNaN(hours) ? 0 : (int)Math.Round(hours * 60, MidpointRounding.AwayFromZero);
        if (minutes < 1 || hours > 1000)
        {
            errors.Add(UserErrorCodes.OutOfRange, "Hours must be at least one minute (0.02) and at most 1000.", field);
            return 0;
        }

        return minutes;
    }
}

internal sealed class CreateCourseInputType : InputObjectGraphType
{
    public CreateCourseInputType()
    {
        Name = "CreateCourseInput";
        Field<NonNullGraphType<StringGraphType>>("code");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<CourseCategoryType>>("category");
        Field<NonNullGraphType<FloatGraphType>>("hours");
        Field<NonNullGraphType<StringGraphType>>("provider");
        Field<NonNullGraphType<BooleanGraphType>>("associationCourse");
        Field<IntGraphType>("certificateValidityMonths").Description("Null: certificates never expire.");
        Field<NonNullGraphType<BooleanGraphType>>("active").DefaultValue(true);
    }
}

internal sealed class UpdateCourseInputType : InputObjectGraphType
{
    public UpdateCourseInputType()
    {
        Name = "UpdateCourseInput";
        Description = "Only the fields given change.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("code");
        Field<StringGraphType>("name");
        Field<CourseCategoryType>("category");
        Field<FloatGraphType>("hours");
        Field<StringGraphType>("provider");
        Field<BooleanGraphType>("associationCourse");
        Field<IntGraphType>("certificateValidityMonths");
        Field<BooleanGraphType>("active");
    }
}

internal sealed class CreateCourseOfferingInputType : InputObjectGraphType
{
    public CreateCourseOfferingInputType()
    {
        Name = "CreateCourseOfferingInput";
        Field<NonNullGraphType<IdGraphType>>("courseId");
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn");
        Field<NonNullGraphType<DateOnlyGraphType>>("endsOn");
        Field<NonNullGraphType<StringGraphType>>("city");
        Field<NonNullGraphType<StringGraphType>>("state");
        Field<IdGraphType>("hostAgencyId");
        Field<NonNullGraphType<IntGraphType>>("capacity");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("instructorIds");
    }
}

internal sealed class CoursePayloadType() : PayloadType<Course, CourseType>("CoursePayload", "course", "The course as saved, or why not.");

internal sealed class CourseOfferingPayloadType() : PayloadType<CourseOffering, CourseOfferingType>("CourseOfferingPayload", "offering", "The offering as saved, or why not.");
