using System.Net;
using System.Text.Json;
using Membership.Tests.Certifications.Verification;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Members;

/// <summary>
/// A member downloads everything held about them (requestMyData: a mailed link to a JSON document); staff erase a
/// member on request (eraseMember): personal fields go, payments and certificates stay.
/// </summary>
public abstract class MemberPrivacyRightsTests(ApiFixture api) : ApiTest(api)
{
    private const string RequestMyData = "mutation { requestMyData { export { requestedAt expiresAt } userErrors { code } } }";

    private const string Erase = "mutation($id: ID!, $r: String!) { eraseMember(input: { memberId: $id, reason: $r }) { member { id firstName lastName erasedAt } userErrors { code } } }";

    private const string Subject = "Your data held by the association";

    private readonly TestData _data = new(api);
    private CertificateDesk Desk => new(() => Client, TestIdentity.Staff);

    [SkippableFact]
    public async Task A_member_gets_a_mailed_link_to_a_json_of_their_records_and_nobody_elses()
    {
        var plan = await _data.PlanAsync();
        var (me, other) = (await _data.MemberAsync(plan, shape: m => m.Phone = "+1 205 555 0142"), await _data.MemberAsync(plan));
        var dues = new DuesDriver(Api.Factory);
        var mine = await dues.PaidAsync(plan, me);
        var theirs = await dues.PaidAsync(plan, other);
        var certificate = await Desk.RecordAsync(me, "AMHT", _data.Today.AddDays(-3));
        var otherCertificate = await Desk.RecordAsync(other, "AMHT", _data.Today.AddDays(-3));

        var payload = (await Client.DataAsync(RequestMyData, null, TestIdentity.Member(me.Id))).At("requestMyData");
        Assert.Empty(payload.UserErrorCodes());

        var mail = Assert.Single(await Api.MailsToAsync(me.Email), m => m.Subject == Subject);
        var download = await Api.Factory.CreateClient().GetAsync(mail.Link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        var text = await download.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(me.Email, json.Str("member.email"));
        Assert.Equal("+1 205 555 0142", json.Str("member.phone"));
        Assert.Contains(mine.ReceiptNumber, text, StringComparison.Ordinal);
        Assert.Contains(certificate.Number, text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ReceiptNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(otherCertificate.Number, text, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Email, text, StringComparison.OrdinalIgnoreCase);

        // The link needs its secret; a second request the same day is refused.
        var forged = mail.Link[..(mail.Link.IndexOf("token=", StringComparison.Ordinal) + 6)] + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Factory.CreateClient().GetAsync(forged)).StatusCode);
        var again = (await Client.DataAsync(RequestMyData, null, TestIdentity.Member(me.Id))).At("requestMyData");
        Assert.Equal(["TOO_SOON"], again.UserErrorCodes());
    }

    [SkippableFact]
    public async Task The_link_stops_working_when_the_document_expires_and_the_member_may_ask_again_the_next_day()
    {
        var member = await _data.MemberAsync(await _data.PlanAsync());
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var instance = Api.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = new GraphQLClient(instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));

        Assert.Empty((await client.DataAsync(RequestMyData, null, TestIdentity.Member(member.Id))).At("requestMyData").UserErrorCodes());
        var link = Assert.Single(await Api.MailsToAsync(member.Email), m => m.Subject == Subject).Link;
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Empty((await client.DataAsync(RequestMyData, null, TestIdentity.Member(member.Id))).At("requestMyData").UserErrorCodes());
        clock.Advance(TimeSpan.FromDays(7));

