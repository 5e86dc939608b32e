using System.Net.Http.Json;
using System.Text.Json;
using Membership.Members;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// verifyCertificates: a partner agency's system checks up to 100 certificate and member numbers at once, with a real
/// client-credentials token; the answers come back in the order asked. (Its cost in SQL commands: PartnerBatchCostTests.)
/// </summary>
public abstract class PartnerBatchTests
{
    private readonly OidcApi _api;
    public const string Batch = """
        query($c: [String!], $l: [CertificateLookupInput!], $m: [String!]) { verifyCertificates(certificateNumbers: $c, certificates: $l, memberNumbers: $m) {
          query found certificates { found number holderName kind title courseCode hours issuedOn expiresOn status reissuedAs } } }
        """;

    private readonly VerificationParties _parties;

    protected PartnerBatchTests(OidcApi api)
    {
        api.EnsureAvailable();
        _api = api;
        _parties = new(api);
    }

    [SkippableFact]
    public async Task A_batch_of_100_mixed_numbers_comes_back_in_order_with_the_members_current_certificates()
    {
        var partner = await _parties.PartnerAsync();
        var desk = await _parties.DeskAsync();
        var members = await _parties.MembersAsync(30, partner.Agency); // its own officers: their member numbers answer
        var amht = await desk.RosterAsync("AMHT", members, _parties.Data.Today.AddDays(-10));
        var basic = await desk.RosterAsync("BASIC-SRO", members.Take(10), _parties.Data.Today.AddDays(-400));
        var reissued = await desk.ReissueAsync(amht[0]);
        await desk.RevokeAsync(basic[1], "Issued in error");

        // 30 real certificate numbers among 20 unknown ones, 30 members among 20 unknown (or malformed) member numbers.
        var certificateNumbers = Interleave(amht.Select(c => c.Number), Enumerable.Range(0, 20).Select(i => $"SRO-1999-{900000 + i}"));
        var memberNumbers = Interleave(members.Select(m => m.MemberNumber), Enumerable.Range(0, 20).Select(i => i % 5 == 0 ? $"nobody-{i}" : $"M-98{i:D4}"));
        Assert.Equal(100, certificateNumbers.Count + memberNumbers.Count);

        var data = await _api.Client().DataAsync(Batch, new { c = certificateNumbers, m = memberNumbers }, partner.Token);

        var results = data.GetProperty("verifyCertificates").EnumerateArray().ToList();
        Assert.Equal([.. certificateNumbers, .. memberNumbers], results.Select(r => r.Str("query")));
        var byCertificate = amht.ToDictionary(c => c.Number);
        foreach (var result in results.Take(certificateNumbers.Count))
        {
            var known = byCertificate.ContainsKey(result.Str("query")!);
            Assert.Equal(known, result.At("found").GetBoolean());
            Assert.Equal(known ? [result.Str("query")!] : [], Numbers(result));
        }

        Assert.Equal(("ACTIVE", reissued.Number), (results[0].Str("certificates.0.status"), results[0].Str("certificates.0.reissuedAs")));
        Assert.Equal(("ACTIVE", null), (results[1].Str("certificates.0.status"), results[1].Str("certificates.0.reissuedAs")));
        var current = members.ToDictionary(m => m.MemberNumber, m => Current(m, members, amht, basic, reissued));
        foreach (var result in results.Skip(certificateNumbers.Count))
        {
            var expected = current.GetValueOrDefault(result.Str("query")!) ?? [];
            Assert.Equal(expected.Count > 0, result.At("found").GetBoolean());
            Assert.Equal(expected.Order(), Numbers(result).Order());
        }

        var second = results.Single(r => r.Str("query") == members[1].MemberNumber);
        Assert.Equal("REVOKED", second.GetProperty("certificates").EnumerateArray().Single(c => c.Str("number") == basic[1].Number).Str("status"));
        foreach (var member in members)
        {
            TokenAssert.NoPersonalData(data.ToString(), member);
        }
    }

