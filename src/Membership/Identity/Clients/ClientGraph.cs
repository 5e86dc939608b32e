using GraphQL;
using GraphQL.Types;
using Membership.GraphQL;

namespace Membership.Identity.Clients;

/// <summary>Staff manage OIDC clients through GraphQL: register, list, disable, enable, rotate secrets.</summary>
internal static class ClientGraph
{
    public static void AddClientQueries(this ObjectGraphType query)
    {
        query.Field<ListGraphType<NonNullGraphType<ClientType>>>("clients")
            .Description("Every registered OIDC client. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await c.Service<ClientRegistry>().ListAsync(c.CancellationToken));

        query.Field<ClientType>("client")
            .Description("One OIDC client by client_id. Staff only.")
            .Argument<NonNullGraphType<StringGraphType>>("clientId")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var registry = c.Service<ClientRegistry>();
                var application = await registry.FindAsync(c.GetArgument<string>("clientId"), c.CancellationToken);
                return application is null ? null : await registry.ViewAsync(application, c.CancellationToken);
            });
    }

    public static void AddClientMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<RegisterClientPayloadType, RegisterClientInputType>("registerClient",
                "Registers a front end (PUBLIC), a partner agency's system (PARTNER) or a staff script (STAFF). A confidential client's secret is in the payload, once. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await c.Service<ClientRegistration>().RegisterAsync(c.GetArgument<RegisterClientInput>("input"), c.CancellationToken));

        mutation.Mutation<ClientPayloadType, ClientIdInputType>("disableClient",
                "Stops a client from getting tokens and revokes its refresh tokens; its access tokens stop working within a minute. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, (registry, app, ct) => registry.DisableAsync(app, ct)));

        mutation.Mutation<ClientPayloadType, ClientIdInputType>("enableClient", "Lets a disabled client get tokens again. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ChangeAsync(c, (registry, app, ct) => registry.EnableAsync(app, ct)));

        mutation.Mutation<RegisterClientPayloadType, ClientIdInputType>("rotateClientSecret",
                "Gives a confidential client a new secret, shown once in the payload; the old one stops working at once. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c =>
            {
                var registry = c.Service<ClientRegistry>();
                var clientId = c.GetArgument<ClientIdInput>("input").ClientId;
                var application = await registry.FindAsync(clientId ?? string.Empty, c.CancellationToken);
                if (application is null)
                {
                    return Payload<RegisteredClient>.Failure(new UserErrors().Add(UserErrorCodes.NotFound, "No client has this client_id.", "input", "clientId"));
                }

                var view = await registry.ViewAsync(application, c.CancellationToken);
                if (view.Kind == ClientKind.Public)
                {
                    return Payload<RegisteredClient>.Failure(new UserErrors().Add(UserErrorCodes.NotConfidential, "A public client has no secret.", "input", "clientId"));
                }

                var secret = await registry.RotateSecretAsync(application, c.CancellationToken);
                return Payload<RegisteredClient>.Success(new RegisteredClient(view, secret));
            });
    }

    private static async Task<Payload<ClientView>> ChangeAsync(IResolveFieldContext context, Func<ClientRegistry, object, CancellationToken, Task<ClientView>> change)
    {
        var registry = context.Service<ClientRegistry>();
        var application = await registry.FindAsync(context.GetArgument<ClientIdInput>("input").ClientId ?? string.Empty, context.CancellationToken);
        return application is null
            ? Payload<ClientView>.Failure(new UserErrors().Add(UserErrorCodes.NotFound, "No client has this client_id.", "input", "clientId"))
            : Payload<ClientView>.Success(await change(registry, application, context.CancellationToken));
    }
}

public sealed record RegisteredClient(ClientView Client, string? Secret);

public sealed class RegisterClientInput
{
    public ClientKind Kind { get; set; }
    public string? ClientId { get; set; }
    public string? DisplayName { get; set; }
    public List<string>? RedirectUris { get; set; }
    public List<string>? PostLogoutRedirectUris { get; set; }
    public List<string>? Scopes { get; set; }
    public string? AgencyId { get; set; }
}

public sealed class ClientIdInput
{
    public string? ClientId { get; set; }
}
