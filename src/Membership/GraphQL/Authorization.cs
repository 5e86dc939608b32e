using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Instrumentation;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Membership.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

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
/// </summary>
internal sealed class AuthenticationRule : ValidationRuleBase
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (context.User?.Identity?.IsAuthenticated == true)
        {
            return;
        }

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

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);
}

/// <summary>
/// Execution: checks each field's policies and roles (and its parent type's) for a signed-in caller, and
/// ownership of personal data. A denied field resolves to null with a FORBIDDEN error; the rest of the result stays.
/// </summary>
internal sealed class AuthorizationFieldMiddleware : IFieldMiddleware
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var field = context.FieldDefinition;
        if (!field.IsAnonymousAllowed())
        {
            var services = context.RequestServices!;
            var cache = services.GetRequiredService<PolicyResults>();
            if (!await cache.AllowsAsync(field, context.User) || !await cache.AllowsAsync(context.ParentType, context.User))
            {
                throw Forbidden(context);
            }

            if (field.GetPersonalDataOwner() is { } ownerOf && context.Source is { } source
                && !services.GetRequiredService<Caller>().MaySeePrivateDataOf(ownerOf(source)))
            {
                throw Forbidden(context);
            }
        }

        return await next(context);
    }

    private static ExecutionError Forbidden(IResolveFieldContext context) =>
        new($"You are not allowed to read '{context.FieldDefinition.Name}' here.") { Code = ErrorCodes.Forbidden };
}

/// <summary>Policy outcomes for one request: static policies do not depend on the object, so each is asked once.</summary>
internal sealed class PolicyResults(IAuthorizationService authorization)
{
    private readonly ConcurrentDictionary<string, Task<bool>> _policies = new();

    public async Task<bool> AllowsAsync(IMetadataReader target, System.Security.Claims.ClaimsPrincipal? user)
    {
        if (!target.IsAuthorizationRequired())
        {
            return true;
        }

        if (user?.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        foreach (var policy in target.GetPolicies() ?? [])
        {
            if (!await _policies.GetOrAdd(policy, p => AuthorizeAsync(user, p)))
            {
                return false;
            }
        }

        var roles = target.GetRoles();
        return roles is null || roles.Count == 0 || roles.Any(user.IsInRole);
    }

    private async Task<bool> AuthorizeAsync(System.Security.Claims.ClaimsPrincipal user, string policy) =>
        (await authorization.AuthorizeAsync(user, policy)).Succeeded;
}
