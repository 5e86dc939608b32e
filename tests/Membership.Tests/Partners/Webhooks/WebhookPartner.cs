using System.Text.Json;
using Membership.Agencies;
using Membership.Identity;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Partners.Webhooks;

/// <summary>A partner agency's system with a real client-credentials token, managing its webhook endpoints over GraphQL.</summary>
internal sealed class WebhookPartner(OidcApi api, ClientCredentials client, Agency agency)
{
    public const string Endpoint = "id url events contactEmail disabledAt disabledReason failingSince previousSecretUntil";
    public const string Delivery = "id webhookId eventType body status attempts nextAttemptAt lastStatusCode lastError deliveredAt attemptLog { at statusCode error durationMs }";

    public Agency Agency => agency;

    public string ClientId => client.ClientId;

    public static async Task<WebhookPartner> CreateAsync(OidcApi api, TokenCallers callers)
    {
        var (client, agency) = await callers.PartnerClientAsync();
        return new WebhookPartner(api, client, agency);
    }

    /// <summary>A fresh token each time: tests move the clock past a token's lifetime.</summary>
    public async Task<TestIdentity> TokenAsync() =>
        TestIdentity.Bearer((await api.ClientCredentialsAsync(client.ClientId, client.Secret, ApiScopes.Verification)).AccessToken);

    public async Task<JsonElement> MutateAsync(string field, string inputType, object input, string selection)
    {
        var data = await api.Client().DataAsync($"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} userErrors {{ code field message }} }} }}",
            new { input }, await TokenAsync());
        return data.At(field);
    }

    /// <summary>registerWebhookEndpoint; returns the endpoint's ID and its secret.</summary>
    public async Task<(string Id, string Secret)> RegisterAsync(string url, string[]? events = null, string contact = "webhooks@agency.example.org")
    {
        var payload = await MutateAsync("registerWebhookEndpoint", "RegisterWebhookEndpointInput",
            new { url, events = events ?? AllEvents, contactEmail = contact }, $"endpoint {{ {Endpoint} }} secret");
        var endpoint = MutationAssert.Succeeded(payload, "endpoint");
        return (endpoint.Str("id")!, payload.Str("secret")!);
    }

    public static readonly string[] AllEvents =
    [
        "CERTIFICATE_ISSUED", "CERTIFICATE_SUSPENDED", "CERTIFICATE_REINSTATED", "CERTIFICATE_REVOKED", "CERTIFICATE_EXPIRED", "CERTIFICATE_REISSUED",
        "CONSENT_GRANTED", "CONSENT_WITHDRAWN", "MEMBERSHIP_STANDING_CHANGED",
    ];

    /// <summary>The partner's endpoints, oldest first.</summary>
    public async Task<List<JsonElement>> EndpointsAsync() =>
        [.. (await api.Client().DataAsync($"{{ webhookEndpoints {{ {Endpoint} }} }}", identity: await TokenAsync())).At("webhookEndpoints").EnumerateArray()];

    /// <summary>webhookDeliveries of one endpoint, newest first, with their attempts.</summary>
    public async Task<List<JsonElement>> DeliveriesAsync(string endpointId) =>
        [.. (await api.Client().DataAsync($"query($e: ID!) {{ webhookDeliveries(endpointId: $e, first: 50) {{ nodes {{ {Delivery} }} }} }}", new { e = endpointId }, await TokenAsync()))
            .At("webhookDeliveries.nodes").EnumerateArray()];
}
