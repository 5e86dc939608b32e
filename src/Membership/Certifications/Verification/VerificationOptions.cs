namespace Membership.Certifications.Verification;

/// <summary>The <c>Verification</c> configuration section: how often certificates may be verified (README, "Configuration").</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>Public <c>verifyCertificate</c> calls per client and address, a minute.</summary>
    public int LookupsPerMinute { get; set; } = 30;

    /// <summary><c>verifyCertificates</c> calls per partner client and address, a minute.</summary>
    public int PartnerBatchesPerMinute { get; set; } = 60;

    /// <summary>Numbers a partner client asked that found nothing, an hour; beyond, RATE_LIMITED until the hour ends.</summary>
    public int PartnerMissesPerHour { get; set; } = 50;

    /// <summary>Wrong surnames per certificate number from every address together, an hour.</summary>
    public int FailedLookupsPerNumberPerHour { get; set; } = 20;

    /// <summary>Checks of the status link per address, a minute.</summary>
    public int StatusChecksPerMinute { get; set; } = 60;

    /// <summary>Every limit is a count of uses: zero or more (zero refuses every call).</summary>
    internal bool IsValid() =>
        LookupsPerMinute >= 0 && PartnerBatchesPerMinute >= 0 && PartnerMissesPerHour >= 0 && FailedLookupsPerNumberPerHour >= 0 && StatusChecksPerMinute >= 0;
}
