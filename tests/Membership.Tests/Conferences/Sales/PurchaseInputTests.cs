using Membership.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Sales;

/// <summary>purchaseTickets refusing bad input: each with its stable code and field path, and nothing written (no order, no seat, no voucher use, no checkout).</summary>
public abstract class PurchaseInputTests(ApiFixture api) : SalesTest(api)
{
    [SkippableFact]
    public async Task A_conference_id_that_is_not_one_is_INVALID_ID()
    {
        var type = await Tickets.TicketTypeAsync(await Tickets.ConferenceAsync());

        await AssertRefusedAsync(GuestOrder(new Made(Guid.Empty, "not-an-id"), [ForGuest(type)]), TestIdentity.Anonymous,
            MutationAssert.Describe("INVALID_ID", "input", "conferenceId"));
        await AssertRefusedAsync(GuestOrder(new Made(Guid.Empty, type.GlobalId), [ForGuest(type)]), TestIdentity.Anonymous,
            MutationAssert.Describe("INVALID_ID", "input", "conferenceId"));
    }

    [SkippableFact]
    public async Task Attendee_and_buyer_names_carrying_line_breaks_or_links_are_INVALID_NAME()
    {
        var (conference, type) = await OnSaleAsync();
        var order = GuestOrder(conference, [ForGuest(type, name: "Sam\r\nBcc: everyone@example.org"), ForGuest(type, name: "Visit http://evil.example")]);

        await AssertRefusedAsync(order, TestIdentity.Anonymous,
            MutationAssert.Describe("INVALID_NAME", "input", "items", "0", "attendee", "name"), MutationAssert.Describe("INVALID_NAME", "input", "items", "1", "attendee", "name"));
        var buyer = new { conferenceId = conference.GlobalId, buyer = new { name = "Pat evil.com", email = "pat.buyer@example.org" }, items = new[] { ForGuest(type) } };
        await AssertRefusedAsync(buyer, TestIdentity.Anonymous, MutationAssert.Describe("INVALID_NAME", "input", "buyer", "name"));
    }

    [SkippableFact]
    public async Task An_unknown_conference_is_NOT_FOUND()
    {
        var type = await Tickets.TicketTypeAsync(await Tickets.ConferenceAsync());
        var unknown = GlobalId.Encode("Conference", Guid.CreateVersion7());

        await AssertRefusedAsync(GuestOrder(new Made(Guid.Empty, unknown), [ForGuest(type)]), TestIdentity.Anonymous, MutationAssert.Describe("NOT_FOUND", "input", "conferenceId"));
    }

