using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Membership.Tests.Partners.Webhooks;

/// <summary>One request a partner's endpoint received: the path's name, the headers and the raw body.</summary>
internal sealed record ReceivedWebhook(string Name, IHeaderDictionary Headers, string Body)
{
    public string Id => Headers["webhook-id"].ToString();

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;
}

/// <summary>
/// A partner's web server on a local port (Kestrel): <c>/ok-…</c> answers 204, <c>/fail-…</c> 500, <c>/slow-…</c> holds the
/// request until <see cref="ReleaseSlow"/>. Every request is kept, in arrival order, with its headers and body as sent.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60); // a failure guard only: tests wait for arrivals, not for time

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly TaskCompletionSource _slowGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrived = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/{name}", receiver.HandleAsync);
        await receiver._app.StartAsync();
        receiver.BaseUrl = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public string Url(string name) => $"{BaseUrl}/{name}";

    public IReadOnlyList<ReceivedWebhook> To(string name) => [.. _received.Where(r => r.Name == name)];

    /// <summary>Completes when <paramref name="name"/> has received a request (at once if it already has).</summary>
    public Task ArrivedAsync(string name) => _arrived.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(Guard);

    public void ReleaseSlow() => _slowGate.TrySetResult();

    /// <summary>
    /// For CI's check with the npm package standardwebhooks: with MEMBERSHIP_WEBHOOK_CAPTURE naming a folder, writes the
    /// delivery and the secrets that should verify it there (tests/http/standard-webhooks.mjs reads them).
    /// </summary>
    public static void Capture(ReceivedWebhook received, params string[] secrets)
    {
        if (Environment.GetEnvironmentVariable("MEMBERSHIP_WEBHOOK_CAPTURE") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = received.Id,
            ["webhook-timestamp"] = received.Headers["webhook-timestamp"].ToString(),
            ["webhook-signature"] = received.Headers["webhook-signature"].ToString(),
        };
        File.WriteAllText(Path.Combine(folder, $"{received.Id}-{Guid.NewGuid():N}.json"), JsonSerializer.Serialize(new { secrets, headers, body = received.Body }));
    }

    private async Task<IResult> HandleAsync(HttpContext http, string name)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = new HeaderDictionary();
        foreach (var (key, value) in http.Request.Headers)
        {
            headers[key] = value;
        }

        _received.Enqueue(new ReceivedWebhook(name, headers, body));
        _arrived.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (name.StartsWith("slow", StringComparison.Ordinal))
        {
            await _slowGate.Task.WaitAsync(Guard);
        }

        return name.StartsWith("fail", StringComparison.Ordinal) ? Results.StatusCode(500) : Results.NoContent();
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseSlow();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
