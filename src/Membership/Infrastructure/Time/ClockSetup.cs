using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Infrastructure.Time;

public static class ClockSetup
{
    /// <summary>The one clock: the system's <see cref="TimeProvider"/> (tests replace it) and the association's calendar on it.</summary>
    public static IServiceCollection AddAssociationClock(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.Configure<AssociationOptions>(configuration.GetSection(AssociationOptions.Section));
        return services.AddSingleton<AssociationCalendar>();
    }
}
