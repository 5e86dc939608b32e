using Membership.Agencies;
using Membership.Regions;

namespace Membership.Members;

/// <summary>A person who belongs to the association. Email, phone, address and birth date are private.</summary>
public sealed class Member
{
    public Guid Id { get; set; }

    /// <summary>Issued in sequence; shown to people as <see cref="MemberNumber"/>.</summary>
    public long Number { get; set; }
    public string MemberNumber => MemberNumbers.Format(Number);

    public required string FirstName { get; set; }
    public required string LastName { get; set; }

    /// <summary>Search and sort keys: <see cref="Data.TextKeys.Normalize"/> of the names.</summary>
    public string FirstNameKey { get; set; } = string.Empty;
    public string LastNameKey { get; set; } = string.Empty;

    public void SetName(string firstName, string lastName)
    {
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        FirstNameKey = Data.TextKeys.Normalize(FirstName);
        LastNameKey = Data.TextKeys.Normalize(LastName);
    }

    public required string Email { get; set; }

    /// <summary>Trimmed, lower-case form of <see cref="Email"/>; unique.</summary>
    public required string EmailNormalized { get; set; }
    public string? Phone { get; set; }
    public MailingAddress? MailingAddress { get; set; }
    public DateOnly? DateOfBirth { get; set; }

    public Guid? AgencyId { get; set; }
    public Agency? Agency { get; set; }

    /// <summary>
    /// When staff set or confirmed <see cref="AgencyId"/>. An agency named by the member on joining is only a claim: it
    /// gives no rights to act for the agency (its ticket blocks, its group dues, its partner lookups) until confirmed.
    /// </summary>
    public DateTimeOffset? AgencyConfirmedAt { get; set; }
    public string? JobTitle { get; set; }
    public MemberCategory Category { get; set; }
    public bool IsSwornOfficer { get; set; }
    public DateOnly? SroSince { get; set; }

    /// <summary>The state the member lives and works in; the region follows from it.</summary>
    public required string StateCode { get; set; }
    public UsState? State { get; set; }

    public bool DirectoryOptIn { get; set; }

    /// <summary>When staff erased the member's personal data on request (<c>eraseMember</c>); null for everyone else.</summary>
    public DateTimeOffset? ErasedAt { get; set; }
    /// <summary>The member turned renewal reminders off (updateMyProfile); receipts still go out.</summary>
    public bool RenewalRemindersOff { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }
    public string? SuspensionReason { get; set; }

    /// <summary>The term that decides the membership status: the latest one.</summary>
    public Guid? CurrentTermId { get; set; }
    public MembershipTerm? CurrentTerm { get; set; }
    public List<MembershipTerm> Terms { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A postal address within the US.</summary>
public sealed class MailingAddress
{
    public required string Line1 { get; set; }
    public string? Line2 { get; set; }
    public required string City { get; set; }
    public required string StateCode { get; set; }
    public required string PostalCode { get; set; }
}
