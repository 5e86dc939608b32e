using System.Text.RegularExpressions;
using GraphQL;
using Membership.Certifications;
using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Courses;

namespace Membership.Conferences.Setup;

/// <summary>Staff's edits of ticket types and vouchers: every field checked, all or nothing.</summary>
internal static partial class TicketTypeEditor
{
    private const int MaxPrice = 10_000_000;

    /// <summary>createTicketType / updateTicketType: the type found (or started), then each group of fields checked and applied.</summary>
    public static Task<Payload<TicketType>> SaveAsync(IResolveFieldContext context, Patch input, bool create)
    {
        var calendar = context.Service<AssociationCalendar>();
        var maxItems = context.Service<Microsoft.Extensions.Options.IOptions<TicketOptions>>().Value.MaxItemsPerOrder;
        return context.WriteAsync<TicketType>(async (db, errors, ct) =>
        {
            var (type, conference) = await FindOrStartAsync(db, calendar, input, create, errors, ct);
            if (type is null || conference is null)
            {
                return null;
            }

            NameAndPrices(type, input, errors);
            SeatsAndSalesWindow(type, conference, input, maxItems, errors);
            await WhoMayBuyAndWhatItCountsAsAsync(db, type, input, create, errors, ct);
            if (create && !errors.Any)
            {
                db.TicketTypes.Add(type);
            }

            return type;
        }, e => DbErrors.IsCheckViolation(e)
            ? new UserError(UserErrorCodes.OutOfRange, "Seats were sold meanwhile: the quota cannot go below the seats taken.", ["input", "quota"])
            : null);
    }

    /// <summary>A new type of the conference named (sold from registration opening to closing), or the type to update with its conference.</summary>
    private static async Task<(TicketType? Type, Conference? Conference)> FindOrStartAsync(MembershipDbContext db, AssociationCalendar calendar, Patch input, bool create,
        UserErrors errors, CancellationToken ct)
    {
        TicketType? type;
        Conference? conference;
        if (create)
        {
            var conferenceId = errors.Id(input.Get<string>("conferenceId"), ConferenceType.TypeName, "input", "conferenceId");
            conference = conferenceId is { } cid ? await db.Conferences.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
            if (conference is null)
            {
                if (conferenceId is not null)
                {
                    errors.Add(UserErrorCodes.NotFound, "No conference has this ID.", "input", "conferenceId");
                }

                return (null, null);
            }

            type = new TicketType
            {
                Id = RecordIds.New(), ConferenceId = conference.Id, Name = string.Empty, Currency = "USD", CreatedAt = calendar.Now(), MaxPerOrder = 10,
                SalesStartAt = conference.RegistrationOpensAt, SalesEndAt = conference.RegistrationClosesAt,
            };
        }
        else if (errors.Id(input.Get<string>("id"), TicketTypeType.TypeName, "input", "id") is { } id)
        {
            type = await db.TicketTypes.SingleOrDefaultAsync(t => t.Id == id, ct);
            if (type is null)
            {
                errors.Add(UserErrorCodes.NotFound, "No ticket type has this ID.", "input", "id");
                return (null, null);
            }

            conference = await db.Conferences.AsNoTracking().SingleAsync(c => c.Id == type.ConferenceId, ct);
        }
        else
        {
            return (null, null);
        }

        return (type, conference);
    }

    private static void NameAndPrices(TicketType type, Patch input, UserErrors errors)
    {
        if (input.Has("name"))
        {
            type.Name = errors.RequiredText(input.Get<string>("name"), 200, "input", "name");
        }

        if (input.Has("description"))
        {
            type.Description = errors.OptionalText(input.Get<string>("description"), 2000, "input", "description");
        }

        if (input.Has("currency"))
        {
            type.Currency = (input.Get<string>("currency") ?? string.Empty).Trim().ToUpperInvariant();
            if (!CurrencyPattern().IsMatch(type.Currency))
            {
                errors.Add(UserErrorCodes.InvalidCurrency, "Give an ISO 4217 currency code, e.g. USD.", "input", "currency");
            }
        }

        type.MemberPrice = Price(errors, input, "memberPrice") ?? type.MemberPrice;
        type.NonMemberPrice = Price(errors, input, "nonMemberPrice") ?? type.NonMemberPrice;
        if (input.Has("earlyBirdMemberPrice"))
        {
            type.EarlyBirdMemberPrice = Price(errors, input, "earlyBirdMemberPrice");
        }

        if (input.Has("earlyBirdNonMemberPrice"))
        {
            type.EarlyBirdNonMemberPrice = Price(errors, input, "earlyBirdNonMemberPrice");
        }

        if (input.Has("earlyBirdUntil"))
        {
            type.EarlyBirdUntil = input.GetValue<DateTimeOffset>("earlyBirdUntil")?.ToUniversalTime();
        }

        if ((type.EarlyBirdMemberPrice is not null || type.EarlyBirdNonMemberPrice is not null) != (type.EarlyBirdUntil is not null))
        {
            errors.Add(UserErrorCodes.Required, "Early-bird prices need 'earlyBirdUntil', and 'earlyBirdUntil' needs an early-bird price.", "input", "earlyBirdUntil");
        }
    }

