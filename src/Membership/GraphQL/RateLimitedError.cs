using GraphQL;
using Membership.Data;

namespace Membership.GraphQL;

/// <summary>
/// A limit refused the request: RATE_LIMITED with the seconds to wait, which the HTTP endpoint turns into 429 and a
/// Retry-After header.
/// </summary>
public static class RateLimitedError
{
    public const string RetryAfterExtension = "retryAfterSeconds";

    /// <summary>Throws the RATE_LIMITED error when the decision refused the request.</summary>
    public static void ThrowIfRefused(this RateLimitDecision decision, string message)
    {
        if (!decision.Allowed)
        {
            throw new ExecutionError(message)
            {
                Code = ErrorCodes.RateLimited,
                Extensions = new Dictionary<string, object?> { [RetryAfterExtension] = (int)Math.Ceiling(decision.RetryAfter.TotalSeconds) },
            };
        }
    }
}
