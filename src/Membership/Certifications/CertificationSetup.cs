using Membership.Certifications.Records;
using Membership.Certifications.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Certifications;

public static class CertificationSetup
{
    /// <summary>The certificate PDF and its fonts, and the verification limits: bound from configuration and checked at start.</summary>
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
        return services;
    }
}
