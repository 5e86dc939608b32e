using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conferences;

/// <summary>Per-request batch loaders of conferences, ticket types, orders and tickets; each batch is one query on its own DbContext.</summary>
public sealed class ConferenceLoaders(IDbContextFactory<MembershipDbContext> factory)
{
    private static readonly KeyedQuery<Guid, TicketType> TypesByConference = new((db, ids) =>
        db.TicketTypes.AsNoTracking().Where(t => ids.Contains(t.ConferenceId)).OrderBy(t => t.SalesStartAt).ThenBy(t => t.Name));

    private static readonly KeyedQuery<Guid, Voucher> VouchersByConference = new((db, ids) =>
        db.Vouchers.AsNoTracking().Include(v => v.TicketTypes).Where(v => ids.Contains(v.ConferenceId)).OrderBy(v => v.Code));

    private static readonly KeyedQuery<Guid, Ticket> TicketsByOrder = new((db, ids) =>
        db.Tickets.AsNoTracking().Where(t => ids.Contains(t.OrderId)).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id));

    private static readonly KeyedQuery<Guid, TicketOrder> OrdersByMember = new((db, ids) =>
        db.TicketOrders.AsNoTracking().Where(o => o.BuyerMemberId != null && ids.Contains(o.BuyerMemberId.Value)).OrderByDescending(o => o.CreatedAt));

    private static readonly KeyedQuery<Guid, Ticket> TicketsByAttendee = new((db, ids) =>
        db.Tickets.AsNoTracking().Where(t => t.AttendeeMemberId != null && ids.Contains(t.AttendeeMemberId.Value) && t.Status != TicketStatus.Reserved)
            .OrderByDescending(t => t.CreatedAt));

    private static readonly KeyedQuery<Guid, WaitingListEntry> WaitingByMember = new((db, ids) =>
        db.WaitingList.AsNoTracking().Where(w => w.MemberId != null && ids.Contains(w.MemberId.Value)).OrderByDescending(w => w.JoinedAt));

    public BatchLoader<Guid, Conference?> Conference { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Conferences.AsNoTracking().WhereKeyIn(c => c.Id, ids).ToDictionaryAsync(c => c.Id, c => (Conference?)c, ct);
    }, null);

    public BatchLoader<Guid, TicketType?> TicketType { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.TicketTypes.AsNoTracking().WhereKeyIn(t => t.Id, ids).ToDictionaryAsync(t => t.Id, t => (TicketType?)t, ct);
    }, null);

    public BatchLoader<Guid, Ticket?> Ticket { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tickets.AsNoTracking().WhereKeyIn(t => t.Id, ids).ToDictionaryAsync(t => t.Id, t => (Ticket?)t, ct);
    }, null);

    public BatchLoader<Guid, TicketOrder?> Order { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.TicketOrders.AsNoTracking().WhereKeyIn(o => o.Id, ids).ToDictionaryAsync(o => o.Id, o => (TicketOrder?)o, ct);
    }, null);

    public BatchLoader<Guid, string?> VoucherCode { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Vouchers.AsNoTracking().WhereKeyIn(v => v.Id, ids).ToDictionaryAsync(v => v.Id, v => (string?)v.Code, ct);
    }, null);

    /// <summary>Ticket types of each conference, by sales start and name.</summary>
    public BatchLoader<Guid, IReadOnlyList<TicketType>> TypesOfConference { get; } = Grouped(factory, TypesByConference, t => t.ConferenceId);

    public BatchLoader<Guid, IReadOnlyList<Voucher>> VouchersOfConference { get; } = Grouped(factory, VouchersByConference, v => v.ConferenceId);

    /// <summary>The tickets of each order, in the order they were issued.</summary>
    public BatchLoader<Guid, IReadOnlyList<Ticket>> TicketsOfOrder { get; } = Grouped(factory, TicketsByOrder, t => t.OrderId);

    /// <summary>A member's orders, newest first (the latest 100).</summary>
    public BatchLoader<Guid, IReadOnlyList<TicketOrder>> OrdersOfMember { get; } = Grouped(factory, OrdersByMember, o => o.BuyerMemberId!.Value);

    /// <summary>Tickets that name a member as attendee, newest first: what they show at the door.</summary>
    public BatchLoader<Guid, IReadOnlyList<Ticket>> TicketsOfMember { get; } = Grouped(factory, TicketsByAttendee, t => t.AttendeeMemberId!.Value);

    public BatchLoader<Guid, IReadOnlyList<WaitingListEntry>> WaitingOfMember { get; } = Grouped(factory, WaitingByMember, w => w.MemberId!.Value);

    /// <summary>The trail of transfers that replaced a ticket, by the ticket replaced.</summary>
    public BatchLoader<Guid, TicketTransfer?> TransferFrom { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.TicketTransfers.AsNoTracking().WhereKeyIn(t => t.FromTicketId, ids).ToDictionaryAsync(t => t.FromTicketId, t => (TicketTransfer?)t, ct);
    }, null);

    /// <summary>Sales of each ticket type of each conference: one grouped query.</summary>
    public BatchLoader<Guid, IReadOnlyList<TicketTypeSales>> SalesOfConference { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var types = await db.TicketTypes.AsNoTracking().WhereKeyIn(t => t.ConferenceId, ids).OrderBy(t => t.SalesStartAt).ThenBy(t => t.Name).ToListAsync(ct);
        var counts = await db.Tickets.AsNoTracking().WhereKeyIn(t => t.ConferenceId, ids)
            .GroupBy(t => new { t.TicketTypeId, t.Status })
            .Select(g => new { g.Key.TicketTypeId, g.Key.Status, Count = g.Count(), Revenue = g.Sum(t => t.Price) }).ToListAsync(ct);
        var typesOfConferences = db.TicketTypes.WhereKeyIn(t => t.ConferenceId, ids);
        var waiting = await db.WaitingList.AsNoTracking().Where(w => w.Status == WaitingStatus.Waiting && typesOfConferences.Any(t => t.Id == w.TicketTypeId))
            .GroupBy(w => w.TicketTypeId).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(ct);
        return types.GroupBy(t => t.ConferenceId).ToDictionary(g => g.Key, g => (IReadOnlyList<TicketTypeSales>)[.. g.Select(type =>
        {
            int Count(params TicketStatus[] statuses) => counts.Where(c => c.TicketTypeId == type.Id && statuses.Contains(c.Status)).Sum(c => c.Count);
            var revenue = counts.Where(c => c.TicketTypeId == type.Id && c.Status is TicketStatus.Valid or TicketStatus.CheckedIn).Sum(c => c.Revenue);
            return new TicketTypeSales(type, Count(TicketStatus.Reserved), Count(TicketStatus.Valid, TicketStatus.CheckedIn), Count(TicketStatus.CheckedIn),
                Count(TicketStatus.Cancelled), waiting.Where(w => w.Type == type.Id).Sum(w => w.Count), revenue);
        })]);
    }, []);

    private static BatchLoader<Guid, IReadOnlyList<T>> Grouped<T>(IDbContextFactory<MembershipDbContext> factory, KeyedQuery<Guid, T> query, Func<T, Guid> key) =>
        Certifications.CertificationLoaders.Grouped(factory, query, key, perKey: 100);
}

