namespace Membership.Members;

/// <summary>Membership categories. Regular members are sworn officers: they vote and may hold office.</summary>
public enum MemberCategory
{
    Regular,
    Associate,
    Retired,
    Life,
    Student,
}
