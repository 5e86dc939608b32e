using System.Net;
using Membership.Identity;
using Membership.Tests.Identity.Tokens;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// Staff change a member's e-mail address with updateMember: the sign-in account moves with it in the same
/// transaction, the member's sessions end and the old address is told; an address another account signs in with is refused.
/// </summary>
public abstract class StaffEmailChangeTests(ClockedOidcApi api) : OidcTest(api)
{
    private const string Update = """
        mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { email } userErrors { code field } } }
        """;

    private const string Notice = "Your e-mail address was changed";

    private const string Email = "query($id: ID!) { member(id: $id) { email } }";

    private readonly InvitationRequests _staff = new(api);

    [SkippableFact]
    public async Task The_member_signs_in_with_the_new_address_only_and_old_sessions_and_address_are_told()
    {
        var (member, tokens, portal) = await _staff.Callers.SignedInMemberAsync($"{TokenCallers.MemberScopes} offline_access");
        var moved = $"{TestData.Unique("moved")}@example.org";

        var payload = (await _staff.AsStaffAsync(Update, new { input = new { id = TestData.MemberId(member), email = moved } })).At("updateMember");

        Assert.Empty(payload.UserErrorCodes());
        Assert.Equal(moved, payload.Str("member.email"));
        Assert.Equal("invalid_grant", (await Api.RefreshAsync(portal, tokens.RefreshToken!)).Error);
        var again = await Api.SignInAsync(portal, moved, $"{TokenCallers.MemberScopes} offline_access");
        (await Api.RefreshAsync(portal, again.RefreshToken!)).EnsureOk();
        using var browser = Api.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountForms.LoginAsync(browser, member.Email, OidcApi.Password)).StatusCode);
        Assert.Single(await Api.MailsToAsync(member.Email), m => m.Subject == Notice);
        Assert.DoesNotContain(await Api.MailsToAsync(moved), m => m.Subject == Notice);
    }

    [SkippableFact]
    public async Task An_address_another_account_signs_in_with_is_refused_and_nothing_is_written()
    {
        var (member, tokens, portal) = await _staff.Callers.SignedInMemberAsync($"{TokenCallers.MemberScopes} offline_access");
        var staffAddress = $"{TestData.Unique("staff")}@example.org";
        await Api.AccountAsync(staffAddress, role: Roles.Staff); // an account with no member record

        var payload = (await _staff.AsStaffAsync(Update, new { input = new { id = TestData.MemberId(member), email = staffAddress.ToUpperInvariant(), lastName = "Changed" } })).At("updateMember");

        Assert.Equal(["ACCOUNT_EMAIL_TAKEN"], payload.UserErrorCodes());
        Assert.Equal(member.Email, (await _staff.AsStaffAsync(Email, new { id = TestData.MemberId(member) })).Str("member.email"));
        (await Api.RefreshAsync(portal, tokens.RefreshToken!)).EnsureOk();
        await Api.SignInAsync(portal, member.Email, "openid");
        Assert.DoesNotContain(await Api.MailsToAsync(member.Email), m => m.Subject == Notice);
    }

    [SkippableFact]
    public async Task A_member_without_an_account_changes_address_as_before()
    {
        var member = await _staff.Data.MemberAsync(await _staff.Data.PlanAsync());
        var moved = $"{TestData.Unique("moved")}@example.org";

        var payload = (await _staff.AsStaffAsync(Update, new { input = new { id = TestData.MemberId(member), email = moved } })).At("updateMember");

        Assert.Empty(payload.UserErrorCodes());
        Assert.Equal(moved, payload.Str("member.email"));
        Assert.DoesNotContain(await Api.MailsToAsync(member.Email), m => m.Subject == Notice);
    }
}

public sealed class StaffEmailChangeTestsOnSqlite(ClockedOidcApi api) : StaffEmailChangeTests(api), IClassFixture<ClockedOidcApi>;

public sealed class StaffEmailChangeTestsOnPostgreSql(ClockedOidcApiOnPostgreSql api) : StaffEmailChangeTests(api), IClassFixture<ClockedOidcApiOnPostgreSql>;
