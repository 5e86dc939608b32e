using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Membership.Certifications;

/// <summary>Per-request batch loaders of the certification records; each batch runs one query on its own DbContext.</summary>
public sealed class CertificationLoaders(IDbContextFactory<MembershipDbContext> factory)
{
    private static readonly KeyedQuery<Guid, Course> CoursesById = new((db, ids) => db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id)));

    private static readonly KeyedQuery<Guid, Certificate> CertificatesById = new((db, ids) => db.Certificates.AsNoTracking().Where(c => ids.Contains(c.Id)));

    private static readonly KeyedQuery<Guid, Certificate> CertificatesByMember = new((db, ids) =>
        db.Certificates.AsNoTracking().Where(c => ids.Contains(c.MemberId)).OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.CreatedAt));

    private static readonly KeyedQuery<Guid, InServiceTraining> TrainingByMember = new((db, ids) =>
        db.InServiceTrainings.AsNoTracking().Where(t => ids.Contains(t.MemberId)).OrderByDescending(t => t.CompletedOn));

    private static readonly KeyedQuery<Guid, ConferenceAttendance> ConferencesByMember = new((db, ids) =>
        db.ConferenceAttendances.AsNoTracking().Where(a => ids.Contains(a.MemberId)).OrderByDescending(a => a.Year));

    private static readonly KeyedQuery<Guid, PractitionerApplication> ApplicationsByMember = new((db, ids) =>
        db.PractitionerApplications.AsNoTracking().Where(a => ids.Contains(a.MemberId)).OrderByDescending(a => a.SubmittedAt));

    public BatchLoader<Guid, Course?> Course { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CoursesById.ToDictionaryAsync(db, ids, c => c.Id, c => (Course?)c, ct);
    }, null);

    public BatchLoader<Guid, Certificate?> Certificate { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CertificatesById.ToDictionaryAsync(db, ids, c => c.Id, c => (Certificate?)c, ct);
    }, null);

    /// <summary>A member's certificates, newest first.</summary>
    public BatchLoader<Guid, IReadOnlyList<Certificate>> CertificatesOfMember { get; } = Grouped(factory, CertificatesByMember, c => c.MemberId);

    public BatchLoader<Guid, IReadOnlyList<InServiceTraining>> TrainingOfMember { get; } = Grouped(factory, TrainingByMember, t => t.MemberId);

    public BatchLoader<Guid, IReadOnlyList<ConferenceAttendance>> ConferencesOfMember { get; } = Grouped(factory, ConferencesByMember, a => a.MemberId);

    public BatchLoader<Guid, IReadOnlyList<PractitionerApplication>> ApplicationsOfMember { get; } = Grouped(factory, ApplicationsByMember, a => a.MemberId);

    /// <summary>The instructors' names of each offering, by surname.</summary>
    public BatchLoader<Guid, IReadOnlyList<string>> InstructorNamesOfOffering { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from i in db.Set<CourseInstructor>().AsNoTracking().WhereKeyIn(i => i.OfferingId, ids)
                          join m in db.Members.AsNoTracking() on i.MemberId equals m.Id
                          orderby m.LastNameKey, m.FirstNameKey
                          select new { i.OfferingId, Name = m.FirstName + " " + m.LastName }).ToListAsync(ct);
        return rows.GroupBy(r => r.OfferingId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Name)]);
    }, []);

    /// <summary>One query (compiled once) for the rows of all keys, grouped in memory; at most <paramref name="perKey"/> rows per key.</summary>
    internal static BatchLoader<Guid, IReadOnlyList<T>> Grouped<T>(IDbContextFactory<MembershipDbContext> factory,
        KeyedQuery<Guid, T> query, Func<T, Guid> key, int perKey = int.MaxValue) => new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await query.ToListAsync(db, ids, ct);
        return rows.GroupBy(key).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)[.. g.Take(perKey)]);
    }, []);
}
