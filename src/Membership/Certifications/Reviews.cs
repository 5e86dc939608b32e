using GraphQL;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;

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

/// <summary>The review shape both share: a submitted item is approved, or rejected with a reason, once, by staff.</summary>
internal static class Reviews
{
    /// <summary>
    /// reviewInServiceTraining, reviewPractitionerApplication: the item found by its ID (<paramref name="typeName"/>), the
    /// decision recorded with the reviewer and the time, and <paramref name="approved"/> run on an approval (in the same
    /// transaction; an error it adds undoes the decision). <paramref name="subject"/> names the item in ALREADY_REVIEWED.
    /// </summary>
    public static Task<Payload<T>> ReviewAsync<T>(IResolveFieldContext context, string typeName, Func<MembershipDbContext, Guid, CancellationToken, Task<T?>> find,
        string notFound, string subject, Func<MembershipDbContext, UserErrors, T, CancellationToken, Task>? approved = null)
        where T : class, IReviewed
    {
        var input = context.GetArgument<ReviewInput>("input");
        var calendar = context.Service<AssociationCalendar>();
        var reviewer = context.Caller().Subject;
        return context.WriteAsync<T>(async (db, errors, ct) =>
        {
            var item = errors.Id(input.Id, typeName, "input", "id") is { } id ? await find(db, id, ct) : null;
            if (item is null)
            {
                errors.Add(UserErrorCodes.NotFound, notFound, "input", "id");
                return null;
            }

            if (Decide(errors, item, input, reviewer, calendar.Now(), subject) && input.Approve && approved is not null)
            {
                await approved(db, errors, item, ct);
            }

            return item;
        });
    }

    /// <summary>Records the decision on <paramref name="item"/>; false, with ALREADY_REVIEWED, when it was decided before.</summary>
    private static bool Decide(UserErrors errors, IReviewed item, ReviewInput input, string? reviewer, DateTimeOffset now, string subject)
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
