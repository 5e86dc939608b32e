using System.Net.Http.Headers;
using System.Text.Json;
using Membership.DemoData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Micro;

/// <summary>
/// The real API host (<c>Program</c> of Membership.Api) in this process, in Production with the settings
/// bench/lib/api.sh gives it (background jobs off, logging at Warning), over a SQLite file that a Development host
/// seeded once with the demo data (500 members, plans, agencies, the demo clients) and the OIDC keys it made.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> Seeded = new(SeedAsync);

    private ApiHost(WebApplicationFactory<Program> factory)
    {
        Factory = factory;
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
    }

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => Factory.Services;

    public static async Task<ApiHost> StartAsync(Action<IServiceCollection>? services = null)
    {
        var folder = await Seeded.Value;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            Settings(builder, folder);
            builder.UseSetting("ConnectionStrings:Membership", $"Data Source={Path.Combine(folder, "membership.db")}");
            builder.UseSetting("Oidc:SigningKeyPath", Path.Combine(folder, "oidc-signing-key.pem"));
            builder.UseSetting("Oidc:EncryptionKeyPath", Path.Combine(folder, "oidc-encryption-key.pem"));
            builder.UseSetting("Oidc:PublicBaseUrl", "https://localhost");
            builder.UseSetting("Mail:SmtpHost", "127.0.0.1");
            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });
        _ = factory.Server; // starts the host
        return new ApiHost(factory);
    }

    /// <summary>An access token of the Development demo staff client, from the host's own OIDC server (client credentials).</summary>
    public async Task<string> StaffTokenAsync()
    {
        using var response = await Client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = DemoIdentities.StaffToolClientId,
            ["client_secret"] = DemoIdentities.StaffToolSecret,
            ["scope"] = "membership.staff",
        }));
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        return response.IsSuccessStatusCode && json.RootElement.TryGetProperty("access_token", out var token)
            ? token.GetString()!
            : throw new InvalidOperationException($"No staff token ({(int)response.StatusCode}): {body}");
    }

    /// <summary>POST /graphql with a prepared body, as a front end sends it; returns the answer's bytes.</summary>
    public async Task<byte[]> PostAsync(byte[] body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Client.SendAsync(request);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The answer's <c>data</c>, refusing one that carries errors: a benchmark must not measure an error path.</summary>
    public async Task<JsonElement> DataOfAsync(byte[] body, string? token)
    {
        var answer = await PostAsync(body, token);
        using var json = JsonDocument.Parse(answer);
        if (json.RootElement.TryGetProperty("errors", out _) || !json.RootElement.TryGetProperty("data", out var data))
        {
            throw new InvalidOperationException("The API answered with errors: " + System.Text.Encoding.UTF8.GetString(answer));
        }

        return data.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>What bench/lib/api.sh sets besides the database and keys: jobs off, per-address limits raised, Warning logs.</summary>
    private static void Settings(IWebHostBuilder builder, string folder)
    {
        builder.UseSetting("DataDirectory", folder);
        builder.UseSetting("Database:Provider", "Sqlite");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Mail:SendEverySeconds"] = "0", ["Stripe:ReconcileEveryMinutes"] = "0", ["Tickets:ExpireEverySeconds"] = "0",
            ["Webhooks:DispatchEverySeconds"] = "0", ["Webhooks:WatchEveryMinutes"] = "0", ["Reminders:RunEveryMinutes"] = "0",
            ["Audit:PurgeEveryMinutes"] = "0", ["Verification:LookupsPerMinute"] = "100000000",
            ["Verification:PartnerBatchesPerMinute"] = "100000000", ["Verification:PartnerMissesPerHour"] = "100000000",
            ["Tickets:AnonymousRequestsPerAddressPerHour"] = "100000000", ["Oidc:SignInsPerAddressPerMinute"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Once per process: a Development host migrates an empty SQLite file and seeds the demo data and identities into it
    /// (what <c>dotnet run --project src/Membership.Api</c> does on a fresh clone), then stops.
    /// </summary>
    private static async Task<string> SeedAsync()
    {
        // WebApplicationFactory finds the API's content root through MvcTestingAppManifest.json in the working directory
        // (a test runner starts in the output folder); this program may be started from anywhere.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var folder = Directory.CreateTempSubdirectory("membership-micro-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(folder);
        await using (var seed = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            Settings(builder, folder);
            builder.UseSetting("DemoData:Enabled", "true");
        }))
        {
            _ = seed.Server; // Program runs PrepareAsync: migrations, then the seed
        }

        SqliteConnection.ClearAllPools();
        return folder;
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a temporary folder; a leftover is harmless
        }
    }
}
