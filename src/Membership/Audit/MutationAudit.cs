using System.Diagnostics;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Membership.Audit;

/// <summary>
/// Every root mutation field, whoever calls it (staff, client, member, anonymous), leaves one audit entry, without the
/// mutation doing anything: this visitor wraps each root mutation resolver when the schema is built, so a mutation
/// added later is audited too. A mutation that writes through <see cref="Mutations.WriteAsync{T}"/> gets its
/// <see cref="AuditOutcome.Ok"/> entry inside its own transaction (committed with the change, rolled back with it);
/// every other outcome (user errors, a GraphQL error, an exception, a mutation that writes otherwise) is written right
/// after the resolver returns, on its own context, with the outcome it had.
/// </summary>
internal sealed class MutationAuditVisitor : BaseSchemaNodeVisitor
{
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        if (type != schema.Mutation)
        {
            return;
        }

        var inner = field.Resolver ?? NameFieldResolver.Instance;
        field.Resolver = new FuncFieldResolver<object>(context => MutationAudit.ResolveAsync(context, inner));
    }
}

public static class MutationAudit
{
    /// <summary>The request's raw variables in the user context, put there by the endpoint: the supplied fields are read from them.</summary>
    public const string VariablesKey = "audit.variables";

    private const string RecordedKey = "audit.recorded";

    internal static async ValueTask<object?> ResolveAsync(IResolveFieldContext context, IFieldResolver inner)
    {
        object? result;
        try
        {
            result = await inner.ResolveAsync(context);
        }
        catch (Exception e)
        {
            if (!IsRecorded(context))
            {
                var codes = e is ExecutionError { Code: { } code } ? code : e is OperationCanceledException ? "CANCELLED" : ErrorCodes.InternalError;
                await WriteAfterAsync(context, AuditOutcome.Failed, codes, null);
            }

            throw;
        }

        if (!IsRecorded(context))
        {
            var (outcome, codes, value) = result is IMutationPayload payload
                ? payload.UserErrors.Count > 0
                    ? (AuditOutcome.Rejected, string.Join(' ', payload.UserErrors.Select(e => e.Code).Distinct()), null)
                    : (AuditOutcome.Ok, (string?)null, payload.ResultObject)
                : (AuditOutcome.Ok, null, result);
            await WriteAfterAsync(context, outcome, codes, value);
        }

        return result;
    }

    /// <summary>
    /// Called by <see cref="Mutations.WriteAsync{T}"/> before it saves: adds the entry of a successful root mutation to
    /// the same unit of work. Returns whether it did; the caller then calls <see cref="Committed"/> once the commit succeeded.
    /// </summary>
    public static bool AddToTransaction(IResolveFieldContext context, MembershipDbContext db, object result)
    {
        if (context.ParentType != context.Schema.Mutation || IsRecorded(context))
        {
            return false;
        }

        db.AuditEntries.Add(Entry(context, AuditOutcome.Ok, null, result));
        return true;
    }

    public static void Committed(IResolveFieldContext context)
    {
        if (context.UserContext.TryGetValue(RecordedKey, out var set) && set is HashSet<string> recorded)
        {
            recorded.Add(PathOf(context));
        }
        else
        {
            context.UserContext[RecordedKey] = new HashSet<string>(StringComparer.Ordinal) { PathOf(context) };
        }
    }

    private static bool IsRecorded(IResolveFieldContext context) =>
        context.UserContext.TryGetValue(RecordedKey, out var set) && set is HashSet<string> recorded && recorded.Contains(PathOf(context));

    // Root mutation fields run one after another; the response key (the alias) tells two calls of one mutation apart.
    private static string PathOf(IResolveFieldContext context) => string.Join('.', context.ResponsePath);

