using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Membership.DemoData;
using Membership.Identity;
using Membership.Identity.Accounts;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Membership.Tests.Identity.Accounts;

/// <summary>The sign-ins README documents for Development (two accounts, three clients), and their absence everywhere else.</summary>
public sealed class DevelopmentIdentityTests(DevelopmentApi development, OidcApi testing) : IClassFixture<DevelopmentApi>, IClassFixture<OidcApi>
{
    private const string PortalRedirectUri = "http://127.0.0.1:5173/callback";

    [Fact]
    public async Task The_demo_staff_account_has_the_staff_role_and_the_demo_member_account_is_linked_to_a_member()
    {
        await using var scope = development.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var staff = await users.FindByEmailAsync("staff@example.org");
        var member = await users.FindByEmailAsync("member@example.org");

        Assert.NotNull(staff);
        Assert.Equal([Roles.Staff], await users.GetRolesAsync(staff));
        Assert.True(await users.CheckPasswordAsync(staff, "Staff-Demo-2026!"));
        Assert.True(await users.GetTwoFactorEnabledAsync(staff)); // with the key README documents
        Assert.Equal("DEMOSTAFFKEYDEVELOPMENTONLYTOTP2", await users.GetAuthenticatorKeyAsync(staff));
        Assert.Null(staff.MemberId);
        Assert.NotNull(member);
        Assert.Equal([Roles.Member], await users.GetRolesAsync(member));
        Assert.True(await users.CheckPasswordAsync(member, "Member-Demo-2026!"));
        await using var db = await development.Db.CreateDbContextAsync();
        Assert.Equal("member@example.org", await db.Members.Where(m => m.Id == member.MemberId).Select(m => m.EmailNormalized).SingleAsync());
    }

