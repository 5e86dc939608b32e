using System.Net;
using System.Text.Json;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Tokens;

/// <summary>
/// Personal fields with real tokens: a member signed in through a portal reads their own and no one else's; a
/// partner reads none; a staff user signed in through a portal reads them all. Every path to a member is tried.
/// </summary>
public abstract class TokenPrivacyTests(OidcApi api) : OidcTest(api)
{
    private const string Personal = "email phone dateOfBirth mailingAddress { line1 } currentTerm { status } terms { status }";

    /// <summary>The personal fields, and the aliases the paths below give them.</summary>
    private static readonly string[] PersonalNames = ["email", "phone", "dateOfBirth", "mailingAddress", "currentTerm", "terms", "mail", "tel", "born", "home"];

    private readonly TokenCallers _callers = new(api);

    public static TheoryData<string, string> PathsToB => new()
    {
        { "member", "query($b: ID!) { member(id: $b) { lastName " + Personal + " } }" },
        { "memberByNumber", "query($n: String!) { memberByNumber(number: $n) { lastName " + Personal + " } }" },
        { "members", "query($n: String!) { members(first: 5, filter: { search: $n }) { nodes { lastName " + Personal + " } } }" },
        { "node", "query($b: ID!) { node(id: $b) { ... on Member { lastName " + Personal + " } } }" },
        { "nodes", "query($b: ID!) { nodes(ids: [$b]) { id ... on Member { lastName " + Personal + " } } }" },
        { "named fragment", "query($b: ID!) { member(id: $b) { ...Contact } } fragment Contact on Member { lastName " + Personal + " }" },
        { "inline fragments", "query($b: ID!) { member(id: $b) { lastName ... on Member { email phone } ... { dateOfBirth terms { status } } } }" },
        { "aliases", "query($b: ID!) { who: member(id: $b) { lastName mail: email tel: phone born: dateOfBirth home: mailingAddress { line1 } } }" },
        { "agency members", "query($b: ID!) { member(id: $b) { lastName agency { members { lastName email phone } } } }" },
    };

    [SkippableTheory]
    [MemberData(nameof(PathsToB))]
    public async Task A_member_gets_forbidden_for_another_members_personal_fields(string path, string query)
    {
        var (a, b) = await TwoListedMembersAsync();
        var (tokens, _) = await _callers.SignInMemberAsync(a);

        var result = await Api.Client().PostAsync(query, Variables(b), TestIdentity.Bearer(tokens.AccessToken));

        Assert.True(result.Status == HttpStatusCode.OK && result.HasErrors, $"{path}: {result.Text}");
        Assert.All(result.Errors, error =>
        {
            Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Contains(LastField(error), PersonalNames);
        });
        Assert.Contains(b.LastName, result.Text, StringComparison.Ordinal); // the rest of the result is there
        TokenAssert.NoPersonalData(result.Text, b);
    }

    [SkippableFact]
    public async Task A_member_reads_their_own_personal_fields_by_id()
    {
        var (a, _) = await TwoListedMembersAsync();
        var (tokens, _) = await _callers.SignInMemberAsync(a);

        var data = await Api.Client().DataAsync("query($b: ID!) { member(id: $b) { " + Personal + " } }", Variables(a), TestIdentity.Bearer(tokens.AccessToken));

        Assert.Equal(a.Email, data.Str("member.email"));
        Assert.Equal(a.Phone, data.Str("member.phone"));
    }

