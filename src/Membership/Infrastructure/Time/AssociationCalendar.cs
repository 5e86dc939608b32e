using Microsoft.Extensions.Options;

namespace Membership.Infrastructure.Time;

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

    /// <summary>The current UTC time to whole milliseconds: every provider stores that exactly, so what a mutation returns is what a later read returns.</summary>
    public DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    public DateOnly Today() => DateOf(clock.GetUtcNow());

    /// <summary>The association's calendar day of an instant (a payment made at 11 p.m. Central is that day).</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);
}
