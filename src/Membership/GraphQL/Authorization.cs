using System.Runtime.CompilerServices;
using System.Security.Claims;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Membership.GraphQL;

/// <summary>
/// Marks and enforces who may see what. Static policies (<c>AuthorizeWithPolicy</c>) sit on fields and types;
/// personal data fields name the member they belong to, and only that member and staff can read them.
/// Nothing is readable by default unless the schema declares it: a type or field without metadata is public
/// only because its data is (plans, agencies, regions).
/// </summary>
public static class AuthorizationMetadata
{
    private const string PersonalDataKey = "membership:personal-data-of";

    /// <summary>
    /// Marks a field as personal data of the member that <paramref name="ownerOf"/> returns for the source object.
    /// The field must be nullable: a caller without the right gets null and a FORBIDDEN error for that field.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> PersonalData<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, Func<TSource, Guid> ownerOf)
    {
        field.FieldType.WithMetadata(PersonalDataKey, (Func<object, Guid>)(source => ownerOf((TSource)source)));
        return field.Authorize();
    }

    public static Func<object, Guid>? GetPersonalDataOwner(this FieldType field) =>
        field.GetMetadata<Func<object, Guid>?>(PersonalDataKey);

    public static bool IsPersonalData(this FieldType field) => field.HasMetadata(PersonalDataKey);
}

/// <summary>
/// Validation: a document that touches anything requiring authorization, by any path (fragments, aliases,
/// <c>node</c>), is refused with UNAUTHENTICATED when the caller has no valid token; the endpoint answers 401.
/// It depends on the caller, so it runs for cached documents too; whether a document is public depends on the
/// document alone, so a cached document is walked for that once.
/// </summary>
internal sealed class AuthenticationRule : ValidationRuleBase, Documents.IRequestValidationRule
{
    private static readonly object Public = new();

    private static readonly MatchingNodeVisitor<GraphQLField> FieldVisitor = new((field, context) =>
    {
        var definition = context.TypeInfo.GetFieldDef();
        var parent = context.TypeInfo.GetParentType();
        if (definition is null || definition.IsAnonymousAllowed())
        {
            return;
        }

        if (definition.IsAuthorizationRequired()
            || parent?.IsAuthorizationRequired() == true
            || definition.ResolvedType?.GetNamedType().IsAuthorizationRequired() == true)
        {
            context.ReportError(new ValidationError($"Sign in to read '{field.Name.Value}'.") { Code = ErrorCodes.Unauthenticated });
        }
    });

    private readonly ConditionalWeakTable<GraphQLDocument, object> _publicDocuments = new();
    private readonly INodeVisitor _visitor;

    public AuthenticationRule()
    {
        _visitor = new NodeVisitors(FieldVisitor, new MatchingNodeVisitor<GraphQLDocument>(leave: RememberIfPublic));
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        HasWorkFor(context.Document, context.Operation, context.User) ? new(_visitor) : default;

    /// <summary>An anonymous caller, and a document not known to be public.</summary>
    public bool HasWorkFor(GraphQLDocument document, GraphQLOperationDefinition operation, ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated != true && !_publicDocuments.TryGetValue(document, out _);

    private void RememberIfPublic(GraphQLDocument document, ValidationContext context)
    {
        if (!context.Errors.Any(e => e.Code == ErrorCodes.Unauthenticated))
        {
            _publicDocuments.AddOrUpdate(document, Public);
        }
    }
}