    [SkippableFact]
    public async Task A_member_number_answers_only_with_standing_consent_or_for_the_agencys_own_officers()
    {
        var partner = await _parties.PartnerAsync();
        var desk = await _parties.DeskAsync();
        var elsewhere = (await _parties.MembersAsync(1, await _parties.Data.AgencyAsync()))[0];
        var ownOfficer = (await _parties.MembersAsync(1, partner.Agency))[0];
        var applicant = await _parties.Data.MemberAsync(await _parties.Data.PlanAsync(), partner.Agency, activated: false);
        foreach (var member in new[] { elsewhere, ownOfficer, applicant })
        {
            await desk.RecordAsync(member, "CPTED", _parties.Data.Today.AddDays(-15));
        }

        var unknown = $"M-{999_000 + Random.Shared.Next(999):D6}";
        async Task<JsonElement> AskAsync(string memberNumber) =>
            (await _api.Client().DataAsync(Batch, new { m = new[] { memberNumber } }, partner.Token)).At("verifyCertificates.0");

        // No consent: exactly what an unknown number gets, apart from the number itself.
        var before = await AskAsync(elsewhere.MemberNumber);
        Assert.False(before.At("found").GetBoolean());
        Assert.Equal((await AskAsync(unknown)).At("certificates").ToString(), before.At("certificates").ToString());
        Assert.DoesNotContain(elsewhere.LastName, before.ToString(), StringComparison.Ordinal);

        var officer = await _parties.SignInAsync(elsewhere);
        MutationAssert.Succeeded(await _parties.ConsentAsync(officer, partner.Agency, grant: true), "consent");
        var granted = await AskAsync(elsewhere.MemberNumber);
        MutationAssert.Succeeded(await _parties.ConsentAsync(officer, partner.Agency, grant: false), "consent");
        var withdrawn = await AskAsync(elsewhere.MemberNumber);

        Assert.True(granted.At("found").GetBoolean());
        Assert.Equal($"{elsewhere.FirstName} {elsewhere.LastName}", granted.Str("certificates.0.holderName"));
        Assert.False(withdrawn.At("found").GetBoolean());
        Assert.Equal(0, withdrawn.At("certificates").GetArrayLength());
        Assert.True((await AskAsync(ownOfficer.MemberNumber)).At("found").GetBoolean());
        Assert.False((await AskAsync(applicant.MemberNumber)).At("found").GetBoolean());

        // Staff are not limited to consenting members.
        var asStaff = await _api.Client().DataAsync(Batch, new { m = new[] { elsewhere.MemberNumber } }, await _parties.StaffAsync());
        Assert.True(asStaff.At("verifyCertificates.0.found").GetBoolean());
    }

    [SkippableFact]
    public async Task A_reissued_certificate_answers_its_successors_status_and_number_but_its_own_name_and_data()
    {
        var partner = await _parties.PartnerAsync();
        var desk = await _parties.DeskAsync();
        var holder = (await _parties.MembersAsync(1))[0];
        var original = await desk.RecordAsync(holder, "SSO", _parties.Data.Today.AddDays(-200));
        var reissued = await desk.ReissueAsync(original);
        await desk.SuspendAsync(reissued, "Under review");

        var byPartner = (await _api.Client().DataAsync(Batch, new { l = new[] { new { number = original.Number, lastName = holder.LastName } } }, partner.Token))
            .At("verifyCertificates.0.certificates.0"); // another agency's officer: the number with the surname
        var publicly = PublicLookup.Answer(await PublicLookup.AskAsync(_api.Factory, original.Number, holder.LastName));
        var current = PublicLookup.Answer(await PublicLookup.AskAsync(_api.Factory, reissued.Number, holder.LastName));

        foreach (var answer in new[] { byPartner, publicly })
        {
            Assert.Equal(original.Number, answer.Str("number"));
            Assert.Equal("SUSPENDED", answer.Str("status"));
            Assert.Equal(reissued.Number, answer.Str("reissuedAs"));
            Assert.Equal(original.IssuedOn, answer.Str("issuedOn"));
        }

        Assert.Equal(("SUSPENDED", JsonValueKind.Null), (current.Str("status"), current.At("reissuedAs").ValueKind));
        using var http = _api.Client().Http;
        var status = await http.GetFromJsonAsync<JsonElement>($"/certificates/status/{original.VerificationCode}");
        Assert.Equal(("SUSPENDED", reissued.Number), (status.Str("status"), status.Str("reissuedAs")));

        // Holder and staff still see the certificate itself as REPLACED.
        var own = await _api.Client().DataAsync("{ me { certificates { number status } } }", identity: await _parties.SignInAsync(holder));
        Assert.Contains(own.At("me.certificates").EnumerateArray(), c => c.Str("number") == original.Number && c.Str("status") == "REPLACED");
    }

