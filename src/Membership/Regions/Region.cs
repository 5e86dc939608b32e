namespace Membership.Regions;

/// <summary>One of the association's numbered regions; regional directors are elected per region.</summary>
public sealed class Region
{
    public int Number { get; set; }
    public required string Name { get; set; }
}

/// <summary>A US state, district or territory, and the region it belongs to. The table is data, not code.</summary>
public sealed class UsState
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int RegionNumber { get; set; }
    public Region? Region { get; set; }
}
