using GraphQL;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Agencies;

/// <summary>Whether a signed-in member acts for an agency: what lets them pay its officers' dues and buy its tickets.</summary>
public static class ActingForAgency
{
    /// <summary>True when <paramref name="caller"/> is a member of <paramref name="agency"/> who acts for it today (see <see cref="MembershipStatusRules.ActingForTheirAgency"/>).</summary>
    public static async Task<bool> ActsForAgencyAsync(this IResolveFieldContext context, Caller caller, Guid agency)
    {
        if (caller.MemberId is not { } self)
        {
            return false;
        }

        await using var db = await context.Db().CreateDbContextAsync(context.CancellationToken);
        return await db.Members.ActingForTheirAgency(context.Today()).AnyAsync(m => m.Id == self && m.AgencyId == agency, context.CancellationToken);
    }
}