    [SkippableFact]
    public async Task An_expired_certificate_and_a_suspended_one_reinstated_verify_as_EXPIRED_and_ACTIVE()
    {
        var partner = await _parties.PartnerAsync();
        var desk = await _parties.DeskAsync();
        var holder = (await _parties.MembersAsync(1, partner.Agency))[0];
        var expired = await desk.RecordAsync(holder, "AMHT", _parties.Data.Today.AddMonths(-37)); // valid 36 months
        var reinstated = await desk.RecordAsync(holder, "CPTED", _parties.Data.Today.AddDays(-9));
        await desk.SuspendAsync(reinstated, "Complaint under review");
        var whileSuspended = PublicLookup.Answer(await PublicLookup.AskAsync(_api.Factory, reinstated.Number, holder.LastName)).Str("status");
        await desk.ChangeAsync("reinstateCertificate", "CertificateIdInput", new { certificateId = reinstated.Id });

        var batch = (await _api.Client().DataAsync(Batch, new { c = new[] { expired.Number, reinstated.Number }, m = new[] { holder.MemberNumber } }, partner.Token))
            .GetProperty("verifyCertificates").EnumerateArray().ToList();
        var byNumber = batch[2].GetProperty("certificates").EnumerateArray().ToDictionary(c => c.Str("number")!, c => c.Str("status"));

        Assert.Equal("SUSPENDED", whileSuspended);
        Assert.Equal("EXPIRED", PublicLookup.Answer(await PublicLookup.AskAsync(_api.Factory, expired.Number, holder.LastName)).Str("status"));
        Assert.Equal("ACTIVE", PublicLookup.Answer(await PublicLookup.AskAsync(_api.Factory, reinstated.Number, holder.LastName)).Str("status"));
        Assert.Equal(("EXPIRED", expired.ExpiresOn), (batch[0].Str("certificates.0.status"), batch[0].Str("certificates.0.expiresOn")));
        Assert.Equal("ACTIVE", batch[1].Str("certificates.0.status"));
        Assert.Equal("EXPIRED", byNumber[expired.Number]);
        Assert.Equal("ACTIVE", byNumber[reinstated.Number]);
    }

    [SkippableFact]
    public async Task More_than_100_numbers_are_refused_with_INVALID_ARGUMENT()
    {
        var partner = await _parties.PartnerAsync();
        var certificateNumbers = Enumerable.Range(0, 60).Select(i => $"SRO-1999-{800000 + i}").ToList();
        var memberNumbers = Enumerable.Range(0, 41).Select(i => $"M-97{i:D4}").ToList();

        var result = await _api.Client().PostAsync(Batch, new { c = certificateNumbers, m = memberNumbers }, partner.Token);

        Assert.Equal(["INVALID_ARGUMENT"], result.ErrorCodes);
        Assert.True(!result.HasData || result.Data.At("verifyCertificates").ValueKind == JsonValueKind.Null, result.Text);
        await _api.Client().DataAsync(Batch, new { c = certificateNumbers, m = memberNumbers.Skip(1) }, partner.Token);
    }

    [SkippableFact]
    public async Task A_member_token_is_forbidden_and_an_anonymous_call_gets_401()
    {
        var member = (await _parties.MembersAsync(1))[0];
        var memberToken = await _parties.SignInAsync(member);
        var variables = new { c = new[] { "SRO-1999-000001" }, m = new[] { member.MemberNumber } };

        var asMember = await _api.Client().PostAsync(Batch, variables, memberToken);
        var anonymous = await _api.Client().PostAsync(Batch, variables);
        var asStaff = await _api.Client().PostAsync(Batch, variables, await _parties.StaffAsync());

        Assert.True(asMember.Status == System.Net.HttpStatusCode.OK, asMember.Text);
        Assert.Equal(["FORBIDDEN"], asMember.ErrorCodes);
        Assert.True(!asMember.HasData || asMember.Data.At("verifyCertificates").ValueKind == JsonValueKind.Null, asMember.Text);
        TokenAssert.Unauthenticated(anonymous);
        Assert.False(asStaff.HasErrors, asStaff.Text);
    }