        Assert.Equal(HttpStatusCode.NotFound, (await instance.CreateClient().GetAsync(link)).StatusCode);
    }

    [SkippableFact]
    public async Task Erasing_a_member_removes_personal_data_keeps_payments_and_certificates_and_audits_without_personal_values()
    {
        var plan = await _data.PlanAsync();
        var member = await _data.MemberAsync(plan, shape: m => m.Phone = "+1 334 555 0177");
        var (email, lastName, id) = (member.Email, member.LastName, TestData.MemberId(member));
        var paid = await new DuesDriver(Api.Factory).PaidAsync(plan, member);
        var certificate = await Desk.RecordAsync(member, "SSO", _data.Today.AddDays(-5));

        var erased = (await Client.DataAsync(Erase, new { id, r = "Request 2026-114" }, TestIdentity.Admin)).At("eraseMember");
        var again = (await Client.DataAsync(Erase, new { id, r = "Request 2026-114" }, TestIdentity.Admin)).At("eraseMember");

        Assert.Empty(erased.UserErrorCodes());
        Assert.Empty(again.UserErrorCodes());
        Assert.Equal(("Erased", "member"), (erased.Str("member.firstName"), erased.Str("member.lastName")));
        Assert.Equal(erased.Str("member.erasedAt"), again.Str("member.erasedAt"));
        await using (var db = await Api.Db.CreateDbContextAsync())
        {
            var row = await db.Members.AsNoTracking().SingleAsync(m => m.Id == member.Id);
            Assert.Null(row.Phone);
            Assert.Null(row.MailingAddress);
            Assert.Null(row.DateOfBirth);
            Assert.DoesNotContain(email, row.Email, StringComparison.OrdinalIgnoreCase);
            Assert.True(await db.DuesPayments.AnyAsync(p => p.ReceiptNumber == paid.ReceiptNumber && p.Status == Membership.Dues.Payments.DuesPaymentStatus.Succeeded));
            var kept = await db.Certificates.AsNoTracking().SingleAsync(c => c.Number == certificate.Number);
            Assert.Equal("Erased member", kept.HolderName);
            Assert.False(await db.MailOutbox.AnyAsync(m => m.Recipient == email));

            var audit = await db.AuditEntries.AsNoTracking().Include(e => e.Objects).Where(e => e.Operation == "mutation.eraseMember" && e.Objects.Any(o => o.ObjectId == id)).ToListAsync();
            Assert.Equal(2, audit.Count);
            var stored = JsonSerializer.Serialize(audit);
            Assert.DoesNotContain(email, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(lastName, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Request 2026-114", stored, StringComparison.Ordinal);
        }

        // Verification: the number still answers to partners, under the erased name; the old surname finds nothing.
        Assert.False(PublicLookup.Answer(await PublicLookup.AskAsync(Api.Factory, certificate.Number, lastName)).At("found").GetBoolean());
        var staffView = await Client.DataAsync("query($id: ID!) { member(id: $id) { firstName email phone duesPayments { receiptNumber } } }", new { id }, TestIdentity.Staff);
        Assert.Equal(paid.ReceiptNumber, staffView.Str("member.duesPayments.0.receiptNumber"));
        Assert.Equal(JsonValueKind.Null, staffView.At("member.phone").ValueKind);
    }

    [SkippableFact]
    public async Task Erasure_is_refused_with_money_in_flight_and_to_staff_without_the_admin_role()
    {
        var plan = await _data.PlanAsync();
        var member = await _data.MemberAsync(plan);
        var id = TestData.MemberId(member);
        await new DuesDriver(Api.Factory).StartedAsync(plan, member);

        var pending = (await Client.DataAsync(Erase, new { id, r = "Request" }, TestIdentity.Admin)).At("eraseMember");
        var byStaff = await Client.PostAsync(Erase, new { id, r = "Request" }, TestIdentity.Staff);

        Assert.Equal(["MONEY_IN_FLIGHT"], pending.UserErrorCodes());
        Assert.Contains(byStaff.Errors, e => e.Str("extensions.code") == "FORBIDDEN");
        await using var db = await Api.Db.CreateDbContextAsync();
        var row = await db.Members.AsNoTracking().SingleAsync(m => m.Id == member.Id);
        Assert.Equal((member.LastName, (DateTimeOffset?)null), (row.LastName, row.ErasedAt));
    }
}

public sealed class MemberPrivacyRightsTestsOnSqlite(SqliteApi api) : MemberPrivacyRightsTests(api), IClassFixture<SqliteApi>;

public sealed class MemberPrivacyRightsTestsOnPostgreSql(PostgreSqlApi api) : MemberPrivacyRightsTests(api), IClassFixture<PostgreSqlApi>;
