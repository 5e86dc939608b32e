using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Limits;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Courses;
using Membership.Certifications.Practitioner;
using Membership.Certifications.Records;
using Membership.Certifications.Verification;

namespace Membership.Certifications;

/// <summary>A member's training record on the Member type: private to the member and staff, like contact data.</summary>
internal static class CertificationMemberFields
{
    public static void AddCertificationFields(this ObjectGraphType<Member> member)
    {
        member.Field<ListGraphType<NonNullGraphType<CertificateType>>>("certificates").Description("Every certificate, newest first (reissued ones included).")
            .PersonalData(m => m.Id)
            .Resolve(c => c.Service<CertificationLoaders>().CertificatesOfMember.Load(c.Source.Id));
        member.Field<ListGraphType<NonNullGraphType<InServiceTrainingType>>>("inServiceTrainings").Description("Reported in-service training, newest first.")
            .PersonalData(m => m.Id)
            .Resolve(c => c.Service<CertificationLoaders>().TrainingOfMember.Load(c.Source.Id));
        member.Field<ListGraphType<NonNullGraphType<ConferenceAttendanceType>>>("conferenceAttendances")
            .PersonalData(m => m.Id)
            .Resolve(c => c.Service<CertificationLoaders>().ConferencesOfMember.Load(c.Source.Id));
        member.Field<PractitionerChecklistType>("practitionerChecklist")
            .Description("Each National SRO Practitioner requirement, met or not, with its evidence. Costs several queries: ask for one member at a time.")
            .PersonalData(m => m.Id)
            .Cost(200)
            .ResolveAsync(async c =>
            {
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                return await PractitionerEvaluator.EvaluateAsync(db, c.Source.Id, c.Today(), c.CancellationToken);
            });
        member.Field<ListGraphType<NonNullGraphType<PractitionerApplicationType>>>("practitionerApplications")
            .PersonalData(m => m.Id)
            .Resolve(c => c.Service<CertificationLoaders>().ApplicationsOfMember.Load(c.Source.Id));
        member.Field<ListGraphType<NonNullGraphType<VerificationConsentType>>>("verificationConsents").Description("Agencies allowed to see the certification status.")
            .PersonalData(m => m.Id)
            .ResolveAsync(async c =>
            {
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                return await db.VerificationConsents.AsNoTracking().Where(x => x.MemberId == c.Source.Id).OrderByDescending(x => x.GrantedAt).ToListAsync(c.CancellationToken);
            });
        member.Field<VerificationLogConnectionType>("verifications").Description("Who verified this member's certificates, newest first.")
            .PagingArguments()
            .PersonalData(m => m.Id)
            .ResolveAsync(async c =>
            {
                var id = c.Source.Id;
                return await KeysetPaging.PageAsync(c.Db(), db => db.VerificationLog.Where(e => e.MemberId == id), ConsentGraph.NewestFirst, PageArgs.From(c), c.CancellationToken);
            });
    }
}

/// <summary>Certificates through node(id): their holder and staff only.</summary>
internal sealed class CertificateNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => CertificateType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var caller = (Caller)requestServices.GetService(typeof(Caller))!;
        var self = caller.MemberId;
        var staff = caller.IsStaff;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Certificates.AsNoTracking().WhereKeyIn(x => x.Id, keys).Where(x => staff || x.MemberId == self)
            .ToDictionaryAsync(x => x.Id, x => (object)x, cancellationToken);
    }
}

/// <summary>Courses through node(id): public.</summary>
internal sealed class CourseNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => CourseType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Courses.AsNoTracking().WhereKeyIn(x => x.Id, keys).ToDictionaryAsync(x => x.Id, x => (object)x, cancellationToken);
    }
}
