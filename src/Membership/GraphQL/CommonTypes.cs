using GraphQL.Types;

namespace Membership.GraphQL;

/// <summary>An amount of money in minor units (cents) of an ISO 4217 currency. Never a float.</summary>
public sealed record Money(long Amount, string Currency);

internal sealed class MoneyType : ObjectGraphType<Money>
{
    public MoneyType()
    {
        Name = "Money";
        Description = "An amount in minor units of a currency: { amount: 7500, currency: \"USD\" } is $75.00.";
        Field<NonNullGraphType<IntGraphType>>("amount").Description("Minor units (cents).").Resolve(c => checked((int)c.Source.Amount));
        Field(m => m.Currency).Description("ISO 4217 code, e.g. USD.");
    }
}

internal sealed class MoneyInputType : InputObjectGraphType<MoneyInput>
{
    public MoneyInputType()
    {
        Name = "MoneyInput";
        Field<NonNullGraphType<IntGraphType>>("amount").Description("Minor units (cents).");
        Field<NonNullGraphType<StringGraphType>>("currency").Description("ISO 4217 code, e.g. USD.");
    }
}

public sealed class MoneyInput
{
    public int Amount { get; set; }
    public string Currency { get; set; } = string.Empty;
}

public enum SortDirection
{
    Asc,
    Desc,
}

internal sealed class SortDirectionType : EnumerationGraphType<SortDirection>
{
    public SortDirectionType()
    {
        Name = "SortDirection";
    }
}
