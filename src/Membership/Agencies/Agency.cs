using Membership.Regions;

namespace Membership.Agencies;

/// <summary>A police department, sheriff's office, school district or state agency that members work for.</summary>
public sealed class Agency
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Search and sort key of <see cref="Name"/> (<see cref="Data.TextKeys.Normalize"/>).</summary>
    public string NameKey { get; set; } = string.Empty;
    public AgencyKind Kind { get; set; }
    public required string City { get; set; }
    public required string StateCode { get; set; }
    public UsState? State { get; set; }

    /// <summary>The 9-character ORI code a US law-enforcement agency carries; school districts have none.</summary>
    public string? OriCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum AgencyKind
{
    PoliceDepartment,
    SheriffsOffice,
    SchoolDistrictPolice,
    SchoolDistrict,
    StateAgency,
    Other,
}
