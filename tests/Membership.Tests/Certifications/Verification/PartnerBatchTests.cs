using System.Text.Json;
using Membership.Members;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// verifyCertificates: a partner agency's system checks up to 100 certificate and member numbers at once, with a real
/// client-credentials token; the answers come back in the order asked. (Its cost in SQL commands: PartnerBatchCostTests.)
/// </summary>
public sealed class PartnerBatchTests(OidcApi api) : IClassFixture<OidcApi>
{
    public const string Batch = """
        query($c: [String!], $m: [String!]) { verifyCertificates(certificateNumbers: $c, memberNumbers: $m) {
          query found certificates { found number holderName kind title courseCode hours issuedOn expiresOn status } } }
        """;

    private readonly VerificationParties _parties = new(api);

    [Fact]
    public async Task A_batch_of_100_mixed_numbers_comes_back_in_order_with_the_members_current_certificates()
    {
        var partner = await _parties.PartnerAsync();
        var desk = await _parties.DeskAsync();
        var members = await _parties.MembersAsync(30);
        var amht = await desk.RosterAsync("AMHT", members, _parties.Data.Today.AddDays(-10));
        var basic = await desk.RosterAsync("BASIC-SRO", members.Take(10), _parties.Data.Today.AddDays(-400));
        var reissued = await desk.ReissueAsync(amht[0]);
        await desk.RevokeAsync(basic[1], "Issued in error");

        // 30 real certificate numbers among 20 unknown ones, 30 members among 20 unknown (or malformed) member numbers.
        var certificateNumbers = Interleave(amht.Select(c => c.Number), Enumerable.Range(0, 20).Select(i => $"SRO-1999-{900000 + i}"));
        var memberNumbers = Interleave(members.Select(m => m.MemberNumber), Enumerable.Range(0, 20).Select(i => i % 5 == 0 ? $"nobody-{i}" : $"M-98{i:D4}"));
        Assert.Equal(100, certificateNumbers.Count + memberNumbers.Count);

        var data = await api.Client().DataAsync(Batch, new { c = certificateNumbers, m = memberNumbers }, partner.Token);

        var results = data.GetProperty("verifyCertificates").EnumerateArray().ToList();
        Assert.Equal([.. certificateNumbers, .. memberNumbers], results.Select(r => r.Str("query")));
        var byCertificate = amht.ToDictionary(c => c.Number);
        foreach (var result in results.Take(certificateNumbers.Count))
        {
            var known = byCertificate.ContainsKey(result.Str("query")!);
            Assert.Equal(known, result.At("found").GetBoolean());
            Assert.Equal(known ? [result.Str("query")!] : [], Numbers(result));
        }

        Assert.Equal("REPLACED", results[0].Str("certificates.0.status"));
        Assert.Equal("ACTIVE", results[1].Str("certificates.0.status"));
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

    [Fact]
    public async Task More_than_100_numbers_are_refused_with_INVALID_ARGUMENT()
    {
        var partner = await _parties.PartnerAsync();
        var certificateNumbers = Enumerable.Range(0, 60).Select(i => $"SRO-1999-{800000 + i}").ToList();
        var memberNumbers = Enumerable.Range(0, 41).Select(i => $"M-97{i:D4}").ToList();

        var result = await api.Client().PostAsync(Batch, new { c = certificateNumbers, m = memberNumbers }, partner.Token);

        Assert.Equal(["INVALID_ARGUMENT"], result.ErrorCodes);
        Assert.False(result.HasData, result.Text);
        await api.Client().DataAsync(Batch, new { c = certificateNumbers, m = memberNumbers.Skip(1) }, partner.Token);
    }

    [Fact]
    public async Task A_member_token_is_forbidden_and_an_anonymous_call_gets_401()
    {
        var member = (await _parties.MembersAsync(1))[0];
        var memberToken = await _parties.SignInAsync(member);
        var variables = new { c = new[] { "SRO-1999-000001" }, m = new[] { member.MemberNumber } };

        var asMember = await api.Client().PostAsync(Batch, variables, memberToken);
        var anonymous = await api.Client().PostAsync(Batch, variables);
        var asStaff = await api.Client().PostAsync(Batch, variables, await _parties.StaffAsync());

        Assert.True(asMember.Status == System.Net.HttpStatusCode.OK, asMember.Text);
        Assert.Equal(["FORBIDDEN"], asMember.ErrorCodes);
        Assert.False(asMember.HasData, asMember.Text);
        TokenAssert.Unauthenticated(anonymous);
        Assert.False(asStaff.HasErrors, asStaff.Text);
    }

    [Fact]
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
            var result = await api.Client().PostAsync(query, variables, partner.Token);

            Assert.True(result.Status == System.Net.HttpStatusCode.OK, $"{path}: {result.Text}");
            Assert.All(result.ErrorCodes, code => Assert.Equal("FORBIDDEN", code));
            Assert.DoesNotContain(certificate.VerificationCode, result.Text, StringComparison.Ordinal);
            TokenAssert.NoPersonalData(result.Text, officer);
        }

        var officers = await api.Client().DataAsync("{ consentingOfficers(first: 10) { nodes { memberNumber certificates { number } } } }", identity: partner.Token);
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
