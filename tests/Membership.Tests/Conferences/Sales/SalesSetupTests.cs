using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Conferences.Sales;

/// <summary>Staff setting up what is sold: conferences, ticket types and vouchers refuse bad input field by field, and only staff may change them.</summary>
public abstract class SalesSetupTests(ApiFixture api) : SalesTest(api)
{
    /// <summary>A value of an input field: for a date field, the number of days from now.</summary>
    private static object? Value(string field, object? value) =>
        value is int days && (field.EndsWith("At", StringComparison.Ordinal) || field.EndsWith("Until", StringComparison.Ordinal) || field.EndsWith("From", StringComparison.Ordinal))
            ? DateTimeOffset.UtcNow.AddDays(days)
            : value;

    [SkippableTheory]
    [InlineData("endsAt", 39, "DATE_OUT_OF_RANGE")]
    [InlineData("registrationClosesAt", 45, "DATE_OUT_OF_RANGE")]
    [InlineData("timeZone", "Mars/Olympus_Mons", "INVALID_FORMAT")]
    [InlineData("timeZone", "UTC", "INVALID_FORMAT")]
    [InlineData("state", "ZZ", "INVALID_STATE")]
    [InlineData("capacity", 0, "OUT_OF_RANGE")]
    public async Task A_conference_with_a_bad_field_is_refused(string field, object value, string code)
    {
        var input = new Dictionary<string, object?>
        {
            ["name"] = TestData.Unique("Conference "), ["venue"] = "Gaylord Opryland", ["city"] = "Nashville", ["state"] = "TN", ["timeZone"] = "America/Chicago",
            ["startsAt"] = Value("startsAt", 40), ["endsAt"] = Value("endsAt", 44), ["capacity"] = 100, ["registrationOpensAt"] = Value("registrationOpensAt", -1),
            ["registrationClosesAt"] = Value("registrationClosesAt", 30), ["refundCutoffAt"] = Value("refundCutoffAt", 20), ["transferCutoffAt"] = Value("transferCutoffAt", 30),
            [field] = Value(field, value),
        };

        await AssertSetupRefusedAsync("createConference", "conference", input, code, field);
    }

    [SkippableTheory]
    [InlineData("quota", 101, "OUT_OF_RANGE", "quota")]
    [InlineData("memberPrice", -1, "OUT_OF_RANGE", "memberPrice")]
    [InlineData("nonMemberPrice", -100, "OUT_OF_RANGE", "nonMemberPrice")]
    [InlineData("earlyBirdMemberPrice", 35000, "REQUIRED", "earlyBirdUntil")]
    [InlineData("earlyBirdNonMemberPrice", 50000, "REQUIRED", "earlyBirdUntil")]
    [InlineData("earlyBirdUntil", 5, "REQUIRED", "earlyBirdUntil")]
    [InlineData("currency", "USDX", "INVALID_CURRENCY", "currency")]
    [InlineData("currency", "US1", "INVALID_CURRENCY", "currency")]
    [InlineData("salesEndAt", -2, "DATE_OUT_OF_RANGE", "salesEndAt")]
    [InlineData("maxPerOrder", 51, "OUT_OF_RANGE", "maxPerOrder")]
    [InlineData("maxPerOrder", 0, "OUT_OF_RANGE", "maxPerOrder")]
    public async Task A_ticket_type_with_a_bad_field_is_refused(string field, object value, string code, string errorField)
    {
        var conference = await Tickets.ConferenceAsync(capacity: 100);
        var input = new Dictionary<string, object?>
        {
            ["conferenceId"] = conference.GlobalId, ["name"] = "Full conference", ["memberPrice"] = 45000, ["nonMemberPrice"] = 60000, ["quota"] = 100,
            [field] = Value(field, value),
        };

        await AssertSetupRefusedAsync("createTicketType", "ticketType", input, code, errorField);
    }

