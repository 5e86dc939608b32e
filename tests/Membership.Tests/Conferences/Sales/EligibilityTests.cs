using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Sales;

/// <summary>Who may buy what for whom: members-only and good-standing types, naming other members, and agencies buying blocks.</summary>
public abstract class EligibilityTests(ApiFixture api) : SalesTest(api)
{
    [SkippableFact]
    public async Task A_members_only_type_is_refused_to_a_guest()
    {
        var (conference, type) = await OnSaleAsync(shape: t => t["membersOnly"] = true);

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(type)]), TestIdentity.Anonymous, MutationAssert.Describe("MEMBERS_ONLY", "input", "items", "0", "attendee", "memberId"));
    }

    [SkippableFact]
    public async Task A_type_that_needs_good_standing_is_for_members_and_refused_to_a_guest()
    {
        var (conference, type) = await OnSaleAsync(shape: t => t["requiresGoodStanding"] = true);

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(type)]), TestIdentity.Anonymous, MutationAssert.Describe("MEMBERS_ONLY", "input", "items", "0", "attendee", "memberId"));
    }

    [SkippableFact]
    public async Task A_members_only_type_is_refused_for_a_guest_a_member_brings()
    {
        var (conference, type) = await OnSaleAsync(shape: t => t["membersOnly"] = true);
        var member = await MemberAsync();

        await AssertRefusedAsync(new { conferenceId = conference.GlobalId, items = new[] { ForMember(type, member), ForGuest(type) } }, TestIdentity.Member(member.Id),
            MutationAssert.Describe("MEMBERS_ONLY", "input", "items", "1", "attendee", "memberId"));
    }

    [SkippableFact]
    public async Task A_good_standing_type_is_refused_to_a_lapsed_member_and_sold_to_one_in_good_standing()
    {
        var (conference, type) = await OnSaleAsync(shape: t => (t["membersOnly"], t["requiresGoodStanding"]) = (true, true));
        var lapsed = await LapsedMemberAsync();
        var current = await MemberAsync();

        await AssertRefusedAsync(new { conferenceId = conference.GlobalId, items = new[] { ForMember(type, lapsed) } }, TestIdentity.Member(lapsed.Id),
            MutationAssert.Describe("NOT_IN_GOOD_STANDING", "input", "items", "0", "attendee", "memberId"));
        var (_, order) = Placed(await BuyAsync(new { conferenceId = conference.GlobalId, items = new[] { ForMember(type, current) } }, TestIdentity.Member(current.Id)));
        Assert.Equal(("PENDING", 45000), (order.Str("status"), order.At("total.amount").GetInt64()));
    }

    [SkippableTheory]
    [InlineData("lapsed")]
    [InlineData("suspended")]
    public async Task A_members_only_type_is_refused_to_a_member_whose_membership_is_not_current(string state)
    {
        var (conference, type) = await OnSaleAsync(shape: t => t["membersOnly"] = true);
        var member = state == "lapsed"
            ? await LapsedMemberAsync()
            : await Data.MemberAsync(await Data.PlanAsync(), shape: m => m.SuspendedAt = DateTimeOffset.UtcNow.AddDays(-1));

        await AssertRefusedAsync(new { conferenceId = conference.GlobalId, items = new[] { ForMember(type, member) } }, TestIdentity.Member(member.Id),
            MutationAssert.Describe("MEMBERS_ONLY", "input", "items", "0", "attendee", "memberId"));
    }

    [SkippableFact]
    public async Task A_members_only_type_is_sold_to_a_member_in_the_grace_after_expiry()
    {
        var (conference, type) = await OnSaleAsync(shape: t => t["membersOnly"] = true);
        var member = await Data.MemberAsync(await Data.PlanAsync(months: 12, graceDays: 30), termStart: Data.Today.AddYears(-1).AddDays(-10));

        var (_, order) = Placed(await BuyAsync(new { conferenceId = conference.GlobalId, items = new[] { ForMember(type, member) } }, TestIdentity.Member(member.Id)));

        Assert.Equal("PENDING", order.Str("status"));
    }

    [SkippableFact]
    public async Task A_member_naming_another_member_as_attendee_is_refused()
    {
        var (conference, type) = await OnSaleAsync();
        var buyer = await MemberAsync();
        var other = await MemberAsync();

        await AssertRefusedAsync(new { conferenceId = conference.GlobalId, items = new[] { ForMember(type, buyer), ForMember(type, other) } }, TestIdentity.Member(buyer.Id),
            MutationAssert.Describe("CANNOT_INCLUDE_MEMBER", "input", "items", "1", "attendee", "memberId"));
    }

    [SkippableFact]
    public async Task A_guest_naming_a_member_as_attendee_is_refused()
    {
        var (conference, type) = await OnSaleAsync();
        var member = await MemberAsync();

        await AssertRefusedAsync(GuestOrder(conference, [ForMember(type, member)]), TestIdentity.Anonymous,
            MutationAssert.Describe("CANNOT_INCLUDE_MEMBER", "input", "items", "0", "attendee", "memberId"));
    }

    [SkippableFact]
    public async Task Staff_may_name_any_member_as_attendee_at_the_members_price()
    {
        var (conference, type) = await OnSaleAsync(shape: t => (t["membersOnly"], t["requiresGoodStanding"]) = (true, true));
        var member = await MemberAsync();

        var (id, order) = Placed(await BuyAsync(new
        {
            conferenceId = conference.GlobalId, buyer = new { name = "Front Desk", email = "desk@example.org" }, items = new[] { ForMember(type, member) },
        }, TestIdentity.Staff));

        Assert.Equal(45000, order.At("total.amount").GetInt64());
        var row = await Tickets.OrderAsync(id);
        Assert.Equal((null, "desk@example.org"), (row.BuyerMemberId, row.BuyerEmail));
        Assert.Equal((member.Id, member.Email.ToLowerInvariant()), (row.Tickets[0].AttendeeMemberId, row.Tickets[0].AttendeeEmail));
    }

    [SkippableFact]
    public async Task Only_staff_may_buy_for_a_named_member()
    {
        var (conference, type) = await OnSaleAsync();
        var buyer = await MemberAsync();
        var other = await MemberAsync();
        var before = await LedgerAsync();

        var result = await BuyAsync(new { conferenceId = conference.GlobalId, buyer = new { memberId = TestData.MemberId(other) }, items = new[] { ForGuest(type) } },
            TestIdentity.Member(buyer.Id));

        MutationAssert.Forbidden(result, "purchaseTickets");
        Assert.Equal(before, await LedgerAsync());
        var (id, _) = Placed(await BuyAsync(new { conferenceId = conference.GlobalId, buyer = new { memberId = TestData.MemberId(other) }, items = new[] { ForMember(type, other) } },
            TestIdentity.Staff));
        Assert.Equal(other.Id, (await Tickets.OrderAsync(id)).BuyerMemberId);
    }

    [SkippableFact]
    public async Task An_agency_buys_a_block_leaving_attendees_unnamed_and_naming_its_own_officers()
    {
        var agency = await Data.AgencyAsync();
        var members = await Data.MembersAsync(2, await Data.PlanAsync(), agency);
        var (conference, type) = await OnSaleAsync();
        var unnamed = new { ticketTypeId = type.GlobalId };

        var (id, order) = Placed(await BuyAsync(new
        {
            conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency), items = new object[] { unnamed, unnamed, ForMember(type, members[1]) },
        }, TestIdentity.Member(members[0].Id)));

        Assert.Equal(("PENDING", 3), (order.Str("status"), order.GetProperty("tickets").GetArrayLength()));
        var row = await Tickets.OrderAsync(id);
        Assert.Equal((agency.Id, members[0].Id), (row.BuyerAgencyId, row.BuyerMemberId));
        Assert.Equal([null, null, members[1].Id], row.Tickets.OrderBy(t => t.AttendeeMemberId is not null).Select(t => t.AttendeeMemberId));
        Assert.Equal(2, row.Tickets.Count(t => t.AttendeeName is null));
        Assert.Equal(45000 + (2 * 60000), row.Total); // unnamed seats pay the non-member price
    }

    [SkippableFact]
    public async Task An_agency_order_may_not_name_a_member_of_another_agency()
    {
        var agency = await Data.AgencyAsync();
        var buyer = await MemberAsync(agency);
        var stranger = await MemberAsync(await Data.AgencyAsync());
        var (conference, type) = await OnSaleAsync();

        await AssertRefusedAsync(new { conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency), items = new[] { ForMember(type, stranger) } },
            TestIdentity.Member(buyer.Id), MutationAssert.Describe("CANNOT_INCLUDE_MEMBER", "input", "items", "0", "attendee", "memberId"));
    }

    [SkippableFact]
    public async Task An_agency_order_checks_the_names_and_addresses_it_does_give()
    {
        var agency = await Data.AgencyAsync();
        var buyer = await MemberAsync(agency);
        var (conference, type) = await OnSaleAsync();

        await AssertRefusedAsync(new
        {
            conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency),
            items = new[] { ForGuest(type, new string('x', 300), "guest@example.org"), ForGuest(type, "Lee Guest", "not an address") },
        }, TestIdentity.Member(buyer.Id),
            MutationAssert.Describe("TOO_LONG", "input", "items", "0", "attendee", "name"), MutationAssert.Describe("INVALID_EMAIL", "input", "items", "1", "attendee", "email"));
    }

    [SkippableFact]
    public async Task A_member_of_another_agency_is_forbidden_to_buy_for_the_agency()
    {
        var agency = await Data.AgencyAsync();
        await MemberAsync(agency);
        var outsider = await MemberAsync(await Data.AgencyAsync());
        var (conference, type) = await OnSaleAsync();
        var input = new { conferenceId = conference.GlobalId, agencyId = TestData.AgencyId(agency), items = new[] { new { ticketTypeId = type.GlobalId } } };
        var before = await LedgerAsync();

        var byOutsider = await BuyAsync(input, TestIdentity.Member(outsider.Id));
        var byGuest = await BuyAsync(new { input.conferenceId, input.agencyId, input.items, buyer = new { name = "Pat Buyer", email = "pat@example.org" } }, TestIdentity.Anonymous);

        MutationAssert.Forbidden(byOutsider, "purchaseTickets");
        MutationAssert.Forbidden(byGuest, "purchaseTickets");
        Assert.Equal(before, await LedgerAsync());
    }

    [SkippableFact]
    public async Task Only_an_agency_order_may_leave_an_attendee_unnamed()
    {
        var (conference, type) = await OnSaleAsync();
        var member = await MemberAsync();

        await AssertRefusedAsync(new { conferenceId = conference.GlobalId, items = new object[] { ForMember(type, member), new { ticketTypeId = type.GlobalId } } },
            TestIdentity.Member(member.Id), RequiredAttendee(1));
    }

    /// <summary>An item without attendee: both its name and e-mail are required.</summary>
    internal static string[] RequiredAttendee(int item) =>
    [
        MutationAssert.Describe("REQUIRED", "input", "items", item.ToString(System.Globalization.CultureInfo.InvariantCulture), "attendee", "name"),
        MutationAssert.Describe("REQUIRED", "input", "items", item.ToString(System.Globalization.CultureInfo.InvariantCulture), "attendee", "email"),
    ];
}

public sealed class EligibilityTestsOnSqlite(SqliteApi api) : EligibilityTests(api), IClassFixture<SqliteApi>;

public sealed class EligibilityTestsOnPostgreSql(PostgreSqlApi api) : EligibilityTests(api), IClassFixture<PostgreSqlApi>;

public sealed class EligibilityTestsOnSqlServer(SqlServerApi api) : EligibilityTests(api), IClassFixture<SqlServerApi>;
