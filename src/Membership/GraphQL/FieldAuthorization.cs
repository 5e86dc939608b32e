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

        var inner = field.Resolver ?? (field.StreamResolver is null ? NameFieldResolver.Instance : SourceFieldResolver.Instance);
        field.Resolver = new GuardedResolver(new FieldGuard(field, type), inner);
    }

    /// <summary>The field's own resolver behind its guard.</summary>
    private sealed class GuardedResolver(FieldGuard guard, IFieldResolver inner) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context) => guard.ResolveAsync(context, inner);
    }
}

/// <summary>What one field demands, read from the schema's metadata once.</summary>
internal sealed class FieldGuard(FieldType field, IObjectGraphType parentType)
{
    private readonly string[] _policies = [.. (field.GetPolicies() ?? []).Concat(parentType.GetPolicies() ?? []).Distinct()];
    private readonly string[] _fieldRoles = [.. field.GetRoles() ?? []];
    private readonly string[] _typeRoles = [.. parentType.GetRoles() ?? []];
    private readonly Func<object, Guid>? _ownerOf = field.GetPersonalDataOwner();

    /// <summary>
    /// Runs on every guarded field of every object a request returns (a page of 100 members: over a thousand times), so
    /// the usual case, policies already decided for the request, completes without an async state machine of its own.
    /// </summary>
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, IFieldResolver inner)
    {
        var authorization = RequestAuthorization.Of(context);
        var policies = authorization.AllowsAsync(_policies);
        if (!policies.IsCompletedSuccessfully)
        {
            return ResolveAfterPoliciesAsync(policies, authorization, context, inner);
        }

        Demand(policies.Result, authorization, context);
        return inner.ResolveAsync(context);
    }

    private async ValueTask<object?> ResolveAfterPoliciesAsync(ValueTask<bool> policies, RequestAuthorization authorization, IResolveFieldContext context, IFieldResolver inner)
    {
        Demand(await policies, authorization, context);
        return await inner.ResolveAsync(context);
    }

    private void Demand(bool policiesAllow, RequestAuthorization authorization, IResolveFieldContext context)
    {
        if (!policiesAllow || !HasRole(authorization.Caller, _fieldRoles) || !HasRole(authorization.Caller, _typeRoles)
            || (_ownerOf is not null && context.Source is { } source && !authorization.Caller.MaySeePrivateDataOf(_ownerOf(source))))
        {
            throw new ExecutionError($"You are not allowed to read '{context.FieldDefinition.Name}' here.") { Code = ErrorCodes.Forbidden };
        }
    }

    private static bool HasRole(Caller caller, string[] roles)
    {
        if (roles.Length == 0)
        {
            return true;
        }

        foreach (var role in roles)
        {
            if (caller.IsInRole(role))
            {
                return true;
            }
        }

        return false;
    }
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

    /// <summary>Completes at once when every policy was decided earlier in the request (the usual case: no state machine).</summary>
    public ValueTask<bool> AllowsAsync(string[] policies)
    {
        if (!Caller.IsAuthenticated)
        {
            return ValueTask.FromResult(false);
        }

        for (var i = 0; i < policies.Length; i++)
        {
            var decision = _policies.GetOrAdd(policies[i], static (name, self) => self.AuthorizeAsync(name), this);
            if (!decision.IsCompletedSuccessfully)
            {
                return AllowsAfterAsync(decision, policies, i + 1);
            }

            if (!decision.Result)
            {
                return ValueTask.FromResult(false);
            }
        }

        return ValueTask.FromResult(true);
    }

    private async ValueTask<bool> AllowsAfterAsync(Task<bool> pending, string[] policies, int next) =>
        await pending && await AllowsAsync(policies[next..]);

    private async Task<bool> AuthorizeAsync(string policy) => (await authorization.AuthorizeAsync(Caller.Principal, policy)).Succeeded;
}

/// <summary>The user context of an operation run by the endpoint: what the request resolves once, for every field to share.</summary>
internal sealed class MembershipUserContext(IServiceProvider services) : Dictionary<string, object?>
{
    private RequestAuthorization? _authorization;

    /// <summary>The request's services as resolvers ask for them, each resolved once.</summary>
    public RequestServiceCache Services { get; } = new(services, services.GetRequiredService<ServiceLifetimes>());

    /// <summary>Built on the first guarded field: a public query never asks for it.</summary>
    public RequestAuthorization Authorization =>
        Volatile.Read(ref _authorization) ?? Interlocked.CompareExchange(ref _authorization, RequestAuthorization.For(services), null) ?? _authorization;

    /// <summary>
    /// Set for a cached query without variables that no request rule needs to look at: the validator takes its parsed
    /// arguments from there (<see cref="Documents.RequestValidator"/>).
    /// </summary>
    internal Documents.ValidatedOperation? ConstantArguments { get; set; }
}
