using GraphQL;
using GraphQL.Types;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Records;
using Membership.Partners.Webhooks;

namespace Membership.Certifications.Verification;

internal sealed class VerificationConsentType : ObjectGraphType<VerificationConsent>
{
    public VerificationConsentType()
    {
        Name = "VerificationConsent";
        Description = "A member's standing permission for an agency to see their certification status.";
        Field<NonNullGraphType<AgencyType>>("agency").Resolve(c => c.Service<AgencyLoaders>().Agency.Load(c.Source.AgencyId));
        Field(x => x.GrantedAt);
        Field(x => x.WithdrawnAt, nullable: true);
    }
}

/// <summary>An officer who lets the asking agency see their status, with their current certificates.</summary>
public sealed record ConsentingOfficer(VerificationConsent Consent, Member Member, IReadOnlyList<CertificateAnswer> Certificates);

internal sealed class ConsentingOfficerType : ObjectGraphType<ConsentingOfficer>
{
    public const string TypeName = "ConsentingOfficer";

    public ConsentingOfficerType()
    {
        Name = TypeName;
        Description = "Name, member number and certificate statuses; nothing personal beyond the name.";
        Field<NonNullGraphType<StringGraphType>>("memberNumber").Resolve(c => c.Source.Member.MemberNumber);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => $"{c.Source.Member.FirstName} {c.Source.Member.LastName}");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("consentGrantedAt").Resolve(c => c.Source.Consent.GrantedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CertificateVerificationType>>>>("certificates")
            .Description("The officer's current certificates (reissued ones are represented by their successors), newest first.")
            .Resolve(c => c.Source.Certificates);
    }
}

internal sealed class VerificationLogEntryType : ObjectGraphType<VerificationLogEntry>
{
    public const string TypeName = "VerificationLogEntry";

    public VerificationLogEntryType()
    {
        Name = TypeName;
        Description = "One verification: when, through which channel, by whom, about which certificate, and the answer.";
        this.Authorize();
        Field(e => e.At);
        Field<NonNullGraphType<VerificationChannelType>>("channel").Resolve(c => c.Source.Channel);
        Field(e => e.Query).Description("The number that was asked for.");
        Field(e => e.Found);
        Field<CertificateStatusType>("status").Resolve(c => c.Source.Status);
        Field<AgencyType>("agency").Description("The agency that asked, for partner and standing access.")
            .Resolve(c => c.Source.AgencyId is { } id ? c.Service<AgencyLoaders>().Agency.Load(id) : null);
        Field(e => e.ClientId, nullable: true).Description("The client that asked; null for anonymous public lookups.");
        Field<CertificateType>("certificate").Resolve(c => c.Source.CertificateId is { } id ? c.Service<CertificationLoaders>().Certificate.Load(id) : null);
        Field(e => e.Address, nullable: true).Description("Network address of a public lookup.").AuthorizeWithPolicy(Policies.Staff);
    }
}

internal sealed class VerificationChannelType : EnumerationGraphType<VerificationChannel>
{
    public VerificationChannelType() => Name = "VerificationChannel";
}

internal sealed class ConsentingOfficerEdgeType() : EdgeType<ConsentingOfficer, ConsentingOfficerType>(ConsentingOfficerType.TypeName);

internal sealed class ConsentingOfficerConnectionType() : ConnectionType<ConsentingOfficer, ConsentingOfficerType, ConsentingOfficerEdgeType>(ConsentingOfficerType.TypeName);

internal sealed class VerificationLogEdgeType() : EdgeType<VerificationLogEntry, VerificationLogEntryType>(VerificationLogEntryType.TypeName);

internal sealed class VerificationLogConnectionType() : ConnectionType<VerificationLogEntry, VerificationLogEntryType, VerificationLogEdgeType>(VerificationLogEntryType.TypeName);

internal static class ConsentGraph
{
    internal static readonly KeysetOrder<VerificationLogEntry> NewestFirst = new("verification:newest",
        KeyColumn<VerificationLogEntry>.Descending(e => e.At), KeyColumn<VerificationLogEntry>.Descending(e => e.Id));

