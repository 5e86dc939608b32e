using Membership.Conferences;
using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.DemoData;

/// <summary>
/// Next summer's national conference for the Development database, once: on sale now, with a full-conference ticket
/// (early bird for a month), a day pass, a members-only pre-conference Basic SRO course, an exhibitor pass, and the
/// voucher DEMO10 (10 % off the full conference, 50 uses).
/// </summary>
public static class DemoConferences
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MembershipDbContext>>();
        var calendar = services.GetRequiredService<AssociationCalendar>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Conferences.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = calendar.Now();
        var year = now.Month >= 6 ? now.Year + 1 : now.Year;
        var starts = new DateTimeOffset(year, 7, 12, 13, 0, 0, TimeSpan.Zero); // 8 a.m. in Nashville
        var conference = new Conference
        {
            Id = RecordIds.New(), Name = $"{year} National School Safety Conference", Venue = "Gaylord Opryland Resort", City = "Nashville", StateCode = "TN",
            TimeZone = "America/Chicago", StartsAt = starts, EndsAt = starts.AddDays(4).AddHours(9), Capacity = 3000, RegistrationOpensAt = now.AddDays(-7),
            RegistrationClosesAt = starts.AddDays(-1), TransferCutoffAt = starts.AddDays(-3), RefundCutoffAt = starts.AddDays(-30), Status = ConferenceStatus.OnSale, CreatedAt = now,
        };
        db.Conferences.Add(conference);
        TicketType Type(string name, long member, long nonMember, int quota, Action<TicketType>? shape = null)
        {
            var type = new TicketType
            {
                Id = RecordIds.New(), ConferenceId = conference.Id, Name = name, MemberPrice = member, NonMemberPrice = nonMember, Currency = "USD", Quota = quota,
                SalesStartAt = conference.RegistrationOpensAt, SalesEndAt = conference.RegistrationClosesAt, MaxPerOrder = 10, CreatedAt = now,
            };
            shape?.Invoke(type);
            db.TicketTypes.Add(type);
            return type;
        }

        var full = Type("Full conference", 49500, 64500, 2500, t =>
        {
            t.EarlyBirdMemberPrice = 42500;
            t.EarlyBirdNonMemberPrice = 57500;
            t.EarlyBirdUntil = now.AddDays(30);
        });
        Type("One-day pass", 22500, 29500, 400);
        var basic = await db.Courses.AsNoTracking().Where(c => c.Code == "BASIC-SRO").Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        Type("Pre-conference: Basic SRO course", 45000, 45000, 40, t =>
        {
            t.MembersOnly = true;
            t.RequiresGoodStanding = true;
            t.CourseId = basic;
            t.CountsAsAttendance = false;
            t.MaxPerOrder = 1;
        });
        Type("Exhibitor pass", 0, 95000, 60, t => t.CountsAsAttendance = false); // exhibitors work the hall: not attendance toward the designation
        var voucher = new Voucher { Id = RecordIds.New(), ConferenceId = conference.Id, Code = "DEMO10", PercentOff = 10, MaxUses = 50, ValidFrom = now.AddDays(-7), ValidUntil = conference.RegistrationClosesAt };
        voucher.TicketTypes.Add(new VoucherTicketType { VoucherId = voucher.Id, TicketTypeId = full.Id });
        db.Vouchers.Add(voucher);
        await db.SaveChangesAsync(cancellationToken);
    }
}
