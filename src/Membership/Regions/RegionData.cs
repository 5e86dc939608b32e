namespace Membership.Regions;

/// <summary>
/// The initial region table, seeded by the first migration. It follows the nine US Census divisions;
/// staff can move a state by editing the table, and every query reads the table, never this class.
/// </summary>
internal static class RegionData
{
    public static readonly Region[] Regions =
    [
        new() { Number = 1, Name = "New England" },
        new() { Number = 2, Name = "Middle Atlantic" },
        new() { Number = 3, Name = "East North Central" },
        new() { Number = 4, Name = "West North Central" },
        new() { Number = 5, Name = "South Atlantic" },
        new() { Number = 6, Name = "East South Central" },
        new() { Number = 7, Name = "West South Central" },
        new() { Number = 8, Name = "Mountain" },
        new() { Number = 9, Name = "Pacific" },
    ];

    public static readonly UsState[] States =
    [
        S("CT", "Connecticut", 1), S("ME", "Maine", 1), S("MA", "Massachusetts", 1), S("NH", "New Hampshire", 1),
        S("RI", "Rhode Island", 1), S("VT", "Vermont", 1),
        S("NJ", "New Jersey", 2), S("NY", "New York", 2), S("PA", "Pennsylvania", 2),
        S("IL", "Illinois", 3), S("IN", "Indiana", 3), S("MI", "Michigan", 3), S("OH", "Ohio", 3), S("WI", "Wisconsin", 3),
        S("IA", "Iowa", 4), S("KS", "Kansas", 4), S("MN", "Minnesota", 4), S("MO", "Missouri", 4), S("NE", "Nebraska", 4),
        S("ND", "North Dakota", 4), S("SD", "South Dakota", 4),
        S("DE", "Delaware", 5), S("DC", "District of Columbia", 5), S("FL", "Florida", 5), S("GA", "Georgia", 5),
        S("MD", "Maryland", 5), S("NC", "North Carolina", 5), S("SC", "South Carolina", 5), S("VA", "Virginia", 5),
        S("WV", "West Virginia", 5), S("PR", "Puerto Rico", 5), S("VI", "U.S. Virgin Islands", 5),
        S("AL", "Alabama", 6), S("KY", "Kentucky", 6), S("MS", "Mississippi", 6), S("TN", "Tennessee", 6),
        S("AR", "Arkansas", 7), S("LA", "Louisiana", 7), S("OK", "Oklahoma", 7), S("TX", "Texas", 7),
        S("AZ", "Arizona", 8), S("CO", "Colorado", 8), S("ID", "Idaho", 8), S("MT", "Montana", 8), S("NV", "Nevada", 8),
        S("NM", "New Mexico", 8), S("UT", "Utah", 8), S("WY", "Wyoming", 8),
        S("AK", "Alaska", 9), S("CA", "California", 9), S("HI", "Hawaii", 9), S("OR", "Oregon", 9), S("WA", "Washington", 9),
        S("GU", "Guam", 9), S("AS", "American Samoa", 9), S("MP", "Northern Mariana Islands", 9),
    ];

    private static UsState S(string code, string name, int region) => new() { Code = code, Name = name, RegionNumber = region };
}
