using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Microsoft.EntityFrameworkCore;

namespace Membership.Agencies;

internal static class AgencyMutations
{
    public static void AddAgencyMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<CreateAgencyPayloadType, CreateAgencyInputType>("createAgency", "Adds an agency. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await CreateAsync(c, c.GetArgument<CreateAgencyInput>("input")));

        mutation.Mutation<UpdateAgencyPayloadType, UpdateAgencyInputType>("updateAgency", "Changes the given fields of an agency; oriCode: null removes the ORI. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await UpdateAsync(c, Patch.From(c)));
    }

    private static Task<Payload<Agency>> CreateAsync(IResolveFieldContext context, CreateAgencyInput input)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<Agency>(async (db, errors, ct) =>
        {
            var states = await StateCodesAsync(db, ct);
            var agency = new Agency
            {
                Id = RecordIds.New(),
                Name = errors.RequiredText(input.Name, AgencyRules.NameMaxLength, "input", "name"),
                Kind = input.Kind,
                City = errors.RequiredText(input.City, AgencyRules.CityMaxLength, "input", "city"),
                StateCode = CheckState(errors, input.State, states, "input", "state"),
                CreatedAt = calendar.Now(),
                UpdatedAt = calendar.Now(),
            };
            agency.NameKey = TextKeys.Normalize(agency.Name);
            agency.OriCode = AgencyRules.CheckOri(errors, input.OriCode, agency.StateCode, "input", "oriCode");
            await CheckOriFreeAsync(db, errors, agency, ct);
            if (!errors.Any)
            {
                db.Agencies.Add(agency);
            }

            return agency;
        }, OriConflict);
    }

    private static Task<Payload<Agency>> UpdateAsync(IResolveFieldContext context, Patch input)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<Agency>(async (db, errors, ct) =>
        {
            if (!GlobalId.TryParse(input.Get<string>("id"), AgencyType.TypeName, out var id))
            {
                errors.Add(UserErrorCodes.InvalidId, "'id' is not an agency ID.", "input", "id");
                return null;
            }

            var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, ct);
            if (agency is null)
            {
                errors.Add(UserErrorCodes.NotFound, "No agency has this ID.", "input", "id");
                return null;
            }

            var states = await StateCodesAsync(db, ct);
            if (input.Has("name"))
            {
                agency.Name = errors.RequiredText(input.Get<string>("name"), AgencyRules.NameMaxLength, "input", "name");
                agency.NameKey = TextKeys.Normalize(agency.Name);
            }

            if (input.GetValue<AgencyKind>("kind") is { } kind)
            {
                agency.Kind = kind;
            }

            if (input.Has("city"))
            {
                agency.City = errors.RequiredText(input.Get<string>("city"), AgencyRules.CityMaxLength, "input", "city");
            }

            if (input.Has("state"))
            {
                agency.StateCode = CheckState(errors, input.Get<string>("state"), states, "input", "state");
            }

            if (input.Has("oriCode") || input.Has("state"))
            {
                // The ORI's prefix must follow the agency's state, so a move re-checks the ORI it keeps.
                agency.OriCode = AgencyRules.CheckOri(errors, input.Has("oriCode") ? input.Get<string>("oriCode") : agency.OriCode, agency.StateCode, "input", "oriCode");
                await CheckOriFreeAsync(db, errors, agency, ct);
            }

            agency.UpdatedAt = calendar.Now();
            return agency;
        }, OriConflict);
    }

    internal static async Task<HashSet<string>> StateCodesAsync(MembershipDbContext db, CancellationToken ct) =>
        (await db.States.AsNoTracking().Select(s => s.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    internal static string CheckState(UserErrors errors, string? value, ISet<string> states, params string[] field)
    {
        var code = errors.RequiredText(value, 2, field).ToUpperInvariant();
        if (code.Length > 0 && !states.Contains(code))
        {
            errors.Add(UserErrorCodes.InvalidState, $"'{code}' is not a US state, district or territory code.", field);
        }

        return code;
    }

    private static async Task CheckOriFreeAsync(MembershipDbContext db, UserErrors errors, Agency agency, CancellationToken ct)
    {
        if (agency.OriCode is { } ori && await db.Agencies.AnyAsync(a => a.OriCode == ori && a.Id != agency.Id, ct))
        {
            errors.Add(UserErrorCodes.OriTaken, $"Another agency already has ORI {ori}.", "input", "oriCode");
        }
    }

    private static UserError? OriConflict(DbUpdateException e) =>
        DbErrors.ConstraintName(e)?.Contains(nameof(Agency.OriCode), StringComparison.Ordinal) == true
            ? new(UserErrorCodes.OriTaken, "Another agency already has this ORI.", ["input", "oriCode"])
            : null;
}

public sealed class CreateAgencyInput
{
    public string? Name { get; set; }
    public AgencyKind Kind { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? OriCode { get; set; }
}

internal sealed class CreateAgencyInputType : InputObjectGraphType<CreateAgencyInput>
{
    public CreateAgencyInputType()
    {
        Name = "CreateAgencyInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<AgencyKindType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("city");
        Field<NonNullGraphType<StringGraphType>>("state").Description("Two-letter state code.");
        Field<StringGraphType>("oriCode").Description("9-character ORI, for law-enforcement agencies.");
    }
}

internal sealed class UpdateAgencyInputType : InputObjectGraphType
{
    public UpdateAgencyInputType()
    {
        Name = "UpdateAgencyInput";
        Description = "Only the fields given change.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("name");
        Field<AgencyKindType>("kind");
        Field<StringGraphType>("city");
        Field<StringGraphType>("state");
        Field<StringGraphType>("oriCode").Description("null removes the ORI.");
    }
}

internal sealed class CreateAgencyPayloadType() : PayloadType<Agency, AgencyType>("CreateAgencyPayload", "agency", "The agency added, or why not.");

internal sealed class UpdateAgencyPayloadType() : PayloadType<Agency, AgencyType>("UpdateAgencyPayload", "agency", "The agency as changed, or why not.");
