using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Membership.Identity;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// What a host needs before it serves anyone: keys, a public URL, SMTP; and where its signing key comes from. These
/// are configuration checks and key files, not database work: SQLite only.
/// </summary>
public sealed class HostStartupTests(OidcApi api) : IClassFixture<OidcApi>
{
    [Fact]
    public void A_production_host_without_a_public_url_or_smtp_refuses_to_start_and_names_both()
    {
        var error = StartFailure(b => b.UseEnvironment("Production"));

        Assert.Contains("Oidc:PublicBaseUrl", error, StringComparison.Ordinal);
        Assert.Contains("Mail:SmtpHost", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Oidc:SigningKeyPath", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_host_without_a_signing_key_refuses_to_start_and_says_so()
    {
        var error = StartFailure(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Oidc:SigningKeyPath", string.Empty);
            b.UseSetting("Oidc:PublicBaseUrl", "https://members.example.org");
            b.UseSetting("Mail:SmtpHost", "127.0.0.1");
        });

        Assert.Contains("Oidc:SigningKeyPath", error, StringComparison.Ordinal);
        Assert.Contains("PEM or PFX", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_host_with_its_settings_starts()
    {
        await using var production = api.CreateFactory(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Oidc:PublicBaseUrl", "https://members.example.org");
            b.UseSetting("Mail:SmtpHost", "127.0.0.1");
        });
        using var http = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_pfx_signing_key_signs_the_tokens_and_the_jwks_publishes_it()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=membership test signing", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var folder = Directory.CreateTempSubdirectory("membership-pfx-").FullName;
        var pfx = Path.Combine(folder, "signing.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        var script = await new TokenCallers(api).StaffClientAsync();
        await using var instance = api.CreateFactory(b =>
        {
            b.UseSetting("Oidc:SigningKeyPath", pfx);
            b.UseSetting("Oidc:SigningKeyPassword", "pfx-password");
        });
        using var http = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var token = await ClientCredentialsAsync(http, script);
        var jwks = JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks")).RootElement;

        var parts = token.Split('.');
        using (var publicKey = certificate.GetRSAPublicKey()!)
        {
            Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlEncoder.DecodeBytes(parts[2]),
                HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), "the token is not signed with the PFX's key");
        }

        var kid = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[0])).RootElement.GetProperty("kid").GetString();
        var published = Assert.Single(jwks.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == kid);
        Assert.Equal(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus!), published.GetProperty("n").GetString());
        var clients = await new GraphQLClient(http).PostAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(token));
        Assert.True(clients.Status == HttpStatusCode.OK && !clients.HasErrors, clients.Text);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task In_Development_a_generated_key_survives_a_restart()
    {
        var script = await new TokenCallers(api).StaffClientAsync();
        var folder = Directory.CreateTempSubdirectory("membership-devkeys-").FullName;
        void Development(IWebHostBuilder b)
        {
            b.UseEnvironment("Development");
            b.UseSetting("DemoData:Enabled", "false");
            b.UseSetting("DataDirectory", folder);
            b.UseSetting("Oidc:SigningKeyPath", string.Empty);
            b.UseSetting("Oidc:EncryptionKeyPath", string.Empty);
        }

        string token;
        await using (var first = api.CreateFactory(Development))
        {
            using var http = first.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
            token = await ClientCredentialsAsync(http, script);
        }

        Assert.True(File.Exists(Path.Combine(folder, "oidc-signing-key.pem")), "no key file in the data folder");
        await using var second = api.CreateFactory(Development);
        using var restarted = second.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var clients = await new GraphQLClient(restarted).PostAsync("{ clients { clientId } }", identity: TestIdentity.Bearer(token));

        Assert.True(clients.Status == HttpStatusCode.OK && !clients.HasErrors, clients.Text);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Starts another instance with the given settings and returns why it would not start.</summary>
    private string StartFailure(Action<IWebHostBuilder> configure)
    {
        using var host = api.CreateFactory(configure);
        var error = Record.Exception(() => host.Server);
        Assert.NotNull(error);
        return error.ToString();
    }

    private static async Task<string> ClientCredentialsAsync(HttpClient http, ClientCredentials client)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.Secret, ["scope"] = ApiScopes.Staff,
        }));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }
}
