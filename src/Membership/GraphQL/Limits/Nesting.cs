using GraphQLParser.AST;

namespace Membership.GraphQL.Limits;

/// <summary>
/// The heaviest path down a selection set, each field weighing what <paramref name="weight"/> says, through inline
/// fragments and fragment spreads; each named fragment is measured once, so nested spreads cost no more than their text.
/// </summary>
internal sealed class Nesting(Dictionary<string, GraphQLFragmentDefinition> fragments, Func<GraphQLField, int> weight, Func<ASTNode, bool> include)
{
    private readonly Dictionary<string, int> _measured = [];

    public int Of(GraphQLSelectionSet? set)
    {
        var deepest = 0;
        foreach (var selection in set?.Selections ?? [])
        {
            if (include(selection))
            {
                deepest = Math.Max(deepest, selection switch
                {
                    GraphQLField field => weight(field) + Of(field.SelectionSet),
                    GraphQLInlineFragment inline => Of(inline.SelectionSet),
                    GraphQLFragmentSpread spread => OfFragment(spread.FragmentName.Name.StringValue),
                    _ => 0,
                });
            }
        }

        return deepest;
    }

    private int OfFragment(string name)
    {
        if (_measured.TryGetValue(name, out var known) || !fragments.TryGetValue(name, out var fragment))
        {
            return known;
        }

        _measured[name] = 0; // a cycle (refused by NoFragmentCycles) ends here
        return _measured[name] = Of(fragment.SelectionSet);
    }
}
