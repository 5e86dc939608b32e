using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Membership.Dues.Payments;

/// <summary>Per-request loaders of members' payments and renewals; each batch runs one query on its own DbContext.</summary>
public sealed class DuesLoaders(IDbContextFactory<MembershipDbContext> factory)
{
    /// <summary>The query of <see cref="OfMembers"/> with the lines, newest first, compiled once: every <c>me { duesPayments }</c> runs it.</summary>
    private static readonly KeyedQuery<Guid, DuesPayment> PaymentsOfMembers = new((db, ids) => db.DuesPayments.AsNoTracking().Include(p => p.Lines)
        .Where(p => db.DuesPayments.Where(x => x.PayerMemberId != null && ids.Contains(x.PayerMemberId.Value)).Select(x => x.Id)
            .Union(db.DuesPaymentLines.Where(l => ids.Contains(l.MemberId)).Select(l => l.PaymentId)).Contains(p.Id))
        .OrderByDescending(p => p.CreatedAt));

    /// <summary>Payments a member made or was covered by, newest first (the latest 100).</summary>
    public BatchLoader<Guid, IReadOnlyList<DuesPayment>> PaymentsOfMember { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var payments = await PaymentsOfMembers.ToListAsync(db, ids, ct);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<DuesPayment>)[.. payments.Where(p => p.PayerMemberId == id || p.Lines.Any(l => l.MemberId == id)).Take(100)]);
    }, []);

    /// <summary>
    /// Payments the members made or were covered by: the union of two index lookups (payer, then the lines' member), so
    /// the database probes both indexes rather than testing "payer OR a line" on every payment. (The loader's compiled
    /// <see cref="PaymentsOfMembers"/> is the same query.)
    /// </summary>
    internal static IQueryable<DuesPayment> OfMembers(MembershipDbContext db, IReadOnlyCollection<Guid> ids)
    {
        var paid = db.DuesPayments.Where(p => p.PayerMemberId != null).WhereKeyIn(p => p.PayerMemberId!.Value, ids).Select(p => p.Id)
            .Union(db.DuesPaymentLines.WhereKeyIn(l => l.MemberId, ids).Select(l => l.PaymentId));
        return db.DuesPayments.Where(p => paid.Contains(p.Id));
    }

    /// <summary>Refunds of each payment, oldest first.</summary>
    public BatchLoader<Guid, IReadOnlyList<PaymentRefund>> RefundsOfPayment { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DuesRefunds.AsNoTracking().WhereKeyIn(r => r.PaymentId, ids)
            .Join(db.DuesPayments, r => r.PaymentId, p => p.Id, (r, p) => new { Refund = r, p.Currency })
            .OrderBy(x => x.Refund.CreatedAt).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<PaymentRefund>)[.. rows.Where(x => x.Refund.PaymentId == id).Select(x => new PaymentRefund(x.Refund, x.Currency))]);
    }, []);

    public BatchLoader<Guid, DuesSubscription?> AutoRenewalOfMember { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DuesSubscriptions.AsNoTracking().WhereKeyIn(s => s.MemberId, ids).OrderByDescending(s => s.UpdatedAt).ToListAsync(ct);
        return rows.GroupBy(s => s.MemberId).ToDictionary(g => g.Key, g => (DuesSubscription?)g.First());
    }, null);
}