    [Fact]
    public async Task Both_demo_users_sign_in_through_the_demo_portal_over_plain_http()
    {
        using var memberBrowser = PlainHttp(development.Factory);
        using var staffBrowser = PlainHttp(development.Factory);

        var member = await CodeFlow.SignInAsync(memberBrowser, "demo-portal", PortalRedirectUri, "openid membership.self", "member@example.org", "Member-Demo-2026!");
        var staff = await CodeFlow.SignInAsync(staffBrowser, "demo-portal", PortalRedirectUri, "openid email membership.directory", "staff@example.org", "Staff-Demo-2026!",
            authenticatorKey: DemoIdentities.StaffAuthenticatorKey);

        // Tokens name the issuer by the scheme they were asked over, so the API is called over http too.
        using var http = PlainHttp(development.Factory);
        var me = await new GraphQLClient(http).DataAsync("{ me { email fullName membershipStatus } }", identity: TestIdentity.Bearer(member.AccessToken));
        Assert.Equal("member@example.org", me.Str("me.email"));
        Assert.Equal("Jordan Rivera", me.Str("me.fullName"));
        Assert.Equal("ACTIVE", me.Str("me.membershipStatus"));
        Assert.Equal(Roles.Staff, TokenResponse.Payload(staff.AccessToken).GetProperty("role").GetString());
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo") { Headers = { Authorization = new("Bearer", staff.AccessToken) } };
        using var staffInfo = await http.SendAsync(userInfo);
        Assert.Equal("staff@example.org", (await staffInfo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_confidential_demo_clients_get_tokens_for_their_own_scopes()
    {
        var partner = await development.ClientCredentialsAsync("demo-partner", "demo-partner-secret", ApiScopes.Verification);
        var staffTool = await development.ClientCredentialsAsync("demo-staff-tool", "demo-staff-secret", ApiScopes.Staff);
        var overreach = await development.TokenRequestAsync(ClientCredentials("demo-partner", "demo-partner-secret", ApiScopes.Staff));

        var agency = Guid.Parse(TokenResponse.Payload(partner.AccessToken).GetProperty(MembershipClaims.AgencyId).GetString()!);
        await using (var db = await development.Db.CreateDbContextAsync())
        {
            Assert.True(await db.Agencies.AnyAsync(a => a.Id == agency));
        }

        var asPartner = await development.Client().PostAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(partner.AccessToken));
        Assert.Equal(["FORBIDDEN"], asPartner.ErrorCodes);
        var clients = await development.Client().DataAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(staffTool.AccessToken));
        Assert.Subset(clients.GetProperty("clients").EnumerateArray().Select(c => c.Str("clientId")!).ToHashSet(), new HashSet<string> { "demo-portal", "demo-partner", "demo-staff-tool", "demo-scanner" });
        Assert.True(overreach.Status == HttpStatusCode.BadRequest, overreach.Body.ToString());
        Assert.Equal("invalid_request", overreach.Error);
        Assert.Contains("not allowed to use the specified scope", overreach.Body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_user_signs_into_the_demo_scanner_with_PKCE_and_gets_ticket_checkin_and_a_member_does_not()
    {
        using var staffBrowser = PlainHttp(development.Factory);
        using var memberBrowser = PlainHttp(development.Factory);

        var staff = await CodeFlow.SignInAsync(staffBrowser, DemoIdentities.ScannerClientId, DemoIdentities.ScannerRedirectUri, "openid ticket.checkin",
            "staff@example.org", "Staff-Demo-2026!", authenticatorKey: DemoIdentities.StaffAuthenticatorKey);
        var member = await CodeFlow.SignInAsync(memberBrowser, DemoIdentities.ScannerClientId, DemoIdentities.ScannerRedirectUri, "openid ticket.checkin",
            "member@example.org", "Member-Demo-2026!");

        Assert.Contains(ApiScopes.CheckIn, TokenResponse.Payload(staff.AccessToken).GetProperty("scope").GetString()!.Split(' '));
        Assert.DoesNotContain(ApiScopes.CheckIn, TokenResponse.Payload(member.AccessToken).GetProperty("scope").GetString()!.Split(' '));
        using var http = PlainHttp(development.Factory);
        var conference = (await new GraphQLClient(http).DataAsync("{ conferences(first: 1) { edges { node { id } } } }")).Str("conferences.edges.0.node.id");
        async Task<HttpStatusCode> CheckInList(string token)
        {
            using var list = new HttpRequestMessage(HttpMethod.Get, $"/conferences/{conference}/check-in-list") { Headers = { Authorization = new("Bearer", token) } };
            return (await http.SendAsync(list)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await CheckInList(staff.AccessToken));
        Assert.Contains(await CheckInList(member.AccessToken), new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden }); // no API scope: not even for this API
    }

    [Fact]
    public async Task Only_Development_accepts_plain_http()
    {
        using var developmentHttp = PlainHttp(development.Factory);
        using var testingHttp = PlainHttp(testing.Factory);
        var form = ClientCredentials("demo-staff-tool", "demo-staff-secret", ApiScopes.Staff);

        using var accepted = await developmentHttp.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        using var refused = await testingHttp.PostAsync("/connect/token", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_request", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Outside_Development_there_are_no_demo_accounts_and_the_demo_clients_are_unknown()
    {
        await using var scope = testing.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        Assert.Null(await users.FindByEmailAsync("staff@example.org"));
        Assert.Null(await users.FindByEmailAsync("member@example.org"));

        var requests = new Dictionary<string, Dictionary<string, string>>
        {
            ["demo-partner"] = ClientCredentials("demo-partner", "demo-partner-secret", ApiScopes.Verification),
            ["demo-staff-tool"] = ClientCredentials("demo-staff-tool", "demo-staff-secret", ApiScopes.Staff),
            ["demo-portal"] = new() { ["grant_type"] = "refresh_token", ["client_id"] = "demo-portal", ["refresh_token"] = "anything" },
        };
        foreach (var (clientId, form) in requests)
        {
            var response = await testing.TokenRequestAsync(form);
            Assert.True(response.Error == "invalid_client", $"{clientId}: {(int)response.Status} {response.Body}");
        }
    }

    [Fact]
    public async Task Seeding_again_or_restarting_changes_nothing()
    {
        var before = await IdentityCountsAsync();

        await DemoIdentities.SeedAsync(development.Services);
        await using (var restart = development.CreateFactory(_ => { }))
        {
            _ = restart.Server; // a second instance starting on the same database seeds again
        }

        Assert.Equal(before, await IdentityCountsAsync());
    }

    private async Task<(int Accounts, int Roles, long Clients, int Members)> IdentityCountsAsync()
    {
        await using var scope = development.Services.CreateAsyncScope();
        await using var db = await development.Db.CreateDbContextAsync();
        var clients = await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CountAsync();
        return (await db.Users.CountAsync(), await db.UserRoles.CountAsync(), clients, await db.Members.CountAsync());
    }

    private static Dictionary<string, string> ClientCredentials(string clientId, string secret, string scope) =>
        new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope };

    /// <summary>A browser that speaks plain http, as a front end in development does.</summary>
    private static HttpClient PlainHttp(WebApplicationFactory<Program> instance) => instance.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("http://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });
}
