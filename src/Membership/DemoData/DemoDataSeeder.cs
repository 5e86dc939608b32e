using System.Diagnostics;
using Membership.Data;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Membership.DemoData;

/// <summary>
/// Fills an empty Development database with plans, agencies and members, once. The whole seed is one transaction,
/// so several instances starting together leave either all of it or none of it from each, and never two copies.
/// </summary>
public static class DemoDataSeeder
{
    public static async Task SeedAsync(IServiceProvider services, DemoDataOptions options, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MembershipDbContext>>();
        var calendar = services.GetRequiredService<AssociationCalendar>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoDataSeeder));
        var started = Stopwatch.GetTimestamp();

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (await db.MembershipPlans.AnyAsync(cancellationToken) || await db.Members.AnyAsync(cancellationToken))
            {
                logger.LogInformation("Demo data not seeded: the database already holds plans or members.");
                return;
            }

            var plans = DemoPlans.Create(calendar);
            var agencies = DemoAgencies.Create(calendar);
            var members = new DemoMembers(new Random(options.Seed), calendar, plans, agencies).Create(options.Members);
            await NumberAsync(db, members, cancellationToken);

            db.MembershipPlans.AddRange(plans);
            db.Agencies.AddRange(agencies.Select(a => a.Agency));
            db.Members.AddRange(members.Select(m => m.Member));
            await db.SaveChangesAsync(cancellationToken); // members first: they and their current terms point at each other

            foreach (var (member, terms) in members)
            {
                db.MembershipTerms.AddRange(terms);
                member.CurrentTermId = terms[^1].Id;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            var today = calendar.Today();
            var statuses = members
                .GroupBy(m => MembershipStatusRules.Compute(m.Terms[^1], m.Member.SuspendedAt, today))
                .ToDictionary(g => g.Key, g => g.Count());
            logger.LogInformation(
                "Demo data seeded in {Elapsed:0} ms: {Plans} plans, {Agencies} agencies, {Members} members ({Statuses}), {Terms} terms.",
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                plans.Count,
                agencies.Count,
                members.Count,
                string.Join(", ", Enum.GetValues<MembershipStatus>().Select(s => $"{s} {statuses.GetValueOrDefault(s)}")),
                members.Sum(m => m.Terms.Count));
        }
        catch (DbUpdateException e)
        {
            // Another instance seeded at the same moment and won the race (a unique plan code or member number).
            logger.LogWarning(e, "Demo data not seeded: the database changed while seeding; keeping what is there.");
        }
    }

    /// <summary>
    /// Takes one member number each in a single step, in the order members joined. The sequence row stays locked
    /// until commit and ends at the highest number used.
    /// </summary>
    private static async Task NumberAsync(MembershipDbContext db, List<DemoMember> members, CancellationToken cancellationToken)
    {
        if (members.Count == 0)
        {
            return;
        }

        await db.NumberSequences
            .Where(s => s.Name == MemberNumbers.SequenceName)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastValue, x => x.LastValue + members.Count), cancellationToken);
        var last = await db.NumberSequences.Where(s => s.Name == MemberNumbers.SequenceName).Select(s => s.LastValue).SingleAsync(cancellationToken);
        var number = last - members.Count;
        foreach (var member in members.Select(m => m.Member).OrderBy(m => m.CreatedAt))
        {
            member.Number = ++number;
        }
    }
}
