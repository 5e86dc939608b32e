using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Courses;

namespace Membership.Certifications.Records;

/// <summary>Staff record course completions, one at a time or as a class roster; each completion issues a certificate.</summary>
internal static class CompletionGraph
{
    public const int MaxRosterRows = 500;

    public static void AddCompletionMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<RecordCompletionPayloadType, RecordCompletionInputType>("recordCompletion",
                "Records that a member completed a course and issues the certificate. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RecordCompletionInput>("input");
                var rows = new List<RosterRow> { new() { Member = input.MemberId, CompletedOn = input.CompletedOn } };
                var payload = await RecordAsync(c, input.CourseId, input.OfferingId, rows, byGlobalId: true);
                return payload.Result is { Count: 1 } done ? Payload<Certificate>.Success(done[0]) : Payload<Certificate>.Failure(payload.UserErrors);
            });

        mutation.Mutation<RecordRosterPayloadType, RecordRosterInputType>("recordRoster",
                $"Records a class roster (member numbers or e-mail addresses, with completion dates) all or nothing: one bad row and no row is written; every bad row gets its user error. At most {MaxRosterRows} rows. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RecordRosterInput>("input");
                return await RecordAsync(c, input.CourseId, input.OfferingId, input.Rows ?? [], byGlobalId: false);
            });
    }

    private static Task<Payload<List<Certificate>>> RecordAsync(IResolveFieldContext context, string? courseGlobalId, string? offeringGlobalId, List<RosterRow> rows, bool byGlobalId)
    {
        var calendar = context.Service<AssociationCalendar>();
        var recordedBy = context.Caller().Subject ?? "staff";
        return context.WriteAsync<List<Certificate>>(async (db, errors, ct) =>
        {
            var course = errors.Id(courseGlobalId, CourseType.TypeName, "input", "courseId") is { } courseId
                ? await db.Courses.AsNoTracking().SingleOrDefaultAsync(x => x.Id == courseId, ct)
                : null;
            if (course is null && !errors.Any)
            {
                errors.Add(UserErrorCodes.NotFound, "No course has this ID.", "input", "courseId");
            }

            var offeringId = string.IsNullOrEmpty(offeringGlobalId) ? null : errors.Id(offeringGlobalId, CourseOfferingType.TypeName, "input", "offeringId");
            if (offeringId is { } oid && course is not null && !await db.CourseOfferings.AnyAsync(o => o.Id == oid && o.CourseId == course.Id, ct))
            {
                errors.Add(UserErrorCodes.NotFound, "No offering of this course has this ID.", "input", "offeringId");
            }

            if (rows.Count is 0 or > MaxRosterRows)
            {
                errors.Add(UserErrorCodes.OutOfRange, $"Give 1 to {MaxRosterRows} rows.", "input", "rows");
            }

            var members = await FindMembersAsync(db, errors, rows, byGlobalId, calendar.Today(), course?.Id, ct);
            if (errors.Any || course is null)
            {
                return null;
            }

            var certificates = new List<Certificate>();
            foreach (var (row, member) in rows.Zip(members))
            {
                var certificate = await CertificateIssuer.IssueAsync(db, calendar, member!, CertificateKind.Course, course, row.CompletedOn!.Value, course.CertificateValidityMonths, ct);
                db.CourseCompletions.Add(new CourseCompletion
                {
                    Id = RecordIds.New(), MemberId = member!.Id, CourseId = course.Id, OfferingId = offeringId, CompletedOn = row.CompletedOn.Value,
                    CertificateId = certificate.Id, RecordedBy = recordedBy, RecordedAt = calendar.Now(),
                });
                certificates.Add(certificate);
            }

            return certificates;
        }, e => DbErrors.ConstraintName(e)?.Contains(nameof(CourseCompletion.CompletedOn), StringComparison.Ordinal) == true
            ? new UserError(UserErrorCodes.AlreadyRecorded, "One of these completions was recorded at the same moment by someone else.", ["input", "rows"])
            : null);
    }

    /// <summary>
    /// Resolves every row to a member in two queries (numbers, then e-mail addresses), checks dates and duplicates,
    /// and adds a user error for each bad row at its index.
    /// </summary>
    private static async Task<List<Member?>> FindMembersAsync(
        MembershipDbContext db, UserErrors errors, List<RosterRow> rows, bool byGlobalId, DateOnly today, Guid? courseId, CancellationToken ct)
    {
        string Index(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] Path(int i, string field) => byGlobalId ? ["input", field == "member" ? "memberId" : field] : ["input", "rows", Index(i), field];

        var ids = new Dictionary<int, Guid>();
        var numbers = new Dictionary<int, long>();
        var emails = new Dictionary<int, string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var key = rows[i].Member?.Trim() ?? string.Empty;
            if (byGlobalId && errors.Id(key, MemberType.TypeName, Path(i, "member")) is { } id)
            {
                ids[i] = id;
            }
            else if (!byGlobalId && MemberNumbers.TryParse(key, out var number))
            {
                numbers[i] = number;
            }
            else if (!byGlobalId && key.Contains('@', StringComparison.Ordinal))
            {
                emails[i] = MemberRules.NormalizeEmail(key);
            }
            else if (!byGlobalId)
            {
                errors.Add(UserErrorCodes.InvalidFormat, $"Row {i + 1}: '{key}' is neither a member number nor an e-mail address.", Path(i, "member"));
            }

            if (rows[i].CompletedOn is not { } on)
            {
                errors.Add(UserErrorCodes.Required, $"Row {i + 1}: the completion date is missing.", Path(i, "completedOn"));
            }
            else if (on > today)
            {
                errors.Add(UserErrorCodes.DateInFuture, $"Row {i + 1}: the completion date is in the future.", Path(i, "completedOn"));
            }
        }

        var idList = ids.Values.ToList();
        var numberList = numbers.Values.ToList();
        var emailList = emails.Values.ToList();
        var found = await db.Members.AsNoTracking()
            .Where(m => idList.Contains(m.Id) || numberList.Contains(m.Number) || emailList.Contains(m.EmailNormalized)).ToListAsync(ct);
        var foundIds = found.Select(m => m.Id).ToList();
        var recorded = (await db.CourseCompletions.AsNoTracking().Where(x => x.CourseId == courseId && foundIds.Contains(x.MemberId))
            .Select(x => new { x.MemberId, x.CompletedOn }).ToListAsync(ct)).ToHashSet();
        var result = new List<Member?>();
        for (var i = 0; i < rows.Count; i++)
        {
            var member = ids.TryGetValue(i, out var id) ? found.FirstOrDefault(m => m.Id == id)
                : numbers.TryGetValue(i, out var n) ? found.FirstOrDefault(m => m.Number == n)
                : emails.TryGetValue(i, out var e) ? found.FirstOrDefault(m => m.EmailNormalized == e)
                : null;
            if (member is null && (ids.ContainsKey(i) || numbers.ContainsKey(i) || emails.ContainsKey(i)))
            {
                errors.Add(UserErrorCodes.NotFound, $"Row {i + 1}: no member '{rows[i].Member?.Trim()}'.", Path(i, "member"));
            }
            else if (member is not null && result.Select((m, j) => (m, j)).Any(x => x.m?.Id == member.Id && rows[x.j].CompletedOn == rows[i].CompletedOn))
            {
                errors.Add(UserErrorCodes.AlreadyRecorded, $"Row {i + 1} repeats an earlier row.", Path(i, "member"));
            }
            else if (member is not null && rows[i].CompletedOn is { } on && recorded.Contains(new { MemberId = member.Id, CompletedOn = on }))
            {
                errors.Add(UserErrorCodes.AlreadyRecorded, $"Row {i + 1}: this completion is already recorded.", Path(i, "member"));
            }

            result.Add(member);
        }

        return result;
    }
}

