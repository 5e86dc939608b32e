using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Dues;

internal sealed class MembershipPlanType : ObjectGraphType<MembershipPlan>
{
    public const string TypeName = "MembershipPlan";

    public MembershipPlanType()
    {
        Name = TypeName;
        Description = "A membership plan: what a category pays and for how long. Public: join pages list plans and prices.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is MembershipPlan;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(p => p.Code);
        Field(p => p.Name);
        Field<NonNullGraphType<MemberCategoryType>>("category").Description("The member category this plan serves.").Resolve(c => c.Source.Category);
        Field<NonNullGraphType<MoneyType>>("price").Resolve(c => new Money(c.Source.PriceAmount, c.Source.Currency));
        Field<NonNullGraphType<TermKindType>>("termKind").Resolve(c => c.Source.TermKind);
        Field(p => p.TermMonths).Description("Months in one term (0 for lifetime plans).");
        Field(p => p.PeriodStartMonth, nullable: true).Description("Fixed-period plans: the month (1-12) every period starts in.");
        Field(p => p.GraceDays).Description("Days after the end during which the member stays in good standing.");
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("Offered to new and renewing members.").Resolve(c => c.Source.IsActive);
    }
}

internal sealed class TermKindType : EnumerationGraphType<TermKind>
{
    public TermKindType()
    {
        Name = "TermKind";
    }
}

internal static class PlanQueries
{
    // Without a category EF Core leaves the category condition out of the SQL (it knows the parameter is null).
    private static readonly ModelQuery<MemberCategory?, MembershipPlan> ActivePlans =
        new((db, category) => db.MembershipPlans.AsNoTracking().Where(p => p.IsActive && (category == null || p.Category == category)));

    private static readonly ModelQuery<MemberCategory?, MembershipPlan> AllPlans =
        new((db, category) => db.MembershipPlans.AsNoTracking().Where(p => category == null || p.Category == category));

    public static void AddPlanQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<MembershipPlanType>>>>("membershipPlans")
            .Description("Membership plans with prices, by category then price. Public. Inactive plans are listed for staff only.")
            .Argument<MemberCategoryType>("category", "Only plans for this category.")
            .Argument<BooleanGraphType>("includeInactive", "Staff only: list retired plans too.")
            .ResolveAsync(async c =>
            {
                var includeInactive = c.GetArgument<bool?>("includeInactive") == true;
                if (includeInactive && !c.Caller().IsStaff)
                {
                    throw new ExecutionError("Only staff can list inactive plans.") { Code = ErrorCodes.Forbidden };
                }

                var category = c.GetArgument<MemberCategory?>("category");
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                var list = await (includeInactive ? AllPlans : ActivePlans).ToListAsync(db, category, c.CancellationToken);

                // A handful of rows: ordered here, by the categories' declared order rather than their stored names.
                return list.OrderBy(p => p.Category).ThenBy(p => p.PriceAmount).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
            });
    }
}

/// <summary>Plans through node(id): public, like the plan list; inactive ones too (old terms point at them).</summary>
internal sealed class PlanNodeSource(IDbContextFactory<MembershipDbContext> factory) : INodeSource
{
    public string TypeName => MembershipPlanType.TypeName;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IServiceProvider requestServices, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.MembershipPlans.AsNoTracking().WhereKeyIn(p => p.Id, keys).ToDictionaryAsync(p => p.Id, p => (object)p, cancellationToken);
    }
}
