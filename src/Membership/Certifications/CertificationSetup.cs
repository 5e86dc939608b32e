using Membership.Certifications.Courses;
using Membership.Certifications.Practitioner;
using Membership.Certifications.Records;
using Membership.Certifications.Verification;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Certifications;

public static class CertificationSetup
{
    /// <summary>
    /// Certifications: courses, completions, certificates (their documents and signed credentials), in-service training,
    /// practitioner applications, verification and consent; a member's training record on <c>Member</c>. The certificate
    /// PDF's options and the verification limits are bound from configuration and checked at start.
    /// </summary>
    public static IServiceCollection AddCertifications(this IServiceCollection services)
    {
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.FontDirectory), "Certificates:FontDirectory must name the folder of DejaVu Sans.").ValidateOnStart();
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.Section)
            .Validate(o => o.IsValid(), "Verification:LookupsPerMinute, PartnerBatchesPerMinute, PartnerMissesPerHour, FailedLookupsPerNumberPerHour and "
                + "StatusChecksPerMinute are counts: 0 or more.")
            .ValidateOnStart();
        services.AddSingleton<CertificateFonts>();
        services.AddSingleton<CertificatePdf>();
        return services.AddScoped<CertificationLoaders>()
            .AddSingleton<CredentialSigner>()
            .AddNodeSource<CertificateNodeSource>()
            .AddNodeSource<CourseNodeSource>()
            .AddRootFields(
                query: q =>
                {
                    q.AddCourseQueries();
                    q.AddCertificateQueries();
                    q.AddTrainingQueries();
                    q.AddPractitionerQueries();
                    q.AddVerificationQueries();
                    q.AddConsentQueries();
                },
                mutation: m =>
                {
                    m.AddCourseMutations();
                    m.AddCompletionMutations();
                    m.AddCertificateMutations();
                    m.AddTrainingMutations();
                    m.AddPractitionerMutations();
                    m.AddConsentMutations();
                })
            .AddFieldsTo<Member>(member => member.AddCertificationFields());
    }
}
