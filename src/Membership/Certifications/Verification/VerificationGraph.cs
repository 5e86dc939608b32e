using GraphQL;
using GraphQL.Types;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Certifications.Verification;

/// <summary>
/// What a verifier learns: enough to trust a certificate (holder, course, hours, dates, status), never contact data
/// or the reason for a status. "Not found" says nothing else, whether the number or the surname was wrong.
/// </summary>
public sealed record CertificateAnswer(Certificate? Certificate, CertificateStatus? Status, Certificate? ReissuedAs = null)
{
    public static readonly CertificateAnswer NotFound = new(null, null);

    /// <summary>
    /// A verifier's answer about <paramref name="certificate"/>: a reissued one (REPLACED, which the partner contract does
    /// not have) answers the status of the certificate that carries on, and names it; its own name and data stay.
    /// </summary>
    public static CertificateAnswer Of(Certificate certificate, Certificate? successor, DateOnly today) =>
        certificate.ReplacedById is not null && certificate.RevokedAt is null && successor is not null
            ? new(certificate, CertificateStatusRules.Compute(successor, today), successor)
            : new(certificate, CertificateStatusRules.Compute(certificate, today));
}

/// <summary>Follows reissues to the certificates that carry on: one query per generation of reissue, however many are asked.</summary>
internal static class CertificateSuccessors
{
    private const int MaxGenerations = 20;

    /// <summary>For each replaced certificate among <paramref name="asked"/>, its current (not replaced) successor.</summary>
    public static async Task<Dictionary<Guid, Certificate>> LoadAsync(MembershipDbContext db, IEnumerable<Certificate> asked, CancellationToken cancellationToken)
    {
        var known = new Dictionary<Guid, Certificate>();
        var replaced = asked.Where(c => c.ReplacedById is not null).ToList();
        var wanted = replaced.Select(c => c.ReplacedById!.Value).Distinct().ToList();
        for (var generation = 0; wanted.Count > 0 && generation < MaxGenerations; generation++)
        {
            foreach (var found in await db.Certificates.AsNoTracking().WhereKeyIn(x => x.Id, wanted).ToListAsync(cancellationToken))
            {
                known[found.Id] = found;
            }

            wanted = [.. wanted.Select(id => known.GetValueOrDefault(id)?.ReplacedById).OfType<Guid>().Where(id => !known.ContainsKey(id)).Distinct()];
        }

        var successors = new Dictionary<Guid, Certificate>();
        foreach (var certificate in replaced)
        {
            var current = known.GetValueOrDefault(certificate.ReplacedById!.Value);
            for (var step = 0; current?.ReplacedById is { } next && step < MaxGenerations; step++)
            {
                current = known.GetValueOrDefault(next);
            }

            if (current is not null)
            {
                successors[certificate.Id] = current;
            }
        }

        return successors;
    }
}

internal sealed class CertificateVerificationType : ObjectGraphType<CertificateAnswer>
{
    public CertificateVerificationType()
    {
        Name = "CertificateVerification";
        Description = "The answer to a verification. When found is false every other field is null.";
        Field<NonNullGraphType<BooleanGraphType>>("found").Resolve(c => c.Source.Certificate is not null);
        Field<StringGraphType>("number").Resolve(c => c.Source.Certificate?.Number);
        Field<StringGraphType>("holderName").Resolve(c => c.Source.Certificate?.HolderName);
        Field<CertificateKindType>("kind").Resolve(c => c.Source.Certificate?.Kind);
        Field<StringGraphType>("title").Description("The course or designation.").Resolve(c => c.Source.Certificate?.Title);
        Field<StringGraphType>("courseCode").Resolve(c => c.Source.Certificate?.CourseId is { } id
            ? c.Service<CertificationLoaders>().Course.Load(id).Then(course => course?.Code)
            : LoaderResult.Of<string?>(null));
        Field<FloatGraphType>("hours").Resolve(c => c.Source.Certificate?.DurationMinutes / 60.0);
        Field<DateOnlyGraphType>("issuedOn").Resolve(c => c.Source.Certificate?.IssuedOn);
        Field<DateOnlyGraphType>("expiresOn").Resolve(c => c.Source.Certificate?.ExpiresOn);
        Field<CertificateStatusType>("status")
            .Description("ACTIVE, EXPIRED, SUSPENDED or REVOKED. A reissued certificate answers the status of the one issued in its place (see reissuedAs).")
            .Resolve(c => c.Source.Status);
        Field<StringGraphType>("reissuedAs")
            .Description("When the certificate was reissued (after a name change, say): the number of the certificate that carries on, whose status this answer gives. Null otherwise.")
            .Resolve(c => c.Source.ReissuedAs?.Number);
    }
}

