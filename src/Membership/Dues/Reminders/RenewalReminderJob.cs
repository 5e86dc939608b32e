using Membership.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace Membership.Dues.Reminders;

/// <summary>Mails due renewal reminders every <see cref="ReminderOptions.RunEveryMinutes"/>, one instance at a time.</summary>
internal sealed class RenewalReminderJob(IServiceProvider services, RenewalReminders reminders, IOptions<ReminderOptions> options) : LeasedPeriodicJob(services)
{
    protected override string Name => "renewal-reminders";

    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.RunEveryMinutes);

    protected override Task RunAsync(CancellationToken cancellationToken) => reminders.SendDueAsync(cancellationToken);
}
