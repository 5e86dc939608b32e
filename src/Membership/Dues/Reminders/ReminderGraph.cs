using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Dues.Reminders;

internal sealed class ReminderAnchorType : EnumerationGraphType<ReminderAnchor>
{
    public ReminderAnchorType()
    {
        Name = "ReminderAnchor";
        Description = "The day a reminder step counts from: the term's last day, or the last day of grace (+1 is the first day lapsed).";
    }
}

internal sealed class RenewalReminderStepType : ObjectGraphType<RenewalReminderStep>
{
    public RenewalReminderStepType()
    {
        Name = "RenewalReminderStep";
        Description = "A renewal reminder: when it is mailed and what it says. Placeholders: "
            + string.Join(", ", ReminderTemplates.Placeholders.Select(p => $"{{{p.Key}}} ({p.Value})")) + ".";
        Field(s => s.Key).Description("Stable name, e.g. before-60, grace, lapsed.");
        Field<NonNullGraphType<ReminderAnchorType>>("anchor").Resolve(c => c.Source.Anchor);
        Field(s => s.OffsetDays).Description("Days from the anchor: -60 is sixty days before the term ends, 1 the day after.");
        Field(s => s.Subject);
        Field(s => s.Text);
        Field<NonNullGraphType<BooleanGraphType>>("active").Resolve(c => c.Source.IsActive);
        Field(s => s.UpdatedAt);
    }
}

internal sealed class RenewalReminderType : ObjectGraphType<RenewalReminder>
{
    public const string TypeName = "RenewalReminder";

    public RenewalReminderType()
    {
        Name = TypeName;
        Description = "A renewal reminder mailed to a member, once per term and step. Staff only.";
        Field(r => r.StepKey).Description("The step's key.");
        Field(r => r.DueOn).Description("The day the step fell due for the term.");
        Field(r => r.SentAt).Description("When it was queued in the outbox.");
        Field<MemberType>("member").Resolve(c => c.Service<MemberLoaders>().Member.Load(c.Source.MemberId));
        Field<DateTimeOffsetGraphType>("mailSentAt").Description("When the mail server took it; null while queued, given up, or past the outbox's retention.")
            .Resolve(c => c.Service<ReminderLoaders>().MailSentAt.Load(c.Source.MailId));
    }
}

internal sealed class RenewalReminderEdgeType() : EdgeType<RenewalReminder, RenewalReminderType>(RenewalReminderType.TypeName);

internal sealed class RenewalReminderConnectionType() : ConnectionType<RenewalReminder, RenewalReminderType, RenewalReminderEdgeType>(RenewalReminderType.TypeName);

internal sealed class UpdateRenewalReminderStepInputType : InputObjectGraphType
{
    public UpdateRenewalReminderStepInputType()
    {
        Name = "UpdateRenewalReminderStepInput";
        Description = "Only the fields given change.";
        Field<NonNullGraphType<StringGraphType>>("key");
        Field<ReminderAnchorType>("anchor");
        Field<IntGraphType>("offsetDays").Description($"Between -{ReminderGraph.MaxOffsetDays} and {ReminderGraph.MaxOffsetDays}; one step per anchor and day (OFFSET_TAKEN).");
        Field<StringGraphType>("subject").Description("One line; known placeholders only (UNKNOWN_PLACEHOLDER).");
        Field<StringGraphType>("text").Description("Known placeholders only (UNKNOWN_PLACEHOLDER).");
        Field<BooleanGraphType>("active");
    }
}

internal sealed class UpdateRenewalReminderStepPayloadType() : PayloadType<RenewalReminderStep, RenewalReminderStepType>(
    "UpdateRenewalReminderStepPayload", "step", "The step as changed, or why not.");

internal static class ReminderGraph
{
    public const int MaxOffsetDays = 365;

    private static readonly KeysetOrder<RenewalReminder> NewestFirst = new("reminder:newest",
        KeyColumn<RenewalReminder>.Descending(r => r.SentAt), KeyColumn<RenewalReminder>.Descending(r => r.Id));

    public static void AddReminderQueries(this ObjectGraphType query)
    {
        query.Field<ListGraphType<NonNullGraphType<RenewalReminderStepType>>>("renewalReminderSteps")
            .Description("The renewal reminder steps, in the order they fall. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                var steps = await db.RenewalReminderSteps.AsNoTracking().ToListAsync(c.CancellationToken);
                return steps.OrderBy(s => s.Anchor).ThenBy(s => s.OffsetDays).ToList(); // a handful; the anchor is stored by name, which sorts otherwise
            });

