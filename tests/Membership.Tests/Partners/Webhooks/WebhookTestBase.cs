using Membership.Partners.Webhooks;
using Membership.Tests.Certifications.Verification;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Partners.Webhooks;

/// <summary>What the webhook tests share: the API, the parties with real tokens, a local listener per test, and running the dispatcher and the watch.</summary>
public abstract class WebhookTestBase<TApi> : IAsyncLifetime
    where TApi : WebhookApi
{
    private protected WebhookTestBase(TApi api)
    {
        api.EnsureAvailable();
        Api = api;
        Parties = new(api);
        Callers = new(api);
    }

    protected TApi Api { get; }

    private protected VerificationParties Parties { get; }

    private protected TokenCallers Callers { get; }

    private protected WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync() => Receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await Receiver.DisposeAsync();

    private protected WebhookDispatcher Dispatcher => Api.Services.GetRequiredService<WebhookDispatcher>();

    private protected Task<WebhookPartner> PartnerAsync() => WebhookPartner.CreateAsync(Api, Callers);

    private protected static string Name(string prefix) => TestData.Unique(prefix).ToLowerInvariant();

    /// <summary>A partner endpoint at <paramref name="path"/> whose secret was rotated with a 24-hour overlap, and a certificate issued to one of its officers (not yet dispatched).</summary>
    private protected async Task<(string OldSecret, string NewSecret, System.Text.Json.JsonElement Rotated)> RotatedWithAnEventAsync(string path)
    {
        var partner = await PartnerAsync();
        var (endpointId, oldSecret) = await partner.RegisterAsync(Receiver.Url(path), ["CERTIFICATE_ISSUED"]);
        var rotated = await partner.MutateAsync("rotateWebhookSecret", "RotateWebhookSecretInput", new { endpointId, overlapHours = 24 }, "endpoint { previousSecretUntil } secret");
        await (await Parties.DeskAsync()).RecordAsync((await Parties.MembersAsync(1, partner.Agency))[0], "AMHT", Parties.Data.Today.AddDays(-3));
        return (oldSecret, rotated.Str("secret")!, rotated);
    }

    private protected async Task WatchTwiceAsync()
    {
        var job = Api.Services.GetRequiredService<PartnerWatchJob>();
        await job.RunOnceAsync(CancellationToken.None);
        await job.RunOnceAsync(CancellationToken.None);
    }

    /// <summary>Runs the dispatcher until nothing is due now; returns how many attempts were made.</summary>
    private protected async Task<int> DispatchAllAsync()
    {
        var total = 0;
        for (var round = 0; round < 20; round++)
        {
            var sent = await Dispatcher.DispatchDueAsync(CancellationToken.None);
            if (sent == 0)
            {
                break;
            }

            total += sent;
        }

        return total;
    }

    private protected async Task<int> StatusCountAsync(WebhookPartner partner, WebhookDeliveryStatus status)
    {
        await using var db = await Api.Db.CreateDbContextAsync();
        return await db.WebhookDeliveries.CountAsync(d => d.Status == status && db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.ClientId == partner.ClientId));
    }
}
