using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Membership.Conferences;

/// <summary>The annual national school-safety conference (or another event), with a capacity for the whole event.</summary>
public sealed class Conference
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Venue { get; set; }
    public required string City { get; set; }
    public required string StateCode { get; set; }

    /// <summary>IANA time zone of the venue: dates on tickets and cut-offs are shown in it.</summary>
    public required string TimeZone { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Seats for the whole event; <see cref="SeatsTaken"/> counts held and sold ones and never exceeds it.</summary>
    public int Capacity { get; set; }
    public int SeatsTaken { get; set; }

    public DateTimeOffset RegistrationOpensAt { get; set; }
    public DateTimeOffset RegistrationClosesAt { get; set; }

    /// <summary>Holders may transfer tickets, and buyers cancel orders, until these moments.</summary>
    public DateTimeOffset TransferCutoffAt { get; set; }
    public DateTimeOffset RefundCutoffAt { get; set; }

    public ConferenceStatus Status { get; set; }

    /// <summary>The association's annual national conference: a member's check-in records attendance toward the Practitioner designation.</summary>
    public bool National { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ConferenceStatus
{
    Draft,
    OnSale,
    Closed,
    Cancelled,
}

/// <summary>What a ticket is for: full conference, one day, a pre-conference course, exhibitor, guest…</summary>
public sealed class TicketType
{
    public Guid Id { get; set; }
    public Guid ConferenceId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Prices in minor units of <see cref="Currency"/>; the early-bird ones apply until <see cref="EarlyBirdUntil"/>.</summary>
    public long MemberPrice { get; set; }
    public long NonMemberPrice { get; set; }
    public long? EarlyBirdMemberPrice { get; set; }
    public long? EarlyBirdNonMemberPrice { get; set; }
    public DateTimeOffset? EarlyBirdUntil { get; set; }
    public required string Currency { get; set; }

    /// <summary>Seats of this type; <see cref="Taken"/> counts held and sold ones and never exceeds it.</summary>
    public int Quota { get; set; }
    public int Taken { get; set; }

    public DateTimeOffset SalesStartAt { get; set; }
    public DateTimeOffset SalesEndAt { get; set; }
    public int MaxPerOrder { get; set; }
    public bool MembersOnly { get; set; }
    public bool RequiresGoodStanding { get; set; }

    /// <summary>A pre-conference course sold as a ticket.</summary>
    public Guid? CourseId { get; set; }

    /// <summary>Whether checking in with this type attends the conference (false for a course, an exhibitor or a guest pass).</summary>
    public bool CountsAsAttendance { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A discount code: a percentage or a fixed amount off some ticket types, a limited number of times.</summary>
public sealed class Voucher
{
    public Guid Id { get; set; }
    public Guid ConferenceId { get; set; }
    public required string Code { get; set; }
    public int? PercentOff { get; set; }
    public long? AmountOff { get; set; }
    public int MaxUses { get; set; }

    /// <summary>Uses by held and paid orders; never exceeds <see cref="MaxUses"/>.</summary>
    public int Used { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset ValidUntil { get; set; }
    public List<VoucherTicketType> TicketTypes { get; } = [];
}

public sealed class VoucherTicketType
{
    public Guid VoucherId { get; set; }
    public Guid TicketTypeId { get; set; }
}

internal sealed class ConferenceConfiguration : IEntityTypeConfiguration<Conference>, IEntityTypeConfiguration<TicketType>,
    IEntityTypeConfiguration<Voucher>, IEntityTypeConfiguration<VoucherTicketType>
{
    public void Configure(EntityTypeBuilder<Conference> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Venue).HasMaxLength(200);
        builder.Property(c => c.City).HasMaxLength(100);
        builder.Property(c => c.StateCode).HasMaxLength(2).IsFixedLength();
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.Property(c => c.National).HasDefaultValue(true).HasSentinel(true);
        builder.HasOne<Regions.UsState>().WithMany().HasForeignKey(c => c.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.StartsAt);
        builder.ToTable(t => t.HasCheckConstraint("CK_Conferences_Seats", "\"SeatsTaken\" >= 0 AND \"SeatsTaken\" <= \"Capacity\""));
    }

    public void Configure(EntityTypeBuilder<TicketType> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.Property(t => t.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(t => t.CountsAsAttendance).HasDefaultValue(true).HasSentinel(true);
        builder.HasOne<Conference>().WithMany().HasForeignKey(t => t.ConferenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Certifications.Course>().WithMany().HasForeignKey(t => t.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.ConferenceId);
        builder.ToTable(t => t.HasCheckConstraint("CK_TicketTypes_Seats", "\"Taken\" >= 0 AND \"Taken\" <= \"Quota\""));
    }

    public void Configure(EntityTypeBuilder<Voucher> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Code).HasMaxLength(40);
        builder.HasOne<Conference>().WithMany().HasForeignKey(v => v.ConferenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(v => v.TicketTypes).WithOne().HasForeignKey(t => t.VoucherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.ConferenceId, v.Code }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_Vouchers_Uses", "\"Used\" >= 0 AND \"Used\" <= \"MaxUses\""));
    }

    public void Configure(EntityTypeBuilder<VoucherTicketType> builder)
    {
        builder.HasKey(v => new { v.VoucherId, v.TicketTypeId });
        builder.HasOne<TicketType>().WithMany().HasForeignKey(v => v.TicketTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}
