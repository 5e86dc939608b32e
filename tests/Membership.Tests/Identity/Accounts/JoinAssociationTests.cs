using System.Net;
using System.Text;
using Membership.Identity;
using Membership.Identity.Accounts;
using Membership.Identity.Clients;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Identity.Accounts;

/// <summary>Self-service joining: an account and a PENDING application in one step, a confirmation mail, then signing in.</summary>
public abstract class JoinAssociationTests(OidcApi api) : OidcTest(api)
{
    private readonly TestData _data = new(api);

    [SkippableFact]
    public async Task Joining_makes_a_pending_member_and_an_unconfirmed_member_account_and_mails_a_confirmation_link()
    {
        var plan = await _data.PlanAsync();
        var input = JoinRequests.Input(plan);

        var payload = JoinRequests.Succeeded(await JoinRequests.JoinAsync(Api, input));

        Assert.Equal(input.email, payload.Str("email"));
        Assert.Equal("PENDING", payload.Str("status"));
        await using var db = await Api.Db.CreateDbContextAsync();
        var member = await db.Members.Include(m => m.CurrentTerm).SingleAsync(m => m.EmailNormalized == MemberRules.NormalizeEmail(input.email));
        Assert.Null(payload.Str("memberNumber")); // in the mail: the answer must be the same for an address in use
        Assert.Equal(plan.Id, member.CurrentTerm!.PlanId);
        Assert.Null(member.CurrentTerm.ActivatedAt);
        Assert.Equal(MembershipStatus.Pending, MembershipStatusRules.Compute(member.CurrentTerm, member.SuspendedAt, _data.Today));

        await using var scope = Api.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByEmailAsync(input.email);
        Assert.NotNull(account);
        Assert.Equal(member.Id, account.MemberId);
        Assert.False(account.EmailConfirmed);
        Assert.Equal([Roles.Member], await users.GetRolesAsync(account));

        var mail = Assert.Single(await Api.MailsToAsync(input.email));
        Assert.StartsWith("/account/confirm-email?", mail.Link, StringComparison.Ordinal);
        Assert.Contains(member.MemberNumber, mail.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_agency_an_applicant_names_is_kept_as_a_claim_that_staff_have_not_confirmed()
    {
        var plan = await _data.PlanAsync();
        var agency = await _data.AgencyAsync();
        var input = JoinRequests.Input(plan) with { agencyId = TestData.AgencyId(agency) };

        JoinRequests.Succeeded(await JoinRequests.JoinAsync(Api, input));

        await using var db = await Api.Db.CreateDbContextAsync();
        var member = await db.Members.SingleAsync(m => m.EmailNormalized == MemberRules.NormalizeEmail(input.email));
        Assert.Equal((agency.Id, (DateTimeOffset?)null), (member.AgencyId, member.AgencyConfirmedAt));
    }

    [SkippableFact]
    public async Task A_new_member_signs_in_only_after_confirming_the_email_and_then_reads_their_own_record()
    {
        var plan = await _data.PlanAsync();
        var input = JoinRequests.Input(plan);
        JoinRequests.Succeeded(await JoinRequests.JoinAsync(Api, input));
        var mail = Assert.Single(await Api.MailsToAsync(input.email));
        var link = mail.Link;
        using var browser = Api.Browser();

        var early = await AccountForms.LoginAsync(browser, input.email, input.password);
        Assert.Equal(HttpStatusCode.Unauthorized, early.StatusCode);
        Assert.Contains("Confirm your e-mail address", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var forged = QueryHelpers.AddQueryString(link.Split('&')[0], "code", WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("forged")));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(forged)).StatusCode);
        var confirmed = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("E-mail confirmed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var clientId = TestData.Unique("portal-").ToLowerInvariant();
        await Api.ClientAsync(clientId, ClientKind.Public);
        var tokens = await Api.SignInAsync(clientId, input.email, "openid membership.self", input.password);
        var me = await Api.Client().DataAsync("{ me { memberNumber email phone dateOfBirth membershipStatus currentTerm { plan { id } } } }",
            identity: TestIdentity.Bearer(tokens.AccessToken));

        Assert.Contains(me.Str("me.memberNumber")!, mail.Text, StringComparison.Ordinal);
        Assert.Equal(input.email, me.Str("me.email"));
        Assert.False(string.IsNullOrEmpty(me.Str("me.phone")));
        Assert.Equal(input.dateOfBirth, me.Str("me.dateOfBirth"));
        Assert.Equal("PENDING", me.Str("me.membershipStatus"));
        Assert.Equal(input.planId, me.Str("me.currentTerm.plan.id"));
    }

    [SkippableTheory]
    [InlineData("member")]
    [InlineData("account")]
    public async Task An_email_in_use_by_a_member_or_an_account_gets_the_answer_a_new_one_gets_and_its_owner_a_mail(string holder)
    {
        var plan = await _data.PlanAsync();
        var email = holder == "member" ? (await _data.MemberAsync(plan)).Email : (await Api.AccountAsync(JoinRequests.NewEmail(), role: Roles.Staff)).Email!;
        var before = await JoinRequests.CountAsync(Api, email);
        var fresh = JoinRequests.Input(plan);
        var taken = JoinRequests.Input(plan, $"  {email.ToUpperInvariant()} ");

        var newAnswer = await JoinRequests.JoinAsync(Api, fresh);
        var takenAnswer = await JoinRequests.JoinAsync(Api, taken);
        var again = await JoinRequests.JoinAsync(Api, taken);

        Assert.Equal(Answer(newAnswer, fresh.email), Answer(takenAnswer, taken.email.Trim()));
        Assert.Equal(Answer(newAnswer, fresh.email), Answer(again, taken.email.Trim()));
        Assert.Equal(before, await JoinRequests.CountAsync(Api, email));
        var note = Assert.Single(await Api.MailsToAsync(email)); // once a day, however often someone tries
        Assert.Equal("You already have an account with us", note.Subject);
        Assert.Equal("/account/forgot-password", note.Link);
        Assert.DoesNotContain(taken.lastName, note.Text, StringComparison.Ordinal); // nothing the applicant typed reaches the owner
    }

    /// <summary>The whole HTTP answer, with the address it echoes replaced: what an applicant can compare.</summary>
    private static string Answer(GraphQLResult result, string email) => $"{(int)result.Status} {result.Text.Replace(email, "<email>", StringComparison.Ordinal)}";

    [SkippableFact]
    public async Task A_weak_password_is_refused_with_the_rules_it_breaks_and_nothing_is_written()
    {
        var input = JoinRequests.Input(await _data.PlanAsync()) with { password = "short" };
        var before = await JoinRequests.TotalsAsync(Api);

        var payload = (await JoinRequests.JoinAsync(Api, input)).Data.At("joinAssociation");

        var errors = MutationAssert.ErrorsOf(payload);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("WEAK_PASSWORD input.password", e));
        Assert.Contains(payload.GetProperty("userErrors").EnumerateArray(), e => e.Str("message")!.Contains("12 characters", StringComparison.Ordinal));
        Assert.Equal(before, await JoinRequests.TotalsAsync(Api));
        Assert.Empty(await Api.MailsToAsync(input.email));
    }

