using Membership.GraphQL;

namespace Membership.Certifications;

/// <summary>Something a member submits and staff review once: reported in-service training, a practitioner application.</summary>
public interface IReviewed
{
    ReviewStatus Status { get; set; }
    DateTimeOffset? ReviewedAt { get; set; }
    string? ReviewedBy { get; set; }
    string? RejectionReason { get; set; }
}

/// <summary>A staff decision: approve, or reject with a reason.</summary>
public sealed class ReviewInput
{
    public string? Id { get; set; }
    public bool Approve { get; set; }
    public string? Reason { get; set; }
}

/// <summary>The review shape both share: a submitted item is approved, or rejected with a reason, once.</summary>
internal static class Reviews
{
    /// <summary>
    /// Records the decision on <paramref name="item"/>; false, with ALREADY_REVIEWED, when it was decided before.
    /// <paramref name="subject"/> names it in that error ("This application").
    /// </summary>
    public static bool Decide(UserErrors errors, IReviewed item, ReviewInput input, string? reviewer, DateTimeOffset now, string subject)
    {
        if (item.Status != ReviewStatus.Submitted)
        {
            errors.Add(UserErrorCodes.AlreadyReviewed, $"{subject} was already {item.Status.ToString().ToLowerInvariant()}.", "input", "id");
            return false;
        }

        item.Status = input.Approve ? ReviewStatus.Approved : ReviewStatus.Rejected;
        item.RejectionReason = input.Approve ? null : errors.RequiredText(input.Reason, 500, "input", "reason");
        item.ReviewedAt = now;
        item.ReviewedBy = reviewer;
        return true;
    }
}