/// <summary>One asked-for number of a batch and what it found (a certificate number finds at most one).</summary>
public sealed record VerificationResult(string Query, IReadOnlyList<CertificateAnswer> Certificates);

internal sealed class VerificationResultType : ObjectGraphType<VerificationResult>
{
    public VerificationResultType()
    {
        Name = "VerificationResult";
        Field(r => r.Query).Description("The certificate or member number as asked.");
        Field<NonNullGraphType<BooleanGraphType>>("found").Resolve(c => c.Source.Certificates.Count > 0);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CertificateVerificationType>>>>("certificates").Resolve(c => c.Source.Certificates);
    }
}

internal static class VerificationGraph
{
    public static void AddVerificationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<CertificateVerificationType>>("verifyCertificate")
            .Description("Checks a certificate by its number and the holder's surname (case and accents ignored). Anonymous; rate-limited per client and address; logged.")
            .Argument<NonNullGraphType<StringGraphType>>("number")
            .Argument<NonNullGraphType<StringGraphType>>("lastName")
            .AllowAnonymous()
            .ResolveAsync(async c => await PublicVerification.VerifyAsync(c));

        query.Field<ListGraphType<NonNullGraphType<VerificationResultType>>>("verifyCertificates")
            .Description($"Verifies up to {PartnerVerification.MaxBatch} certificates and member numbers at once, in the order asked (certificateNumbers, certificates, memberNumbers). "
                + "For partner agencies (certification.verify) and staff; rate-limited per client and address; numbers that find nothing are counted per client "
                + "and answer RATE_LIMITED past a limit per hour; logged.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("certificateNumbers",
                "Certificate numbers without a surname: these answer only for the calling agency's own officers and officers who granted it standing access; "
                + "any other answers found: false, exactly like an unknown number. Staff: any certificate.")
            .Argument<ListGraphType<NonNullGraphType<CertificateLookupInputType>>>("certificates",
                "Certificate numbers with the holder's surname: these answer for any holder whose surname matches (case and accents ignored).")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("memberNumbers",
                "A member's number: answers their current certificates, but only for members who granted the calling agency standing access (until withdrawn) "
                + "or whose agency is the calling agency (not pending applicants); any other member answers found: false, exactly like an unknown number.")
            .AuthorizeWithPolicy(Policies.Verifier)
            .ResolveAsync(async c => await PartnerVerification.VerifyBatchAsync(c,
                [.. (c.GetArgument<List<string>?>("certificateNumbers") ?? []).Select(n => new CertificateLookup { Number = n }),
                 .. c.GetArgument<List<CertificateLookup>?>("certificates") ?? []],
                c.GetArgument<List<string>?>("memberNumbers") ?? []));
    }

    internal static VerificationLogEntry LogEntry(IResolveFieldContext context, AssociationCalendar calendar, VerificationChannel channel, string query,
        Certificate? certificate, CertificateAnswer answer)
    {
        var caller = context.Caller();
        var http = context.Service<IHttpContextAccessor>().HttpContext;
        return new VerificationLogEntry
        {
            Id = RecordIds.New(),
            At = calendar.Now(),
            Channel = channel,
            Query = Truncate(query.Trim().ToUpperInvariant(), 40),
            CertificateId = certificate?.Id,
            MemberId = certificate?.MemberId,
            Found = answer.Certificate is not null,
            Status = answer.Status,
            ClientId = caller.IsAuthenticated ? caller.ClientOrSubject : null,
            AgencyId = caller.AgencyId,
            Address = channel == VerificationChannel.Public ? http?.Connection.RemoteIpAddress?.ToString() : null,
        };
    }

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>Lookups per client and address (an IPv6 address by its /64), across every instance (the counters live in the database, taken in blocks).</summary>
    internal static async Task LimitAsync(IResolveFieldContext context, string name, Func<VerificationOptions, int> permitsPerMinute)
    {
        var services = context.RequestServices!;
        var permits = permitsPerMinute(services.GetRequiredService<IOptions<VerificationOptions>>().Value);
        var caller = context.Caller();
        var client = caller.IsAuthenticated ? caller.ClientId ?? "signed-in" : "anonymous";
        var address = RateLimits.AddressKey(services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Connection.RemoteIpAddress);
        var decision = await services.GetRequiredService<RateLimitBlocks>().TryAcquireAsync(new RateLimitRule(name, permits, TimeSpan.FromMinutes(1)), $"{client}|{address}", context.CancellationToken);
        decision.ThrowIfRefused("Too many verifications; try again shortly.");
    }
}
