using System.Globalization;
using System.Security.Cryptography;
using Membership.Data;

namespace Membership.Certifications.Records;

/// <summary>Certificate numbers (SRO-2027-004512: the year of issue and a sequence) and unguessable verification codes.</summary>
public static class CertificateNumbers
{
    public const string SequenceName = "certificate";

    /// <summary>Crockford's base-32 alphabet: no I, L, O or U to misread from paper.</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static async Task<string> NextAsync(MembershipDbContext db, DateOnly issuedOn, CancellationToken cancellationToken)
    {
        var value = await db.NextAsync(SequenceName, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"SRO-{issuedOn.Year}-{value:D6}");
    }

    public static string Normalize(string number) => number.Trim().ToUpperInvariant();

    /// <summary>20 characters, 100 bits of randomness: printed on the certificate, never derivable from its number.</summary>
    public static string NewVerificationCode()
    {
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        var code = new char[20];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[bytes[i] & 31];
        }

        return new string(code);
    }
}
