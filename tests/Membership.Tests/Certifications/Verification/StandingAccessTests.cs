using System.Text.Json;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// Standing access: a member lets an agency see their certification status until they withdraw it. The agency's
/// system lists its consenting officers with their current statuses; each listing is logged; withdrawal is immediate.
/// </summary>
public abstract class StandingAccessTests
{
    private readonly OidcApi _api;
    private const string Officers = """
        query($first: Int, $after: String) { consentingOfficers(first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor }
          nodes { memberNumber name consentGrantedAt certificates { number status courseCode } } } }
        """;

    private const string StandingLog = """
        query($a: ID!) { verificationLog(agencyId: $a, channel: STANDING_ACCESS, first: 50) { totalCount nodes { channel query found status certificate { number } clientId agency { id } } } }
        """;

    private readonly VerificationParties _parties;

    protected StandingAccessTests(OidcApi api)
    {
        api.EnsureAvailable();
        _api = api;
        _parties = new(api);
    }

    [SkippableFact]
    public async Task A_partner_pages_through_its_consenting_officers_with_current_statuses_and_each_listing_is_logged()
    {
        var partner = await _parties.PartnerAsync();
        var otherAgency = await _parties.Data.AgencyAsync();
        var desk = await _parties.DeskAsync();
        var officers = await _parties.MembersAsync(4, partner.Agency);
        var suspended = await desk.RecordAsync(officers[0], "AMHT", _parties.Data.Today.AddDays(-60));
        await desk.SuspendAsync(suspended, "Under review");
        var replaced = await desk.RecordAsync(officers[1], "BASIC-SRO", _parties.Data.Today.AddDays(-90));
        var reissued = await desk.ReissueAsync(replaced);
        var signedIn = new List<TestIdentity>();
        foreach (var officer in officers.Take(3))
        {
            signedIn.Add(await _parties.SignInAsync(officer));
            MutationAssert.Succeeded(await _parties.ConsentAsync(signedIn[^1], partner.Agency, grant: true), "consent");
        }

        // The fourth consents to another agency only: not this partner's business.
        MutationAssert.Succeeded(await _parties.ConsentAsync(await _parties.SignInAsync(officers[3]), otherAgency, grant: true), "consent");

        var first = (await _api.Client().DataAsync(Officers, new { first = 2 }, partner.Token)).At("consentingOfficers");
        var rest = (await _api.Client().DataAsync(Officers, new { first = 2, after = first.Str("pageInfo.endCursor") }, partner.Token)).At("consentingOfficers");

        Assert.Equal(3, first.At("totalCount").GetInt32());
        Assert.True(first.At("pageInfo.hasNextPage").GetBoolean());
        Assert.False(rest.At("pageInfo.hasNextPage").GetBoolean());
        var listed = first.GetProperty("nodes").EnumerateArray().Concat(rest.GetProperty("nodes").EnumerateArray()).ToList();
        Assert.Equal(officers.Take(3).Select(o => o.MemberNumber), listed.Select(o => o.Str("memberNumber")));
        Assert.Equal($"{officers[0].FirstName} {officers[0].LastName}", listed[0].Str("name"));
        Assert.Equal([(suspended.Number, "SUSPENDED")], Statuses(listed[0]));
        Assert.Equal([(reissued.Number, "ACTIVE")], Statuses(listed[1]));
        Assert.Empty(Statuses(listed[2]));

        var log = (await _api.Client().DataAsync(StandingLog, new { a = TestData.AgencyId(partner.Agency) }, await _parties.StaffAsync())).At("verificationLog");
        // One entry per certificate shown, with the status shown; one for the officer who has none.
        Assert.Equal(3, log.At("totalCount").GetInt32());
        Assert.Equal(
            new[] { $"{officers[0].MemberNumber} {suspended.Number} SUSPENDED True", $"{officers[1].MemberNumber} {reissued.Number} ACTIVE True", $"{officers[2].MemberNumber} - - False" }.Order(StringComparer.Ordinal),
            log.GetProperty("nodes").EnumerateArray()
                .Select(e => $"{e.Str("query")} {(e.At("certificate").ValueKind == JsonValueKind.Null ? "-" : e.Str("certificate.number"))} {e.Str("status") ?? "-"} {e.At("found").GetBoolean()}").Order(StringComparer.Ordinal));
        Assert.All(log.GetProperty("nodes").EnumerateArray(), e =>
        {
            Assert.Equal("STANDING_ACCESS", e.Str("channel"));
            Assert.Equal(partner.ClientId, e.Str("clientId"));
            Assert.Equal(TestData.AgencyId(partner.Agency), e.Str("agency.id"));
        });

        // The officer sees who looked: the agency and its client, the certificate and what they were told.
        var own = await _api.Client().DataAsync("{ me { verifications(first: 10) { nodes { channel query status clientId agency { id } certificate { number } } } } }",
            identity: signedIn[0]);
        var seen = Assert.Single(own.At("me.verifications.nodes").EnumerateArray());
        Assert.Equal(("STANDING_ACCESS", officers[0].MemberNumber, "SUSPENDED"), (seen.Str("channel"), seen.Str("query"), seen.Str("status")));
        Assert.Equal((partner.ClientId, TestData.AgencyId(partner.Agency), suspended.Number), (seen.Str("clientId"), seen.Str("agency.id"), seen.Str("certificate.number")));
    }

