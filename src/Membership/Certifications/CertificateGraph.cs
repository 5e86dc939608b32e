using GraphQL;
using GraphQL.Types;
using Membership.Identity.Oidc;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Courses;
using Membership.Certifications.Records;
using Membership.Partners.Webhooks;
using Membership.Certifications.Verification;

namespace Membership.Certifications;

internal sealed class CertificateType : ObjectGraphType<Certificate>
{
    public const string TypeName = "Certificate";

    public CertificateType()
    {
        Name = TypeName;
        Description = "A certificate for a completed course or for the National SRO Practitioner designation. Seen by its holder and staff.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is Certificate;
        this.Authorize();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(x => x.Number).Description("Printed on the certificate, e.g. SRO-2027-004512.");
        Field(x => x.VerificationCode, nullable: true).Description("Printed on the certificate; opens its status and credential without signing in.")
            .PersonalData(x => x.MemberId);
        Field<NonNullGraphType<CertificateKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(x => x.Title);
        Field<CourseType>("course").Resolve(c => c.Source.CourseId is { } id ? c.Service<CertificationLoaders>().Course.Load(id) : null);
        Field<FloatGraphType>("hours").Resolve(c => c.Source.DurationMinutes / 60.0);
        Field(x => x.HolderName).Description("As printed.");
        Field(x => x.IssuedOn);
        Field(x => x.ExpiresOn, nullable: true).Description("Null: it does not expire.");
        Field<NonNullGraphType<CertificateStatusType>>("status").Resolve(c => CertificateStatusRules.Compute(c.Source, c.Today()));
        Field(x => x.SuspensionReason, nullable: true).AuthorizeWithPolicy(Policies.Staff);
        Field(x => x.RevocationReason, nullable: true).AuthorizeWithPolicy(Policies.Staff).Description("Internal: never shown to verifiers or the holder.");
        Field<CertificateType>("replacedBy").Description("The certificate issued in its place.")
            .Resolve(c => c.Source.ReplacedById is { } id ? c.Service<CertificationLoaders>().Certificate.Load(id) : null);
        Field<StringGraphType>("pdfUrl").Description("The printable certificate (needs the same sign-in).").PersonalData(x => x.MemberId)
            .Resolve(c => c.Service<PublicLinks>().To(CertificateDocuments.PdfPath(c.Source)));
        Field<StringGraphType>("signedCredential")
            .Description("An Open Badges 3.0-shaped credential as a JWT signed with the OIDC server's key: check it offline against /.well-known/jwks.")
            .PersonalData(x => x.MemberId)
            .Resolve(c => c.Service<CredentialSigner>().Sign(c.Source, c.Today()));
    }
}

internal sealed class CertificateKindType : EnumerationGraphType<CertificateKind>
{
    public CertificateKindType() => Name = "CertificateKind";
}

internal sealed class CertificateStatusType : EnumerationGraphType<CertificateStatus>
{
    public CertificateStatusType() => Name = "CertificateStatus";
}