    /// <summary>The officers of a page of consents (consent is what lets the agency see them: no directory filter).</summary>
    private static readonly KeyedQuery<Guid, Member> OfficersById = new((db, ids) => db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)));

    /// <summary>The officers' current certificates (none replaced), newest first.</summary>
    private static readonly KeyedQuery<Guid, Certificate> CurrentCertificatesOf = new((db, ids) =>
        db.Certificates.AsNoTracking().Where(x => ids.Contains(x.MemberId) && x.ReplacedById == null).OrderByDescending(x => x.IssuedOn).ThenByDescending(x => x.CreatedAt));

    private static readonly KeysetOrder<VerificationConsent> ByGrant = new("consent:granted",
        KeyColumn<VerificationConsent>.Ascending(x => x.GrantedAt), KeyColumn<VerificationConsent>.Ascending(x => x.Id));

    public static void AddConsentQueries(this ObjectGraphType query)
    {
        query.Field<ConsentingOfficerConnectionType>("consentingOfficers")
            .Description("The officers who let the calling partner agency see their certification status, with current statuses. Withdrawn consent drops out at once; each certificate listed is logged with the status shown.")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Verifier)
            .ResolveAsync(async c =>
            {
                if (c.Caller().AgencyId is not { } agency)
                {
                    throw new ExecutionError("Only a partner agency's client has consenting officers.") { Code = ErrorCodes.Forbidden };
                }

                var consents = await KeysetPaging.PageAsync(c.Db(), db => db.VerificationConsents.Where(x => x.AgencyId == agency && x.WithdrawnAt == null),
                    ByGrant, PageArgs.From(c), c.CancellationToken);

                // The page's officers and their current certificates in one query each, and the log (one entry per
                // certificate shown, with the status shown; one per officer who has none) in one insert.
                var calendar = c.Service<AssociationCalendar>();
                var today = calendar.Today();
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                Guid[] ids = [.. consents.Edges.Select(e => e.Node.MemberId)];
                var members = await OfficersById.ToDictionaryAsync(db, ids, m => m.Id, m => m, c.CancellationToken);
                var certificates = (await CurrentCertificatesOf.ToListAsync(db, ids, c.CancellationToken))
                    .ToLookup(x => x.MemberId, x => new CertificateAnswer(x, CertificateStatusRules.Compute(x, today)));
                var log = new List<VerificationLogEntry>();
                foreach (var member in members.Values)
                {
                    var shown = certificates[member.Id].ToList();
                    log.AddRange(shown.Select(answer =>
                        VerificationGraph.LogEntry(c, calendar, VerificationChannel.StandingAccess, member.MemberNumber, answer.Certificate, answer)));
                    if (shown.Count == 0)
                    {
                        var entry = VerificationGraph.LogEntry(c, calendar, VerificationChannel.StandingAccess, member.MemberNumber, null, CertificateAnswer.NotFound);
                        entry.MemberId = member.Id;
                        log.Add(entry);
                    }
                }

                await db.InsertAsync(log, c.CancellationToken);
                return new Connection<ConsentingOfficer>(
                    [.. consents.Edges.Select(e => new Edge<ConsentingOfficer>(e.Cursor,
                        new ConsentingOfficer(e.Node, members[e.Node.MemberId], [.. certificates[e.Node.MemberId]])))],
                    consents.PageInfo, consents.CountAsync);
            });

        query.Field<VerificationLogConnectionType>("verificationLog")
            .Description("Every verification, newest first, filtered. Staff only.")
            .Argument<DateTimeOffsetGraphType>("from")
            .Argument<DateTimeOffsetGraphType>("to")
            .Argument<IdGraphType>("agencyId")
            .Argument<StringGraphType>("certificateNumber")
            .Argument<VerificationChannelType>("channel")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var from = c.GetArgument<DateTimeOffset?>("from");
                var to = c.GetArgument<DateTimeOffset?>("to");
                var agency = c.GetArgument<string?>("agencyId") is { } a ? GlobalId.Parse(a, AgencyType.TypeName, "agencyId") : (Guid?)null;
                var number = c.GetArgument<string?>("certificateNumber") is { } n ? CertificateNumbers.Normalize(n) : null;
                var channel = c.GetArgument<VerificationChannel?>("channel");

                // By the certificate an entry is about, however it was asked (a member number, lower case), or by what
                // was asked: a number that names no certificate still finds the lookups that asked for it. The number
                // is resolved first, so each half of the OR is served by an index ((CertificateId, At), (Query, At)).
                Guid? certificateId = null;
                if (number is not null)
                {
                    await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                    certificateId = await db.Certificates.AsNoTracking().Where(x => x.Number == number).Select(x => (Guid?)x.Id).SingleOrDefaultAsync(c.CancellationToken);
                }

                return await KeysetPaging.PageAsync(c.Db(), db => db.VerificationLog.Where(e =>
                    (from == null || e.At >= from) && (to == null || e.At < to) && (agency == null || e.AgencyId == agency)
                    && (number == null || e.Query == number || (certificateId != null && e.CertificateId == certificateId))
                    && (channel == null || e.Channel == channel)), NewestFirst, PageArgs.From(c), c.CancellationToken);
            });
    }

    public static void AddConsentMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<VerificationConsentPayloadType, AgencyConsentInputType>("grantVerificationAccess",
                "The signed-in member lets an agency see their certification status until they withdraw it.")
            .AuthorizeWithPolicy(Policies.Member)
            .ResolveAsync(async c => await ChangeAsync(c, grant: true));

        mutation.Mutation<VerificationConsentPayloadType, AgencyConsentInputType>("withdrawVerificationAccess",
                "The signed-in member withdraws an agency's access; it takes effect at once.")
            .AuthorizeWithPolicy(Policies.Member)
            .ResolveAsync(async c => await ChangeAsync(c, grant: false));
    }

    private static Task<Payload<VerificationConsent>> ChangeAsync(IResolveFieldContext context, bool grant)
    {
        var calendar = context.Service<AssociationCalendar>();
        var memberId = context.Caller().MemberId!.Value;
        var agencyId = context.GetArgument<AgencyConsentInput>("input").AgencyId;
        return context.WriteAsync<VerificationConsent>(async (db, errors, ct) =>
        {
            if (errors.Id(agencyId, AgencyType.TypeName, "input", "agencyId") is not { } agency)
            {
                return null;
            }

            if (!await db.Agencies.AnyAsync(a => a.Id == agency, ct))
            {
                errors.Add(UserErrorCodes.NotFound, "No agency has this ID.", "input", "agencyId");
                return null;
            }

            // The member's row lock serializes a member's consent changes: a double-click grants once.
            var now = calendar.Now();
            await db.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.UpdatedAt, now), ct);
            var current = await db.VerificationConsents.FirstOrDefaultAsync(x => x.MemberId == memberId && x.AgencyId == agency && x.WithdrawnAt == null, ct);
            if (grant && current is not null)
            {
                return current;
            }

            if (grant)
            {
                var granted = db.VerificationConsents.Add(new VerificationConsent
                {
                    Id = RecordIds.New(), MemberId = memberId, AgencyId = agency, GrantedAt = calendar.Now(),
                }).Entity;
                await PartnerEvents.ConsentAsync(db, calendar, granted, ct);
                return granted;
            }

            if (current is null)
            {
                errors.Add(UserErrorCodes.NotFound, "This agency has no access to withdraw.", "input", "agencyId");
                return null;
            }

            current.WithdrawnAt = calendar.Now();
            await PartnerEvents.ConsentAsync(db, calendar, current, ct);
            return current;
        });
    }
}

public sealed class AgencyConsentInput
{
    public string? AgencyId { get; set; }
}

internal sealed class AgencyConsentInputType : InputObjectGraphType<AgencyConsentInput>
{
    public AgencyConsentInputType()
    {
        Name = "AgencyConsentInput";
        Field<NonNullGraphType<IdGraphType>>("agencyId");
    }
}

internal sealed class VerificationConsentPayloadType() : PayloadType<VerificationConsent, VerificationConsentType>("VerificationConsentPayload", "consent", "The consent as it now stands, or why not.");