    [SkippableFact]
    public async Task A_withdrawn_officer_drops_out_of_the_very_next_listing_and_cannot_withdraw_twice()
    {
        var partner = await _parties.PartnerAsync();
        var officers = await _parties.MembersAsync(2, partner.Agency);
        var staying = await _parties.SignInAsync(officers[0]);
        var leaving = await _parties.SignInAsync(officers[1]);
        MutationAssert.Succeeded(await _parties.ConsentAsync(staying, partner.Agency, grant: true), "consent");
        var granted = MutationAssert.Succeeded(await _parties.ConsentAsync(leaving, partner.Agency, grant: true), "consent");
        Assert.Equal(2, await CountAsync(partner));

        var withdrawn = MutationAssert.Succeeded(await _parties.ConsentAsync(leaving, partner.Agency, grant: false), "consent");
        var listing = await _api.Client().DataAsync(Officers, new { first = 10 }, partner.Token);
        var again = await _parties.ConsentAsync(leaving, partner.Agency, grant: false);

        Assert.Equal([officers[0].MemberNumber], listing.At("consentingOfficers.nodes").EnumerateArray().Select(o => o.Str("memberNumber")));
        Assert.Equal(granted.Str("grantedAt"), withdrawn.Str("grantedAt"));
        Assert.NotEqual(JsonValueKind.Null, withdrawn.At("withdrawnAt").ValueKind);
        MutationAssert.Failed(again, "consent", "NOT_FOUND", "input", "agencyId");

        var consents = (await _api.Client().DataAsync("query($id: ID!) { member(id: $id) { verificationConsents { agency { id } grantedAt withdrawnAt } } }",
            new { id = TestData.MemberId(officers[1]) }, leaving)).At("member.verificationConsents");
        var consent = Assert.Single(consents.EnumerateArray());
        Assert.Equal(TestData.AgencyId(partner.Agency), consent.Str("agency.id"));
        Assert.Equal(granted.Str("grantedAt"), consent.Str("grantedAt"));
        Assert.Equal(withdrawn.Str("withdrawnAt"), consent.Str("withdrawnAt"));

        var stayingConsents = await _api.Client().DataAsync("{ me { verificationConsents { agency { id } withdrawnAt } } }", identity: staying);
        Assert.Equal(JsonValueKind.Null, stayingConsents.At("me.verificationConsents.0.withdrawnAt").ValueKind);
    }

    [SkippableFact]
    public async Task Granting_again_keeps_the_one_consent_and_granting_anew_after_a_withdrawal_lists_the_officer_again()
    {
        var partner = await _parties.PartnerAsync();
        var officer = (await _parties.MembersAsync(1, partner.Agency))[0];
        var member = await _parties.SignInAsync(officer);

        var first = MutationAssert.Succeeded(await _parties.ConsentAsync(member, partner.Agency, grant: true), "consent");
        var second = MutationAssert.Succeeded(await _parties.ConsentAsync(member, partner.Agency, grant: true), "consent");
        Assert.Equal(first.Str("grantedAt"), second.Str("grantedAt"));
        Assert.Equal(1, await CountAsync(partner));

        MutationAssert.Succeeded(await _parties.ConsentAsync(member, partner.Agency, grant: false), "consent");
        Assert.Equal(0, await CountAsync(partner));
        MutationAssert.Succeeded(await _parties.ConsentAsync(member, partner.Agency, grant: true), "consent");
        Assert.Equal(1, await CountAsync(partner));

        var history = await _api.Client().DataAsync("{ me { verificationConsents { withdrawnAt } } }", identity: member);
        Assert.Equal([true, false], history.At("me.verificationConsents").EnumerateArray().Select(c => c.At("withdrawnAt").ValueKind == JsonValueKind.Null));
    }

    [SkippableFact]
    public async Task Only_a_partner_with_an_agency_has_consenting_officers()
    {
        var member = await _parties.SignInAsync((await _parties.MembersAsync(1))[0]);

        var asStaff = await _api.Client().PostAsync(Officers, new { first = 5 }, await _parties.StaffAsync());
        var asMember = await _api.Client().PostAsync(Officers, new { first = 5 }, member);
        var anonymous = await _api.Client().PostAsync(Officers, new { first = 5 });

        Assert.Equal(["FORBIDDEN"], asStaff.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], asMember.ErrorCodes);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.Status);
    }

    private async Task<int> CountAsync(PartnerSystem partner) =>
        (await _api.Client().DataAsync(Officers, new { first = 10 }, partner.Token)).At("consentingOfficers.totalCount").GetInt32();

    private static List<(string, string)> Statuses(JsonElement officer) =>
        [.. officer.GetProperty("certificates").EnumerateArray().Select(c => (c.Str("number")!, c.Str("status")!))];
}

public sealed class StandingAccessTestsOnSqlite(OidcApi api) : StandingAccessTests(api), IClassFixture<OidcApi>;

public sealed class StandingAccessTestsOnPostgreSql(OidcApiOnPostgreSql api) : StandingAccessTests(api), IClassFixture<OidcApiOnPostgreSql>;
