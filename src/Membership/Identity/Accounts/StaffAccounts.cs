using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Identity.Accounts;

/// <summary>Staff accounts are made by staff tooling, never by self-service: the host's <c>create-staff</c> command and the Development seed.</summary>
public static class StaffAccounts
{
    /// <summary>Creates a confirmed staff account (or finds the existing one); returns the errors, if any.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(IServiceProvider services, string email, string displayName, string password, bool admin, TimeProvider clock)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByEmailAsync(email);
        if (account is null)
        {
            account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(account, password);
            if (!created.Succeeded)
            {
                return [.. created.Errors.Select(e => e.Description)];
            }
        }

        string[] roles = admin ? [Roles.Staff, Roles.Admin] : [Roles.Staff];
        foreach (var role in roles)
        {
            if (!await users.IsInRoleAsync(account, role))
            {
                await users.AddToRoleAsync(account, role);
            }
        }

        return [];
    }

    /// <summary>
    /// <c>create-staff --email a@b.org --name "Pat Lee" [--admin]</c>; the password comes from the environment variable
    /// MEMBERSHIP_STAFF_PASSWORD, never from the command line (which other users of the machine can read).
    /// </summary>
    public static async Task<int> RunCommandAsync(IServiceProvider services, string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var email = Option("--email");
        var password = Environment.GetEnvironmentVariable("MEMBERSHIP_STAFF_PASSWORD");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("usage: create-staff --email <address> [--name <name>] [--admin], with MEMBERSHIP_STAFF_PASSWORD set");
            return 2;
        }

        var errors = await EnsureAsync(services, email, Option("--name") ?? email, password, args.Contains("--admin"), services.GetRequiredService<TimeProvider>());
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync(error);
        }

        return errors.Count == 0 ? 0 : 1;
    }
}
