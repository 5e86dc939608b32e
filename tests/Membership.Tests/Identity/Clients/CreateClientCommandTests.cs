using System.Diagnostics;
using System.Text.RegularExpressions;
using Membership.Identity;
using Membership.Identity.Clients;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Identity.Clients;

/// <summary>
/// A fresh production install makes its first OIDC clients with the host's create-client command (there is no token
/// to call registerClient with yet); the clients it makes work at once.
/// </summary>
public abstract partial class CreateClientCommandTests(OidcApi api) : OidcTest(api)
{
    private readonly TokenCallers _callers = new(api);

    [SkippableFact]
    public async Task The_host_command_creates_a_partner_client_prints_its_secret_once_and_refuses_the_same_client_id_again()
    {
        var agency = await _callers.Data.AgencyAsync();
        var clientId = TokenCallers.NewClientId("partner-");
        string[] args = ["create-client", "--kind", "partner", "--client-id", clientId, "--name", "Mobile County SO", "--agency", TestData.AgencyId(agency)];

        var created = await RunHostAsync(args);
        var again = await RunHostAsync(args);

        Assert.True(created.ExitCode == 0, created.Output);
        var secret = SecretLine().Match(created.Output).Groups["secret"].Value;
        Assert.True(secret.Length >= 40, created.Output);
        var tokens = await Api.ClientCredentialsAsync(clientId, secret, ApiScopes.Verification);
        Assert.Equal(agency.Id.ToString(), TokenResponse.Payload(tokens.AccessToken).Str(MembershipClaims.AgencyId));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"--client-id: A client '{clientId}' exists. (CLIENT_ID_TAKEN)", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("client_secret", again.Output, StringComparison.Ordinal);
        (await Api.ClientCredentialsAsync(clientId, secret, ApiScopes.Verification)).EnsureOk(); // the first secret still stands
    }

    [SkippableFact]
    public async Task A_staff_tool_is_a_public_client_staff_sign_into_with_pkce_for_check_in()
    {
        var clientId = TokenCallers.NewClientId("scanner-");

        var (exitCode, output, _) = await RunAsync("--kind", "staff-tool", "--client-id", clientId, "--name", "Door scanner", "--redirect-uri", OidcApi.RedirectUri);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("client_secret", output, StringComparison.Ordinal);
        var email = $"{TestData.Unique("door")}@example.org";
        await Api.AccountAsync(email, role: Roles.Staff);
        var tokens = await Api.SignInAsync(clientId, email, "openid " + ApiScopes.CheckIn);
        Assert.Contains(ApiScopes.CheckIn, TokenResponse.Payload(tokens.AccessToken).Str("scope")!.Split(' '));
        var view = await ViewAsync(clientId);
        Assert.Equal(ClientKind.Public, view!.Kind);
        Assert.Equal([ApiScopes.CheckIn], view.Scopes);
    }

