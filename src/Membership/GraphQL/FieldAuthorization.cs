using System.Collections.Concurrent;
using System.Security.Claims;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using Membership.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.GraphQL;

/// <summary>
/// Execution: each field that needs a check (its own policies and roles, its type's, ownership of personal data)
/// gets a <see cref="FieldGuard"/> around its resolver when the schema is built; public fields (plans, agencies,
/// regions) run bare. A denied field resolves to null with a FORBIDDEN error; the rest of the result stays.
/// </summary>
internal sealed class FieldAuthorization : BaseSchemaNodeVisitor
{
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        if (field.IsAnonymousAllowed() || !(field.IsAuthorizationRequired() || type.IsAuthorizationRequired()))
        {
            return;
        }

        var guard = new FieldGuard(field, type);
        var inner = field.Resolver ?? (field.StreamResolver is null ? NameFieldResolver.Instance : SourceFieldResolver.Instance);
        field.Resolver = new FuncFieldResolver<object>(context => guard.ResolveAsync(context, inner));
    }
}

/// <summary>What one field demands, read from the schema's metadata once.</summary>
internal sealed class FieldGuard(FieldType field, IObjectGraphType parentType)
{
    private readonly string[] _policies = [.. (field.GetPolicies() ?? []).Concat(parentType.GetPolicies() ?? []).Distinct()];
    private readonly string[] _fieldRoles = [.. field.GetRoles() ?? []];
    private readonly string[] _typeRoles = [.. parentType.GetRoles() ?? []];
    private readonly Func<object, Guid>? _ownerOf = field.GetPersonalDataOwner();

    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, IFieldResolver inner)
    {
        var authorization = RequestAuthorization.Of(context);
        if (!await authorization.AllowsAsync(_policies) || !HasRole(authorization.Caller, _fieldRoles) || !HasRole(authorization.Caller, _typeRoles)
            || (_ownerOf is not null && context.Source is { } source && !authorization.Caller.MaySeePrivateDataOf(_ownerOf(source))))
        {
            throw new ExecutionError($"You are not allowed to read '{context.FieldDefinition.Name}' here.") { Code = ErrorCodes.Forbidden };
        }

        return await inner.ResolveAsync(context);
    }

    private static bool HasRole(Caller caller, string[] roles) => roles.Length == 0 || roles.Any(caller.Principal.IsInRole);
}

/// <summary>
/// The caller and the outcome of each static policy for one request: a policy does not depend on the object, so it is
/// asked once per request, not per field. Held by the request's <see cref="MembershipUserContext"/>.
/// </summary>
internal sealed class RequestAuthorization(Caller caller, IAuthorizationService authorization)
{
    private readonly ConcurrentDictionary<string, Task<bool>> _policies = new(StringComparer.Ordinal);

    public Caller Caller { get; } = caller;

    public static RequestAuthorization Of(IResolveFieldContext context) =>
        context.UserContext is MembershipUserContext own ? own.Authorization : For(context.RequestServices!);

    public static RequestAuthorization For(IServiceProvider services) =>
        new(services.GetRequiredService<Caller>(), services.GetRequiredService<IAuthorizationService>());

    public async ValueTask<bool> AllowsAsync(string[] policies)
    {
        if (!Caller.IsAuthenticated)
        {
            return false;
        }

        foreach (var policy in policies)
        {
            if (!await _policies.GetOrAdd(policy, static (name, self) => self.AuthorizeAsync(name), this))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> AuthorizeAsync(string policy) => (await authorization.AuthorizeAsync(Caller.Principal, policy)).Succeeded;
}

/// <summary>The user context of an operation run by the endpoint: what the request resolves once, for every field to share.</summary>
internal sealed class MembershipUserContext(IServiceProvider services) : Dictionary<string, object?>
{
    private RequestAuthorization? _authorization;

    /// <summary>Built on the first guarded field: a public query never asks for it.</summary>
    public RequestAuthorization Authorization =>
        Volatile.Read(ref _authorization) ?? Interlocked.CompareExchange(ref _authorization, RequestAuthorization.For(services), null) ?? _authorization;
}
