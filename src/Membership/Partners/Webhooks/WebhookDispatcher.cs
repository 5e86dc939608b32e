using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Partners.Webhooks;

/// <summary>
/// Sends due webhook deliveries. Every instance runs it: a delivery is claimed with one conditional UPDATE (a lease,
/// only while nobody holds one and no other delivery of the same endpoint is leased), so each delivery is attempted by
/// one instance at a time and each endpoint gets one request at a time. Sends run side by side (at most
/// <see cref="WebhookOptions.MaxParallel"/> per instance, one per endpoint) and the poll does not wait for them, so a
/// slow or dead endpoint holds its own slot and nothing else. Failed attempts back off (5 s, 5 min, 30 min, 2 h, 5 h,
/// then every 10 h) for <see cref="WebhookOptions.RetryForHours"/>; an endpoint that failed all that time is disabled
/// and its contact mailed. Delivery is at least once: a process that dies after the partner answered sends it again
/// with the same <c>webhook-id</c>.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<MembershipDbContext> factory, IHttpClientFactory http, WebhookSecrets secrets, AssociationCalendar calendar, TimeProvider clock,
    IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "partner-webhooks";

    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10)];

    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, Task> _sending = new(); // by endpoint

    public static WebhookDelivery NewDelivery(Guid eventId, Guid endpointId, DateTimeOffset now) => new()
    {
        Id = RecordIds.New(), EventId = eventId, EndpointId = endpointId, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now, RetryingSince = now, CreatedAt = now,
    };

    /// <summary>The <c>webhook-id</c> of a delivery: the same on every attempt and redelivery, so a receiver can drop repeats.</summary>
    public static string MessageId(Guid deliveryId) => $"msg_{deliveryId:N}";

    /// <summary>Claims what is due and sends it, waiting for those sends; returns how many were attempted. Tests call this to run the dispatcher once.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var started = await StartDueAsync(ct);
        await Task.WhenAll(started);
        return started.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.DispatchEverySeconds);
        if (period <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await StartDueAsync(stoppingToken); // the sends go on by themselves; the next tick fills free slots
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Looking for due webhook deliveries failed; the next tick tries again.");
            }
        }

        await Task.WhenAll(_sending.Values);
    }

    private async Task<List<Task>> StartDueAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var free = Math.Max(1, settings.MaxParallel) - _sending.Count;
        var started = new List<Task>();
        if (free <= 0)
        {
            return started;
        }

        var now = Now();
        await using var db = await factory.CreateDbContextAsync(ct);
        var due = await Due(db, now).OrderBy(d => d.NextAttemptAt).Select(d => new { d.Id, d.EndpointId }).Take(free * 4).ToListAsync(ct);
        foreach (var delivery in due.DistinctBy(d => d.EndpointId).Where(d => !_sending.ContainsKey(d.EndpointId)).Take(free))
        {
            var lease = now.AddSeconds(Math.Max(settings.LeaseSeconds, settings.TimeoutSeconds * 2));
            var claimed = await Due(db, now).Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, lease)
                .SetProperty(d => d.ClaimedBy, _holder).SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
            if (claimed == 1)
            {
                var send = SendAsync(delivery.Id, lease, ct);
                _sending[delivery.EndpointId] = send;
                started.Add(send.ContinueWith(_ => _sending.TryRemove(delivery.EndpointId, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
            }
        }

        return started;
    }

    /// <summary>Pending, due, not leased, its endpoint enabled and not busy with another delivery (at most one request per endpoint at a time).</summary>
    private static IQueryable<WebhookDelivery> Due(MembershipDbContext db, DateTimeOffset now) => db.WebhookDeliveries
        .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
        .Where(d => db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.DisabledAt == null))
        .Where(d => !db.WebhookDeliveries.Any(o => o.EndpointId == d.EndpointId && o.Id != d.Id && o.LeaseUntil != null && o.LeaseUntil >= now));

    private sealed record Attempt(int? StatusCode, string? Error, int DurationMs);

    private async Task SendAsync(Guid id, DateTimeOffset lease, CancellationToken ct)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, ct);
            var body = await db.WebhookEvents.AsNoTracking().Where(e => e.Id == delivery.EventId).Select(e => e.Body).SingleAsync(ct);
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId, ct);
            var attempt = await PostAsync(endpoint, MessageId(id), body, ct);
            await RecordAsync(db, delivery, endpoint, lease, attempt);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease runs out and another attempt follows; nothing is lost.
            logger.LogWarning(e, "Webhook delivery {Delivery} could not be attempted or recorded.", id);
        }
    }

    /// <summary>One POST, signed with the current secret (and the previous one during a rotation's overlap); the answer's body is never read.</summary>
    private async Task<Attempt> PostAsync(WebhookEndpoint endpoint, string messageId, string body, CancellationToken ct)
    {
        var settings = options.Value;
        var now = Now();
        var keys = new List<string> { secrets.Unprotect(endpoint.ProtectedSecret) };
        if (endpoint.ProtectedPreviousSecret is { } previous && endpoint.PreviousSecretUntil > now)
        {
            keys.Add(secrets.Unprotect(previous));
        }

        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigning.Header(keys, messageId, timestamp, body));
        var watch = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds))); // real time: the network's, not the fake clock's
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new Attempt(status, response.IsSuccessStatusCode ? null : $"The endpoint answered {status}.", Elapsed(watch));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Attempt(null, $"No answer within {settings.TimeoutSeconds} s.", Elapsed(watch));
        }
        catch (HttpRequestException e)
        {
            return new Attempt(null, Cut(e.Message), Elapsed(watch));
        }
    }

    /// <summary>The attempt, the delivery's next state and the endpoint's failure run, in one transaction, only while the lease is still ours.</summary>
    private async Task RecordAsync(MembershipDbContext db, WebhookDelivery delivery, WebhookEndpoint endpoint, DateTimeOffset lease, Attempt attempt)
    {
        var retryFor = TimeSpan.FromHours(Math.Max(1, options.Value.RetryForHours));
        var at = Now();
        var ok = attempt.Error is null;
        var stopAt = delivery.RetryingSince + retryFor;
        var giveUp = !ok && at >= stopAt;
        var next = ok || giveUp ? (DateTimeOffset?)null : Min(at + Backoff[Math.Clamp(delivery.Attempts - 1, 0, Backoff.Length - 1)], stopAt);
        var status = ok ? WebhookDeliveryStatus.Delivered : giveUp ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
        var ct = CancellationToken.None; // the request went out: what it did must be recorded
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ours = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.ClaimedBy == _holder && d.LeaseUntil == lease).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, status).SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(d => d.LastStatusCode, attempt.StatusCode).SetProperty(d => d.LastError, attempt.Error)
            .SetProperty(d => d.DeliveredAt, d => ok ? at : d.DeliveredAt), ct);
        if (ours == 0)
        {
            return; // the lease ran out and another instance took the delivery: its record counts
        }

        db.WebhookAttempts.Add(new WebhookAttempt
        {
            Id = RecordIds.New(), DeliveryId = delivery.Id, At = at, StatusCode = attempt.StatusCode, Error = attempt.Error, DurationMs = attempt.DurationMs,
        });
        await db.SaveChangesAsync(ct);
        var endpoints = db.WebhookEndpoints.Where(e => e.Id == endpoint.Id);
        if (ok)
        {
            await endpoints.ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, (DateTimeOffset?)null), ct);
        }
        else
        {
            await endpoints.ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, e => e.FailingSince ?? at), ct);
            await DisableIfFailingTooLongAsync(db, endpoint, at - retryFor, at, ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Disables the endpoint once it has failed without a success since <paramref name="since"/>, and mails its contact once (the conditional UPDATE decides).</summary>
    private async Task DisableIfFailingTooLongAsync(MembershipDbContext db, WebhookEndpoint endpoint, DateTimeOffset since, DateTimeOffset at, CancellationToken ct)
    {
        var hours = options.Value.RetryForHours;
        var reason = $"Every attempt failed for {hours} hours.";
        var disabled = await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id && e.DisabledAt == null && e.FailingSince != null && e.FailingSince <= since)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DisabledAt, at).SetProperty(e => e.DisabledReason, reason), ct);
        if (disabled == 0)
        {
            return;
        }

        logger.LogWarning("Webhook endpoint {Endpoint} of client {Client} is disabled: {Reason}", endpoint.Id, endpoint.ClientId, reason);
        await db.QueueMailNowAsync(new MailMessage(MailKinds.WebhookEndpointDisabled, endpoint.ContactEmail, "Your webhook endpoint was disabled",
            $"""
            The association stopped sending webhooks to {endpoint.Url} (client {endpoint.ClientId}).
            {reason}

            Fix the endpoint, then enable it again with enableWebhookEndpoint; deliveries that failed can be sent again with redeliverWebhook.
            """)
        { DedupeKey = $"webhook-disabled:{endpoint.Id:N}:{at.ToUnixTimeMilliseconds()}" }, calendar, ct);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);

    private static string Cut(string text) => text.Length <= 500 ? text : text[..500];

    /// <summary>Whole milliseconds, as every provider stores them, so the lease a claim wrote compares equal when read back.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
