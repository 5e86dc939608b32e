using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// The verification log: every lookup is a row, public or partner, as it was asked; staff find the verifications of a certificate by its number,
/// and its holder finds the same ones among their own.
/// </summary>
public abstract class VerificationLogTests(ApiFixture api) : ApiTest(api)
{
    private readonly TestData _data = new(api);
    private CertificateDesk Desk => new(() => Client, TestIdentity.Staff);

    [SkippableFact]
    public async Task Every_number_of_a_batch_is_logged_as_a_partner_verification()
    {
        var agency = await _data.AgencyAsync();
        var members = await _data.MembersAsync(3, await _data.PlanAsync(), agency);
        var certificates = await Desk.RosterAsync("AMHT", members, _data.Today.AddDays(-4));
        var unknown = certificates[0].Number[..^6] + "999997";

        await Client.DataAsync(PartnerBatchTests.Batch, new { c = new[] { certificates[0].Number, unknown }, m = new[] { members[1].MemberNumber } }, TestIdentity.PartnerOf(agency.Id));

        foreach (var (number, found) in new[] { (certificates[0].Number, true), (unknown, false) })
        {
            var log = (await Client.DataAsync(PublicLookup.StaffLog, new { n = number }, TestIdentity.Staff)).At("verificationLog");
            Assert.Equal(1, log.At("totalCount").GetInt32());
            Assert.Equal("PARTNER", log.Str("nodes.0.channel"));
            Assert.Equal(found, log.At("nodes.0.found").GetBoolean());
            Assert.Equal(JsonValueKind.Null, log.At("nodes.0.address").ValueKind);
        }

        var own = (await Client.DataAsync(PublicLookup.OwnLog, new { id = TestData.MemberId(members[1]) }, TestIdentity.Member(members[1].Id))).At("member.verifications");
        Assert.Equal(1, own.At("totalCount").GetInt32());
        Assert.Equal(("PARTNER", members[1].MemberNumber, "ACTIVE"), (own.Str("nodes.0.channel"), own.Str("nodes.0.query"), own.Str("nodes.0.status")));
    }

    [SkippableFact]
    public async Task A_public_lookup_is_logged_with_what_was_asked_from_where_and_the_answer_and_so_is_a_wrong_surname()
    {
        var holder = await _data.MemberAsync(await _data.PlanAsync(), await _data.AgencyAsync());
        var certificate = await Desk.RecordAsync(holder, "SSO", _data.Today.AddDays(-3));
        var address = PublicLookup.NewAddress();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        PublicLookup.Answer(await PublicLookup.AskAsync(Api.Factory, " " + certificate.Number.ToLowerInvariant(), holder.LastName, address));
        PublicLookup.Answer(await PublicLookup.AskAsync(Api.Factory, certificate.Number, "Not" + holder.LastName, address));

        var log = (await Client.DataAsync(PublicLogEntries, new { n = certificate.Number }, TestIdentity.Staff)).At("verificationLog");
        Assert.Equal(2, log.At("totalCount").GetInt32());
        var entries = log.GetProperty("nodes").EnumerateArray().OrderByDescending(e => e.At("found").GetBoolean()).ToList();
        foreach (var entry in entries)
        {
            Assert.Equal(("PUBLIC", certificate.Number, address), (entry.Str("channel"), entry.Str("query"), entry.Str("address")));
            Assert.Equal(JsonValueKind.Null, entry.At("clientId").ValueKind); // anonymous
            Assert.Equal(JsonValueKind.Null, entry.At("agency").ValueKind);
            var at = entry.At("at").GetDateTimeOffset();
            Assert.True(at >= before && at <= DateTimeOffset.UtcNow.AddSeconds(1), $"logged at {at:O}");
        }

        Assert.Equal((true, "ACTIVE", certificate.Number), (entries[0].At("found").GetBoolean(), entries[0].Str("status"), entries[0].Str("certificate.number")));
        // The wrong surname was told nothing; staff still see which certificate the number named.
        Assert.Equal((false, JsonValueKind.Null, certificate.Number), (entries[1].At("found").GetBoolean(), entries[1].At("status").ValueKind, entries[1].Str("certificate.number")));
    }

    private const string PublicLogEntries = """
        query($n: String!) { verificationLog(certificateNumber: $n, first: 50) { totalCount nodes { at channel query found status address clientId agency { id } certificate { number } } } }
        """;

    [SkippableFact]
    public async Task Staff_find_every_verification_of_a_certificate_by_its_number_however_it_was_asked()
    {
        var agency = await _data.AgencyAsync();
        var holder = await _data.MemberAsync(await _data.PlanAsync(), agency);
        var certificate = await Desk.RecordAsync(holder, "SSO", _data.Today.AddDays(-6));
        var typed = " " + certificate.Number.ToLowerInvariant();
        var partner = TestIdentity.PartnerOf(agency.Id);

        PublicLookup.Answer(await PublicLookup.AskAsync(Api.Factory, typed, holder.LastName));
        await Client.DataAsync(PartnerBatchTests.Batch, new { c = new[] { typed } }, partner);
        await Client.DataAsync(PartnerBatchTests.Batch, new { m = new[] { holder.MemberNumber } }, partner);

        var own = (await Client.DataAsync(PublicLookup.OwnLog, new { id = TestData.MemberId(holder) }, TestIdentity.Member(holder.Id))).At("member.verifications");
        var staff = (await Client.DataAsync(PublicLookup.StaffLog, new { n = certificate.Number }, TestIdentity.Staff)).At("verificationLog");

        Assert.Equal(3, own.At("totalCount").GetInt32());
        Assert.All(own.GetProperty("nodes").EnumerateArray(), e => Assert.True(e.At("found").GetBoolean()));
        var channels = staff.GetProperty("nodes").EnumerateArray().Select(e => $"{e.Str("channel")} {e.Str("query")}").ToList();
        Assert.True(staff.At("totalCount").GetInt32() == 3,
            $"verificationLog(certificateNumber: \"{certificate.Number}\") finds {string.Join(", ", channels)}; the holder's own log has 3 verifications of it");
        Assert.All(staff.GetProperty("nodes").EnumerateArray(), e => Assert.Equal(certificate.Number, e.Str("certificate.number")));
    }
}

public sealed class VerificationLogTestsOnSqlite(SqliteApi api) : VerificationLogTests(api), IClassFixture<SqliteApi>;

public sealed class VerificationLogTestsOnPostgreSql(PostgreSqlApi api) : VerificationLogTests(api), IClassFixture<PostgreSqlApi>;
