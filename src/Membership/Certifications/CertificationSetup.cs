using Membership.GraphQL;
using Membership.Members;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Certifications;

public static class CertificationSetup
{
    /// <summary>
    /// Certifications: courses, completions, certificates (their documents and signed credentials), in-service training,
    /// practitioner applications, verification and consent; a member's training record on <c>Member</c>.
    /// </summary>
    public static IServiceCollection AddCertifications(this IServiceCollection services, IConfiguration configuration)
    {
        CertificateFonts.Configure(configuration);
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section).ValidateOnStart();
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