    [SkippableTheory]
    [InlineData("amountOff", 500, "REQUIRED", "percentOff")]
    [InlineData("percentOff", null, "REQUIRED", "percentOff")]
    [InlineData("percentOff", 0, "OUT_OF_RANGE", "percentOff")]
    [InlineData("percentOff", 101, "OUT_OF_RANGE", "percentOff")]
    [InlineData("code", "AB", "INVALID_FORMAT", "code")]
    [InlineData("maxUses", 0, "OUT_OF_RANGE", "maxUses")]
    [InlineData("validUntil", -2, "DATE_OUT_OF_RANGE", "validUntil")]
    public async Task A_voucher_with_a_bad_field_is_refused(string field, object? value, string code, string errorField)
    {
        var (conference, type) = await OnSaleAsync();

        await AssertSetupRefusedAsync("createVoucher", "voucher", VoucherInput(conference, type, (field, Value(field, value))), code, errorField);
    }

    [SkippableFact]
    public async Task A_voucher_without_an_amount_off_is_refused()
    {
        var (conference, type) = await OnSaleAsync();

        await AssertSetupRefusedAsync("createVoucher", "voucher", VoucherInput(conference, type, ("percentOff", null), ("amountOff", 0)), "OUT_OF_RANGE", "amountOff");
    }

    [SkippableFact]
    public async Task A_voucher_code_the_conference_has_already_is_CODE_TAKEN_whatever_its_case()
    {
        var (conference, type, code, _) = await DiscountedAsync(maxUses: 5, percentOff: 10);

        await AssertSetupRefusedAsync("createVoucher", "voucher", VoucherInput(conference, type, ("code", code.ToLowerInvariant())), "CODE_TAKEN", "code");
        var (elsewhere, itsType) = await OnSaleAsync();
        await StaffChangesAsync("createVoucher", "voucher", VoucherInput(elsewhere, itsType, ("code", code))); // another conference may use the same code
    }

    [SkippableFact]
    public async Task A_voucher_for_a_ticket_type_of_another_conference_is_NOT_FOUND()
    {
        var (conference, type) = await OnSaleAsync();
        var (_, foreign) = await OnSaleAsync();

        await AssertSetupRefusedAsync("createVoucher", "voucher", VoucherInput(conference, type, ("ticketTypeIds", new[] { type.GlobalId, foreign.GlobalId })),
            "NOT_FOUND", "ticketTypeIds");
    }

    [SkippableTheory]
    [InlineData("updateTicketType", "ticketType", "quota")]
    [InlineData("updateConference", "conference", "capacity")]
    public async Task Seats_below_those_taken_are_refused(string mutation, string resultField, string field)
    {
        var (conference, type) = await OnSaleAsync(quota: 10, capacity: 10);
        Placed(await GuestBuysAsync(conference, [ForGuest(type), ForGuest(type), ForGuest(type)]));
        var id = mutation == "updateConference" ? conference.GlobalId : type.GlobalId;

        await AssertSetupRefusedAsync(mutation, resultField, new Dictionary<string, object?> { ["id"] = id, [field] = 2 }, "OUT_OF_RANGE", field);

        await StaffChangesAsync(mutation, resultField, new Dictionary<string, object?> { ["id"] = id, [field] = 3 });
        Refused(await GuestBuysAsync(conference, [ForGuest(type)]), "SOLD_OUT", "input", "items");
    }

    [SkippableTheory]
    [InlineData("updateConference", "conference", "Conference")]
    [InlineData("updateTicketType", "ticketType", "TicketType")]
    [InlineData("updateVoucher", "voucher", "Voucher")]
    public async Task An_update_of_a_malformed_or_unknown_id_is_refused(string mutation, string resultField, string typeName)
    {
        await OnSaleAsync();
        var unknown = Guid.CreateVersion7();

        await AssertSetupRefusedAsync(mutation, resultField, new { id = "not-an-id" }, "INVALID_ID", "id");
        await AssertSetupRefusedAsync(mutation, resultField, new { id = TestData.Id("Member", unknown) }, "INVALID_ID", "id");
        await AssertSetupRefusedAsync(mutation, resultField, new { id = TestData.Id(typeName, unknown) }, "NOT_FOUND", "id");
    }

