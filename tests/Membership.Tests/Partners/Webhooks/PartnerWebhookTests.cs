using Membership.Partners.Webhooks;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace Membership.Tests.Partners.Webhooks;

/// <summary>
/// Partners that are told instead of asking: a partner client registers an endpoint, and certificate changes of its
/// agency's officers and of officers who consented, consents and consenting officers' standing reach a local HTTP
/// listener, signed as the Standard Webhooks specification says (checked with the StandardWebhooks NuGet package, an
/// independent implementation), recorded with their attempts, replayable, each delivered once by racing instances.
/// </summary>
public abstract class PartnerWebhookTests(WebhookApi api) : WebhookTestBase<WebhookApi>(api)
{
    [SkippableFact]
    public async Task An_own_officers_certificate_changes_arrive_signed_with_what_verification_shows_and_no_contact_data()
    {
        var partner = await PartnerAsync();
        var path = Name("ok-");
        var (endpointId, secret) = await partner.RegisterAsync(Receiver.Url(path));
        var officer = (await Parties.MembersAsync(1, partner.Agency))[0];
        var desk = await Parties.DeskAsync();

        var issued = await desk.RecordAsync(officer, "AMHT", Parties.Data.Today.AddDays(-10));
        await desk.SuspendAsync(issued, "Under review: this reason stays internal");
        await desk.ChangeAsync("reinstateCertificate", "CertificateIdInput", new { certificateId = issued.Id });
        var reissued = await desk.ReissueAsync(issued);
        Assert.Equal(4, await DispatchAllAsync());

        var received = Receiver.To(path);
        // Deliveries carry no order guarantee (the specification's, and ours): compare as sets.
        Assert.Equal(new[] { "certificate.issued", "certificate.reinstated", "certificate.reissued", "certificate.suspended" }, received.Select(r => r.Type).Order(StringComparer.Ordinal));
        var webhook = new StandardWebhook(secret);
        Assert.All(received, r => webhook.Verify(r.Body, r.Headers)); // the independent implementation accepts every signature
        Assert.All(received, r => WebhookReceiver.Capture(r, secret));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => webhook.Verify(received[0].Body.Replace("AMHT", "CPTED"), received[0].Headers));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(WebhookSigning.NewSecret()).Verify(received[0].Body, received[0].Headers));

        var suspended = received.Single(r => r.Type == "certificate.suspended").Json.GetProperty("data");
        Assert.Equal(officer.MemberNumber, suspended.Str("memberNumber"));
        Assert.Equal((issued.Number, "SUSPENDED", "AMHT", 8.0), (suspended.Str("certificate.number"), suspended.Str("certificate.status"), suspended.Str("certificate.courseCode"),
            suspended.At("certificate.hours").GetDouble()));
        var reissue = received.Single(r => r.Type == "certificate.reissued").Json.GetProperty("data");
        Assert.Equal((issued.Number, reissued.Number, "ACTIVE"), (reissue.Str("certificate.number"), reissue.Str("certificate.reissuedAs"), reissue.Str("certificate.status")));
        foreach (var r in received)
        {
            Assert.DoesNotContain("reason stays internal", r.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(officer.Email, r.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(officer.Phone!, r.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(officer.MailingAddress!.Line1, r.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(officer.DateOfBirth!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Body, StringComparison.Ordinal);
            Assert.Equal(["data", "timestamp", "type"], r.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        // Recorded with their attempts: each delivered on the first, with the endpoint's answer.
        var deliveries = await partner.DeliveriesAsync(endpointId);
        Assert.Equal(4, deliveries.Count);
        Assert.All(deliveries, d =>
        {
            Assert.Equal(("DELIVERED", 1, 204), (d.Str("status"), d.At("attempts").GetInt32(), d.At("lastStatusCode").GetInt32()));
            Assert.Equal(204, Assert.Single(d.At("attemptLog").EnumerateArray()).At("statusCode").GetInt32());
        });
        Assert.Equal(received.Select(r => r.Id).Order(StringComparer.Ordinal), deliveries.Select(d => d.Str("webhookId")).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Another_agencys_officer_is_told_only_while_they_consent_and_consents_are_told_to_that_agency_alone()
    {
        var partner = await PartnerAsync();
        var other = await PartnerAsync();
        var path = Name("ok-");
        var otherPath = Name("ok-");
        await partner.RegisterAsync(Receiver.Url(path));
        await other.RegisterAsync(Receiver.Url(otherPath), ["CONSENT_GRANTED", "CONSENT_WITHDRAWN"]);
        var officer = (await Parties.MembersAsync(1, other.Agency))[0]; // the other agency's officer
        var desk = await Parties.DeskAsync();
        var certificate = await desk.RecordAsync(officer, "AMHT", Parties.Data.Today.AddDays(-10));
        await desk.SuspendAsync(certificate, "Before consent");
        var member = await Parties.SignInAsync(officer);

        MutationAssert.Succeeded(await Parties.ConsentAsync(member, partner.Agency, grant: true), "consent");
        await desk.ChangeAsync("reinstateCertificate", "CertificateIdInput", new { certificateId = certificate.Id });
        MutationAssert.Succeeded(await Parties.ConsentAsync(member, partner.Agency, grant: false), "consent");
        await desk.RevokeAsync(certificate, "After withdrawal");
        await DispatchAllAsync();

        Assert.Equal(new[] { "certificate.reinstated", "consent.granted", "consent.withdrawn" }, Receiver.To(path).Select(r => r.Type).Order(StringComparer.Ordinal));
        Assert.Empty(Receiver.To(otherPath)); // its own officer's consent to another agency is not its business (and it subscribed to consents only)
        var granted = Receiver.To(path).Single(r => r.Type == "consent.granted").Json.GetProperty("data");
        Assert.Equal((officer.MemberNumber, $"{officer.FirstName} {officer.LastName}"), (granted.Str("memberNumber"), granted.Str("name")));
    }

    [SkippableFact]
    public async Task Two_dispatchers_at_once_deliver_each_delivery_exactly_once()
    {
        var partner = await PartnerAsync();
        var paths = new[] { Name("ok-"), Name("ok-"), Name("ok-") };
        var endpoints = new List<string>();
        foreach (var path in paths)
        {
            endpoints.Add((await partner.RegisterAsync(Receiver.Url(path), ["CERTIFICATE_ISSUED"])).Id);
        }

        var officers = await Parties.MembersAsync(4, partner.Agency);
        await (await Parties.DeskAsync()).RosterAsync("AMHT", officers, Parties.Data.Today.AddDays(-3));
        await using var second = Api.CreateFactory(_ => { });
        var dispatchers = new[] { Dispatcher, second.Services.GetRequiredService<WebhookDispatcher>() };

        for (var round = 0; round < 10 && await StatusCountAsync(partner, WebhookDeliveryStatus.Pending) > 0; round++)
        {
            await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.DispatchDueAsync(CancellationToken.None))));
        }

        var received = paths.SelectMany(Receiver.To).ToList();
        Assert.Equal(12, received.Count);
        Assert.Equal(12, received.Select(r => r.Id).Distinct().Count());
        Assert.All(paths, p => Assert.Equal(4, Receiver.To(p).Count));
        foreach (var endpoint in endpoints)
        {
            Assert.All(await partner.DeliveriesAsync(endpoint), d => Assert.Equal(1, d.At("attempts").GetInt32()));
        }
    }

    [SkippableFact]
    public async Task A_slow_endpoint_does_not_hold_up_another_endpoints_delivery()
    {
        var slowPartner = await PartnerAsync();
        var fastPartner = await PartnerAsync();
        var slow = Name("slow-");
        var fast = Name("ok-");
        await slowPartner.RegisterAsync(Receiver.Url(slow), ["CERTIFICATE_ISSUED"]);
        await fastPartner.RegisterAsync(Receiver.Url(fast), ["CERTIFICATE_ISSUED"]);
        var desk = await Parties.DeskAsync();
        await desk.RecordAsync((await Parties.MembersAsync(1, slowPartner.Agency))[0], "AMHT", Parties.Data.Today.AddDays(-3));
        await desk.RecordAsync((await Parties.MembersAsync(1, fastPartner.Agency))[0], "AMHT", Parties.Data.Today.AddDays(-3));

        var dispatching = Dispatcher.DispatchDueAsync(CancellationToken.None);
        await Receiver.ArrivedAsync(slow);
        await Receiver.ArrivedAsync(fast); // while the slow endpoint still holds its request
        Assert.False(dispatching.IsCompleted);
        Assert.Empty(Receiver.To(slow).Skip(1));
        Receiver.ReleaseSlow();
        await dispatching.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await StatusCountAsync(slowPartner, WebhookDeliveryStatus.Delivered));
        Assert.Equal(1, await StatusCountAsync(fastPartner, WebhookDeliveryStatus.Delivered));
    }

    [SkippableFact]
    public async Task A_partner_redelivers_its_own_delivery_with_the_same_webhook_id_and_no_one_else_can()
    {
        var partner = await PartnerAsync();
        var stranger = await PartnerAsync();
        var path = Name("ok-");
        var (endpointId, _) = await partner.RegisterAsync(Receiver.Url(path), ["CERTIFICATE_ISSUED"]);
        await (await Parties.DeskAsync()).RecordAsync((await Parties.MembersAsync(1, partner.Agency))[0], "AMHT", Parties.Data.Today.AddDays(-3));
        await DispatchAllAsync();
        var delivery = Assert.Single(await partner.DeliveriesAsync(endpointId));

        var refused = await stranger.MutateAsync("redeliverWebhook", "RedeliverWebhookInput", new { deliveryId = delivery.Str("id") }, "delivery { id }");
        var again = await partner.MutateAsync("redeliverWebhook", "RedeliverWebhookInput", new { deliveryId = delivery.Str("id") }, $"delivery {{ {WebhookPartner.Delivery} }}");
        await DispatchAllAsync();

        MutationAssert.Failed(refused, "delivery", "NOT_FOUND", "input", "deliveryId");
        Assert.Equal("PENDING", MutationAssert.Succeeded(again, "delivery").Str("status"));
        var received = Receiver.To(path);
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].Id, received[1].Id);
        Assert.Equal(received[0].Body, received[1].Body);
        var after = Assert.Single(await partner.DeliveriesAsync(endpointId));
        var foreign = await Api.Client().PostAsync("query($e: ID!) { webhookDeliveries(endpointId: $e, first: 5) { nodes { id } } }", new { e = endpointId }, await stranger.TokenAsync());
        Assert.Equal(["INVALID_ID"], foreign.ErrorCodes);
        Assert.Equal(("DELIVERED", 2, 2), (after.Str("status"), after.At("attempts").GetInt32(), after.At("attemptLog").GetArrayLength()));
    }

    [SkippableFact]
    public async Task A_consenting_officers_standing_change_is_told_once_and_an_expiry_is_told_once()
    {
        var partner = await PartnerAsync();
        var path = Name("ok-");
        await partner.RegisterAsync(Receiver.Url(path), ["MEMBERSHIP_STANDING_CHANGED", "CERTIFICATE_EXPIRED"]);
        var consenting = (await Parties.MembersAsync(1))[0];
        var own = (await Parties.MembersAsync(1, partner.Agency))[0]; // own officer, no consent: no standing events
        MutationAssert.Succeeded(await Parties.ConsentAsync(await Parties.SignInAsync(consenting), partner.Agency, grant: true), "consent");
        var desk = await Parties.DeskAsync();
        var expired = await desk.RecordAsync(own, "AMHT", Parties.Data.Today.AddMonths(-36).AddDays(-2));
        await WatchTwiceAsync(); // baseline for the consenting officer; the expiry is announced
        var staff = await Parties.StaffAsync();
        foreach (var member in new[] { consenting, own })
        {
            MutationAssert.Succeeded((await Api.Client().DataAsync("mutation($input: SuspendMemberInput!) { suspendMember(input: $input) { member { id } userErrors { code field message } } }",
                new { input = new { memberId = TestData.MemberId(member), reason = "Investigation" } }, staff)).At("suspendMember"), "member");
        }

        await WatchTwiceAsync();
        await DispatchAllAsync();

        var received = Receiver.To(path);
        Assert.Equal(new[] { "certificate.expired", "membership.standing_changed" }, received.Select(r => r.Type).Order(StringComparer.Ordinal));
        var expiry = received.Single(r => r.Type == "certificate.expired").Json;
        Assert.Equal((expired.Number, "EXPIRED"), (expiry.Str("data.certificate.number"), expiry.Str("data.certificate.status")));
        var standing = received.Single(r => r.Type == "membership.standing_changed").Json.GetProperty("data");
        Assert.Equal((consenting.MemberNumber, false), (standing.Str("memberNumber"), standing.At("inGoodStanding").GetBoolean()));
    }

    [SkippableFact]
    public async Task Registration_takes_https_only_and_partners_only_and_a_private_target_is_refused_when_sending()
    {
        var partner = await PartnerAsync();
        var bad = await partner.MutateAsync("registerWebhookEndpoint", "RegisterWebhookEndpointInput",
            new { url = "ftp://agency.example.org/hook", events = Array.Empty<string>(), contactEmail = "not-an-address" }, "endpoint { id } secret");
        var asStaff = await Api.Client().PostAsync("mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }",
            new { input = new { url = "https://agency.example.org/hook", events = new[] { "CONSENT_GRANTED" }, contactEmail = "a@example.org" } }, await Parties.StaffAsync());

        Assert.Equal(["INVALID_WEBHOOK_URL input.url", "REQUIRED input.events", "INVALID_EMAIL input.contactEmail"], MutationAssert.ErrorsOf(bad));
        Assert.Equal(["FORBIDDEN"], asStaff.ErrorCodes);

        // An instance configured as in production refuses to connect to this machine, whatever the URL says.
        var path = Name("ok-");
        var (endpointId, _) = await partner.RegisterAsync(Receiver.Url(path), ["CERTIFICATE_ISSUED"]);
        await (await Parties.DeskAsync()).RecordAsync((await Parties.MembersAsync(1, partner.Agency))[0], "AMHT", Parties.Data.Today.AddDays(-3));
        await using var production = Api.CreateFactory(b => b.UseSetting("Webhooks:AllowPrivateTargets", "false"));
        await production.Services.GetRequiredService<WebhookDispatcher>().DispatchDueAsync(CancellationToken.None);

        Assert.Empty(Receiver.To(path));
        var delivery = Assert.Single(await partner.DeliveriesAsync(endpointId));
        Assert.Equal("PENDING", delivery.Str("status"));
        Assert.Contains("private, loopback or link-local", delivery.Str("lastError"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_rotated_secret_signs_beside_the_new_one_during_the_overlap()
    {
        var path = Name("ok-");
        var (oldSecret, newSecret, rotated) = await RotatedWithAnEventAsync(path);
        await DispatchAllAsync();

        Assert.NotEqual(oldSecret, newSecret);
        Assert.StartsWith("whsec_", newSecret, StringComparison.Ordinal);
        Assert.Empty(MutationAssert.ErrorsOf(rotated));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, rotated.At("endpoint.previousSecretUntil").ValueKind);
        var during = Assert.Single(Receiver.To(path));
        WebhookReceiver.Capture(during, newSecret, oldSecret); // the npm package verifies the header as sent with each secret
        var signatures = during.Headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);
        new StandardWebhook(newSecret).Verify(during.Body, during.Headers);

        // StandardWebhooks 1.1.2 (NuGet) matches only the first of several signatures, so the previous secret's is checked on its own.
        var previousOnly = new Microsoft.AspNetCore.Http.HeaderDictionary(during.Headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signatures[1] };
        new StandardWebhook(oldSecret).Verify(during.Body, previousOnly);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(newSecret).Verify(during.Body, previousOnly));
    }
}

public sealed class PartnerWebhookTestsOnSqlite(WebhookApi api) : PartnerWebhookTests(api), IClassFixture<WebhookApi>;

public sealed class PartnerWebhookTestsOnPostgreSql(WebhookApiOnPostgreSql api) : PartnerWebhookTests(api), IClassFixture<WebhookApiOnPostgreSql>;
