using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Membership.Certifications.Records;

namespace Membership.Data;

/// <summary>
/// A named counter for human-readable numbers (member numbers, later certificates and receipts).
/// One row per sequence works the same on every provider and survives several API instances.
/// </summary>
public sealed class NumberSequence
{
    public required string Name { get; set; }
    public long LastValue { get; set; }
}

internal sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.HasData(
            new NumberSequence { Name = Members.MemberNumbers.SequenceName, LastValue = 0 },
            new NumberSequence { Name = CertificateNumbers.SequenceName, LastValue = 0 },
            new NumberSequence { Name = Dues.Payments.Receipts.SequenceName, LastValue = 0 },
            new NumberSequence { Name = "ticket-order", LastValue = 0 });
    }
}

public static class NumberSequences
{
    /// <summary>
    /// Takes the next value. Call inside the transaction that uses it: the row stays locked until commit,
    /// so concurrent callers wait instead of taking the same number, and a rollback gives the number back.
    /// </summary>
    public static async Task<long> NextAsync(this MembershipDbContext db, string name, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Numbers are taken inside a transaction.");
        }

        var updated = await db.NumberSequences
            .Where(s => s.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastValue, x => x.LastValue + 1), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Number sequence '{name}' does not exist.");
        }

        return await db.NumberSequences.Where(s => s.Name == name).Select(s => s.LastValue).SingleAsync(cancellationToken);
    }
}