/// <summary>How a ticket type sells: held by pending orders, sold (valid or used), used, cancelled, waiting, revenue of what is sold.</summary>
public sealed record TicketTypeSales(TicketType Type, int Held, int Sold, int CheckedIn, int Cancelled, int Waiting, long Revenue);

/// <summary>Conferences through node(id): public once announced (not Draft); drafts for staff.</summary>
internal sealed class ConferenceNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => ConferenceType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var staff = ((Caller)requestServices.GetService(typeof(Caller))!).IsStaff;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Conferences.AsNoTracking().WhereKeyIn(c => c.Id, keys).Where(c => staff || c.Status != ConferenceStatus.Draft)
            .ToDictionaryAsync(c => c.Id, c => (object)c, cancellationToken);
    }
}

internal sealed class TicketTypeNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => TicketTypeType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var staff = ((Caller)requestServices.GetService(typeof(Caller))!).IsStaff;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.TicketTypes.AsNoTracking()
            .WhereKeyIn(t => t.Id, keys).Where(t => staff || db.Conferences.Any(c => c.Id == t.ConferenceId && c.Status != ConferenceStatus.Draft))
            .ToDictionaryAsync(t => t.Id, t => (object)t, cancellationToken);
    }
}

/// <summary>Orders through node(id): staff and the member who placed the order (an agency's block included).</summary>
internal sealed class TicketOrderNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => TicketOrderType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var caller = (Caller)requestServices.GetService(typeof(Caller))!;
        var staff = caller.IsStaff;
        var self = caller.MemberId;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.TicketOrders.AsNoTracking()
            .WhereKeyIn(o => o.Id, keys).Where(o => staff || (self != null && o.BuyerMemberId == self))
            .ToDictionaryAsync(o => o.Id, o => (object)o, cancellationToken);
    }
}

/// <summary>Tickets through node(id): staff, the attendee, and the member who placed the order.</summary>
internal sealed class TicketNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => TicketGraphType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var caller = (Caller)requestServices.GetService(typeof(Caller))!;
        var staff = caller.IsStaff;
        var self = caller.MemberId;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.AsNoTracking()
            .WhereKeyIn(t => t.Id, keys).Where(t => staff || (self != null && (t.AttendeeMemberId == self
                || db.TicketOrders.Any(o => o.Id == t.OrderId && o.BuyerMemberId == self))))
            .ToDictionaryAsync(t => t.Id, t => (object)t, cancellationToken);
    }
}
