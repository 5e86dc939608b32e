namespace Membership.Certifications.Courses;

/// <summary>The association's courses as the first migration seeds them; staff manage the catalogue from then on.</summary>
internal static class CourseCatalogue
{
    private static readonly DateTimeOffset Seeded = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    public static readonly Course[] Courses =
    [
        Course("0197a100-0000-7000-8000-000000000001", "BASIC-SRO", "Basic School Resource Officer", CourseCategory.BasicSro, 40),
        Course("0197a100-0000-7000-8000-000000000002", "ADVANCED-SRO", "Advanced School Resource Officer", CourseCategory.AdvancedSro, 24),
        Course("0197a100-0000-7000-8000-000000000003", "SRO-SUPERVISORS", "SRO Supervisors and Management", CourseCategory.SupervisorsManagement, 24),
        Course("0197a100-0000-7000-8000-000000000004", "SSO", "School Safety Officer", CourseCategory.SchoolSafetyOfficer, 24),
        Course("0197a100-0000-7000-8000-000000000005", "CPTED", "Crime Prevention Through Environmental Design", CourseCategory.Cpted, 24),
        Course("0197a100-0000-7000-8000-000000000006", "AMHT", "Adolescent Mental Health Training", CourseCategory.AdolescentMentalHealth, 8, validityMonths: 36),
        Course("0197a100-0000-7000-8000-000000000007", "PROJECT-UNITE", "Project Unite", CourseCategory.ProjectUnite, 8),
    ];

    private static Course Course(string id, string code, string name, CourseCategory category, int hours, int? validityMonths = null) => new()
    {
        Id = Guid.Parse(id),
        Code = code,
        Name = name,
        Category = category,
        DurationMinutes = hours * 60,
        Provider = "The association",
        IsAssociationCourse = true,
        CertificateValidityMonths = validityMonths,
        IsActive = true,
        CreatedAt = Seeded,
        UpdatedAt = Seeded,
    };
}