    [SkippableFact]
    public async Task A_ticket_type_id_that_is_not_one_is_INVALID_ID()
    {
        var conference = await Tickets.ConferenceAsync();

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(conference)]), TestIdentity.Anonymous, MutationAssert.Describe("INVALID_ID", "input", "items", "0", "ticketTypeId"));
    }

    [SkippableTheory]
    [InlineData("DRAFT")]
    [InlineData("CLOSED")]
    [InlineData("CANCELLED")]
    public async Task A_conference_not_on_sale_is_NOT_ON_SALE(string status)
    {
        var (conference, type) = await OnSaleAsync(status: status);

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(type)]), TestIdentity.Anonymous, MutationAssert.Describe("NOT_ON_SALE", "input", "conferenceId"));
    }

    [SkippableFact]
    public async Task A_conference_whose_registration_has_closed_is_NOT_ON_SALE()
    {
        var (conference, type) = await OnSaleAsync();
        var now = DateTimeOffset.UtcNow;
        await StaffChangesAsync("updateConference", "conference", new { id = conference.GlobalId, registrationOpensAt = now.AddDays(-3), registrationClosesAt = now.AddDays(-1) });

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(type)]), TestIdentity.Anonymous, MutationAssert.Describe("NOT_ON_SALE", "input", "conferenceId"));
    }

    [SkippableFact]
    public async Task A_ticket_type_of_another_conference_is_NOT_FOUND()
    {
        var conference = await Tickets.ConferenceAsync();
        await Tickets.TicketTypeAsync(conference);
        var foreign = await Tickets.TicketTypeAsync(await Tickets.ConferenceAsync());

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(foreign)]), TestIdentity.Anonymous, MutationAssert.Describe("NOT_FOUND", "input", "items", "0", "ticketTypeId"));
    }

    [SkippableFact]
    public async Task A_ticket_type_outside_its_sales_window_is_NOT_ON_SALE()
    {
        var conference = await Tickets.ConferenceAsync();
        var now = DateTimeOffset.UtcNow;
        var later = await Tickets.TicketTypeAsync(conference, shape: t => t["salesStartAt"] = now.AddDays(2));
        var over = await Tickets.TicketTypeAsync(conference, shape: t => (t["salesStartAt"], t["salesEndAt"]) = (now.AddDays(-2), now.AddMinutes(-5)));

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(later), ForGuest(over)]), TestIdentity.Anonymous,
            MutationAssert.Describe("NOT_ON_SALE", "input", "items", "0", "ticketTypeId"), MutationAssert.Describe("NOT_ON_SALE", "input", "items", "1", "ticketTypeId"));
    }

    [SkippableFact]
    public async Task An_order_of_no_tickets_or_more_than_fifty_is_OUT_OF_RANGE()
    {
        var conference = await Tickets.ConferenceAsync();
        var first = await Tickets.TicketTypeAsync(conference, shape: t => t["maxPerOrder"] = 50);
        var second = await Tickets.TicketTypeAsync(conference, shape: t => t["maxPerOrder"] = 50);

        await AssertRefusedAsync(GuestOrder(conference, []), TestIdentity.Anonymous, MutationAssert.Describe("OUT_OF_RANGE", "input", "items"));
        await AssertRefusedAsync(GuestOrder(conference, Enumerable.Range(0, 51).Select(i => ForGuest(i % 2 == 0 ? first : second))), TestIdentity.Anonymous,
            MutationAssert.Describe("OUT_OF_RANGE", "input", "items"));
    }

    [SkippableFact]
    public async Task More_tickets_of_a_type_than_its_maxPerOrder_is_OUT_OF_RANGE()
    {
        var (conference, type) = await OnSaleAsync(shape: t => t["maxPerOrder"] = 2);

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(type), ForGuest(type), ForGuest(type)]), TestIdentity.Anonymous,
            MutationAssert.Describe("OUT_OF_RANGE", "input", "items"));
    }

    [SkippableFact]
    public async Task An_attendee_without_a_name_or_e_mail_is_REQUIRED_and_a_bad_address_INVALID_EMAIL()
    {
        var (conference, type) = await OnSaleAsync();

        await AssertRefusedAsync(GuestOrder(conference, [new { ticketTypeId = type.GlobalId }]), TestIdentity.Anonymous, EligibilityTests.RequiredAttendee(0));
        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(type, " ", "sam@example.org"), ForGuest(type, "Sam Guest", "sam@")]), TestIdentity.Anonymous,
            MutationAssert.Describe("REQUIRED", "input", "items", "0", "attendee", "name"), MutationAssert.Describe("INVALID_EMAIL", "input", "items", "1", "attendee", "email"));
    }

    [SkippableFact]
    public async Task A_voucher_code_unknown_to_the_conference_or_out_of_its_dates_is_INVALID_VOUCHER()
    {
        var (conference, type) = await OnSaleAsync();
        var other = await Tickets.ConferenceAsync();
        var elsewhere = NewCode("ELSEWHERE");
        await Tickets.VoucherAsync(other, [await Tickets.TicketTypeAsync(other)], elsewhere, maxUses: 5, percentOff: 10);
        var expired = NewCode("EXPIRED");
        var voucher = await Tickets.VoucherAsync(conference, [type], expired, maxUses: 5, percentOff: 10);
        await StaffChangesAsync("updateVoucher", "voucher", new { id = voucher.GlobalId, validUntil = DateTimeOffset.UtcNow.AddMinutes(-1) });

        foreach (var code in new[] { "NO-SUCH-CODE", elsewhere, expired })
        {
            await AssertRefusedAsync(GuestOrder(conference, [ForGuest(type)], code), TestIdentity.Anonymous, MutationAssert.Describe("INVALID_VOUCHER", "input", "voucherCode"));
        }
    }

    [SkippableFact]
    public async Task A_guest_must_give_their_name_and_e_mail()
    {
        var (conference, type) = await OnSaleAsync();

        await AssertRefusedAsync(new { conferenceId = conference.GlobalId, items = new[] { ForGuest(type) } }, TestIdentity.Anonymous,
            MutationAssert.Describe("REQUIRED", "input", "buyer", "name"), MutationAssert.Describe("REQUIRED", "input", "buyer", "email"));
        await AssertRefusedAsync(new { conferenceId = conference.GlobalId, buyer = new { name = "Pat Buyer", email = "pat at example.org" }, items = new[] { ForGuest(type) } },
            TestIdentity.Anonymous, MutationAssert.Describe("INVALID_EMAIL", "input", "buyer", "email"));
    }

    [SkippableFact]
    public async Task Tickets_in_two_currencies_are_INVALID_CURRENCY()
    {
        var conference = await Tickets.ConferenceAsync();
        var dollars = await Tickets.TicketTypeAsync(conference);
        var euros = await Tickets.TicketTypeAsync(conference, shape: t => t["currency"] = "EUR");

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(dollars), ForGuest(euros)]), TestIdentity.Anonymous, MutationAssert.Describe("INVALID_CURRENCY", "input", "items"));
    }

    [SkippableFact]
    public async Task An_offer_code_that_was_never_made_is_INVALID_OFFER()
    {
        var (conference, type) = await OnSaleAsync();

        await AssertRefusedAsync(new { conferenceId = conference.GlobalId, offerCode = "0123456789abcdef0123456789abcdef", buyer = new { name = "Pat Buyer", email = "pat@example.org" },
            items = new[] { ForGuest(type) } }, TestIdentity.Anonymous, MutationAssert.Describe("INVALID_OFFER", "input", "offerCode"));
    }

    [SkippableFact]
    public async Task A_sold_out_type_is_SOLD_OUT_and_the_seats_taken_stay_as_they_were()
    {
        var (conference, type) = await OnSaleAsync(quota: 2);
        Placed(await GuestBuysAsync(conference, [ForGuest(type)]));
        var before = await LedgerAsync();

        var payload = Payload(await GuestBuysAsync(conference, [ForGuest(type), ForGuest(type)]));

        MutationAssert.Failed(payload, "order", "SOLD_OUT", "input", "items");
        Assert.Equal(before, await LedgerAsync());
        Assert.Equal((1, 1, 1), await Tickets.CountsAsync(conference, type));
    }

    [SkippableFact]
    public async Task A_voucher_with_fewer_uses_left_than_tickets_it_would_discount_is_VOUCHER_EXHAUSTED()
    {
        var (conference, type, code, voucher) = await DiscountedAsync(maxUses: 3, percentOff: 10);
        Placed(await GuestBuysAsync(conference, [ForGuest(type), ForGuest(type)], code));

        await AssertRefusedAsync(GuestOrder(conference, [ForGuest(type), ForGuest(type)], code), TestIdentity.Anonymous,
            MutationAssert.Describe("VOUCHER_EXHAUSTED", "input", "voucherCode"));

        Placed(await GuestBuysAsync(conference, [ForGuest(type)], code));
        Assert.Equal(3, (await VoucherRowAsync(voucher)).Used);
    }
}

public sealed class PurchaseInputTestsOnSqlite(SqliteApi api) : PurchaseInputTests(api), IClassFixture<SqliteApi>;

public sealed class PurchaseInputTestsOnPostgreSql(PostgreSqlApi api) : PurchaseInputTests(api), IClassFixture<PostgreSqlApi>;

public sealed class PurchaseInputTestsOnSqlServer(SqlServerApi api) : PurchaseInputTests(api), IClassFixture<SqlServerApi>;
