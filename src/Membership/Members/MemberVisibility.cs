using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members;

/// <summary>
/// Which members a caller may see at all: staff see everyone; a directory reader sees the members who opted into
/// the directory, and a member also sees themself; anyone else (a partner client, say) sees no one. Every path to a member (member, memberByNumber,
/// members, agency.members, node, nodes) goes through this filter.
/// </summary>
public static class MemberVisibility
{
    public static IQueryable<Member> VisibleTo(this IQueryable<Member> members, Caller caller)
    {
        if (caller.IsStaff)
        {
            return members;
        }

        var self = caller.MemberId;
        if (caller.IsDirectoryReader)
        {
            return members.Where(m => m.DirectoryOptIn || m.Id == self);
        }

        return self is null ? members.Where(m => false) : members.Where(m => m.Id == self);
    }
}

/// <summary>Members through node(id) and nodes(ids), filtered like every other path.</summary>
internal sealed class MemberNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => MemberType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var caller = (Caller)requestServices.GetService(typeof(Caller))!;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Members.AsNoTracking().VisibleTo(caller).Where(m => keys.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => (object)m, cancellationToken);
    }
}
