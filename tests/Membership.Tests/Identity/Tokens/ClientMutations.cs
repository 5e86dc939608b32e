using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Tokens;

/// <summary>The client-management mutations and queries, sent as a staff script would send them: with its own token.</summary>
internal sealed class ClientMutations(OidcApi api, TestIdentity caller)
{
    private const string ClientFields = "client { clientId kind disabled scopes redirectUris agency { id } }";

    public const string Register = "mutation($input: RegisterClientInput!) { registerClient(input: $input) { "
        + ClientFields + " clientSecret userErrors { code field message } } }";

    public static string Change(string mutation) =>
        $"mutation($id: String!) {{ {mutation}(input: {{ clientId: $id }}) {{ {ClientFields} userErrors {{ code field message }} }} }}";

    public const string Rotate = "mutation($id: String!) { rotateClientSecret(input: { clientId: $id }) { "
        + ClientFields + " clientSecret userErrors { code field message } } }";

    /// <summary>registerClient's payload.</summary>
    public async Task<JsonElement> RegisterAsync(object input) =>
        (await api.Client().DataAsync(Register, new { input }, caller)).GetProperty("registerClient");

    /// <summary>disableClient or enableClient's payload.</summary>
    public async Task<JsonElement> ChangeAsync(string mutation, string clientId) =>
        (await api.Client().DataAsync(Change(mutation), new { id = clientId }, caller)).GetProperty(mutation);

    /// <summary>rotateClientSecret's payload.</summary>
    public async Task<JsonElement> RotateAsync(string clientId) =>
        (await api.Client().DataAsync(Rotate, new { id = clientId }, caller)).GetProperty("rotateClientSecret");

    /// <summary>The client as the clients list shows it.</summary>
    public async Task<JsonElement> ListedAsync(string clientId)
    {
        var list = await api.Client().DataAsync("{ clients { clientId disabled kind } }", identity: caller);
        return Assert.Single(list.GetProperty("clients").EnumerateArray(), c => c.Str("clientId") == clientId);
    }

    /// <summary>A partner of a new agency, registered through the mutation; returns its credentials.</summary>
    public async Task<ClientCredentials> RegisterPartnerAsync(TestData data)
    {
        var clientId = TokenCallers.NewClientId("partner-");
        var payload = await RegisterAsync(new { kind = "PARTNER", clientId, displayName = "Partner", agencyId = TestData.AgencyId(await data.AgencyAsync()) });
        MutationAssert.Succeeded(payload, "client");
        return new(clientId, payload.Str("clientSecret")!);
    }
}