    private static async Task WriteAfterAsync(IResolveFieldContext context, AuditOutcome outcome, string? codes, object? result)
    {
        var services = context.RequestServices!;
        try
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<MembershipDbContext>>().CreateDbContextAsync(CancellationToken.None);
            db.AuditEntries.Add(Entry(context, outcome, codes, result));
            await db.SaveChangesAsync(CancellationToken.None); // the client going away does not unrecord what happened
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException || DatabaseOutage.IsOutage(e))
        {
            AuditLog.NotWritten(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MutationAudit)), e, $"{context.FieldDefinition.Name} ({outcome})");
        }
    }

    private static AuditEntry Entry(IResolveFieldContext context, AuditOutcome outcome, string? codes, object? result)
    {
        var services = context.RequestServices!;
        var variables = context.UserContext.TryGetValue(VariablesKey, out var v) ? v as IReadOnlyDictionary<string, object?> : null;
        var fields = AuditFields.Of(context, variables);
        fields.AddResult(context, result);
        var entry = AuditLog.NewEntry(services.GetRequiredService<AssociationCalendar>(), $"mutation.{context.FieldDefinition.Name}", outcome, codes, fields);
        Actor(context.Caller(), entry);
        entry.RemoteAddress = services.GetService<IHttpContextAccessor>()?.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return entry;
    }

    /// <summary>A person's or client's subject; a display name for staff and clients only (a member's name is personal data).</summary>
    private static void Actor(Caller caller, AuditEntry entry)
    {
        entry.ActorKind = !caller.IsAuthenticated ? AuditActorKind.Anonymous : caller.IsClient ? AuditActorKind.Client : AuditActorKind.User;
        entry.ActorSubject = caller.Subject;
        entry.ClientId = caller.ClientId;
        entry.ActorDisplay = caller.IsClient || caller.IsStaff ? caller.Principal.Identity?.Name : null;
    }
}

/// <summary>What <see cref="MutationAudit"/> reads of a payload: its user errors and its result.</summary>
public interface IMutationPayload
{
    IReadOnlyList<UserError> UserErrors { get; }

    object? ResultObject { get; }
}

/// <summary>Writes entries for actions outside GraphQL: host commands and background jobs.</summary>
public static class AuditLog
{
    public static AuditEntry NewEntry(AssociationCalendar calendar, string operation, AuditOutcome outcome, string? codes, AuditFields? fields)
    {
        var id = RecordIds.New();
        return new AuditEntry
        {
            Id = id,
            At = calendar.Now(),
            Operation = operation,
            Outcome = outcome,
            ErrorCodes = codes,
            Fields = fields?.Names,
            Values = fields?.Values,
            TraceId = Activity.Current?.TraceId.ToString(),
            Objects = [.. (fields?.ObjectIds ?? []).Select(o => new AuditObject { EntryId = id, ObjectId = o })],
        };
    }

    /// <summary>A background job's change (money moved, records reconciled), added to the job's own unit of work.</summary>
    public static void AddSystemEntry(MembershipDbContext db, AssociationCalendar calendar, string operation, params string[] objectIds)
    {
        var fields = new AuditFields();
        foreach (var id in objectIds)
        {
            fields.AddObject(id);
        }

        var entry = NewEntry(calendar, operation, AuditOutcome.Ok, null, fields);
        entry.ActorKind = AuditActorKind.System;
        entry.ActorSubject = "system";
        db.AuditEntries.Add(entry);
    }

    /// <summary>
    /// A host command's entry (<c>command.create-staff</c>): the machine's user, the options given (names only), how it ended.
    /// Written after the command; a command that could not reach the database leaves none (and says so on its own).
    /// </summary>
    public static async Task RecordCommandAsync(IServiceProvider services, string command, IEnumerable<string> args, int exitCode)
    {
        var options = new AuditFields();
        var entry = NewEntry(services.GetRequiredService<AssociationCalendar>(), $"command.{command}", exitCode == 0 ? AuditOutcome.Ok : AuditOutcome.Failed,
            exitCode == 0 ? null : $"EXIT_{exitCode}", options);
        entry.Fields = string.Join(' ', args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Distinct()) is { Length: > 0 } names ? names : null;
        entry.ActorKind = AuditActorKind.Host;
        entry.ActorSubject = Environment.UserName;
        entry.ActorDisplay = $"{Environment.UserName}@{Environment.MachineName}";
        try
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<MembershipDbContext>>().CreateDbContextAsync();
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException || DatabaseOutage.IsOutage(e))
        {
            NotWritten(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditLog)), e, $"command {command}");
        }
    }

    /// <summary>
    /// An audit entry that could not be written: while the database is down, a warning without the stack (the request's
    /// own error handling already reports the outage); anything else, an error with it.
    /// </summary>
    internal static void NotWritten(ILogger logger, Exception e, string what)
    {
        if (DatabaseOutage.IsOutage(e))
        {
            logger.LogWarning("Audit entry for {Audited} could not be written: the database is unavailable ({Reason})", what, e.GetBaseException().Message);
        }
        else
        {
            logger.LogError(e, "Audit entry for {Audited} could not be written", what);
        }
    }
}
