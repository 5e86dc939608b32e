using Membership.GraphQL;
using Membership.Infrastructure.Jobs;
using Membership.Members;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Dues.Reminders;

public static class ReminderSetup
{
    /// <summary>Renewal reminders: the steps (staff list and edit them), the job that mails them, and what staff see was sent.</summary>
    public static IServiceCollection AddRenewalReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidation>();
        services.AddSingleton<RenewalReminders>();
        services.AddLeasedJob<RenewalReminderJob>();
        services.AddScoped<ReminderLoaders>();
        return services.AddRootFields(query: q => q.AddReminderQueries(), mutation: m => m.AddReminderMutations())
            .AddFieldsTo<Member>(member => member.AddReminderFields());
    }

    private sealed class ReminderOptionsValidation : IValidateOptions<ReminderOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReminderOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
