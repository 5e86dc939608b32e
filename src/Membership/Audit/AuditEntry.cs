using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Audit;

/// <summary>
/// One action that changed (or tried to change) data: who, when, from where, which operation, on which objects, which
/// fields, and how it ended. Append-only: nothing in the API updates or deletes an entry; <see cref="AuditRetention"/>
/// deletes entries past the retention. Holds no personal values: field names, and values only of <see cref="AuditFields.ValuesKept"/>.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public AuditActorKind ActorKind { get; set; }

    /// <summary>The token's subject (account id, or client id for a client acting for itself); the host's user for a command; "system" for jobs.</summary>
    public string? ActorSubject { get; set; }

    /// <summary>A staff user's or client's display name (never a member's: that would be personal data kept past erasure).</summary>
    public string? ActorDisplay { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The caller's address as the forwarded-headers setup resolved it.</summary>
    public string? RemoteAddress { get; set; }

    /// <summary><c>mutation.updateMember</c>, <c>command.create-client</c>, <c>system.refund</c>.</summary>
    public required string Operation { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>The user error or GraphQL error codes, space-separated, when the outcome is not <see cref="AuditOutcome.Ok"/>.</summary>
    public string? ErrorCodes { get; set; }

    /// <summary>The input fields supplied, as dotted paths, space-separated (names only).</summary>
    public string? Fields { get; set; }

    /// <summary>JSON object of the supplied values of non-personal fields (status, plan, amounts).</summary>
    public string? Values { get; set; }

    public string? TraceId { get; set; }

    /// <summary>Global IDs of the objects named in the arguments and returned.</summary>
    public List<AuditObject> Objects { get; set; } = [];
}

/// <summary>One object an entry concerns, by global ID: a row of its own so the log can be filtered by object through an index.</summary>
public sealed class AuditObject
{
    public Guid EntryId { get; set; }
    public required string ObjectId { get; set; }
}

public enum AuditActorKind
{
    Anonymous,
    User,
    Client,
    Host,
    System,
}

public enum AuditOutcome
{
    Ok,

    /// <summary>The payload carried user errors: nothing was written.</summary>
    Rejected,

    /// <summary>A GraphQL error or an unexpected failure: nothing the operation wrote before it failed was committed by it.</summary>
    Failed,
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<AuditObject>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorKind).HasMaxLength(16);
        builder.Property(e => e.ActorSubject).HasMaxLength(200);
        builder.Property(e => e.ActorDisplay).HasMaxLength(200);
        builder.Property(e => e.ClientId).HasMaxLength(100);
        builder.Property(e => e.RemoteAddress).HasMaxLength(64);
        builder.Property(e => e.Operation).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.Property(e => e.ErrorCodes).HasMaxLength(400);
        builder.Property(e => e.Fields).HasMaxLength(2000);
        builder.Property(e => e.Values).HasMaxLength(2000);
        builder.Property(e => e.TraceId).HasMaxLength(64);
        builder.HasMany(e => e.Objects).WithOne().HasForeignKey(o => o.EntryId).OnDelete(DeleteBehavior.Restrict); // the purge deletes objects first

        // One index per filter, each ending in the log's order (newest first) so a filtered page is a range scan.
        builder.HasIndex(e => new { e.At, e.Id });
        builder.HasIndex(e => new { e.ActorSubject, e.At, e.Id });
        builder.HasIndex(e => new { e.ActorDisplay, e.At, e.Id }); // the actor filter by name, exact or by prefix
        builder.HasIndex(e => new { e.Operation, e.At, e.Id });
    }

    public void Configure(EntityTypeBuilder<AuditObject> builder)
    {
        builder.HasKey(o => new { o.ObjectId, o.EntryId });
        builder.Property(o => o.ObjectId).HasMaxLength(100);
        builder.HasIndex(o => o.EntryId);
    }
}
