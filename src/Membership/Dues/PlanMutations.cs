using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Dues;

internal static class PlanMutations
{
    public static void AddPlanMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<CreateMembershipPlanPayloadType, CreateMembershipPlanInputType>("createMembershipPlan", "Adds a membership plan. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await CreateAsync(c, c.GetArgument<CreateMembershipPlanInput>("input")));

        mutation.Mutation<UpdateMembershipPlanPayloadType, UpdateMembershipPlanInputType>("updateMembershipPlan",
                "Changes a plan's name, price, grace days or whether it is offered. Existing terms keep their dates. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await UpdateAsync(c, Patch.From(c)));
    }

    private static Task<Payload<MembershipPlan>> CreateAsync(IResolveFieldContext context, CreateMembershipPlanInput input)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<MembershipPlan>(async (db, errors, ct) =>
        {
            var plan = new MembershipPlan
            {
                Id = RecordIds.New(),
                Code = errors.RequiredText(input.Code, PlanRules.CodeMaxLength, "input", "code").ToUpperInvariant(),
                Name = errors.RequiredText(input.Name, PlanRules.NameMaxLength, "input", "name"),
                Category = input.Category,
                PriceAmount = input.Price.Amount,
                Currency = input.Price.Currency.Trim().ToUpperInvariant(),
                TermKind = input.TermKind,
                TermMonths = input.TermMonths ?? (input.TermKind == TermKind.Lifetime ? 0 : 12),
                PeriodStartMonth = input.PeriodStartMonth,
                GraceDays = input.GraceDays,
                IsActive = input.Active,
                CreatedAt = calendar.Now(),
                UpdatedAt = calendar.Now(),
            };
            PlanRules.CheckTerm(errors, plan.TermKind, plan.TermMonths, plan.PeriodStartMonth, plan.GraceDays, plan.PriceAmount, plan.Currency);
            if (plan.Code.Length > 0 && await db.MembershipPlans.AnyAsync(p => p.Code == plan.Code, ct))
            {
                errors.Add(UserErrorCodes.CodeTaken, $"A plan with code {plan.Code} exists.", "input", "code");
            }

            if (!errors.Any)
            {
                db.MembershipPlans.Add(plan);
            }

            return plan;
        }, e => DbErrors.ConstraintName(e)?.Contains(nameof(MembershipPlan.Code), StringComparison.Ordinal) == true
            ? new UserError(UserErrorCodes.CodeTaken, "A plan with this code exists.", ["input", "code"])
            : null);
    }

    private static Task<Payload<MembershipPlan>> UpdateAsync(IResolveFieldContext context, Patch input)
    {
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<MembershipPlan>(async (db, errors, ct) =>
        {
            if (!GlobalId.TryParse(input.Get<string>("id"), MembershipPlanType.TypeName, out var id))
            {
                errors.Add(UserErrorCodes.InvalidId, "'id' is not a membership plan ID.", "input", "id");
                return null;
            }

            var plan = await db.MembershipPlans.SingleOrDefaultAsync(p => p.Id == id, ct);
            if (plan is null)
            {
                errors.Add(UserErrorCodes.NotFound, "No plan has this ID.", "input", "id");
                return null;
            }

            if (input.Has("name"))
            {
                plan.Name = errors.RequiredText(input.Get<string>("name"), PlanRules.NameMaxLength, "input", "name");
            }

            if (input.Get<MoneyInput>("price") is { } price)
            {
                plan.PriceAmount = price.Amount;
                plan.Currency = price.Currency.Trim().ToUpperInvariant();
            }

            if (input.GetValue<int>("graceDays") is { } graceDays)
            {
                plan.GraceDays = graceDays;
            }

            if (input.GetValue<bool>("active") is { } active)
            {
                plan.IsActive = active;
            }

            PlanRules.CheckTerm(errors, plan.TermKind, plan.TermMonths, plan.PeriodStartMonth, plan.GraceDays, plan.PriceAmount, plan.Currency);
            plan.UpdatedAt = calendar.Now();
            return plan;
        });
    }
}

public sealed class CreateMembershipPlanInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public MemberCategory Category { get; set; }
    public MoneyInput Price { get; set; } = new();
    public TermKind TermKind { get; set; }
    public int? TermMonths { get; set; }
    public int? PeriodStartMonth { get; set; }
    public int GraceDays { get; set; }
    public bool Active { get; set; }
}

internal sealed class CreateMembershipPlanInputType : InputObjectGraphType<CreateMembershipPlanInput>
{
    public CreateMembershipPlanInputType()
    {
        Name = "CreateMembershipPlanInput";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Unique, e.g. REGULAR-ANNUAL; stored upper-case.");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<MemberCategoryType>>("category");
        Field<NonNullGraphType<MoneyInputType>>("price");
        Field<NonNullGraphType<TermKindType>>("termKind");
        Field<IntGraphType>("termMonths").Description("Default 12 (0 for lifetime plans).");
        Field<IntGraphType>("periodStartMonth").Description("Fixed-period plans only: month 1-12 on whose first day periods start.");
        Field<NonNullGraphType<IntGraphType>>("graceDays").DefaultValue(30);
        Field<NonNullGraphType<BooleanGraphType>>("active").DefaultValue(true);
    }
}

internal sealed class UpdateMembershipPlanInputType : InputObjectGraphType
{
    public UpdateMembershipPlanInputType()
    {
        Name = "UpdateMembershipPlanInput";
        Description = "Only the fields given change. Code, category and term are fixed: make a new plan to change them.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("name");
        Field<MoneyInputType>("price");
        Field<IntGraphType>("graceDays");
        Field<BooleanGraphType>("active");
    }
}

internal sealed class CreateMembershipPlanPayloadType() : PayloadType<MembershipPlan, MembershipPlanType>("CreateMembershipPlanPayload", "plan", "The plan added, or why not.");

internal sealed class UpdateMembershipPlanPayloadType() : PayloadType<MembershipPlan, MembershipPlanType>("UpdateMembershipPlanPayload", "plan", "The plan as changed, or why not.");
