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

namespace Membership.Certifications;

/// <summary>
/// What a verifier learns: enough to trust a certificate (holder, course, hours, dates, status), never contact data
/// or the reason for a status. "Not found" says nothing else, whether the number or the surname was wrong.
/// </summary>
public sealed record CertificateAnswer(Certificate? Certificate, CertificateStatus? Status)
{
    public static readonly CertificateAnswer NotFound = new(null, null);
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
        Field<CertificateStatusType>("status").Resolve(c => c.Source.Status);
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
    public const int MaxBatch = 100;

    public static void AddVerificationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<CertificateVerificationType>>("verifyCertificate")
            .Description("Checks a certificate by its number and the holder's surname (case and accents ignored). Anonymous; rate-limited per client and address; logged.")
            .Argument<NonNullGraphType<StringGraphType>>("number")
            .Argument<NonNullGraphType<StringGraphType>>("lastName")
            .AllowAnonymous()
            .ResolveAsync(async c =>
            {
                await LimitAsync(c, "verify", "Verification:LookupsPerMinute", 30);
                var number = CertificateNumbers.Normalize(c.GetArgument<string>("number"));
                var lastName = TextKeys.Normalize(c.GetArgument<string>("lastName"));
                var calendar = c.Service<AssociationCalendar>();
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                var certificate = number.Length is > 0 and <= 20
                    ? await db.Certificates.AsNoTracking().SingleOrDefaultAsync(x => x.Number == number, c.CancellationToken)
                    : null;
                var match = certificate is not null && lastName.Length > 0 && certificate.HolderLastNameKey == lastName;
                var answer = match ? new CertificateAnswer(certificate, CertificateStatusRules.Compute(certificate!, calendar.Today())) : CertificateAnswer.NotFound;
                db.VerificationLog.Add(LogEntry(c, calendar, VerificationChannel.Public, number, certificate, answer));
                await db.SaveChangesAsync(c.CancellationToken);
                return answer;
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<VerificationResultType>>>>("verifyCertificates")
            .Description($"Verifies up to {MaxBatch} certificate numbers and member numbers at once, in the order asked. For partner agencies (certification.verify) and staff; logged.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("certificateNumbers")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("memberNumbers")
            .AuthorizeWithPolicy(Policies.Verifier)
            .ResolveAsync(async c => await VerifyBatchAsync(c,
                c.GetArgument<List<string>?>("certificateNumbers") ?? [], c.GetArgument<List<string>?>("memberNumbers") ?? []));
    }

    /// <summary>Three queries and one multi-row insert, however many numbers are asked.</summary>
    private static async Task<List<VerificationResult>> VerifyBatchAsync(IResolveFieldContext context, List<string> certificateNumbers, List<string> memberNumbers)
    {
        if (certificateNumbers.Count + memberNumbers.Count > MaxBatch)
        {
            throw new ExecutionError($"Ask for at most {MaxBatch} numbers at once.") { Code = ErrorCodes.InvalidArgument };
        }

        await LimitAsync(context, "verify-batch", "Verification:PartnerBatchesPerMinute", 60);

        var calendar = context.Service<AssociationCalendar>();
        var today = calendar.Today();
        var wantedCertificates = certificateNumbers.Select(CertificateNumbers.Normalize).Distinct().ToList();
        var wantedMembers = memberNumbers.Select(n => MemberNumbers.TryParse(n, out var v) ? v : -1).Where(v => v > 0).Distinct().ToList();
        await using var db = await context.Db().CreateDbContextAsync(context.CancellationToken);
        var byNumber = await db.Certificates.AsNoTracking().Where(x => wantedCertificates.Contains(x.Number)).ToDictionaryAsync(x => x.Number, context.CancellationToken);
        var members = await db.Members.AsNoTracking().Where(m => wantedMembers.Contains(m.Number)).Select(m => new { m.Id, m.Number }).ToListAsync(context.CancellationToken);
        var memberIds = members.Select(m => m.Id).ToList();
        var ofMembers = (await db.Certificates.AsNoTracking().Where(x => memberIds.Contains(x.MemberId) && x.ReplacedById == null)
            .OrderByDescending(x => x.IssuedOn).ToListAsync(context.CancellationToken)).ToLookup(x => x.MemberId);

        CertificateAnswer Answer(Certificate x) => new(x, CertificateStatusRules.Compute(x, today));
        var results = new List<VerificationResult>();
        var log = new List<VerificationLogEntry>();
        foreach (var asked in certificateNumbers)
        {
            var certificate = byNumber.GetValueOrDefault(CertificateNumbers.Normalize(asked));
            var answers = certificate is null ? [] : new[] { Answer(certificate) };
            results.Add(new VerificationResult(asked, answers));
            log.Add(LogEntry(context, calendar, VerificationChannel.Partner, asked, certificate, certificate is null ? CertificateAnswer.NotFound : answers[0]));
        }

        foreach (var asked in memberNumbers)
        {
            var member = MemberNumbers.TryParse(asked, out var n) ? members.FirstOrDefault(m => m.Number == n) : null;
            var answers = member is null ? [] : ofMembers[member.Id].Select(Answer).ToList();
            results.Add(new VerificationResult(asked, answers));
            if (answers.Count == 0)
            {
                log.Add(LogEntry(context, calendar, VerificationChannel.Partner, asked, null, CertificateAnswer.NotFound));
            }

            log.AddRange(answers.Select(answer => LogEntry(context, calendar, VerificationChannel.Partner, asked, answer.Certificate, answer)));
        }

        await db.InsertAsync(log, context.CancellationToken);
        return results;
    }

    internal static VerificationLogEntry LogEntry(IResolveFieldContext context, AssociationCalendar calendar, VerificationChannel channel, string query,
        Certificate? certificate, CertificateAnswer answer)
    {
        var caller = context.Caller();
        var http = context.Service<IHttpContextAccessor>().HttpContext;
        return new VerificationLogEntry
        {
            Id = calendar.NewId(),
            At = calendar.Now(),
            Channel = channel,
            Query = Truncate(query.Trim().ToUpperInvariant(), 40),
            CertificateId = certificate?.Id,
            MemberId = certificate?.MemberId,
            Found = answer.Certificate is not null,
            Status = answer.Status,
            ClientId = caller.IsAuthenticated ? caller.Principal.FindFirst("client_id")?.Value ?? caller.Principal.FindFirst(MembershipClaims.Subject)?.Value : null,
            AgencyId = caller.AgencyId,
            Address = channel == VerificationChannel.Public ? http?.Connection.RemoteIpAddress?.ToString() : null,
        };
    }

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>Lookups per client and address, across every instance (the counters live in the database).</summary>
    private static async Task LimitAsync(IResolveFieldContext context, string name, string setting, int defaultPermits)
    {
        var services = context.RequestServices!;
        var permits = services.GetRequiredService<IConfiguration>().GetValue(setting, defaultPermits);
        var caller = context.Caller();
        var client = caller.IsAuthenticated ? caller.Principal.FindFirst("client_id")?.Value ?? "signed-in" : "anonymous";
        var address = services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var decision = await services.GetRequiredService<RateLimits>().TryAcquireAsync(new RateLimitRule(name, permits, TimeSpan.FromMinutes(1)), $"{client}|{address}", context.CancellationToken);
        if (!decision.Allowed)
        {
            throw new ExecutionError("Too many verifications; try again shortly.")
            {
                Code = ErrorCodes.RateLimited,
                Extensions = new Dictionary<string, object?> { ["retryAfterSeconds"] = (int)Math.Ceiling(decision.RetryAfter.TotalSeconds) },
            };
        }
    }
}
