using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Infrastructure.Jobs;

/// <summary>Who runs a background job now, until when. In the database, so one instance of several runs it at a time.</summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}

public static class JobLeases
{
    /// <summary>
    /// Takes the lease if it is free or expired (or already ours), with one conditional UPDATE or an INSERT that loses
    /// a race cleanly. True when this holder may run the job until <paramref name="until"/>.
    /// </summary>
    public static async Task<bool> TryAcquireAsync(MembershipDbContext db, string name, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        var taken = await db.JobLeases.Where(l => l.Name == name && (l.ExpiresAt < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.JobLeases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        try
        {
            db.JobLeases.Add(new JobLease { Name = name, Holder = holder, ExpiresAt = until });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public static Task ReleaseAsync(MembershipDbContext db, string name, string holder, CancellationToken ct) =>
        db.JobLeases.Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(ct);
}
