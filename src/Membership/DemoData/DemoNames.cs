using Membership.Members;

namespace Membership.DemoData;

/// <summary>The words demo members are made of: names (some with accents, to exercise search keys), streets, titles, reasons.</summary>
internal static class DemoNames
{
    public static readonly string[] FirstNames =
    [
        "James", "Maria", "Michael", "Jennifer", "David", "Patricia", "Robert", "Linda", "Daniel", "Angela",
        "Marcus", "Keisha", "Brian", "Tamika", "Kevin", "Shannon", "Anthony", "Nicole", "Jason", "Heather",
        "José", "María", "Andrés", "Inés", "Raúl", "Sofía", "Zoë", "Renée", "Chloé", "François",
        "Tyrone", "Latoya", "Derek", "Crystal", "Luis", "Ana", "Wei", "Mei", "Tuan", "Priya",
        "Samuel", "Grace", "Terrence", "Monique", "Cody", "Brandi", "Hector", "Rosa", "Ahmed", "Fatima",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
        "García", "Núñez", "Peña", "Muñoz", "Ibáñez", "Hernández", "Martínez", "Rodríguez", "López", "Gómez",
        "O'Brien", "McCarthy", "Kowalski", "Nguyen", "Kim", "Patel", "Washington", "Robinson", "Okafor", "Brooks",
        "Sanders", "Price", "Bennett", "Wood", "Barnes", "Ross", "Henderson", "Coleman", "Jenkins", "St. Clair",
    ];

    public static readonly string[] Streets =
    [
        "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lincoln", "Magnolia", "Park", "Lake",
        "Hillcrest", "Sunset", "Ridge", "River", "Jefferson", "Willow", "Meadow", "Church", "Highland", "Spring",
    ];

    public static readonly string[] StreetKinds = ["St", "Ave", "Dr", "Ln", "Rd", "Ct", "Blvd", "Way"];

    public static readonly string[] SuspensionReasons =
    [
        "Under review by the ethics committee.",
        "Dues payment disputed with the card issuer.",
        "Agency could not confirm employment; awaiting documents.",
        "Conduct complaint under investigation.",
    ];

    public static readonly string[] CancellationReasons =
    [
        "Requested by the member.",
        "Left law enforcement.",
        "Duplicate application.",
        "Payment refunded.",
        "Moved out of school safety.",
    ];

    public static string[] JobTitles(MemberCategory category, bool lawEnforcement) => category switch
    {
        MemberCategory.Regular =>
        [
            "School Resource Officer", "Senior School Resource Officer", "SRO Sergeant", "SRO Supervisor",
            "Deputy Sheriff, School Resource Unit", "Corporal", "Lieutenant, School Safety Division", "Juvenile Detective",
        ],
        MemberCategory.Associate when lawEnforcement => ["Crime Analyst", "Community Outreach Coordinator", "Training Coordinator"],
        MemberCategory.Associate =>
        [
            "Assistant Principal", "School Safety Specialist", "School Counselor", "Director of Student Services",
            "Campus Security Officer", "School Psychologist", "Threat Assessment Coordinator", "Emergency Management Coordinator",
        ],
        MemberCategory.Retired => ["Retired School Resource Officer", "Retired Sergeant", "Retired Chief of Police", "Retired Principal"],
        MemberCategory.Student => ["Graduate Student, Criminal Justice", "Criminal Justice Student", "Police Academy Recruit"],
        _ => ["SRO Program Coordinator", "Past Regional Director", "Safe Schools Consultant"],
    };
}
