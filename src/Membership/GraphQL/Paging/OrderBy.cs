using GraphQL.Types;

namespace Membership.GraphQL.Paging;

/// <summary>A list's <c>orderBy</c> argument: one of the list's sort fields and a direction.</summary>
public abstract class OrderBy<TField>
    where TField : struct, Enum
{
    public TField Field { get; set; }
    public SortDirection Direction { get; set; }
}

/// <summary>The input type of an <c>orderBy</c> argument: <c>{ field: &lt;Name&gt;Field!, direction: SortDirection = ASC }</c>.</summary>
internal abstract class OrderByType<TOrder, TField> : InputObjectGraphType<TOrder>
    where TOrder : OrderBy<TField>
    where TField : struct, Enum
{
    protected OrderByType(string name)
    {
        Name = name;
        Field<NonNullGraphType<EnumerationGraphType<TField>>>("field");
        Field<SortDirectionType>("direction").DefaultValue(SortDirection.Asc);
    }
}

/// <summary>The keyset order of each sort field and direction of a list; without <c>orderBy</c>, the default field ascending.</summary>
internal sealed class KeysetOrders<TEntity, TField>(TField defaultField, IReadOnlyDictionary<(TField, SortDirection), KeysetOrder<TEntity>> orders)
    where TField : struct, Enum
{
    public KeysetOrder<TEntity> For(OrderBy<TField>? order) => orders[(order?.Field ?? defaultField, order?.Direction ?? SortDirection.Asc)];
}
