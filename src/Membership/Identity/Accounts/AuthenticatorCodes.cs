using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Membership.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Membership.Identity.Accounts;

/// <summary>
/// Authenticator codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, one step either side) checked on the host's
/// clock, each accepted once. Registered under Identity's authenticator provider name, so every check of a code (the
/// setup's confirmation, the code page) comes here; the key is Identity's base32 authenticator key, as before.
/// A code is accepted only if its step is later than the account's <see cref="Account.TotpLastStep"/>, raised in one
/// conditional UPDATE: of two requests (on any instances) with the same code, exactly one gets through.
/// </summary>
internal sealed class AuthenticatorCodes(MembershipDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<Account>
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>Steps accepted either side of now: the app's and the server's clocks may differ by up to 30 seconds.</summary>
    private const int Drift = 1;

    public Task<string> GenerateAsync(string purpose, UserManager<Account> manager, Account user) =>
        Task.FromResult(string.Empty); // the code comes from the person's app, never from the server

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Account> manager, Account user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != Digits || !token.All(char.IsAsciiDigit) || Base32(key) is not { Length: > 0 } secret)
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = now + Drift; step >= now - Drift; step--) // the latest step the code stands for
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                return await AcceptAsync(user, step);
            }
        }

        return false;
    }

    /// <summary>
    /// Raises the account's last step to <paramref name="step"/> unless it is there already. The concurrency stamp
    /// changes with it, so an older copy of the account (another request's) cannot write the step back when Identity
    /// saves the whole row; this request's copy takes both values, so its own later saves go through.
    /// </summary>
    private async Task<bool> AcceptAsync(Account user, long step)
    {
        var stamp = Guid.NewGuid().ToString();
        if (await db.Users.Where(u => u.Id == user.Id && u.TotpLastStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step).SetProperty(u => u.ConcurrencyStamp, stamp)) != 1)
        {
            return false;
        }

        var entry = db.Entry(user);
        if (entry.State != EntityState.Detached)
        {
            entry.Property(u => u.TotpLastStep).OriginalValue = step;
            entry.Property(u => u.ConcurrencyStamp).OriginalValue = stamp;
        }

        user.TotpLastStep = step;
        user.ConcurrencyStamp = stamp;
        return true;
    }

    /// <summary>As Identity's own provider: a valid second factor once the account has a key.</summary>
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Account> manager, Account user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The code for one time step (RFC 4226's dynamic truncation of HMAC-SHA1 over the big-endian step).</summary>
    internal static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238's default, which every authenticator app uses
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, as Identity stores the key (upper case, no padding); null for a character outside it.</summary>
    internal static byte[]? Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var buffer = 0;
        var bytes = new List<byte>(text.Length * 5 / 8);
        foreach (var c in text)
        {
            if (c is ' ' or '=')
            {
                continue;
            }

            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = ((buffer << 5) | value) & 0xffff; // at most 12 bits are pending
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