    /// <summary>The quota (never below the seats taken nor above the conference's capacity), the sales window and the per-order maximum.</summary>
    private static void SeatsAndSalesWindow(TicketType type, Conference conference, Patch input, int maxItems, UserErrors errors)
    {
        if (input.GetValue<int>("quota") is { } quota)
        {
            // Never below what is sold or held; a concurrent sale is stopped by the counter's check constraint.
            type.Quota = errors.InRange(quota, type.Taken, conference.Capacity, "input", "quota");
        }

        type.SalesStartAt = input.GetValue<DateTimeOffset>("salesStartAt")?.ToUniversalTime() ?? type.SalesStartAt;
        type.SalesEndAt = input.GetValue<DateTimeOffset>("salesEndAt")?.ToUniversalTime() ?? type.SalesEndAt;
        if (type.SalesEndAt < type.SalesStartAt)
        {
            errors.Add(UserErrorCodes.DateOutOfRange, "'salesEndAt' is before 'salesStartAt'.", "input", "salesEndAt");
        }

        if (input.GetValue<int>("maxPerOrder") is { } max)
        {
            type.MaxPerOrder = errors.InRange(max, 1, maxItems, "input", "maxPerOrder");
        }
    }

    private static async Task WhoMayBuyAndWhatItCountsAsAsync(MembershipDbContext db, TicketType type, Patch input, bool create, UserErrors errors, CancellationToken ct)
    {
        type.MembersOnly = input.GetValue<bool>("membersOnly") ?? type.MembersOnly;
        type.RequiresGoodStanding = input.GetValue<bool>("requiresGoodStanding") ?? type.RequiresGoodStanding;
        if (input.Has("courseId"))
        {
            type.CourseId = input.Get<string>("courseId") is { } raw ? errors.Id(raw, CourseType.TypeName, "input", "courseId") : null;
            if (type.CourseId is { } course && !await db.Courses.AnyAsync(c => c.Id == course, ct))
            {
                errors.Add(UserErrorCodes.NotFound, "No course has this ID.", "input", "courseId");
            }
        }

        // A course is not attendance of the conference unless staff say otherwise; an exhibitor or guest pass is set false.
        type.CountsAsAttendance = input.GetValue<bool>("countsAsAttendance") ?? (create ? type.CourseId is null : type.CountsAsAttendance);
    }

