using System.Text.Json;
using Membership.Members;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// verifyCertificate: anyone with a certificate number and the holder's surname learns whether the certificate is
/// genuine and valid, and nothing else; "no such number" and "wrong name" cannot be told apart; every lookup is logged.
/// </summary>
public abstract class PublicLookupTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);
    private CertificateDesk Desk => new(() => Client, TestIdentity.Staff);

    [SkippableFact]
    public async Task Found_with_the_surname_in_any_case_and_without_accents()
    {
        var holder = await HolderAsync("Ana", "Núñez");
        var completedOn = _data.Today.AddDays(-20);
        var certificate = await Desk.RecordAsync(holder, "AMHT", completedOn);

        foreach (var surname in new[] { "Núñez", "nunez", "NUNEZ", "  núñez ", "NÚÑEZ" })
        {
            var answer = PublicLookup.Answer(await PublicLookup.AskAsync(Api.Factory, certificate.Number.ToLowerInvariant(), surname));

            Assert.True(answer.At("found").GetBoolean(), $"'{surname}' did not find {certificate.Number}");
            Assert.Equal(certificate.Number, answer.Str("number"));
            Assert.Equal("Ana Núñez", answer.Str("holderName"));
            Assert.Equal("COURSE", answer.Str("kind"));
            Assert.Equal(CertificateDesk.Course("AMHT").Name, answer.Str("title"));
            Assert.Equal("AMHT", answer.Str("courseCode"));
            Assert.Equal(8.0, answer.At("hours").GetDouble());
            Assert.Equal(CertificateDesk.Date(completedOn), answer.Str("issuedOn"));
            Assert.Equal(CertificateDesk.Date(completedOn.AddMonths(36)), answer.Str("expiresOn"));
            Assert.Equal("ACTIVE", answer.Str("status"));
        }
    }

    [SkippableFact]
    public async Task An_unknown_number_and_a_wrong_surname_give_byte_identical_answers()
    {
        var holder = await HolderAsync("Lee", "Okafor");
        var certificate = await Desk.RecordAsync(holder, "BASIC-SRO", _data.Today.AddDays(-3));
        var unknownNumber = certificate.Number[..^6] + "999999";

        var wrongName = await PublicLookup.AskAsync(Api.Factory, certificate.Number, "Okafo");
        var noSuchNumber = await PublicLookup.AskAsync(Api.Factory, unknownNumber, "Okafor");
        var otherHoldersName = await PublicLookup.AskAsync(Api.Factory, certificate.Number, "Núñez");

        Assert.Equal(wrongName.Text, noSuchNumber.Text);
        Assert.Equal(wrongName.Text, otherHoldersName.Text);
        Assert.Equal(wrongName.Status, noSuchNumber.Status);
        var answer = PublicLookup.Answer(wrongName);
        foreach (var field in answer.EnumerateObject())
        {
            Assert.Equal(field.Name == "found" ? JsonValueKind.False : JsonValueKind.Null, field.Value.ValueKind);
        }

        Assert.Equal(PublicLookup.AllFields.Split(' ').Length, answer.EnumerateObject().Count());
    }

    [SkippableFact]
    public async Task Suspended_and_revoked_certificates_show_their_status_but_never_the_reason_or_contact_data()
    {
        var holder = await HolderAsync("Kim", "Delacroix");
        var suspended = await Desk.RecordAsync(holder, "CPTED", _data.Today.AddDays(-40));
        var revoked = await Desk.RecordAsync(holder, "SSO", _data.Today.AddDays(-30));
        var suspensionReason = TestData.Unique("Complaint under review ");
        var revocationReason = TestData.Unique("Attendance sheet forged ");
        await Desk.SuspendAsync(suspended, suspensionReason);
        await Desk.RevokeAsync(revoked, revocationReason);

        var first = await PublicLookup.AskAsync(Api.Factory, suspended.Number, "Delacroix");
        var second = await PublicLookup.AskAsync(Api.Factory, revoked.Number, "delacroix");

        Assert.Equal("SUSPENDED", PublicLookup.Answer(first).Str("status"));
        Assert.Equal("REVOKED", PublicLookup.Answer(second).Str("status"));
        foreach (var text in new[] { first.Text, second.Text })
        {
            Assert.DoesNotContain(suspensionReason, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(revocationReason, text, StringComparison.OrdinalIgnoreCase);
            TokenAssert.NoPersonalData(text, holder);
        }

        // Nor can a verifier ask for them: the answer's type has no such fields.
        var asked = await Client.PostAsync("query($n: String!) { verifyCertificate(number: $n, lastName: \"Delacroix\") { status suspensionReason } }", new { n = suspended.Number });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, asked.Status);
        Assert.False(asked.HasData, asked.Text);
    }

    [SkippableFact]
    public async Task Every_lookup_is_logged_for_staff_and_for_the_holder()
    {
        var holder = await HolderAsync("Sam", "Whitfield");
        var certificate = await Desk.RecordAsync(holder, "PROJECT-UNITE", _data.Today.AddDays(-5));
        var unknownNumber = certificate.Number[..^6] + "999998";
        var address = PublicLookup.NewAddress();

        PublicLookup.Answer(await PublicLookup.AskAsync(Api.Factory, certificate.Number, "Whitfield", address));
        PublicLookup.Answer(await PublicLookup.AskAsync(Api.Factory, certificate.Number, "Whitfeld", address));
        PublicLookup.Answer(await PublicLookup.AskAsync(Api.Factory, unknownNumber, "Whitfield", address));

        var staffView = (await Client.DataAsync(PublicLookup.StaffLog, new { n = certificate.Number }, TestIdentity.Staff)).At("verificationLog");
        Assert.Equal(2, staffView.At("totalCount").GetInt32());
        Assert.Equal([false, true], staffView.GetProperty("nodes").EnumerateArray().Select(e => e.At("found").GetBoolean()));
        Assert.All(staffView.GetProperty("nodes").EnumerateArray(), e =>
        {
            Assert.Equal("PUBLIC", e.Str("channel"));
            Assert.Equal(address, e.Str("address"));
            Assert.Equal(JsonValueKind.Null, e.At("clientId").ValueKind);
            Assert.Equal(certificate.Number, e.Str("certificate.number"));
        });
        Assert.Equal(["ACTIVE"], staffView.GetProperty("nodes").EnumerateArray().Where(e => e.At("found").GetBoolean()).Select(e => e.Str("status")));

        var unknown = (await Client.DataAsync(PublicLookup.StaffLog, new { n = unknownNumber }, TestIdentity.Staff)).At("verificationLog");
        Assert.Equal(1, unknown.At("totalCount").GetInt32());
        Assert.False(unknown.At("nodes.0.found").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unknown.At("nodes.0.certificate").ValueKind);

        var own = (await Client.DataAsync(PublicLookup.OwnLog, new { id = TestData.MemberId(holder) }, TestIdentity.Member(holder.Id))).At("member.verifications");
        Assert.Equal(2, own.At("totalCount").GetInt32());
        Assert.All(own.GetProperty("nodes").EnumerateArray(), e => Assert.Equal(certificate.Number, e.Str("query")));
        Assert.Equal([false, true], own.GetProperty("nodes").EnumerateArray().Select(e => e.At("found").GetBoolean()));
    }

    [SkippableFact]
    public async Task The_fourth_lookup_from_one_address_in_a_minute_gets_429_and_another_address_still_passes()
    {
        var holder = await HolderAsync("Jo", "Marsh");
        var certificate = await Desk.RecordAsync(holder, "AMHT", _data.Today.AddDays(-1));
        await using var limited = Api.CreateFactory(b =>
        {
            b.UseSetting("Verification:LookupsPerMinute", "3");
            PublicLookup.StoppedClock(b);
        });
        var address = PublicLookup.NewAddress();

        for (var i = 0; i < 3; i++)
        {
            Assert.True(PublicLookup.Answer(await PublicLookup.AskAsync(limited, certificate.Number, "Marsh", address)).At("found").GetBoolean());
        }

        var fourth = await PublicLookup.AskAsync(limited, certificate.Number, "Marsh", address);

        PublicLookup.RateLimited(fourth);
        Assert.DoesNotContain(certificate.Number, fourth.Text, StringComparison.Ordinal);
        Assert.True(PublicLookup.Answer(await PublicLookup.AskAsync(limited, certificate.Number, "Marsh", PublicLookup.NewAddress())).At("found").GetBoolean());
    }

    /// <summary>A member with the given name and contact data of their own (which no verifier may see).</summary>
    private async Task<Member> HolderAsync(string first, string last) =>
        await _data.MemberAsync(await _data.PlanAsync(), shape: m =>
        {
            m.SetName(first, last);
            m.Phone = $"+1 251 {Random.Shared.Next(100, 999)} {Random.Shared.Next(1000, 9999)}";
            m.DateOfBirth = new DateOnly(1979, 3, Random.Shared.Next(1, 28));
            m.MailingAddress = new MailingAddress { Line1 = $"{Random.Shared.Next(100, 9999)} Magnolia Ave", City = "Mobile", StateCode = "AL", PostalCode = "36604" };
        });
}

public sealed class PublicLookupTestsOnSqlite(SqliteApi api) : PublicLookupTests(api), IClassFixture<SqliteApi>;

public sealed class PublicLookupTestsOnPostgreSql(PostgreSqlApi api) : PublicLookupTests(api), IClassFixture<PostgreSqlApi>;