    [SkippableFact]
    public async Task An_update_that_ends_a_range_before_it_starts_is_refused()
    {
        var (conference, type) = await OnSaleAsync();
        var voucher = await Tickets.VoucherAsync(conference, [type], NewCode("RANGE"), maxUses: 5, percentOff: 10);

        await AssertSetupRefusedAsync("updateConference", "conference", new { id = conference.GlobalId, endsAt = Value("endsAt", 39) }, "DATE_OUT_OF_RANGE", "endsAt");
        await AssertSetupRefusedAsync("updateTicketType", "ticketType", new { id = type.GlobalId, salesEndAt = Value("salesEndAt", -2) }, "DATE_OUT_OF_RANGE", "salesEndAt");
        await AssertSetupRefusedAsync("updateVoucher", "voucher", new { id = voucher.GlobalId, validUntil = Value("validUntil", -2) }, "DATE_OUT_OF_RANGE", "validUntil");
    }

    [SkippableFact]
    public async Task A_ticket_type_or_voucher_for_an_unknown_conference_or_course_is_NOT_FOUND()
    {
        var (_, type) = await OnSaleAsync();
        var (conference, _) = await OnSaleAsync();
        var nowhere = TestData.Id("Conference", Guid.CreateVersion7());

        await AssertSetupRefusedAsync("createTicketType", "ticketType", new { conferenceId = nowhere, name = "Lost", memberPrice = 100, nonMemberPrice = 100, quota = 5 },
            "NOT_FOUND", "conferenceId");
        await AssertSetupRefusedAsync("createTicketType", "ticketType", new { conferenceId = conference.GlobalId, name = "Lost", memberPrice = 100, nonMemberPrice = 100, quota = 5,
            courseId = TestData.Id("Course", Guid.CreateVersion7()) }, "NOT_FOUND", "courseId");
        await AssertSetupRefusedAsync("createVoucher", "voucher", VoucherInput(conference, type, ("conferenceId", nowhere)), "NOT_FOUND", "conferenceId");
    }

    [SkippableFact]
    public async Task A_voucher_limit_below_the_uses_made_is_refused()
    {
        var (conference, type, code, voucher) = await DiscountedAsync(maxUses: 5, amountOff: 1000);
        Placed(await GuestBuysAsync(conference, [ForGuest(type)], code));
        Placed(await GuestBuysAsync(conference, [ForGuest(type)], code));

        await AssertSetupRefusedAsync("updateVoucher", "voucher", new { id = voucher.GlobalId, maxUses = 1 }, "OUT_OF_RANGE", "maxUses");

        Assert.Equal((5, 2), ((await VoucherRowAsync(voucher)).MaxUses, (await VoucherRowAsync(voucher)).Used));
        await StaffChangesAsync("updateVoucher", "voucher", new { id = voucher.GlobalId, maxUses = 2 });
        Refused(await GuestBuysAsync(conference, [ForGuest(type)], code), "VOUCHER_EXHAUSTED", "input", "voucherCode");
    }