        query.Field<RenewalReminderConnectionType>("renewalReminders")
            .Description("Renewal reminders mailed, newest first. Staff only.")
            .Argument<StringGraphType>("stepKey", "Only this step's.")
            .Argument<DateTimeOffsetGraphType>("sentFrom", "Queued at or after this instant.")
            .Argument<DateTimeOffsetGraphType>("sentTo", "Queued before this instant.")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var step = c.GetArgument<string?>("stepKey")?.Trim();
                var from = c.GetArgument<DateTimeOffset?>("sentFrom");
                var to = c.GetArgument<DateTimeOffset?>("sentTo");
                return await KeysetPaging.PageAsync(c.Db(), db => db.RenewalReminders.Where(r =>
                    (step == null || r.StepKey == step) && (from == null || r.SentAt >= from) && (to == null || r.SentAt < to)), NewestFirst, PageArgs.From(c), c.CancellationToken);
            });
    }

    public static void AddReminderMutations(this ObjectGraphType mutation) =>
        mutation.Mutation<UpdateRenewalReminderStepPayloadType, UpdateRenewalReminderStepInputType>("updateRenewalReminderStep",
                "Changes when a renewal reminder step is mailed, what it says, or whether it is. Mails already sent stay as they were. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await UpdateStepAsync(c, Patch.From(c)));

    /// <summary>Staff read the reminders mailed to a member, newest first (the latest 100).</summary>
    public static void AddReminderFields(this ObjectGraphType<Member> member) =>
        member.Field<ListGraphType<NonNullGraphType<RenewalReminderType>>>("renewalReminders")
            .Description("Renewal reminders mailed to this member, newest first. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Service<ReminderLoaders>().OfMember.Load(c.Source.Id));

    private static Task<Payload<RenewalReminderStep>> UpdateStepAsync(IResolveFieldContext context, Patch input)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<RenewalReminderStep>(async (db, errors, ct) =>
        {
            var key = input.Get<string>("key")?.Trim();
            var step = await db.RenewalReminderSteps.SingleOrDefaultAsync(s => s.Key == key, ct);
            if (step is null)
            {
                errors.Add(UserErrorCodes.NotFound, "No reminder step has this key.", "input", "key");
                return null;
            }

            step.Anchor = input.GetValue<ReminderAnchor>("anchor") ?? step.Anchor;
            if (input.GetValue<int>("offsetDays") is { } offset)
            {
                if (Math.Abs(offset) > MaxOffsetDays)
                {
                    errors.Add(UserErrorCodes.OutOfRange, $"offsetDays must be between -{MaxOffsetDays} and {MaxOffsetDays}.", "input", "offsetDays");
                }

                step.OffsetDays = offset;
            }

            if (input.Has("subject"))
            {
                step.Subject = ReminderTemplates.Check(errors, input.Get<string>("subject"), ReminderTemplates.SubjectMaxLength, "input", "subject");
                if (step.Subject.Any(char.IsControl))
                {
                    errors.Add(UserErrorCodes.InvalidFormat, "The subject is one line.", "input", "subject");
                }
            }

            if (input.Has("text"))
            {
                step.Text = ReminderTemplates.Check(errors, input.Get<string>("text"), ReminderTemplates.TextMaxLength, "input", "text");
            }

            step.IsActive = input.GetValue<bool>("active") ?? step.IsActive;
            if (await db.RenewalReminderSteps.AnyAsync(s => s.Id != step.Id && s.Anchor == step.Anchor && s.OffsetDays == step.OffsetDays, ct))
            {
                errors.Add(UserErrorCodes.OffsetTaken, "Another step falls on this day.", "input", "offsetDays");
            }

            step.UpdatedAt = calendar.Now();
            return step;
        }, e => DbErrors.ConstraintName(e)?.Contains(nameof(RenewalReminderStep.OffsetDays), StringComparison.Ordinal) == true
            ? new UserError(UserErrorCodes.OffsetTaken, "Another step falls on this day.", ["input", "offsetDays"])
            : null);
    }
}

/// <summary>Per-request loaders of the reminders staff read; each batch one query on its own DbContext.</summary>
public sealed class ReminderLoaders(IDbContextFactory<MembershipDbContext> factory)
{
    public BatchLoader<Guid, IReadOnlyList<RenewalReminder>> OfMember { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.RenewalReminders.AsNoTracking().WhereKeyIn(r => r.MemberId, ids).OrderByDescending(r => r.SentAt).ThenByDescending(r => r.Id).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<RenewalReminder>)[.. rows.Where(r => r.MemberId == id).Take(100)]);
    }, []);

    public BatchLoader<Guid, DateTimeOffset?> MailSentAt { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.MailOutbox.AsNoTracking().WhereKeyIn(m => m.Id, ids).ToDictionaryAsync(m => m.Id, m => m.SentAt, ct);
    }, null);
}
