using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.Certifications;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Regions;
using Microsoft.EntityFrameworkCore;
using Membership.Certifications.Courses;
using Membership.Conferences.CheckIn;
using Membership.Conferences.Sales;
using Membership.Conferences.Setup;

namespace Membership.Conferences;

internal sealed class ConferenceType : ObjectGraphType<Conference>
{
    public const string TypeName = "Conference";

    public ConferenceType()
    {
        Name = TypeName;
        Description = "A conference (the annual national school-safety conference) and its registration. Public once announced.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is Conference;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(x => x.Name);
        Field(x => x.Venue);
        Field(x => x.City);
        Field<NonNullGraphType<StringGraphType>>("state").Description("USPS code of the venue's state.").Resolve(c => c.Source.StateCode);
        Field(x => x.TimeZone).Description("IANA time zone of the venue, e.g. America/Chicago.");
        Field(x => x.StartsAt);
        Field(x => x.EndsAt);
        Field<NonNullGraphType<ConferenceStatusType>>("status").Resolve(c => c.Source.Status);
        Field(x => x.RegistrationOpensAt);
        Field(x => x.RegistrationClosesAt);
        Field(x => x.TransferCutoffAt).Description("Holders may transfer tickets until then.");
        Field(x => x.RefundCutoffAt).Description("Buyers may cancel paid orders, for a full refund, until then.");
        Field(x => x.Capacity).Description("Seats for the whole event, across ticket types.");
        Field(x => x.National).Description("The association's annual national conference: a member's check-in records attendance toward the Practitioner designation.");
        Field<NonNullGraphType<IntGraphType>>("seatsAvailable").Description("Seats neither sold nor held by a pending order or a waiting-list offer.")
            .Resolve(c => Math.Max(0, c.Source.Capacity - c.Source.SeatsTaken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TicketTypeType>>>>("ticketTypes").Description("What can be bought, by sales start and name.")
            .Resolve(c => c.Service<ConferenceLoaders>().TypesOfConference.Load(c.Source.Id));
        Field<ListGraphType<NonNullGraphType<VoucherType>>>("vouchers").Description("Discount codes, by code. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Service<ConferenceLoaders>().VouchersOfConference.Load(c.Source.Id));
        Field<ListGraphType<NonNullGraphType<TicketTypeSalesType>>>("sales").Description("Sales per ticket type. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => c.Service<ConferenceLoaders>().SalesOfConference.Load(c.Source.Id));
        Field<StringGraphType>("checkInListUrl").Description("JSON list of the valid codes, for scanners working offline (needs the check-in scope or staff).")
            .Resolve(c => $"/conferences/{GlobalId.Encode(TypeName, c.Source.Id)}/check-in-list");
        Field<StringGraphType>("attendeesCsvUrl").Description("The attendee list as CSV (staff sign-in).")
            .AuthorizeWithPolicy(Policies.Staff)
            .Resolve(c => $"/conferences/{GlobalId.Encode(TypeName, c.Source.Id)}/attendees.csv");
    }
}

internal sealed class TicketTypeType : ObjectGraphType<TicketType>
{
    public const string TypeName = "TicketType";

    public TicketTypeType()
    {
        Name = TypeName;
        Description = "A kind of ticket: full conference, one day, a pre-conference course, exhibitor… Prices are in minor units.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is TicketType;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(x => x.Name);
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<ConferenceType>>("conference").Resolve(c => c.Service<ConferenceLoaders>().Conference.Load(c.Source.ConferenceId));
        Field<NonNullGraphType<MoneyType>>("memberPrice").Description("For members in good standing.").Resolve(c => new Money(c.Source.MemberPrice, c.Source.Currency));
        Field<NonNullGraphType<MoneyType>>("nonMemberPrice").Resolve(c => new Money(c.Source.NonMemberPrice, c.Source.Currency));
        Field<MoneyType>("earlyBirdMemberPrice").Resolve(c => c.Source.EarlyBirdMemberPrice is { } p ? new Money(p, c.Source.Currency) : null);
        Field<MoneyType>("earlyBirdNonMemberPrice").Resolve(c => c.Source.EarlyBirdNonMemberPrice is { } p ? new Money(p, c.Source.Currency) : null);
        Field(x => x.EarlyBirdUntil, nullable: true).Description("Early-bird prices apply until this moment.");
        Field<NonNullGraphType<MoneyType>>("currentMemberPrice").Description("What a member pays now (early bird applied), before any voucher.")
            .Resolve(c => new Money(TicketPricing.Price(c.Source, true, c.Service<AssociationCalendar>().Now(), null), c.Source.Currency));
        Field<NonNullGraphType<MoneyType>>("currentNonMemberPrice")
            .Resolve(c => new Money(TicketPricing.Price(c.Source, false, c.Service<AssociationCalendar>().Now(), null), c.Source.Currency));
        Field(x => x.Quota);
        Field<NonNullGraphType<IntGraphType>>("available").Description("Seats of this type neither sold nor held.").Resolve(c => Math.Max(0, c.Source.Quota - c.Source.Taken));
        Field<NonNullGraphType<BooleanGraphType>>("soldOut").Description("True when no seat of this type (or of the conference) is left: join the waiting list.")
            .ResolveAsync(async c => c.Source.Taken >= c.Source.Quota
                || (await c.Service<ConferenceLoaders>().Conference.Load(c.Source.ConferenceId).GetResultAsync()) is { } conference && conference.SeatsTaken >= conference.Capacity);
        Field(x => x.SalesStartAt);
        Field(x => x.SalesEndAt);
        Field(x => x.MaxPerOrder);
        Field(x => x.MembersOnly).Description("Only for members (named by member ID).");
        Field(x => x.RequiresGoodStanding).Description("The member must be in good standing (dues paid, not suspended).");
        Field(x => x.CountsAsAttendance).Description("Whether checking in with it attends the conference (false for a course, an exhibitor or a guest pass).");
        Field<CourseType>("course").Description("For a pre-conference course: the course.")
            .Resolve(c => c.Source.CourseId is { } id ? c.Service<CertificationLoaders>().Course.Load(id) : null);
    }
}

internal sealed class VoucherType : ObjectGraphType<Voucher>
{
    public const string TypeName = "Voucher";

    public VoucherType()
    {
        Name = TypeName;
        Description = "A discount code. Staff only.";
        this.AuthorizeWithPolicy(Policies.Staff);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(x => x.Code);
        Field(x => x.PercentOff, nullable: true);
        Field<IntGraphType>("amountOff").Description("Minor units off each ticket it applies to.").Resolve(c => c.Source.AmountOff is { } a ? checked((int)a) : null);
        Field(x => x.MaxUses).Description("Tickets it may discount.");
        Field(x => x.Used).Description("Tickets of held or paid orders it discounts.");
        Field(x => x.ValidFrom);
        Field(x => x.ValidUntil);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TicketTypeType>>>>("ticketTypes")
            .Resolve(c => LoaderResult.All(c.Source.TicketTypes.Select(t => c.Service<ConferenceLoaders>().TicketType.Load(t.TicketTypeId))).Then(ts => ts.OfType<TicketType>().ToList()));
    }
}

internal sealed class TicketTypeSalesType : ObjectGraphType<TicketTypeSales>
{
    public TicketTypeSalesType()
    {
        Name = "TicketTypeSales";
        Description = "How a ticket type sells. Staff only.";
        this.AuthorizeWithPolicy(Policies.Staff);
        Field<NonNullGraphType<TicketTypeType>>("ticketType").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<IntGraphType>>("quota").Resolve(c => c.Source.Type.Quota);
        Field<NonNullGraphType<IntGraphType>>("held").Description("Tickets of pending orders.").Resolve(c => c.Source.Held);
        Field<NonNullGraphType<IntGraphType>>("sold").Description("Valid and used tickets.").Resolve(c => c.Source.Sold);
        Field<NonNullGraphType<IntGraphType>>("checkedIn").Resolve(c => c.Source.CheckedIn);
        Field<NonNullGraphType<IntGraphType>>("cancelled").Resolve(c => c.Source.Cancelled);
        Field<NonNullGraphType<IntGraphType>>("available").Resolve(c => Math.Max(0, c.Source.Type.Quota - c.Source.Type.Taken));
        Field<NonNullGraphType<IntGraphType>>("waiting").Description("People on the waiting list, not yet offered a seat.").Resolve(c => c.Source.Waiting);
        Field<NonNullGraphType<MoneyType>>("revenue").Description("Prices of the sold tickets, before refunds.").Resolve(c => new Money(c.Source.Revenue, c.Source.Type.Currency));
    }
}

internal sealed class ConferenceStatusType : EnumerationGraphType<ConferenceStatus>
{
    public ConferenceStatusType() => Name = "ConferenceStatus";
}

internal sealed class ConferenceEdgeType() : EdgeType<Conference, ConferenceType>(ConferenceType.TypeName);

internal sealed class ConferenceConnectionType() : ConnectionType<Conference, ConferenceType, ConferenceEdgeType>(ConferenceType.TypeName);

internal sealed class ConferencePayloadType() : PayloadType<Conference, ConferenceType>("ConferencePayload", "conference", "The conference saved, or why not.");

internal sealed class TicketTypePayloadType() : PayloadType<TicketType, TicketTypeType>("TicketTypePayload", "ticketType", "The ticket type saved, or why not.");

internal sealed class VoucherPayloadType() : PayloadType<Voucher, VoucherType>("VoucherPayload", "voucher", "The voucher saved, or why not.");

internal static class ConferenceGraph
{
    private static readonly KeysetOrder<Conference> ByStart = new("conference:start",
        KeyColumn<Conference>.Ascending(c => c.StartsAt), KeyColumn<Conference>.Ascending(c => c.Id));

    public static void AddConferenceQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConferenceConnectionType>>("conferences")
            .Description("Conferences by start. Public: announced ones (not DRAFT); staff see drafts too.")
            .Argument<ListGraphType<NonNullGraphType<ConferenceStatusType>>>("status")
            .Argument<DateTimeOffsetGraphType>("endsAfter", "Only conferences ending after this moment (e.g. now, for upcoming ones).")
            .PagingArguments()
            .ResolveAsync(async c =>
            {
                var statuses = c.GetArgument<List<ConferenceStatus>?>("status");
                var after = c.GetArgument<DateTimeOffset?>("endsAfter");
                var staff = c.Caller().IsStaff;
                return await KeysetPaging.PageAsync(c.Db(), db => db.Conferences.Where(x =>
                    (staff || x.Status != ConferenceStatus.Draft) && (statuses == null || statuses.Contains(x.Status)) && (after == null || x.EndsAt > after)),
                    ByStart, PageArgs.From(c), c.CancellationToken);
            });
    }

    public static void AddConferenceMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<ConferencePayloadType, CreateConferenceInputType>("createConference", "Adds a conference, as a DRAFT unless a status is given. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await SaveConferenceAsync(c, Patch.From(c), create: true));

        mutation.Mutation<ConferencePayloadType, UpdateConferenceInputType>("updateConference",
                "Changes a conference: dates, capacity (never below the seats taken), status (ON_SALE opens registration; CLOSED and CANCELLED stop sales). Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await SaveConferenceAsync(c, Patch.From(c), create: false));

        mutation.Mutation<TicketTypePayloadType, CreateTicketTypeInputType>("createTicketType", "Adds a ticket type to a conference. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await TicketTypeEditor.SaveAsync(c, Patch.From(c), create: true));

        mutation.Mutation<TicketTypePayloadType, UpdateTicketTypeInputType>("updateTicketType",
                "Changes a ticket type; the quota never goes below the seats taken, and prices apply to new orders only. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await TicketTypeEditor.SaveAsync(c, Patch.From(c), create: false));

        mutation.Mutation<VoucherPayloadType, CreateVoucherInputType>("createVoucher", "Adds a discount code for some ticket types of a conference. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await TicketTypeEditor.SaveVoucherAsync(c, Patch.From(c), create: true));

        mutation.Mutation<VoucherPayloadType, UpdateVoucherInputType>("updateVoucher",
                "Changes a voucher's uses (never below those made), validity or ticket types. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await TicketTypeEditor.SaveVoucherAsync(c, Patch.From(c), create: false));
    }

    private static Task<Payload<Conference>> SaveConferenceAsync(IResolveFieldContext context, Patch input, bool create)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<Conference>(async (db, errors, ct) =>
        {
            Conference? conference;
            if (create)
            {
                conference = new Conference { Id = RecordIds.New(), Name = string.Empty, Venue = string.Empty, City = string.Empty, StateCode = string.Empty, TimeZone = string.Empty, CreatedAt = calendar.Now() };
            }
            else if (errors.Id(input.Get<string>("id"), ConferenceType.TypeName, "input", "id") is { } id)
            {
                conference = await db.Conferences.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (conference is null)
                {
                    errors.Add(UserErrorCodes.NotFound, "No conference has this ID.", "input", "id");
                    return null;
                }
            }
            else
            {
                return null;
            }

            if (input.Has("name"))
            {
                conference.Name = errors.RequiredText(input.Get<string>("name"), 200, "input", "name");
            }

            if (input.Has("venue"))
            {
                conference.Venue = errors.RequiredText(input.Get<string>("venue"), 200, "input", "venue");
            }

            if (input.Has("city"))
            {
                conference.City = errors.RequiredText(input.Get<string>("city"), 100, "input", "city");
            }

            if (input.Has("state"))
            {
                conference.StateCode = Agencies.AgencyMutations.CheckState(errors, input.Get<string>("state"), await Agencies.AgencyMutations.StateCodesAsync(db, ct), "input", "state");
            }

            if (input.Has("timeZone"))
            {
                conference.TimeZone = input.Get<string>("timeZone")?.Trim() ?? string.Empty;
                if (!ConferenceZones.Exists(conference.TimeZone) || !conference.TimeZone.Contains('/', StringComparison.Ordinal))
                {
                    errors.Add(UserErrorCodes.InvalidFormat, "Give an IANA time zone, e.g. America/Chicago.", "input", "timeZone");
                }
            }

            conference.StartsAt = input.GetValue<DateTimeOffset>("startsAt")?.ToUniversalTime() ?? conference.StartsAt;
            conference.EndsAt = input.GetValue<DateTimeOffset>("endsAt")?.ToUniversalTime() ?? conference.EndsAt;
            conference.RegistrationOpensAt = input.GetValue<DateTimeOffset>("registrationOpensAt")?.ToUniversalTime() ?? conference.RegistrationOpensAt;
            conference.RegistrationClosesAt = input.GetValue<DateTimeOffset>("registrationClosesAt")?.ToUniversalTime() ?? (create ? conference.StartsAt : conference.RegistrationClosesAt);
            conference.TransferCutoffAt = input.GetValue<DateTimeOffset>("transferCutoffAt")?.ToUniversalTime() ?? (create ? conference.StartsAt : conference.TransferCutoffAt);
            conference.RefundCutoffAt = input.GetValue<DateTimeOffset>("refundCutoffAt")?.ToUniversalTime() ?? (create ? conference.StartsAt : conference.RefundCutoffAt);
            conference.Status = input.GetValue<ConferenceStatus>("status") ?? conference.Status;
            conference.National = input.GetValue<bool>("national") ?? conference.National;
            if (input.GetValue<int>("capacity") is { } capacity)
            {
                conference.Capacity = errors.InRange(capacity, Math.Max(1, conference.SeatsTaken), 1_000_000, "input", "capacity");
            }

            if (conference.EndsAt <= conference.StartsAt)
            {
                errors.Add(UserErrorCodes.DateOutOfRange, "'endsAt' must be after 'startsAt'.", "input", "endsAt");
            }

            if (conference.RegistrationClosesAt < conference.RegistrationOpensAt || conference.RegistrationClosesAt > conference.EndsAt)
            {
                errors.Add(UserErrorCodes.DateOutOfRange, "Registration must close after it opens and before the conference ends.", "input", "registrationClosesAt");
            }

            if (conference.TransferCutoffAt > conference.EndsAt || conference.RefundCutoffAt > conference.EndsAt)
            {
                errors.Add(UserErrorCodes.DateOutOfRange, "Cut-offs must be before the conference ends.", "input", "refundCutoffAt");
            }

            if (create && !errors.Any)
            {
                db.Conferences.Add(conference);
            }

            return conference;
        }, e => DbErrors.IsCheckViolation(e)
            ? new UserError(UserErrorCodes.OutOfRange, "Seats were sold meanwhile: the capacity cannot go below the seats taken.", ["input", "capacity"])
            : null);
    }
}
