using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Driver;

/// <summary>The result of a burst: wall time, latencies, and whether the database ended as it must.</summary>
internal sealed record BurstResult(double Seconds, double P50, double P99, int Succeeded, int Refused, string Check);

/// <summary>purchaseTickets with 200 buyers racing for 10 free seats, and a burst of Stripe-signed webhook events.</summary>
internal sealed class Races(HttpClient http, Samples samples, Uri api)
{
    private static readonly Guid Conference = Md5Guid("conference");
    private static readonly Guid RaceType = Md5Guid("tickettypeBenchmark race");

    public async Task<BurstResult> PurchaseRaceAsync(int buyers)
    {
        await samples.ExecuteAsync($"""
            DELETE FROM "Tickets" WHERE "TicketTypeId" = '{RaceType}';
            DELETE FROM "TicketOrders" WHERE "BuyerEmail" LIKE 'race.buyer.%';
            UPDATE "TicketTypes" SET "Taken" = 0 WHERE "Id" = '{RaceType}';
            UPDATE "Conferences" SET "SeatsTaken" = 2000 WHERE "Id" = '{Conference}';
            """);
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var bodies = Enumerable.Range(0, buyers).Select(i => samples.Body("purchase.graphql", new
        {
            input = new
            {
                conferenceId = Samples.GlobalId("Conference", Conference),
                buyer = new { name = $"Race Buyer {i}", email = $"race.buyer.{i}.{stamp}@example.org" },
                items = new[] { new { ticketTypeId = Samples.GlobalId("TicketType", RaceType), attendee = new { name = $"Race Buyer {i}", email = $"race.buyer.{i}.{stamp}@example.org" } } },
            },
        })).ToList();
        var target = new Uri(api, "/graphql");
        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(bodies.Select(async body =>
        {
            var start = clock.Elapsed;
            using var response = await http.PostAsync(target, Json(body));
            var text = await response.Content.ReadAsStringAsync();
            return (Ms: (clock.Elapsed - start).TotalMilliseconds, Ok: text.Contains("\"order\":{", StringComparison.Ordinal), Sold: text.Contains("SOLD_OUT", StringComparison.Ordinal));
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var sold = (await samples.RowsAsync($"""SELECT "Taken", (SELECT count(*) FROM "Tickets" WHERE "TicketTypeId" = '{RaceType}') FROM "TicketTypes" WHERE "Id" = '{RaceType}'""",
            r => (Taken: r.GetInt32(0), Tickets: r.GetInt64(1)))).Single();
        var latencies = outcomes.Select(o => o.Ms).Order().ToList();
        var succeeded = outcomes.Count(o => o.Ok);
        var check = succeeded == 10 && sold.Taken == 10 && sold.Tickets == 10 ? "10 sold, none oversold" : $"WRONG: {succeeded} orders, Taken {sold.Taken}, {sold.Tickets} tickets";
        return new BurstResult(seconds, RunResult.Percentile(latencies, 0.5), RunResult.Percentile(latencies, 0.99), succeeded, outcomes.Count(o => o.Sold), check);
    }

    /// <summary>Events signed as Stripe signs them (t=…,v1=HMAC-SHA256 of "t.payload"); one in ten repeats an earlier event.</summary>
    public async Task<BurstResult> WebhookBurstAsync(string secret, int events, int connections)
    {
        var before = (await samples.RowsAsync("""SELECT count(*) FROM "StripeEvents" """, r => r.GetInt64(0))).Single();
        var unique = events - events / 10;
        var payloads = Enumerable.Range(0, unique).Select(_ => CustomerCreated()).ToList();
        payloads.AddRange(payloads.Take(events / 10).ToList());
        var target = new Uri(api, "/webhooks/stripe");
        var latencies = new List<double>[connections];
        var next = -1;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            for (var i = Interlocked.Increment(ref next); i < payloads.Count; i = Interlocked.Increment(ref next))
            {
                var start = clock.Elapsed;
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(payloads[i], Encoding.UTF8, "application/json") };
                request.Headers.Add("Stripe-Signature", Sign(payloads[i], secret));
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }

                mine.Add((clock.Elapsed - start).TotalMilliseconds);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var after = (await samples.RowsAsync("""SELECT count(*) FROM "StripeEvents" """, r => r.GetInt64(0))).Single();
        var all = latencies.SelectMany(l => l).Order().ToList();
        var check = after - before == unique && failed == 0 ? $"{unique} recorded once each, {events - unique} repeats ignored" : $"WRONG: {after - before} recorded of {unique}, {failed} failed";
        return new BurstResult(seconds, RunResult.Percentile(all, 0.5), RunResult.Percentile(all, 0.99), events - failed, failed, check);
    }

    private static string Sign(string payload, string secret)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    private static string CustomerCreated()
    {
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = "evt_bench" + Guid.NewGuid().ToString("N")[..20], ["object"] = "event", ["api_version"] = "2026-10-28.endive", ["created"] = created,
            ["data"] = new Dictionary<string, object?>
            {
                ["object"] = new Dictionary<string, object?>
                {
                    ["id"] = "cus_bench" + Guid.NewGuid().ToString("N")[..14], ["object"] = "customer", ["created"] = created, ["email"] = "webhook.bench@example.org",
                    ["livemode"] = false, ["metadata"] = new Dictionary<string, string>(), ["name"] = "Webhook Bench",
                },
            },
            ["livemode"] = false, ["pending_webhooks"] = 1, ["request"] = new { id = (string?)null, idempotency_key = (string?)null }, ["type"] = "customer.created",
        });
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    // The data generator derives its ids with PostgreSQL's md5(): an identifier, not a security use.
#pragma warning disable CA5351
    private static Guid Md5Guid(string text) => Guid.ParseExact(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text))), "N");
#pragma warning restore CA5351
}
