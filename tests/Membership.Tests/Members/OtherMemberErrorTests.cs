using System.Text.Json;
using Membership.Members;
using Membership.Tests.Conferences;
using Membership.Tests.Conferences.Sales;
using Membership.Tests.Dues.Payments;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Members;

/// <summary>
/// A mutation that names other members (an agency's group dues, its block of tickets, an attendee named later) answers
/// every member who cannot be included with one code and one message, whatever the reason (unknown, another agency,
/// an unconfirmed claim, suspended, lapsed, another category): a user error never tells what a FORBIDDEN field hides.
/// </summary>
public abstract class OtherMemberErrorTests(ApiFixture api) : SalesTest(api)
{
    private const string Assign = "mutation($i: AssignTicketAttendeeInput!) { assignTicketAttendee(input: $i) { ticket { id } userErrors { code field message } } }";

    [SkippableFact]
    public async Task An_officer_paying_colleagues_dues_learns_nothing_of_those_who_cannot_be_included()
    {
        var (agency, other) = (await Data.AgencyAsync(), await Data.AgencyAsync());
        var plan = await Data.PlanAsync();
        var officer = await Data.MemberAsync(plan, agency);
        var colleague = await Data.MemberAsync(plan, agency);
        var excluded = new[]
        {
            await Data.MemberAsync(plan, agency, shape: m => m.SuspendedAt = DateTimeOffset.UtcNow),
            await Data.MemberAsync(plan, other),
            await Data.MemberAsync(plan, agency, shape: m => m.AgencyConfirmedAt = null),
            await Data.MemberAsync(await Data.PlanAsync(Membership.Members.MemberCategory.Associate), agency),
        };
        var unknown = TestData.Id("Member", Guid.CreateVersion7());
        var dues = new DuesDriver(Api.Factory);
        var requests = Api.Stripe.Requests.Count;

        var result = await Client.PostAsync(
            "mutation($input: StartAgencyDuesPaymentInput!) { startAgencyDuesPayment(input: $input) { payment { id } userErrors { code field message } } }",
            new { input = new { agencyId = TestData.AgencyId(agency), planId = TestData.PlanId(plan), memberIds = new[] { TestData.MemberId(colleague) }
                .Concat(excluded.Select(TestData.MemberId)).Append(unknown).ToArray() } },
            TestIdentity.Member(officer.Id));

        var payload = DuesDriver.Payload(result, "startAgencyDuesPayment");
        AssertNeutral(payload, excluded, Enumerable.Range(1, 5).Select(i => new[] { "input", "memberIds", $"{i}" }));
        Assert.Equal(JsonValueKind.Null, payload.At("payment").ValueKind);
        Assert.Empty(await dues.PaymentsOfAsync(colleague));
        Assert.Equal(requests, Api.Stripe.Requests.Count);
    }

    [SkippableFact]
    public async Task An_agency_block_names_only_current_officers_and_refuses_the_rest_alike()
    {
        var (agency, other) = (await Data.AgencyAsync(), await Data.AgencyAsync());
        var (conference, type) = await OnSaleAsync(shape: t => t["requiresGoodStanding"] = true);
        var officer = await MemberAsync(agency);
        var excluded = new[]
        {
            await Data.MemberAsync(await Data.PlanAsync(months: 12, graceDays: 30), agency, termStart: Data.Today.AddYears(-2)), // lapsed
            await Data.MemberAsync(await Data.PlanAsync(), agency, activated: false), // pending
            await MemberAsync(other),
            await Data.MemberAsync(await Data.PlanAsync(), agency, shape: m => m.AgencyConfirmedAt = null),
        };
        var attendees = new[] { TestData.MemberId(officer) }.Concat(excluded.Select(TestData.MemberId)).Append(TestData.Id("Member", Guid.CreateVersion7()));
        var before = await LedgerAsync();

        var payload = Payload(await BuyAsync(new
        {
            conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency),
            items = attendees.Select(id => new { ticketTypeId = type.GlobalId, attendee = new { memberId = id } }).ToArray(),
        }, TestIdentity.Member(officer.Id)));

        AssertNeutral(payload, excluded, Enumerable.Range(1, 5).Select(i => new[] { "input", "items", $"{i}", "attendee", "memberId" }));
        Assert.Equal(before, await LedgerAsync());
    }

    [SkippableFact]
    public async Task Naming_an_attendee_later_answers_a_lapsed_colleague_like_an_unknown_member()
    {
        var agency = await Data.AgencyAsync();
        var (conference, type) = await OnSaleAsync();
        var officer = await MemberAsync(agency);
        var current = await MemberAsync(agency);
        var lapsed = await Data.MemberAsync(await Data.PlanAsync(months: 12, graceDays: 30), agency, termStart: Data.Today.AddYears(-2));
        var order = Placed(await BuyAsync(new
        {
            conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency), items = new[] { new { ticketTypeId = type.GlobalId }, new { ticketTypeId = type.GlobalId } },
        }, TestIdentity.Member(officer.Id)));
        var ticket = order.Order.At("tickets.0.id").GetString()!;
        Task<GraphQLResult> NameAsync(string memberId) => Client.PostAsync(Assign, new { i = new { ticketId = ticket, attendee = new { memberId } } }, TestIdentity.Member(officer.Id));

        var asLapsed = (await NameAsync(TestData.MemberId(lapsed))).Data.At("assignTicketAttendee");
        var asUnknown = (await NameAsync(TestData.Id("Member", Guid.CreateVersion7()))).Data.At("assignTicketAttendee");
        var asCurrent = (await NameAsync(TestData.MemberId(current))).Data.At("assignTicketAttendee");

        Assert.Equal(asUnknown.At("userErrors").ToString(), asLapsed.At("userErrors").ToString());
        AssertNeutral(asLapsed, [lapsed], [["input", "attendee", "memberId"]]);
        MutationAssert.Succeeded(asCurrent, "ticket");
    }

    /// <summary>Exactly these errors, each CANNOT_INCLUDE_MEMBER with the same message, naming no member.</summary>
    private static void AssertNeutral(JsonElement payload, IEnumerable<Member> excluded, IEnumerable<string[]> fields)
    {
        var errors = payload.At("userErrors").EnumerateArray().ToList();
        Assert.Equal(fields.Select(f => MutationAssert.Describe("CANNOT_INCLUDE_MEMBER", f)), MutationAssert.ErrorsOf(payload));
        Assert.All(errors, e => Assert.Equal(OtherMembers.CannotIncludeMessage, e.Str("message")));
        foreach (var member in excluded)
        {
            Assert.DoesNotContain(member.MemberNumber, payload.ToString(), StringComparison.Ordinal);
        }
    }
}

public sealed class OtherMemberErrorTestsOnSqlite(SqliteApi api) : OtherMemberErrorTests(api), IClassFixture<SqliteApi>;

public sealed class OtherMemberErrorTestsOnPostgreSql(PostgreSqlApi api) : OtherMemberErrorTests(api), IClassFixture<PostgreSqlApi>;

public sealed class OtherMemberErrorTestsOnSqlServer(SqlServerApi api) : OtherMemberErrorTests(api), IClassFixture<SqlServerApi>;
