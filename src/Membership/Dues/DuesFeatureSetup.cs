using Membership.Dues.Payments;
using Membership.Dues.Reminders;
using Membership.GraphQL;
using Membership.Members;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Membership.Dues;

public static class DuesFeatureSetup
{
    /// <summary>
    /// Dues: membership plans (node type, queries, mutations), dues payments (their services, queries, mutations), a
    /// member's dues fields on <c>Member</c>, and renewal reminders.
    /// </summary>
    public static IServiceCollection AddDues(this IServiceCollection services) =>
        services.AddNodeSource<PlanNodeSource>()
            .AddRootFields(query: q => q.AddPlanQueries(), mutation: m => m.AddPlanMutations())
            .AddDuesPayments()
            .AddRootFields(query: q => q.AddDuesQueries(), mutation: m => m.AddDuesMutations())
            .AddFieldsTo<Member>(member => member.AddDuesFields())
            .AddRenewalReminders();
}