    public static Task<Payload<Voucher>> SaveVoucherAsync(IResolveFieldContext context, Patch input, bool create)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<Voucher>(async (db, errors, ct) =>
        {
            Voucher? voucher;
            if (create)
            {
                var conferenceId = errors.Id(input.Get<string>("conferenceId"), ConferenceType.TypeName, "input", "conferenceId");
                if (conferenceId is { } cid && !await db.Conferences.AnyAsync(c => c.Id == cid, ct))
                {
                    errors.Add(UserErrorCodes.NotFound, "No conference has this ID.", "input", "conferenceId");
                }

                if (conferenceId is null || errors.Any)
                {
                    return null;
                }

                voucher = new Voucher { Id = RecordIds.New(), ConferenceId = conferenceId.Value, Code = string.Empty };
                var code = errors.RequiredText(input.Get<string>("code"), 40, "input", "code").ToUpperInvariant();
                if (code.Length > 0 && !VoucherPattern().IsMatch(code))
                {
                    errors.Add(UserErrorCodes.InvalidFormat, "A voucher code has 3 to 40 letters, digits, '-' or '_'.", "input", "code");
                }
                else if (await db.Vouchers.AnyAsync(v => v.ConferenceId == voucher.ConferenceId && v.Code == code, ct))
                {
                    errors.Add(UserErrorCodes.CodeTaken, $"This conference has a voucher {code} already.", "input", "code");
                }

                voucher.Code = code;
                var percent = input.GetValue<int>("percentOff");
                var amount = input.GetValue<int>("amountOff");
                if ((percent is null) == (amount is null))
                {
                    errors.Add(UserErrorCodes.Required, "Give either 'percentOff' or 'amountOff'.", "input", "percentOff");
                }
                else if (percent is { } p)
                {
                    voucher.PercentOff = errors.InRange(p, 1, 100, "input", "percentOff");
                }
                else
                {
                    voucher.AmountOff = errors.InRange(amount!.Value, 1, MaxPrice, "input", "amountOff");
                }
            }
            else if (errors.Id(input.Get<string>("id"), VoucherType.TypeName, "input", "id") is { } id)
            {
                voucher = await db.Vouchers.Include(v => v.TicketTypes).SingleOrDefaultAsync(v => v.Id == id, ct);
                if (voucher is null)
                {
                    errors.Add(UserErrorCodes.NotFound, "No voucher has this ID.", "input", "id");
                    return null;
                }
            }
            else
            {
                return null;
            }

            if (input.GetValue<int>("maxUses") is { } uses)
            {
                // Never below the uses made; a concurrent use is stopped by the counter's check constraint.
                voucher.MaxUses = errors.InRange(uses, Math.Max(1, voucher.Used), 1_000_000, "input", "maxUses");
            }
            else if (create)
            {
                errors.Add(UserErrorCodes.Required, "'maxUses' is required.", "input", "maxUses");
            }

            voucher.ValidFrom = input.GetValue<DateTimeOffset>("validFrom")?.ToUniversalTime() ?? voucher.ValidFrom;
            voucher.ValidUntil = input.GetValue<DateTimeOffset>("validUntil")?.ToUniversalTime() ?? voucher.ValidUntil;
            if (voucher.ValidUntil <= voucher.ValidFrom)
            {
                errors.Add(UserErrorCodes.DateOutOfRange, "'validUntil' must be after 'validFrom'.", "input", "validUntil");
            }

            if (input.Get<IEnumerable<object>>("ticketTypeIds") is { } raw)
            {
                var ids = raw.Select((r, i) => errors.Id(r as string, TicketTypeType.TypeName, "input", "ticketTypeIds", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    .Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
                var known = await db.TicketTypes.Where(t => ids.Contains(t.Id) && t.ConferenceId == voucher.ConferenceId).Select(t => t.Id).ToListAsync(ct);
                if (ids.Count == 0 || known.Count != ids.Count)
                {
                    errors.Add(UserErrorCodes.NotFound, "Name one or more ticket types of this conference.", "input", "ticketTypeIds");
                }

                foreach (var gone in voucher.TicketTypes.Where(t => !known.Contains(t.TicketTypeId)).ToList())
                {
                    voucher.TicketTypes.Remove(gone);
                    db.Remove(gone);
                }

                voucher.TicketTypes.AddRange(known.Where(k => voucher.TicketTypes.All(t => t.TicketTypeId != k)).Select(k => new VoucherTicketType { VoucherId = voucher.Id, TicketTypeId = k }));
            }
            else if (create)
            {
                errors.Add(UserErrorCodes.Required, "'ticketTypeIds' is required.", "input", "ticketTypeIds");
            }

            if (create && !errors.Any)
            {
                db.Vouchers.Add(voucher);
            }

            return voucher;
        }, e => DbErrors.IsCheckViolation(e)
            ? new UserError(UserErrorCodes.OutOfRange, "The voucher was used meanwhile: its uses cannot go below those made.", ["input", "maxUses"])
            : DbErrors.ConstraintName(e)?.Contains(nameof(Voucher.Code), StringComparison.Ordinal) == true
                ? new UserError(UserErrorCodes.CodeTaken, "This conference has a voucher with this code already.", ["input", "code"])
                : null);
    }

    private static long? Price(UserErrors errors, Patch input, string field) =>
        input.GetValue<int>(field) is { } price ? errors.InRange(price, 0, MaxPrice, "input", field) : null;

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z0-9_-]{3,40}$")]
    private static partial Regex VoucherPattern();
}