    [SkippableFact]
    public async Task A_public_client_gets_its_uris_and_scopes_and_update_changes_them()
    {
        var clientId = TokenCallers.NewClientId("portal-");
        var first = await RunAsync("--kind", "public", "--client-id", clientId, "--name", "Member portal", "--redirect-uri", OidcApi.RedirectUri,
            "--post-logout-uri", "https://portal.example.org/", "--scope", "membership.self membership.directory");

        var refused = await RunAsync("--kind", "public", "--client-id", clientId, "--name", "Member portal 2", "--redirect-uri", "https://portal.example.org/cb2");
        var updated = await RunAsync("--kind", "public", "--client-id", clientId, "--name", "Member portal 2", "--redirect-uri", "https://portal.example.org/cb2",
            "--scope", ApiScopes.Self, "--update");
        var kindChange = await RunAsync("--kind", "partner", "--client-id", clientId, "--name", "X", "--update");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(1, refused.ExitCode);
        Assert.True(updated.ExitCode == 0, updated.Error);
        Assert.StartsWith("Updated public client", updated.Output, StringComparison.Ordinal);
        var view = await ViewAsync(clientId);
        Assert.Equal("Member portal 2", view!.DisplayName);
        Assert.Equal(["https://portal.example.org/cb2"], view.RedirectUris);
        Assert.Empty(view.PostLogoutRedirectUris);
        Assert.Equal([ApiScopes.Self], view.Scopes);
        Assert.Equal(1, kindChange.ExitCode);
        Assert.Contains("KIND_CANNOT_CHANGE", kindChange.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(1, "--redirect-uri: 'http://portal.example.org/cb' is not an https URI", "--kind", "public", "--name", "P", "--redirect-uri", "http://portal.example.org/cb")]
    [InlineData(1, "--redirect-uri: A PUBLIC client needs at least one redirect URI. (REQUIRED)", "--kind", "public", "--name", "P")]
    [InlineData(1, "--agency: A PARTNER client belongs to an agency", "--kind", "partner", "--name", "P")]
    [InlineData(1, "--agency: No agency has the ID or ORI code 'XX0000000'. (NOT_FOUND)", "--kind", "partner", "--name", "P", "--agency", "XX0000000")]
    [InlineData(1, "--scope: A PARTNER client cannot have the scope 'membership.staff'", "--kind", "partner", "--name", "P", "--scope", "membership.staff")]
    [InlineData(1, "a staff-tool client cannot have the scope 'membership.self'", "--kind", "staff-tool", "--name", "P", "--redirect-uri", OidcApi.RedirectUri, "--scope", "membership.self")]
    [InlineData(1, "--name: 'displayName' is required", "--kind", "staff-script", "--name", " ")]
    [InlineData(2, "--kind must be public, partner, staff-tool or staff-script", "--kind", "wizard", "--name", "P")]
    [InlineData(2, "usage: create-client", "--kind", "public", "--name", "P", "--colour", "blue")]
    public async Task Bad_input_is_refused_with_a_message_and_a_non_zero_exit_code_and_creates_nothing(int expectedExitCode, string message, params string[] args)
    {
        var clientId = TokenCallers.NewClientId("refused-");

        var (exitCode, output, error) = await RunAsync([.. args, "--client-id", clientId]);

        Assert.True(exitCode == expectedExitCode, $"{exitCode}: {output}{error}");
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.Null(await ViewAsync(clientId));
    }

    [SkippableFact]
    public async Task A_partners_agency_may_be_named_by_its_ORI_code()
    {
        var agency = await _callers.Data.AgencyAsync();
        var ori = $"AL{Random.Shared.Next(0, 9_999_999):D7}";
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            await db.Agencies.Where(a => a.Id == agency.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.OriCode, ori));
        }

        var clientId = TokenCallers.NewClientId("partner-");
        var (exitCode, output, error) = await RunAsync("--kind", "partner", "--client-id", clientId, "--name", "By ORI", "--agency", ori.ToLowerInvariant());

        Assert.True(exitCode == 0, error);
        Assert.Equal(agency.Id, (await ViewAsync(clientId))!.AgencyId);
        (await Api.ClientCredentialsAsync(clientId, SecretLine().Match(output).Groups["secret"].Value, ApiScopes.Verification)).EnsureOk();
    }

    /// <summary>The command in process, on the fixture's database and services.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CreateClientCommand.RunAsync(Api.Services, ["create-client", .. args], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private async Task<ClientView?> ViewAsync(string clientId)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        return await registry.FindAsync(clientId, default) is { } application ? await registry.ViewAsync(application, default) : null;
    }

    /// <summary>The built host as production runs it, on the fixture's database.</summary>
    private async Task<(int ExitCode, string Output)> RunHostAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Membership.Api.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = Api.Provider.ToString();
        start.Environment["ConnectionStrings__Membership"] = Api.ConnectionString;
        start.Environment["Oidc__SigningKeyPath"] = TestKeys.Signing;
        start.Environment["Oidc__EncryptionKeyPath"] = TestKeys.Encryption;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"^client_secret: (?<secret>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SecretLine();
}

public sealed class CreateClientCommandTestsOnSqlite(OidcApi api) : CreateClientCommandTests(api), IClassFixture<OidcApi>;

public sealed class CreateClientCommandTestsOnPostgreSql(OidcApiOnPostgreSql api) : CreateClientCommandTests(api), IClassFixture<OidcApiOnPostgreSql>;
