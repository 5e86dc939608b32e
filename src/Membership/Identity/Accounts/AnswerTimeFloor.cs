using Membership.Identity.Oidc;
using Microsoft.Extensions.Options;

namespace Membership.Identity.Accounts;

/// <summary>
/// Pads an anonymous answer whose work depends on whether an address is in use to <see cref="OidcOptions.MinimumAnonymousAnswerTime"/>,
/// on the injected clock, so its time does not tell the two apart.
/// </summary>
public sealed class AnswerTimeFloor(TimeProvider clock, IOptions<OidcOptions> options)
{
    public long Start() => clock.GetTimestamp();

    /// <summary>Waits out what is left of the minimum since <paramref name="started"/>; nothing once it has passed.</summary>
    public Task PadAsync(long started, CancellationToken cancellationToken)
    {
        var left = options.Value.MinimumAnonymousAnswerTime - clock.GetElapsedTime(started);
        return left > TimeSpan.Zero ? Task.Delay(left, clock, cancellationToken) : Task.CompletedTask;
    }
}
