using System.Diagnostics;
using Membership.Data;
using Membership.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Identity.Accounts;

/// <summary>Staff accounts come from the host's create-staff command where the API is deployed, never from self-service.</summary>
[Trait(MembershipTestFramework.ProviderTrait, "Sqlite")] // its own SQLite file, no fixture
public sealed class CreateStaffCommandTests : IDisposable
{
    private const string Password = "Staff-Command-2026!";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("membership-staff-");

    private string ConnectionString => $"Data Source={Path.Combine(_folder.FullName, "staff.db")}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Create_staff_makes_a_confirmed_staff_and_admin_account_once_with_the_password_from_the_environment()
    {
        await MigrateAsync();

        var created = await RunHostAsync(Password, "create-staff", "--email", "pat.lee@example.org", "--name", "Pat Lee", "--admin");
        var again = await RunHostAsync(Password, "create-staff", "--email", "Pat.Lee@example.org", "--name", "Pat Lee", "--admin");

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.True(again.ExitCode == 0, again.Output);
        await using var db = Open();
        var account = await db.Users.SingleAsync();
        Assert.Equal("PAT.LEE@EXAMPLE.ORG", account.NormalizedEmail);
        Assert.Equal("Pat Lee", account.DisplayName);
        Assert.True(account.EmailConfirmed);
        Assert.Null(account.MemberId);
        var roles = await db.UserRoles.Where(r => r.UserId == account.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        Assert.Equal(["Admin", "Staff"], roles.Order(StringComparer.Ordinal));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<Account>().VerifyHashedPassword(account, account.PasswordHash!, Password));
    }

    [Fact]
    public async Task Without_the_password_variable_create_staff_exits_2_and_creates_nothing()
    {
        await MigrateAsync();

        var run = await RunHostAsync(null, "create-staff", "--email", "pat.lee@example.org", "--admin");

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains("MEMBERSHIP_STAFF_PASSWORD", run.Output, StringComparison.Ordinal);
        await using var db = Open();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task Host_commands_leave_audit_entries_naming_the_options_but_not_their_values()
    {
        await MigrateAsync();

        var created = await RunHostAsync(Password, "create-staff", "--email", "dana.audit@example.org", "--name", "Dana Audit", "--admin");
        var refused = await RunHostAsync(null, "create-staff", "--email", "dana.audit@example.org");

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.True(refused.ExitCode == 2, refused.Output);
        await using var db = Open();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        Assert.Equal(["command.migrate", "command.create-staff", "command.create-staff"], entries.Select(e => e.Operation));
        Assert.All(entries, e => Assert.Equal(Membership.Audit.AuditActorKind.Host, e.ActorKind));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.ActorSubject)));
        Assert.Equal((Membership.Audit.AuditOutcome.Ok, "--email --name --admin"), (entries[1].Outcome, entries[1].Fields));
        Assert.Equal((Membership.Audit.AuditOutcome.Failed, "EXIT_2"), (entries[2].Outcome, entries[2].ErrorCodes));
        Assert.DoesNotContain(entries, e => System.Text.Json.JsonSerializer.Serialize(e).Contains("dana", StringComparison.OrdinalIgnoreCase));
    }

    private async Task MigrateAsync()
    {
        var migrate = await RunHostAsync(null, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Output);
    }

    /// <summary>Runs the built host as production does: settings from the environment, the staff password only there.</summary>
    private async Task<(int ExitCode, string Output)> RunHostAsync(string? staffPassword, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Membership.Api.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Database__Provider"] = nameof(DatabaseProvider.Sqlite);
        environment["ConnectionStrings__Membership"] = ConnectionString;
        environment["DataDirectory"] = _folder.FullName;
        environment["Oidc__SigningKeyPath"] = TestKeys.Signing;
        environment["Oidc__EncryptionKeyPath"] = TestKeys.Encryption;
        environment.Remove("MEMBERSHIP_STAFF_PASSWORD");
        if (staffPassword is not null)
        {
            environment["MEMBERSHIP_STAFF_PASSWORD"] = staffPassword;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private MembershipDbContext Open()
    {
        var options = new DbContextOptionsBuilder<MembershipDbContext>();
        DatabaseSetup.UseProvider(options, DatabaseProvider.Sqlite, ConnectionString);
        return new MembershipDbContext(options.Options);
    }
}
