using Membership.Data;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members;

/// <summary>
/// Row locks on members, taken inside the caller's transaction before a member's terms change (a payment extending,
/// a refund taking a term back, staff cancelling): two such changes to one member wait for each other instead of both
/// acting on the same current term. An UPDATE that changes nothing still takes the row lock (PostgreSQL, SQL Server);
/// SQLite locks the whole file.
/// </summary>
internal static class MemberLocks
{
    /// <summary>Locks the members in id order, so that two changes to several members (group payments) never deadlock.</summary>
    public static async Task LockAsync(MembershipDbContext db, IEnumerable<Guid> memberIds, CancellationToken ct)
    {
        foreach (var id in memberIds.Distinct().Order())
        {
            await db.Members.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.UpdatedAt, m => m.UpdatedAt), ct);
        }
    }
}
