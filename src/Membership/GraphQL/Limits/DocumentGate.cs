using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Membership.GraphQL.Limits;

/// <summary>
/// Turns a request's text into a document, refusing before validation what is cheap to see and costly to validate:
/// more tokens than <see cref="GraphQLOptions.MaxTokens"/> (counted before parsing), nesting the parser will not
/// follow, and one directive repeated on one location more than <see cref="GraphQLOptions.MaxDirectiveRepeats"/> times
/// (each repeat would otherwise cost a validation error of its own).
/// </summary>
internal static class DocumentGate
{
    private const int MaxParserDepth = 64;

    public static (GraphQLDocument? Document, ExecutionError? Error) Parse(string query, GraphQLOptions limits)
    {
        if (CountTokens(query, limits.MaxTokens) > limits.MaxTokens)
        {
            return (null, new ExecutionError($"The document has more than {limits.MaxTokens} tokens.") { Code = ErrorCodes.TooManyTokens });
        }

        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query, new ParserOptions { MaxDepth = MaxParserDepth });
        }
        catch (GraphQLSyntaxErrorException e)
        {
            var error = new ExecutionError($"Syntax error: {e.Description}.") { Code = ErrorCodes.SyntaxError };
            error.AddLocation(e.Location);
            return (null, error);
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return (null, new ExecutionError("The document is nested too deeply.") { Code = ErrorCodes.TooDeep });
        }

        if (RepeatedDirective(document, limits.MaxDirectiveRepeats) is { } directive)
        {
            var error = new ExecutionError($"@{directive.Name.StringValue} is used more than {limits.MaxDirectiveRepeats} times in one place.") { Code = ErrorCodes.TooManyDirectives };
            return (null, error.AddLocation(directive, document));
        }

        return (document, null);
    }

    /// <summary>Tokens as the parser's own lexer reads them (comments do not count), counted up to one past <paramref name="max"/>.</summary>
    internal static int CountTokens(string text, int max)
    {
        var count = 0;
        var position = 0;
        try
        {
            while (count <= max)
            {
                var token = Lexer.Lex(text, position);
                if (token.Kind == TokenKind.EOF)
                {
                    break;
                }

                count += token.Kind == TokenKind.COMMENT ? 0 : 1;
                position = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
            // Not a token at all: the parser reports it with its location.
        }

        return count;
    }

    private static GraphQLDirective? RepeatedDirective(GraphQLDocument document, int max)
    {
        foreach (var definition in document.Definitions)
        {
            var found = definition switch
            {
                GraphQLOperationDefinition operation => Repeated(operation.Directives, max)
                    ?? operation.Variables?.Items.Select(v => Repeated(v.Directives, max)).FirstOrDefault(d => d is not null)
                    ?? InSelections(operation.SelectionSet, max),
                GraphQLFragmentDefinition fragment => Repeated(fragment.Directives, max) ?? InSelections(fragment.SelectionSet, max),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static GraphQLDirective? InSelections(GraphQLSelectionSet? set, int max)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            var found = selection switch
            {
                GraphQLField field => Repeated(field.Directives, max) ?? InSelections(field.SelectionSet, max),
                GraphQLInlineFragment inline => Repeated(inline.Directives, max) ?? InSelections(inline.SelectionSet, max),
                GraphQLFragmentSpread spread => Repeated(spread.Directives, max),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The first use past the limit of a directive repeated on one location; null when none is.</summary>
    private static GraphQLDirective? Repeated(GraphQLDirectives? directives, int max) =>
        directives is { Count: > 0 } all && all.Count > max
            ? all.Items.GroupBy(d => d.Name.StringValue).Where(g => g.Count() > max).Select(g => g.ElementAt(max)).FirstOrDefault()
            : null;
}
