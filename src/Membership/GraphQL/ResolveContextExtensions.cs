using GraphQL;
using Membership.Data;
using Membership.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.GraphQL;

/// <summary>What resolvers take from the request's services: graph types hold none.</summary>
public static class ResolveContextExtensions
{
    /// <summary>From the request's cache (<see cref="RequestServiceCache"/>) when the endpoint runs the operation.</summary>
    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.UserContext is MembershipUserContext own ? own.Services.Get<T>() : context.RequestServices!.GetRequiredService<T>();

    public static IDbContextFactory<MembershipDbContext> Db(this IResolveFieldContext context) =>
        context.Service<IDbContextFactory<MembershipDbContext>>();

    public static Caller Caller(this IResolveFieldContext context) => context.Service<Caller>();

    public static DateOnly Today(this IResolveFieldContext context) => context.Service<AssociationCalendar>().Today();
}