    [SkippableFact]
    public async Task A_member_who_opted_out_of_the_directory_is_invisible_to_another_member()
    {
        var (a, listed) = await TwoListedMembersAsync();
        var hidden = await _callers.Data.MemberAsync(await _callers.Data.PlanAsync(), shape: m => m.DirectoryOptIn = false);
        var member = TestIdentity.Bearer((await _callers.SignInMemberAsync(a)).Tokens.AccessToken);
        const string Lookup = "query($b: ID!, $n: String!) { member(id: $b) { id } memberByNumber(number: $n) { id } node(id: $b) { id } "
            + "nodes(ids: [$b]) { id } members(filter: { search: $n }) { totalCount } }";

        var seen = await Api.Client().DataAsync(Lookup, Variables(listed), member);
        var unseen = await Api.Client().DataAsync(Lookup, Variables(hidden), member);

        Assert.Equal(TestData.MemberId(listed), seen.Str("member.id"));
        Assert.Equal(1, seen.At("members.totalCount").GetInt32());
        foreach (var field in new[] { "member", "memberByNumber", "node", "nodes.0" })
        {
            Assert.Equal(JsonValueKind.Null, unseen.At(field).ValueKind);
        }

        Assert.Equal(0, unseen.At("members.totalCount").GetInt32());
    }

    [SkippableTheory]
    [MemberData(nameof(PathsToB))]
    public async Task A_partner_token_reads_nothing_about_members(string path, string query)
    {
        var (_, b) = await TwoListedMembersAsync();
        var partner = await _callers.PartnerTokenAsync();

        var result = await Api.Client().PostAsync(query, Variables(b), partner);

        Assert.True(result.Status == HttpStatusCode.OK, $"{path}: {result.Text}");
        Assert.All(result.ErrorCodes, code => Assert.Equal("FORBIDDEN", code));
        Assert.DoesNotContain(b.LastName, result.Text, StringComparison.Ordinal); // no member at all, so nothing personal
        TokenAssert.NoPersonalData(result.Text, b);
    }

    [SkippableFact]
    public async Task A_partner_token_has_no_own_record_and_no_member_list()
    {
        var partner = await _callers.PartnerTokenAsync();

        var me = await Api.Client().PostAsync("{ me { email } }", identity: partner);
        var list = await Api.Client().PostAsync("{ members { totalCount } }", identity: partner);

        Assert.Equal(["FORBIDDEN"], me.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], list.ErrorCodes);
    }

    [SkippableTheory]
    [MemberData(nameof(PathsToB))]
    public async Task A_staff_user_signed_in_through_a_portal_reads_personal_fields(string path, string query)
    {
        var (_, b) = await TwoListedMembersAsync();
        var tokens = await _callers.SignInStaffUserAsync("openid membership.staff");

        var result = await Api.Client().PostAsync(query, Variables(b), TestIdentity.Bearer(tokens.AccessToken));

        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, $"{path}: {result.Text}");
        Assert.True(TokenAssert.Shows(result.Text, b.Email) && TokenAssert.Shows(result.Text, b.Phone!), result.Text);
    }

    /// <summary>Two members of one agency, both in the directory, each with personal values no one else has.</summary>
    private async Task<(Member A, Member B)> TwoListedMembersAsync()
    {
        var tag = Random.Shared.Next(1000, 9999);
        var members = await _callers.Data.MembersAsync(2, await _callers.Data.PlanAsync(), await _callers.Data.AgencyAsync(), shape: (m, i) =>
        {
            m.Phone = $"+1 334 {tag} 0{i}1";
            m.DateOfBirth = new DateOnly(1970 + i, 8, 23);
            m.MailingAddress = new MailingAddress { Line1 = $"{tag}{i} Elm Street", City = "Mobile", StateCode = "AL", PostalCode = "36602" };
        });
        return (members[0], members[1]);
    }

    private static object Variables(Member member) => new { b = TestData.MemberId(member), n = member.MemberNumber };

    /// <summary>The response key of the field an error is about: the last name in its path.</summary>
    private static string LastField(JsonElement error) =>
        error.GetProperty("path").EnumerateArray().Last(p => p.ValueKind == JsonValueKind.String).GetString()!;
}

public sealed class TokenPrivacyTestsOnSqlite(OidcApi api) : TokenPrivacyTests(api), IClassFixture<OidcApi>;

public sealed class TokenPrivacyTestsOnPostgreSql(OidcApiOnPostgreSql api) : TokenPrivacyTests(api), IClassFixture<OidcApiOnPostgreSql>;
