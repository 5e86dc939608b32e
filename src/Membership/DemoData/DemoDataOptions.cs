namespace Membership.DemoData;

/// <summary>The <c>DemoData</c> configuration section: what Development seeds into an empty database.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    public bool Enabled { get; set; } = true;
    public int Members { get; set; } = 500;
    public int Seed { get; set; } = 2026;
}
