using System.Security.Cryptography;
using System.Text;
using Membership.Partners.Webhooks;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Partners.Webhooks;

/// <summary>Partner webhooks over time, on a fake clock: the backoff over three days, disabling a failing endpoint, a rotation's overlap ending.</summary>
public abstract class PartnerWebhookRetryTests(ClockedWebhookApi api) : WebhookTestBase<ClockedWebhookApi>(api)
{
    [SkippableFact]
    public async Task Failures_back_off_for_three_days_then_the_endpoint_is_disabled_and_its_contact_mailed()
    {
        var partner = await PartnerAsync();
        var contact = $"{Name("ops-")}@agency.example.org";
        var (endpointId, _) = await partner.RegisterAsync(Receiver.Url(Name("fail-")), ["CERTIFICATE_ISSUED"], contact);
        await (await Parties.DeskAsync()).RecordAsync((await Parties.MembersAsync(1, partner.Agency))[0], "AMHT", Parties.Data.Today.AddDays(-3));
        var id = Membership.GraphQL.GlobalId.Parse(endpointId, "WebhookEndpoint");

        for (var round = 0; round < 50; round++)
        {
            await Dispatcher.DispatchDueAsync(CancellationToken.None);
            await using var db = await Api.Db.CreateDbContextAsync();
            var next = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id).Select(d => d.NextAttemptAt).SingleAsync();
            if (next is null)
            {
                break;
            }

            Api.Clock.Advance(next.Value - Api.Clock.GetUtcNow());
        }

        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.EndpointId == id);
            var attempts = await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == delivery.Id).OrderBy(a => a.At).ToListAsync();
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id);
            Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
            Assert.Equal(attempts.Count, delivery.Attempts);
            Assert.All(attempts, a => Assert.Equal(500, a.StatusCode));
            var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b.At - a.At).ToList();
            Assert.Equal(new[] { TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10) },
                gaps.Take(6));
            Assert.All(gaps.Skip(6).SkipLast(1), g => Assert.Equal(TimeSpan.FromHours(10), g));
            Assert.Equal(TimeSpan.FromHours(72), attempts[^1].At - attempts[0].At);
            Assert.Equal(attempts[^1].At, endpoint.DisabledAt);
            Assert.NotNull(endpoint.DisabledReason);
        }

        var mail = Assert.Single(await Api.MailsToAsync(contact));
        Assert.Contains(Receiver.BaseUrl, mail.Text, StringComparison.Ordinal);
        Assert.Contains("enableWebhookEndpoint", mail.Text, StringComparison.Ordinal);
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None)); // nothing goes to a disabled endpoint
    }

    [SkippableFact]
    public async Task After_a_rotations_overlap_only_the_new_secret_signs()
    {
        var path = Name("ok-");
        var (oldSecret, newSecret, _) = await RotatedWithAnEventAsync(path);
        Api.Clock.Advance(TimeSpan.FromHours(25));
        await DispatchAllAsync();

        // After the overlap only the new secret signs (checked by hand: the package refuses a timestamp a day ahead of the wall clock).
        var after = Assert.Single(Receiver.To(path));
        var signatures = after.Headers["webhook-signature"].ToString().Split(' ');
        var signed = $"{after.Id}.{after.Headers["webhook-timestamp"]}.{after.Body}";
        string Expected(string secret) => "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes(signed)));
        Assert.Equal([Expected(newSecret)], signatures);
        Assert.NotEqual(Expected(oldSecret), Expected(newSecret));
    }
}

public sealed class PartnerWebhookRetryTestsOnSqlite(ClockedWebhookApi api) : PartnerWebhookRetryTests(api), IClassFixture<ClockedWebhookApi>;

public sealed class PartnerWebhookRetryTestsOnPostgreSql(ClockedWebhookApiOnPostgreSql api) : PartnerWebhookRetryTests(api), IClassFixture<ClockedWebhookApiOnPostgreSql>;
