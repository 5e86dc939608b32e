using GraphQL;
using GraphQL.Types;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Microsoft.EntityFrameworkCore;

namespace Membership.Audit;

internal sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public const string TypeName = "AuditEntry";

    public AuditEntryType()
    {
        Name = TypeName;
        Description = "One action that changed or tried to change data: who, when, from where, what, on which objects, how it ended. No personal values.";
        this.Authorize(); // reached only through auditLog, which admits admins alone
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(e => e.At);
        Field<NonNullGraphType<AuditActorKindType>>("actorKind").Resolve(c => c.Source.ActorKind);
        Field(e => e.ActorSubject, nullable: true).Description("The account's or client's ID (the token's subject); the machine user for a host command; \"system\" for jobs.");
        Field(e => e.ActorDisplay, nullable: true).Description("A staff user's or client's name; null for members and anonymous callers.");
        Field(e => e.ClientId, nullable: true).Description("The client the token was issued to.");
        Field(e => e.RemoteAddress, nullable: true);
        Field(e => e.Operation).Description("mutation.<field>, command.<name> or system.<action>.");
        Field<NonNullGraphType<AuditOutcomeType>>("outcome").Resolve(c => c.Source.Outcome);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("errorCodes")
            .Description("The user error or GraphQL error codes when the outcome is not OK.")
            .Resolve(c => Words(c.Source.ErrorCodes));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("fields")
            .Description("The input fields supplied, as dotted paths (names only).")
            .Resolve(c => Words(c.Source.Fields));
        Field(e => e.Values, nullable: true).Description("JSON object of the supplied values of non-personal fields (status, plan, amounts); null when none.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("objectIds")
            .Description("Global IDs of the objects the action named or returned.")
            .Resolve(c => c.Source.Objects.Select(o => o.ObjectId));
        Field(e => e.TraceId, nullable: true);
    }

    private static string[] Words(string? text) => text?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}

internal sealed class AuditActorKindType : EnumerationGraphType<AuditActorKind>
{
    public AuditActorKindType() => Name = "AuditActorKind";
}

internal sealed class AuditOutcomeType : EnumerationGraphType<AuditOutcome>
{
    public AuditOutcomeType() => Name = "AuditOutcome";
}

public sealed class AuditLogFilter
{
    public string? Actor { get; set; }
    public string? Operation { get; set; }
    public string? ObjectId { get; set; }
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }
}

internal sealed class AuditLogFilterType : InputObjectGraphType<AuditLogFilter>
{
    public AuditLogFilterType()
    {
        Name = "AuditLogFilter";
        Description = "Every given condition must hold.";
        Field(f => f.Actor, nullable: true).Description(
            "The actor's subject (an account ID, a client ID, a machine user, \"system\") or display name, exactly; "
            + "ending in * (\"Jane*\"), display names that start with the rest.");
        Field(f => f.Operation, nullable: true).Description("Exact operation name, e.g. mutation.updateMember.");
        Field<IdGraphType>("objectId").Description("A global ID the entry names.");
        Field(f => f.From, nullable: true).Description("At or after.");
        Field(f => f.To, nullable: true).Description("Before.");
    }
}

internal sealed class AuditEntryEdgeType() : EdgeType<AuditEntry, AuditEntryType>(AuditEntryType.TypeName);

internal sealed class AuditEntryConnectionType() : ConnectionType<AuditEntry, AuditEntryType, AuditEntryEdgeType>(AuditEntryType.TypeName);

internal static class AuditGraph
{
    private static readonly KeysetOrder<AuditEntry> NewestFirst = new("audit:newest",
        KeyColumn<AuditEntry>.Descending(e => e.At), KeyColumn<AuditEntry>.Descending(e => e.Id));

    public static void AddAuditQueries(this ObjectGraphType query) =>
        query.Field<AuditEntryConnectionType>("auditLog")
            .Description("Who did what, newest first, filtered. Admins only; entries cannot be changed or deleted through the API.")
            .Argument<AuditLogFilterType>("filter")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Admin)
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<AuditLogFilter?>("filter") ?? new AuditLogFilter();
                var (actor, operation, objectId, from, to) = (filter.Actor, filter.Operation, filter.ObjectId, filter.From, filter.To);
                // "Jane*": display names from "Jane" on (a range on the index) that start with it; otherwise an exact subject or name.
                var prefix = actor is { Length: > 1 } && actor.EndsWith('*') ? actor[..^1] : null;
#pragma warning disable CA1309 // EF translates string.Compare(a, b) to a >= b in the database's collation; the ordinal overload is not translated
                return await KeysetPaging.PageAsync(c.Db(), db => db.AuditEntries.AsNoTracking().Include(e => e.Objects).Where(e =>
                    (actor == null
                        || (prefix == null && (e.ActorSubject == actor || e.ActorDisplay == actor))
                        || (prefix != null && string.Compare(e.ActorDisplay, prefix) >= 0 && e.ActorDisplay!.StartsWith(prefix)))
                    && (operation == null || e.Operation == operation)
                    && (from == null || e.At >= from) && (to == null || e.At < to)
                    && (objectId == null || db.AuditObjects.Any(o => o.ObjectId == objectId && o.EntryId == e.Id))), NewestFirst, PageArgs.From(c), c.CancellationToken);
#pragma warning restore CA1309
            });
}