internal static class CertificateGraph
{
    public static void AddCertificateQueries(this ObjectGraphType query)
    {
        query.Field<CertificateType>("certificate")
            .Description("A certificate by number. Staff only; others use verifyCertificate.")
            .Argument<NonNullGraphType<StringGraphType>>("number")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var number = CertificateNumbers.Normalize(c.GetArgument<string>("number"));
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                return await db.Certificates.AsNoTracking().SingleOrDefaultAsync(x => x.Number == number, c.CancellationToken);
            });
    }

    public static void AddCertificateMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<CertificatePayloadType, CertificateReasonInputType>("suspendCertificate",
                "Suspends a certificate (reversible); verifiers see SUSPENDED, never the reason. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, WebhookEventType.CertificateSuspended, (_, certificate, input, errors, now, _) =>
            {
                var reason = errors.RequiredText(input.Reason, 500, "input", "reason");
                if (certificate.SuspendedAt is not null)
                {
                    errors.Add(UserErrorCodes.AlreadySuspended, "The certificate is already suspended.", "input", "certificateId");
                }

                certificate.SuspendedAt = now;
                certificate.SuspensionReason = reason;
                return Task.FromResult(certificate);
            }));

        mutation.Mutation<CertificatePayloadType, CertificateIdInputType>("reinstateCertificate", "Lifts a suspension. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, WebhookEventType.CertificateReinstated, (_, certificate, input, errors, now, _) =>
            {
                if (certificate.SuspendedAt is null)
                {
                    errors.Add(UserErrorCodes.NotSuspended, "The certificate is not suspended.", "input", "certificateId");
                }

                certificate.SuspendedAt = null;
                certificate.SuspensionReason = null;
                return Task.FromResult(certificate);
            }));

        mutation.Mutation<CertificatePayloadType, CertificateReasonInputType>("revokeCertificate",
                "Revokes a certificate for good; the reason stays internal. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, WebhookEventType.CertificateRevoked, (_, certificate, input, errors, now, _) =>
            {
                certificate.RevocationReason = errors.RequiredText(input.Reason, 500, "input", "reason");
                certificate.RevokedAt = now;
                return Task.FromResult(certificate);
            }));

        mutation.Mutation<CertificatePayloadType, CertificateIdInputType>("reissueCertificate",
                "Issues the certificate again under a new number with the holder's current name (after a name change); the old one answers REPLACED. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var calendar = c.Service<AssociationCalendar>();
                return await ChangeAsync(c, WebhookEventType.CertificateReissued, async (db, certificate, input, errors, now, ct) =>
                {
                    var holder = await db.Members.AsNoTracking().SingleAsync(m => m.Id == certificate.MemberId, ct);
                    return await CertificateIssuer.ReissueAsync(db, calendar, certificate, holder, ct);
                });
            });
    }

    /// <summary>Loads the certificate named in the input for a staff action; refuses revoked and replaced ones.</summary>
    private static Task<Payload<Certificate>> ChangeAsync(IResolveFieldContext context, WebhookEventType announced,
        Func<MembershipDbContext, Certificate, CertificateActionInput, UserErrors, DateTimeOffset, CancellationToken, Task<Certificate>> change)
    {
        var input = context.GetArgument<CertificateActionInput>("input");
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<Certificate>(async (db, errors, ct) =>
        {
            if (errors.Id(input.CertificateId, CertificateType.TypeName, "input", "certificateId") is not { } id)
            {
                return null;
            }

            var certificate = await db.Certificates.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (certificate is null)
            {
                errors.Add(UserErrorCodes.NotFound, "No certificate has this ID.", "input", "certificateId");
                return null;
            }

            if (certificate.RevokedAt is not null || certificate.ReplacedById is not null)
            {
                errors.Add(UserErrorCodes.AlreadyRevoked, "The certificate is revoked or replaced; it cannot change any more.", "input", "certificateId");
                return null;
            }

            var result = await change(db, certificate, input, errors, calendar.Now(), ct);
            if (!errors.Any)
            {
                // Partners are told in the same transaction: a reissue is told about the old number, naming the new one.
                await PartnerEvents.CertificateAsync(db, calendar, announced, certificate, result == certificate ? null : result, ct);
            }

            return result;
        });
    }
}

public sealed class CertificateActionInput
{
    public string? CertificateId { get; set; }
    public string? Reason { get; set; }
}

internal sealed class CertificateIdInputType : InputObjectGraphType<CertificateActionInput>
{
    public CertificateIdInputType()
    {
        Name = "CertificateIdInput";
        Field<NonNullGraphType<IdGraphType>>("certificateId");
    }
}

internal sealed class CertificateReasonInputType : InputObjectGraphType<CertificateActionInput>
{
    public CertificateReasonInputType()
    {
        Name = "CertificateReasonInput";
        Field<NonNullGraphType<IdGraphType>>("certificateId");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Kept internal.");
    }
}

internal sealed class CertificatePayloadType() : PayloadType<Certificate, CertificateType>("CertificatePayload", "certificate", "The certificate as changed (for a reissue: the new one), or why not.");