    [SkippableFact]
    public async Task No_path_open_to_a_partner_token_shows_contact_data_even_of_its_consenting_officers()
    {
        var partner = await _parties.PartnerAsync();
        var officer = (await _parties.MembersAsync(1, partner.Agency))[0];
        var certificate = await (await _parties.DeskAsync()).RecordAsync(officer, "AMHT", _parties.Data.Today.AddDays(-2));
        MutationAssert.Succeeded(await _parties.ConsentAsync(await _parties.SignInAsync(officer), partner.Agency, grant: true), "consent");
        var variables = new { b = TestData.MemberId(officer), n = officer.MemberNumber, c = certificate.Number, a = TestData.AgencyId(partner.Agency), x = certificate.Id };
        var paths = TokenPrivacyTests.PathsToB.Select(row => ((string)row[0], (string)row[1])).Concat(
        [
            ("verifyCertificates", "query($n: String!, $c: String!) { verifyCertificates(certificateNumbers: [$c], memberNumbers: [$n]) { query certificates { " + PublicLookup.AllFields + " } } }"),
            ("consentingOfficers", "{ consentingOfficers(first: 10) { totalCount nodes { memberNumber name consentGrantedAt certificates { " + PublicLookup.AllFields + " } } } }"),
            ("agency", "query($a: ID!) { agency(id: $a) { name members { lastName email phone dateOfBirth mailingAddress { line1 } } } }"),
            ("certificate by number", "query($c: String!) { certificate(number: $c) { number verificationCode signedCredential holderName } }"),
            ("member certificates", "query($b: ID!) { member(id: $b) { certificates { number verificationCode signedCredential } } }"),
            ("certificate node", "query($x: ID!) { node(id: $x) { ... on Certificate { number verificationCode signedCredential } } nodes(ids: [$x]) { id } }"),
        ]);

        foreach (var (path, query) in paths)
        {
            var result = await _api.Client().PostAsync(query, variables, partner.Token);

            Assert.True(result.Status == System.Net.HttpStatusCode.OK, $"{path}: {result.Text}");
            Assert.All(result.ErrorCodes, code => Assert.Equal("FORBIDDEN", code));
            Assert.DoesNotContain(certificate.VerificationCode, result.Text, StringComparison.Ordinal);
            TokenAssert.NoPersonalData(result.Text, officer);
        }

        var officers = await _api.Client().DataAsync("{ consentingOfficers(first: 10) { nodes { memberNumber certificates { number } } } }", identity: partner.Token);
        Assert.Equal(officer.MemberNumber, officers.Str("consentingOfficers.nodes.0.memberNumber"));
        Assert.Equal(certificate.Number, officers.Str("consentingOfficers.nodes.0.certificates.0.number"));
    }

    /// <summary>The certificates a member number should answer with: all of theirs that were not replaced.</summary>
    private static List<string> Current(Member member, List<Member> members, List<IssuedCertificate> amht, List<IssuedCertificate> basic, IssuedCertificate reissued)
    {
        var i = members.IndexOf(member);
        var numbers = new List<string> { i == 0 ? reissued.Number : amht[i].Number };
        if (i < basic.Count)
        {
            numbers.Add(basic[i].Number);
        }

        return numbers;
    }

    private static List<string> Numbers(JsonElement result) => [.. result.GetProperty("certificates").EnumerateArray().Select(c => c.Str("number")!)];

    private static List<string> Interleave(IEnumerable<string> known, IEnumerable<string> unknown)
    {
        var list = new List<string>();
        using var a = known.GetEnumerator();
        using var b = unknown.GetEnumerator();
        bool moreA = a.MoveNext(), moreB = b.MoveNext();
        for (var i = 0; moreA || moreB; i++)
        {
            var takeA = moreA && (!moreB || i % 5 != 4);
            list.Add(takeA ? a.Current : b.Current);
            if (takeA)
            {
                moreA = a.MoveNext();
            }
            else
            {
                moreB = b.MoveNext();
            }
        }

        return list;
    }
}

public sealed class PartnerBatchTestsOnSqlite(OidcApi api) : PartnerBatchTests(api), IClassFixture<OidcApi>;

public sealed class PartnerBatchTestsOnPostgreSql(OidcApiOnPostgreSql api) : PartnerBatchTests(api), IClassFixture<OidcApiOnPostgreSql>;
