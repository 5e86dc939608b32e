using Membership.Conferences;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Lifecycle;

/// <summary>Waiting lists: joined only when sold out; a freed seat is held for the first person waiting and offered by mail, in turn, for a limited time.</summary>
public abstract class WaitingListTests(ApiFixture api) : LifecycleTest(api)
{
    [SkippableFact]
    public async Task Joining_the_waiting_list_of_a_type_that_is_not_sold_out_is_refused()
    {
        var (_, type) = await EventAsync(seats: 2);
        var member = await MemberAsync();

        MutationAssert.Failed((await JoinAsync(type.GlobalId, TestIdentity.Member(member.Id))).Data.GetProperty("joinWaitingList"), "entry", "NOT_SOLD_OUT", "input", "ticketTypeId");

        Assert.Equal(0, await WaitingCountAsync(type));
    }

    [SkippableFact]
    public async Task A_member_joins_once_and_a_second_join_is_already_waiting()
    {
        var sold = await SoldOutAsync();
        var member = await MemberAsync();

        var entry = MutationAssert.Succeeded((await JoinAsync(sold.Type.GlobalId, TestIdentity.Member(member.Id))).Data.GetProperty("joinWaitingList"), "entry");
        var again = await JoinAsync(sold.Type.GlobalId, TestIdentity.Member(member.Id));

        Assert.Equal("WAITING", entry.Str("status"));
        var row = await EntryAsync(TicketDriver.Key(entry));
        Assert.Equal((member.Id, member.Email, $"{member.FirstName} {member.LastName}"), (row.MemberId, row.Email, row.Name));
        MutationAssert.Failed(again.Data.GetProperty("joinWaitingList"), "entry", "ALREADY_WAITING", "input", "ticketTypeId");
        Assert.Equal(1, await WaitingCountAsync(sold.Type));
    }

