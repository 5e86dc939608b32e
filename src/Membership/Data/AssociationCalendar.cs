using Microsoft.Extensions.Options;

namespace Membership.Data;

/// <summary>The <c>Association</c> configuration section.</summary>
public sealed class AssociationOptions
{
    public const string Section = "Association";

    /// <summary>IANA time zone whose calendar decides when a term starts and ends ("today").</summary>
    public string TimeZone { get; set; } = "America/Chicago";
}

/// <summary>The one clock for dates: "today" in the association's time zone, from the injected <see cref="TimeProvider"/>.</summary>
public sealed class AssociationCalendar(TimeProvider clock, IOptions<AssociationOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset Now() => clock.GetUtcNow();

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _zone).DateTime);

    public Guid NewId() => Guid.CreateVersion7(clock.GetUtcNow());
}
