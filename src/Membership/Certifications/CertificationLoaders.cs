using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Membership.Certifications;

/// <summary>Per-request batch loaders of the certification records; each batch runs one query on its own DbContext.</summary>
public sealed class CertificationLoaders(IDbContextFactory<MembershipDbContext> factory)
{
    public BatchLoader<Guid, Course?> Course { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (Course?)c, ct);
    }, null);

    public BatchLoader<Guid, Certificate?> Certificate { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (Certificate?)c, ct);
    }, null);

    /// <summary>A member's certificates, newest first.</summary>
    public BatchLoader<Guid, IReadOnlyList<Certificate>> CertificatesOfMember { get; } = Grouped(factory, (db, ids) =>
        db.Certificates.AsNoTracking().Where(c => ids.Contains(c.MemberId)).OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.CreatedAt), c => c.MemberId);

    public BatchLoader<Guid, IReadOnlyList<InServiceTraining>> TrainingOfMember { get; } = Grouped(factory, (db, ids) =>
        db.InServiceTrainings.AsNoTracking().Where(t => ids.Contains(t.MemberId)).OrderByDescending(t => t.CompletedOn), t => t.MemberId);

    public BatchLoader<Guid, IReadOnlyList<ConferenceAttendance>> ConferencesOfMember { get; } = Grouped(factory, (db, ids) =>
        db.ConferenceAttendances.AsNoTracking().Where(a => ids.Contains(a.MemberId)).OrderByDescending(a => a.Year), a => a.MemberId);

    public BatchLoader<Guid, IReadOnlyList<PractitionerApplication>> ApplicationsOfMember { get; } = Grouped(factory, (db, ids) =>
        db.PractitionerApplications.AsNoTracking().Where(a => ids.Contains(a.MemberId)).OrderByDescending(a => a.SubmittedAt), a => a.MemberId);

    /// <summary>The instructors' names of each offering, by surname.</summary>
    public BatchLoader<Guid, IReadOnlyList<string>> InstructorNamesOfOffering { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from i in db.Set<CourseInstructor>().AsNoTracking()
                          join m in db.Members.AsNoTracking() on i.MemberId equals m.Id
                          where ids.Contains(i.OfferingId)
                          orderby m.LastNameKey, m.FirstNameKey
                          select new { i.OfferingId, Name = m.FirstName + " " + m.LastName }).ToListAsync(ct);
        return rows.GroupBy(r => r.OfferingId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Name)]);
    }, []);

    /// <summary>One query for the rows of all keys, grouped in memory.</summary>
    internal static BatchLoader<Guid, IReadOnlyList<T>> Grouped<T>(IDbContextFactory<MembershipDbContext> factory,
        Func<MembershipDbContext, IReadOnlyList<Guid>, IQueryable<T>> query, Func<T, Guid> key) => new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await query(db, ids).ToListAsync(ct);
        return rows.GroupBy(key).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)[.. g]);
    }, []);
}
