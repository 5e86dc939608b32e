using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Membership.Agencies;
using Membership.Identity;
using Membership.Identity.Accounts;
using Membership.Identity.Clients;
using Membership.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Membership.Tests.Infrastructure;

/// <summary>The API with its real OIDC server and token validation: no test scheme, tokens come from /connect/token.</summary>
public class OidcApi : ApiFixture
{
    public const string Password = "Correct-Horse-9-Battery!";

    public override Membership.Data.DatabaseProvider Provider => Membership.Data.DatabaseProvider.Sqlite;

    protected override bool UseTestIdentity => false;

    protected override Task<(string?, string?)> CreateDatabaseAsync() =>
        Task.FromResult<(string?, string?)>(($"Data Source={Path.Combine(DataFolder(), "membership.db")}", null));

    /// <summary>A browser: keeps cookies, does not follow redirects (the test follows them and looks at each).</summary>
    public HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public async Task<Account> AccountAsync(string email, Member? member = null, string role = Roles.Member, bool confirmed = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = email, Email = email, EmailConfirmed = confirmed, MemberId = member?.Id, DisplayName = email, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(account, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(account, role);
        return account;
    }

    public async Task<string?> ClientAsync(string clientId, ClientKind kind, Agency? agency = null, string[]? scopes = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        var (_, secret) = await registry.RegisterAsync(clientId, kind, clientId, kind == ClientKind.Public ? [new Uri(RedirectUri)] : [], [],
            scopes ?? (kind == ClientKind.Public ? ClientRegistry.PublicScopes : kind == ClientKind.Partner ? [ApiScopes.Verification] : [ApiScopes.Staff]),
            agency?.Id, secret: null, default);
        return secret;
    }

    public const string RedirectUri = "https://portal.example.org/callback";

    public async Task<TokenResponse> ClientCredentialsAsync(string clientId, string secret, string scope)
    {
        var response = await TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope });
        return response.EnsureOk();
    }

    public async Task<TokenResponse> TokenRequestAsync(Dictionary<string, string> form)
    {
        using var client = Browser();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TokenResponse(response.StatusCode, json);
    }

    /// <summary>Signs in through this fixture's test redirect URI (see <see cref="CodeFlow"/>), in a new browser unless one is given.</summary>
    /// <remarks>A staff account sets up its authenticator on its first sign-in; later ones enter a code from its key.</remarks>
    public async Task<TokenResponse> SignInAsync(string clientId, string email, string scope, string password = Password, HttpClient? browser = null)
    {
        using var own = browser is null ? Browser() : null;
        return await CodeFlow.SignInAsync(browser ?? own!, clientId, RedirectUri, scope, email, password, authenticatorKey: await AuthenticatorKeyAsync(email));
    }

    /// <summary>The key of the account's confirmed authenticator (what the person's app holds); null without one.</summary>
    public async Task<string?> AuthenticatorKeyAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByEmailAsync(email);
        return account is not null && await users.GetTwoFactorEnabledAsync(account) ? await users.GetAuthenticatorKeyAsync(account) : null;
    }

    public Task<TokenResponse> RefreshAsync(string clientId, string refreshToken) =>
        TokenRequestAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = refreshToken });

    /// <summary>The hidden inputs of a page's form (anti-forgery token, return URL, the authorization request's parameters).</summary>
    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    private static Regex HiddenInput() => new("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"\\s*/?>");
}

public sealed record TokenResponse(HttpStatusCode Status, JsonElement Body)
{
    public string AccessToken => Body.GetProperty("access_token").GetString()!;

    public string? RefreshToken => Body.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;

    public string? IdToken => Body.TryGetProperty("id_token", out var t) ? t.GetString() : null;

    public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;

    public TokenResponse EnsureOk()
    {
        Assert.True(Status == HttpStatusCode.OK, $"token endpoint answered {(int)Status}: {Body}");
        return this;
    }

    /// <summary>The token's payload, decoded (not validated): what a front end could read.</summary>
    public static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement.Clone();
}

/// <summary>The real OIDC server and token validation on the tests' PostgreSQL server.</summary>
public sealed class OidcApiOnPostgreSql : OidcApi
{
    public override Membership.Data.DatabaseProvider Provider => Membership.Data.DatabaseProvider.PostgreSql;

    protected override Task<(string?, string?)> CreateDatabaseAsync() => PostgresCluster.CreateDatabaseAsync();
}