    [SkippableFact]
    public async Task Only_staff_may_set_up_conferences_ticket_types_and_vouchers()
    {
        var (conference, type) = await OnSaleAsync();
        var voucher = await Tickets.VoucherAsync(conference, [type], NewCode("STAFF"), maxUses: 5, percentOff: 10);
        var member = TestIdentity.Member((await MemberAsync()).Id);
        var now = DateTimeOffset.UtcNow;
        (string Field, string Result, object Input)[] changes =
        [
            ("createConference", "conference", new { name = "Rogue", venue = "Hall", city = "Nashville", state = "TN", timeZone = "America/Chicago", startsAt = now.AddDays(9),
                endsAt = now.AddDays(10), capacity = 10, registrationOpensAt = now, status = "ON_SALE" }),
            ("updateConference", "conference", new { id = conference.GlobalId, capacity = 5 }),
            ("createTicketType", "ticketType", new { conferenceId = conference.GlobalId, name = "Rogue", memberPrice = 0, nonMemberPrice = 0, quota = 5 }),
            ("updateTicketType", "ticketType", new { id = type.GlobalId, nonMemberPrice = 0 }),
            ("createVoucher", "voucher", new { conferenceId = conference.GlobalId, code = "ROGUE", percentOff = 100, ticketTypeIds = new[] { type.GlobalId }, maxUses = 99,
                validFrom = now, validUntil = now.AddDays(1) }),
            ("updateVoucher", "voucher", new { id = voucher.GlobalId, maxUses = 1000 }),
        ];
        var before = await SetupAsync();

        foreach (var (field, result, input) in changes)
        {
            MutationAssert.Forbidden(await MutateAsync(field, result, input, member), field);
            MutationAssert.Unauthenticated(await MutateAsync(field, result, input, TestIdentity.Anonymous));
        }

        Assert.Equal(before, await SetupAsync());
    }

    /// <summary>The staff mutation is refused with exactly this one user error, and no conference, ticket type or voucher changed.</summary>
    private async Task AssertSetupRefusedAsync(string field, string resultField, object input, string code, string inputField)
    {
        var before = await SetupAsync();

        var result = await MutateAsync(field, resultField, input, TestIdentity.Staff);

        Assert.True(!result.HasErrors, result.Text);
        MutationAssert.Failed(result.Data.GetProperty(field), resultField, code, "input", inputField);
        Assert.Equal(before, await SetupAsync());
    }

    /// <summary>A valid createVoucher input (10% off <paramref name="type"/>, 5 uses, valid now) with <paramref name="changes"/> applied.</summary>
    private static Dictionary<string, object?> VoucherInput(Made conference, Made type, params (string Field, object? Value)[] changes)
    {
        var input = new Dictionary<string, object?>
        {
            ["conferenceId"] = conference.GlobalId, ["code"] = NewCode("NEW"), ["percentOff"] = 10, ["ticketTypeIds"] = new[] { type.GlobalId }, ["maxUses"] = 5,
            ["validFrom"] = Value("validFrom", -1), ["validUntil"] = Value("validUntil", 30),
        };
        foreach (var (field, value) in changes)
        {
            input[field] = value;
        }

        return input;
    }

    /// <summary>Everything staff set up, as one comparable text.</summary>
    private async Task<string> SetupAsync()
    {
        await using var db = await Tickets.Db.CreateDbContextAsync();
        var conferences = await db.Conferences.OrderBy(c => c.Id).Select(c => $"{c.Id} {c.Capacity} {c.Status} {c.EndsAt:O}").ToListAsync();
        var types = await db.TicketTypes.OrderBy(t => t.Id).Select(t => $"{t.Id} {t.Quota} {t.MemberPrice} {t.NonMemberPrice} {t.Currency}").ToListAsync();
        var vouchers = await db.Vouchers.Include(v => v.TicketTypes).OrderBy(v => v.Id).ToListAsync();
        return string.Join('\n', conferences.Concat(types).Concat(vouchers.Select(v => $"{v.Id} {v.Code} {v.MaxUses} {v.PercentOff} {v.AmountOff} {v.TicketTypes.Count}")));
    }
}

public sealed class SalesSetupTestsOnSqlite(SqliteApi api) : SalesSetupTests(api), IClassFixture<SqliteApi>;

public sealed class SalesSetupTestsOnPostgreSql(PostgreSqlApi api) : SalesSetupTests(api), IClassFixture<PostgreSqlApi>;

public sealed class SalesSetupTestsOnSqlServer(SqlServerApi api) : SalesSetupTests(api), IClassFixture<SqlServerApi>;