    [SkippableTheory]
    [InlineData("bad e-mail", "INVALID_EMAIL", "email")]
    [InlineData("unknown plan", "NOT_FOUND", "planId")]
    [InlineData("plan of another category", "PLAN_CATEGORY_MISMATCH", "planId")]
    [InlineData("inactive plan", "PLAN_INACTIVE", "planId")]
    public async Task Invalid_fields_are_user_errors_and_nothing_is_written(string fault, string code, string field)
    {
        var input = JoinRequests.Input(await _data.PlanAsync());
        input = fault switch
        {
            "bad e-mail" => input with { email = "not-an-email" },
            "unknown plan" => input with { planId = TestData.Id("MembershipPlan", Guid.CreateVersion7()) },
            "plan of another category" => input with { planId = TestData.PlanId(await _data.PlanAsync(MemberCategory.Associate)) },
            _ => input with { planId = TestData.PlanId(await _data.PlanAsync(active: false)) },
        };
        var before = await JoinRequests.TotalsAsync(Api);

        var result = await JoinRequests.JoinAsync(Api, input);

        MutationAssert.Failed(result.Data.At("joinAssociation"), "memberNumber", code, "input", field);
        Assert.Equal(before, await JoinRequests.TotalsAsync(Api));
    }
}

public sealed class JoinAssociationTestsOnSqlite(OidcApi api) : JoinAssociationTests(api), IClassFixture<OidcApi>;

public sealed class JoinAssociationTestsOnPostgreSql(OidcApiOnPostgreSql api) : JoinAssociationTests(api), IClassFixture<OidcApiOnPostgreSql>;
