using Membership.Data;
using Membership.Identity;
using Membership.Identity.Accounts;
using Membership.Identity.Clients;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.DemoData;

/// <summary>
/// The sign-ins README documents for Development: two accounts and four clients. Made only in Development, each
/// only if missing, so a restart changes nothing.
/// </summary>
public static class DemoIdentities
{
    public const string StaffEmail = "staff@example.org";
    public const string StaffPassword = "Staff-Demo-2026!";

    /// <summary>
    /// The demo staff account's authenticator key (base32), documented in README so a person can add it to an app (or
    /// compute codes with <c>oathtool --totp -b</c>). Seeded in Development only, like everything here.
    /// </summary>
    public const string StaffAuthenticatorKey = "DEMOSTAFFKEYDEVELOPMENTONLYTOTP2";
    public const string MemberEmail = "member@example.org";
    public const string MemberPassword = "Member-Demo-2026!";
    public const string PortalClientId = "demo-portal";
    public const string PortalRedirectUri = "http://127.0.0.1:5173/callback";
    public const string PartnerClientId = "demo-partner";
    public const string PartnerSecret = "demo-partner-secret";
    public const string StaffToolClientId = "demo-staff-tool";
    public const string StaffToolSecret = "demo-staff-secret";
    public const string ScannerClientId = "demo-scanner";
    public const string ScannerRedirectUri = "http://127.0.0.1:5174/callback";

    /// <summary>The demo staff account signs in with the documented key (its second factor), unless it already has one.</summary>
    private static async Task EnsureDemoAuthenticatorAsync(UserManager<Account> users, IUserStore<Account> store, CancellationToken cancellationToken)
    {
        var staff = await users.FindByEmailAsync(StaffEmail);
        if (staff is null || await users.GetTwoFactorEnabledAsync(staff) || store is not IUserAuthenticatorKeyStore<Account> keys)
        {
            return;
        }

        await keys.SetAuthenticatorKeyAsync(staff, StaffAuthenticatorKey, cancellationToken);
        await users.SetTwoFactorEnabledAsync(staff, true); // saves the key with it
    }

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        await StaffAccounts.EnsureAsync(services, StaffEmail, "Sam Staff", StaffPassword, admin: false, clock);

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<MembershipDbContext>();
        var users = provider.GetRequiredService<UserManager<Account>>();
        await EnsureDemoAuthenticatorAsync(users, provider.GetRequiredService<IUserStore<Account>>(), cancellationToken);
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.EmailNormalized == MemberEmail, cancellationToken);
        if (member is not null && await users.FindByEmailAsync(MemberEmail) is null)
        {
            var account = new Account
            {
                UserName = MemberEmail, Email = MemberEmail, EmailConfirmed = true, MemberId = member.Id,
                DisplayName = $"{member.FirstName} {member.LastName}", CreatedAt = clock.GetUtcNow(),
            };
            await users.CreateAsync(account, MemberPassword);
            await users.AddToRoleAsync(account, Roles.Member);
        }

        var clients = provider.GetRequiredService<ClientRegistry>();
        if (await clients.FindAsync(PortalClientId, cancellationToken) is null)
        {
            await clients.RegisterAsync(PortalClientId, ClientKind.Public, "Demo member portal", [new Uri(PortalRedirectUri)], [new Uri("http://127.0.0.1:5173/")],
                ClientRegistry.PublicScopes, agencyId: null, secret: null, cancellationToken);
        }

        if (await clients.FindAsync(PartnerClientId, cancellationToken) is null)
        {
            var agency = await db.Agencies.AsNoTracking().OrderBy(a => a.NameKey).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
            await clients.RegisterAsync(PartnerClientId, ClientKind.Partner, "Demo partner agency", [], [], [ApiScopes.Verification], agency, PartnerSecret, cancellationToken);
        }

        if (await clients.FindAsync(StaffToolClientId, cancellationToken) is null)
        {
            await clients.RegisterAsync(StaffToolClientId, ClientKind.Staff, "Demo staff tool", [], [], [ApiScopes.Staff], agencyId: null, StaffToolSecret, cancellationToken);
        }

        // A check-in scanner app staff sign into (code + PKCE): a public client whose only API scope is ticket.checkin.
        if (await clients.FindAsync(ScannerClientId, cancellationToken) is null)
        {
            await clients.RegisterAsync(ScannerClientId, ClientKind.Public, "Demo check-in scanner", [new Uri(ScannerRedirectUri)], [new Uri("http://127.0.0.1:5174/")],
                [ApiScopes.CheckIn], agencyId: null, secret: null, cancellationToken);
        }
    }
}
