using System.Text.Json;
using Membership.Agencies;
using Membership.Identity;
using Membership.Members;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Membership.Certifications.Verification;

namespace Membership.Tests.Certifications.Verification;

/// <summary>A partner agency's system: its client_id, the agency it verifies for, and a client-credentials token.</summary>
internal sealed record PartnerSystem(string ClientId, Agency Agency, TestIdentity Token);

/// <summary>
/// Who takes part in a verification, each with a real token from the OIDC server: staff (a staff script), a partner
/// agency's system (client credentials, with an agency), and members signed in through a portal.
/// </summary>
internal sealed class VerificationParties(OidcApi api)
{
    public const string Consent = "consent { agency { id } grantedAt withdrawnAt } userErrors { code field message }";

    private readonly TokenCallers _callers = new(api);

    public TestData Data => _callers.Data;

    public async Task<TestIdentity> StaffAsync() => await _callers.StaffClientTokenAsync();

    /// <summary>Certificates issued and changed with a new staff script's token.</summary>
    public async Task<CertificateDesk> DeskAsync()
    {
        var staff = await StaffAsync();
        return new CertificateDesk(api.Client, staff);
    }

    public async Task<PartnerSystem> PartnerAsync()
    {
        var (client, agency) = await _callers.PartnerClientAsync();
        var token = await api.ClientCredentialsAsync(client.ClientId, client.Secret, ApiScopes.Verification);
        return new PartnerSystem(client.ClientId, agency, TestIdentity.Bearer(token.AccessToken));
    }

    /// <summary>The member signs in through a portal of their own; returns their bearer identity.</summary>
    public async Task<TestIdentity> SignInAsync(Member member) => TestIdentity.Bearer((await _callers.SignInMemberAsync(member)).Tokens.AccessToken);

    /// <summary>Members with contact data of their own (which no verifier may see).</summary>
    public async Task<List<Member>> MembersAsync(int count, Agency? agency = null) =>
        await Data.MembersAsync(count, await Data.PlanAsync(), agency, shape: (m, i) =>
        {
            m.Phone = $"+1 251 {Random.Shared.Next(100, 999)} {1000 + i}";
            m.DateOfBirth = new DateOnly(1975 + (i % 20), 1 + (i % 12), 1 + (i % 28));
            m.MailingAddress = new MailingAddress { Line1 = $"{Random.Shared.Next(100, 9999)} Dauphin St", City = "Mobile", StateCode = "AL", PostalCode = "36602" };
        });

    /// <summary>grantVerificationAccess or withdrawVerificationAccess as the member; returns the payload.</summary>
    public async Task<JsonElement> ConsentAsync(TestIdentity member, Agency agency, bool grant)
    {
        var field = grant ? "grantVerificationAccess" : "withdrawVerificationAccess";
        var data = await api.Client().DataAsync($"mutation($input: AgencyConsentInput!) {{ {field}(input: $input) {{ {Consent} }} }}",
            new { input = new { agencyId = TestData.AgencyId(agency) } }, member);
        return data.At(field);
    }
}