public sealed class RosterRow
{
    public string? Member { get; set; }
    public DateOnly? CompletedOn { get; set; }
}

public sealed class RecordCompletionInput
{
    public string? MemberId { get; set; }
    public string? CourseId { get; set; }
    public string? OfferingId { get; set; }
    public DateOnly? CompletedOn { get; set; }
}

public sealed class RecordRosterInput
{
    public string? CourseId { get; set; }
    public string? OfferingId { get; set; }
    public List<RosterRow>? Rows { get; set; }
}

internal sealed class RecordCompletionInputType : InputObjectGraphType<RecordCompletionInput>
{
    public RecordCompletionInputType()
    {
        Name = "RecordCompletionInput";
        Field<NonNullGraphType<IdGraphType>>("memberId");
        Field<NonNullGraphType<IdGraphType>>("courseId");
        Field<IdGraphType>("offeringId");
        Field<NonNullGraphType<DateOnlyGraphType>>("completedOn");
    }
}

internal sealed class RosterRowInputType : InputObjectGraphType<RosterRow>
{
    public RosterRowInputType()
    {
        Name = "RosterRowInput";
        Field<NonNullGraphType<StringGraphType>>("member").Description("A member number (M-000123) or e-mail address.");
        Field<NonNullGraphType<DateOnlyGraphType>>("completedOn");
    }
}

internal sealed class RecordRosterInputType : InputObjectGraphType<RecordRosterInput>
{
    public RecordRosterInputType()
    {
        Name = "RecordRosterInput";
        Field<NonNullGraphType<IdGraphType>>("courseId");
        Field<IdGraphType>("offeringId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RosterRowInputType>>>>("rows");
    }
}

internal sealed class RecordCompletionPayloadType() : PayloadType<Certificate, CertificateType>("RecordCompletionPayload", "certificate", "The certificate issued for the completion, or why not.");

internal sealed class RecordRosterPayloadType() : PayloadType<List<Certificate>, ListGraphType<NonNullGraphType<CertificateType>>>(
    "RecordRosterPayload", "certificates", "One certificate per row, in row order, or the user errors of every bad row.");
