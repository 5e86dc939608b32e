using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Membership.Conferences;

/// <summary>
/// Ticket codes for the QR: a secret protected (signed and encrypted) with the data-protection keys every instance
/// shares; nothing personal inside. Codes are looked up by value, so a replaced (transferred) code stops working.
/// </summary>
public sealed class TicketCodes(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Membership.Tickets.Code.v1");

    public string New(Guid ticketId) =>
        _protector.Protect($"{ticketId:N}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}");

    /// <summary>The ticket a code was made for, if the code is genuine.</summary>
    public Guid? Read(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 300)
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(code.Trim());
            return Guid.TryParseExact(text.Split('.')[0], "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
