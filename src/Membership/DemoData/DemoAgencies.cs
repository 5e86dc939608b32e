using Membership.Agencies;
using Membership.Data;

namespace Membership.DemoData;

/// <summary>A demo agency and where its people live: the first three digits of local ZIP codes and the phone area code.</summary>
internal sealed record DemoAgency(Agency Agency, string ZipPrefix, string AreaCode)
{
    public bool IsLawEnforcement => Agency.OriCode is not null;
}

/// <summary>Fictional agencies in ten regions; law-enforcement agencies carry an ORI, school districts none.</summary>
internal static class DemoAgencies
{
    private static readonly (string Name, AgencyKind Kind, string City, string State, string? Ori, string Zip, string Area)[] Rows =
    [
        ("Mobile County Sheriff's Office", AgencyKind.SheriffsOffice, "Mobile", "AL", "AL0490000", "366", "251"),
        ("Austin ISD Police Department", AgencyKind.SchoolDistrictPolice, "Austin", "TX", "TX227A100", "787", "512"),
        ("Fresno Unified School District", AgencyKind.SchoolDistrict, "Fresno", "CA", null, "937", "559"),
        ("Rochester Police Department", AgencyKind.PoliceDepartment, "Rochester", "NY", "NY0280200", "146", "585"),
        ("Naperville Police Department", AgencyKind.PoliceDepartment, "Naperville", "IL", "IL0220300", "605", "630"),
        ("Orange County Public Schools", AgencyKind.SchoolDistrict, "Orlando", "FL", null, "328", "407"),
        ("Jefferson County Sheriff's Office", AgencyKind.SheriffsOffice, "Golden", "CO", "CO0300000", "804", "303"),
        ("Springfield Police Department", AgencyKind.PoliceDepartment, "Springfield", "MA", "MA0071100", "011", "413"),
        ("Minnesota Board of Peace Officer Standards and Training", AgencyKind.StateAgency, "St. Paul", "MN", "MN062POST", "551", "651"),
        ("Cobb County School District Police", AgencyKind.SchoolDistrictPolice, "Marietta", "GA", "GA033C100", "300", "770"),
        ("Tulsa Public Schools", AgencyKind.SchoolDistrict, "Tulsa", "OK", null, "741", "918"),
        ("Maricopa County Sheriff's Office", AgencyKind.SheriffsOffice, "Phoenix", "AZ", "AZ0070000", "850", "602"),
        ("Lexington Police Department", AgencyKind.PoliceDepartment, "Lexington", "KY", "KY0340200", "405", "859"),
        ("Seattle Public Schools", AgencyKind.SchoolDistrict, "Seattle", "WA", null, "981", "206"),
        ("Great Lakes Campus Safety Consortium", AgencyKind.Other, "Milwaukee", "WI", null, "532", "414"),
    ];

    public static List<DemoAgency> Create(AssociationCalendar calendar)
    {
        var now = calendar.Now();
        return [.. Rows.Select(row => new DemoAgency(
            new Agency
            {
                Id = RecordIds.New(),
                Name = row.Name,
                NameKey = TextKeys.Normalize(row.Name),
                Kind = row.Kind,
                City = row.City,
                StateCode = row.State,
                OriCode = row.Ori,
                CreatedAt = now,
                UpdatedAt = now,
            },
            row.Zip,
            row.Area))];
    }
}