    [SkippableFact]
    public async Task Five_joins_by_one_member_at_the_same_moment_make_one_entry()
    {
        var sold = await SoldOutAsync();
        var member = await MemberAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => JoinAsync(sold.Type.GlobalId, TestIdentity.Member(member.Id))));

        var payloads = results.Select(r => r.Data.GetProperty("joinWaitingList")).ToList();
        Assert.Single(payloads, p => p.UserErrorCodes().Count == 0);
        Assert.All(payloads.Where(p => p.UserErrorCodes().Count > 0), p => MutationAssert.Failed(p, "entry", "ALREADY_WAITING", "input", "ticketTypeId"));
        Assert.Equal(1, await WaitingCountAsync(sold.Type));
    }

    [SkippableFact]
    public async Task Five_joins_by_one_address_at_the_same_moment_make_one_entry_whatever_the_case_of_the_address()
    {
        var sold = await SoldOutAsync();
        var email = $"{TestData.Unique("waiting")}@example.org";

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => JoinAsync(sold.Type.GlobalId, TestIdentity.Anonymous, "Sam Guest", i % 2 == 0 ? email : email.ToUpperInvariant())));

        Assert.Single(results, r => r.Data.GetProperty("joinWaitingList").UserErrorCodes().Count == 0);
        Assert.Equal(1, await WaitingCountAsync(sold.Type));
    }

    [SkippableFact]
    public async Task Leaving_the_waiting_list_lets_the_person_join_it_again()
    {
        var sold = await SoldOutAsync();
        var member = await MemberAsync();
        var first = await JoinedAsync(sold.Type, member);
        MutationAssert.Succeeded((await LeaveAsync(EntryId(first), TestIdentity.Member(member.Id))).Data.GetProperty("leaveWaitingList"), "entry");

        var again = await JoinedAsync(sold.Type, member);

        Assert.Equal((WaitingStatus.Left, (string?)null), ((await EntryAsync(first)).Status, (await EntryAsync(first)).OpenKey));
        Assert.Equal(WaitingStatus.Waiting, (await EntryAsync(again)).Status);
    }

    [SkippableFact]
    public async Task Someone_not_signed_in_joins_with_a_name_and_email()
    {
        var sold = await SoldOutAsync();
        var email = $"{TestData.Unique("Waiting.Guest")}@Example.org";

        var result = await JoinAsync(sold.Type.GlobalId, TestIdentity.Anonymous, "  Sam Guest ", email);

        var entry = await EntryAsync(TicketDriver.Key(MutationAssert.Succeeded(result.Data.GetProperty("joinWaitingList"), "entry")));
        Assert.Equal((WaitingStatus.Waiting, "Sam Guest", email.ToLowerInvariant(), (Guid?)null), (entry.Status, entry.Name, entry.Email, entry.MemberId));
        MutationAssert.Failed((await JoinAsync(sold.Type.GlobalId, TestIdentity.Anonymous, "Sam Guest", email)).Data.GetProperty("joinWaitingList"), "entry", "ALREADY_WAITING", "input", "ticketTypeId");
    }

    [SkippableFact]
    public async Task A_seat_freed_by_a_cancellation_is_offered_by_mail_to_the_first_person_waiting_and_stays_held()
    {
        var (sold, first, firstEntry, second, secondEntry) = await FirstOfTwoOfferedAsync();

        var offered = await EntryAsync(firstEntry);
        Assert.Equal(WaitingStatus.Offered, offered.Status);
        Assert.Equal(offered.OfferCode, await OfferCodeMailedToAsync(first.Email));
        Assert.Equal(WaitingStatus.Waiting, (await EntryAsync(secondEntry)).Status);
        Assert.Empty(await MailsToAsync(second.Email));
        await AssertSeatsAsync(sold.Conference, sold.Type, 1);
    }

    [SkippableFact]
    public async Task The_offer_code_buys_the_held_seat_while_everyone_else_finds_the_type_sold_out()
    {
        var sold = await SoldOutAsync();
        var waiting = await MemberAsync();
        var entry = await JoinedAsync(sold.Type, waiting);
        await CancelledAsync(sold.Order, TestIdentity.Member(sold.Buyer.Id));

        var other = await Tickets.MemberPurchaseAsync(sold.Conference, sold.Type, await MemberAsync());
        Assert.True((await NodeAsync(sold.Type.GlobalId, "... on TicketType { soldOut }", TestIdentity.Member(waiting.Id))).GetProperty("soldOut").GetBoolean());
        var offer = await OfferPurchaseAsync(sold, waiting, await OfferCodeMailedToAsync(waiting.Email));

        MutationAssert.Failed(other.Data.GetProperty("purchaseTickets"), "order", "SOLD_OUT", "input", "items");
        var order = TicketDriver.Key(TicketDriver.Ordered(offer));
        await Tickets.PaidAsync(order);
        AssertTickets(await Tickets.OrderAsync(order), TicketStatus.Valid);
        Assert.Equal(WaitingStatus.Accepted, (await EntryAsync(entry)).Status);
        await AssertSeatsAsync(sold.Conference, sold.Type, 1);
    }

    [SkippableFact]
    public async Task A_seat_freed_by_an_expired_order_is_offered_to_the_first_person_waiting()
    {
        var (conference, type) = await EventAsync(seats: 1);
        await PendingAsync(conference, type, await MemberAsync());
        var waiting = await MemberAsync();
        var entry = await JoinedAsync(type, waiting);

        await TicketDriver.ExpireAsync(Later(HoldPassed));

        Assert.Equal(WaitingStatus.Offered, (await EntryAsync(entry)).Status);
        Assert.NotEmpty(await OfferCodeMailedToAsync(waiting.Email));
        await AssertSeatsAsync(conference, type, 1);
    }

    [SkippableFact]
    public async Task An_offer_past_its_time_lapses_and_the_next_person_is_offered()
    {
        var (sold, first, firstEntry, second, secondEntry) = await FirstOfTwoOfferedAsync();
        var lapsed = await OfferCodeMailedToAsync(first.Email);

        await TicketDriver.ExpireAsync(Later(OfferPassed));

        Assert.Equal(WaitingStatus.Expired, (await EntryAsync(firstEntry)).Status);
        var next = await EntryAsync(secondEntry);
        Assert.Equal(WaitingStatus.Offered, next.Status);
        Assert.Equal(next.OfferCode, await OfferCodeMailedToAsync(second.Email));
        await AssertSeatsAsync(sold.Conference, sold.Type, 1);
        var late = await OfferPurchaseAsync(sold, first, lapsed);
        MutationAssert.Failed(late.Data.GetProperty("purchaseTickets"), "order", "INVALID_OFFER", "input", "offerCode");
    }

    [SkippableFact]
    public async Task Leaving_with_an_open_offer_passes_the_seat_to_the_next_person()
    {
        var (sold, first, firstEntry, second, secondEntry) = await FirstOfTwoOfferedAsync();

        var left = MutationAssert.Succeeded((await LeaveAsync(EntryId(firstEntry), TestIdentity.Member(first.Id))).Data.GetProperty("leaveWaitingList"), "entry");

        Assert.Equal("LEFT", left.Str("status"));
        Assert.Equal(WaitingStatus.Left, (await EntryAsync(firstEntry)).Status);
        Assert.Equal(WaitingStatus.Offered, (await EntryAsync(secondEntry)).Status);
        Assert.NotEmpty(await OfferCodeMailedToAsync(second.Email));
        await AssertSeatsAsync(sold.Conference, sold.Type, 1);
        MutationAssert.Failed((await LeaveAsync(EntryId(firstEntry), TestIdentity.Member(first.Id))).Data.GetProperty("leaveWaitingList"), "entry", "NOT_CANCELLABLE", "input", "entryId");
    }

    [SkippableFact]
    public async Task Leaving_with_an_open_offer_when_nobody_else_waits_puts_the_seat_back_on_sale()
    {
        var sold = await SoldOutAsync();
        var waiting = await MemberAsync();
        var entry = await JoinedAsync(sold.Type, waiting);
        await CancelledAsync(sold.Order, TestIdentity.Staff);

        MutationAssert.Succeeded((await LeaveAsync(EntryId(entry), TestIdentity.Member(waiting.Id))).Data.GetProperty("leaveWaitingList"), "entry");

        await AssertSeatsAsync(sold.Conference, sold.Type, 0);
        TicketDriver.Ordered(await Tickets.MemberPurchaseAsync(sold.Conference, sold.Type, await MemberAsync()));
    }

    [SkippableFact]
    public async Task Freed_seats_are_offered_in_the_order_people_joined()
    {
        var sold = await SoldOutAsync(seats: 2);
        List<Guid> entries = [];
        foreach (var member in new[] { await MemberAsync(), await MemberAsync(), await MemberAsync() })
        {
            entries.Add(await JoinedAsync(sold.Type, member));
        }

        await CancelledAsync(sold.Order, TestIdentity.Staff);

        List<WaitingStatus> statuses = [];
        foreach (var entry in entries)
        {
            statuses.Add((await EntryAsync(entry)).Status);
        }

        Assert.Equal([WaitingStatus.Offered, WaitingStatus.Offered, WaitingStatus.Waiting], statuses);
        await AssertSeatsAsync(sold.Conference, sold.Type, 2);
    }

    [SkippableFact]
    public async Task A_person_waiting_because_the_conference_was_full_is_offered_a_seat_freed_from_another_type()
    {
        var conference = await Tickets.ConferenceAsync(capacity: 1);
        var (sold, wanted) = (await Tickets.TicketTypeAsync(conference, quota: 1), await Tickets.TicketTypeAsync(conference, quota: 1));
        var order = await PaidAsync(conference, sold, await MemberAsync());
        var entry = await JoinedAsync(wanted, await MemberAsync());

        await CancelledAsync(order, TestIdentity.Staff);

        Assert.Equal(WaitingStatus.Offered, (await EntryAsync(entry)).Status);
        var newcomer = await Tickets.MemberPurchaseAsync(conference, wanted, await MemberAsync());
        MutationAssert.Failed(newcomer.Data.GetProperty("purchaseTickets"), "order", "SOLD_OUT", "input", "items");
    }

    /// <summary>Two members wait, in this order, for a sold-out type; then its order is cancelled and the first is offered the seat.</summary>
    private async Task<(Sale Sold, Member First, Guid FirstEntry, Member Second, Guid SecondEntry)> FirstOfTwoOfferedAsync()
    {
        var sold = await SoldOutAsync();
        var (first, second) = (await MemberAsync(), await MemberAsync());
        var (firstEntry, secondEntry) = (await JoinedAsync(sold.Type, first), await JoinedAsync(sold.Type, second));
        await CancelledAsync(sold.Order, TestIdentity.Staff);
        return (sold, first, firstEntry, second, secondEntry);
    }

    /// <summary>A member buys, for themself, the one ticket an offer code holds.</summary>
    private Task<GraphQLResult> OfferPurchaseAsync(Sale sold, Member member, string offerCode) => Tickets.PurchaseAsync(new
    {
        conferenceId = sold.Conference.GlobalId, offerCode,
        items = new[] { new { ticketTypeId = sold.Type.GlobalId, attendee = new { memberId = TestData.MemberId(member) } } },
    }, TestIdentity.Member(member.Id));

    private async Task<int> WaitingCountAsync(Made type)
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        return await db.WaitingList.CountAsync(w => w.TicketTypeId == type.Id);
    }
}

public sealed class WaitingListTestsOnSqlite(SqliteApi api) : WaitingListTests(api), IClassFixture<SqliteApi>;

public sealed class WaitingListTestsOnPostgreSql(PostgreSqlApi api) : WaitingListTests(api), IClassFixture<PostgreSqlApi>;

public sealed class WaitingListTestsOnSqlServer(SqlServerApi api) : WaitingListTests(api), IClassFixture<SqlServerApi>;
