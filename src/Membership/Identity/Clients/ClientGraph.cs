using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using Membership.Agencies;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Membership.Identity.Clients;

/// <summary>Staff manage OIDC clients through GraphQL: register, list, disable, enable, rotate secrets.</summary>
internal static partial class ClientGraph
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
            .ResolveAsync(async c => await RegisterAsync(c, c.GetArgument<RegisterClientInput>("input")));

        mutation.Mutation<ClientPayloadType, ClientIdInputType>("disableClient",
                "Stops a client from getting tokens and revokes its refresh tokens; issued access tokens expire within 60 minutes. Staff only.")
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

    private static async Task<Payload<RegisteredClient>> RegisterAsync(IResolveFieldContext context, RegisterClientInput input)
    {
        var errors = new UserErrors();
        var displayName = errors.RequiredText(input.DisplayName, 100, "input", "displayName");
        var clientId = input.ClientId?.Trim().ToLowerInvariant() ?? $"{input.Kind.ToString().ToLowerInvariant()}-{ClientRegistry.NewSecret()[..10].ToLowerInvariant().Replace('_', 'x')}";
        if (!ClientIdPattern().IsMatch(clientId))
        {
            errors.Add(UserErrorCodes.InvalidFormat, "'clientId' is 3 to 64 lower-case letters, digits and dashes.", "input", "clientId");
        }

        var registry = context.Service<ClientRegistry>();
        if (errors.Items.Count == 0 && await registry.FindAsync(clientId, context.CancellationToken) is not null)
        {
            errors.Add(UserErrorCodes.ClientIdTaken, $"A client '{clientId}' exists.", "input", "clientId");
        }

        var redirects = CheckUris(errors, input.RedirectUris, "redirectUris");
        var logouts = CheckUris(errors, input.PostLogoutRedirectUris, "postLogoutRedirectUris");
        var scopes = input.Scopes ?? input.Kind switch
        {
            ClientKind.Public => [.. ClientRegistry.PublicScopes],
            ClientKind.Staff => [ApiScopes.Staff],
            _ => [ApiScopes.Verification],
        };
        var allowed = input.Kind switch
        {
            ClientKind.Public => ClientRegistry.PublicScopes.Append(ApiScopes.Staff).Append(ApiScopes.CheckIn),
            ClientKind.Staff => [ApiScopes.Staff, ApiScopes.CheckIn],
            _ => [ApiScopes.Verification],
        };
        foreach (var scope in scopes.Where(s => !allowed.Contains(s)))
        {
            errors.Add(UserErrorCodes.InvalidScope, $"A {input.Kind.ToString().ToUpperInvariant()} client cannot have the scope '{scope}'.", "input", "scopes");
        }

        if (input.Kind == ClientKind.Staff && scopes.Count == 0)
        {
            errors.Add(UserErrorCodes.Required, "A STAFF client needs membership.staff, ticket.checkin or both.", "input", "scopes");
        }

        if (input.Kind == ClientKind.Public && (input.RedirectUris?.Count ?? 0) == 0)
        {
            errors.Add(UserErrorCodes.Required, "A PUBLIC client needs at least one redirect URI.", "input", "redirectUris");
        }

        if (input.Kind != ClientKind.Public && redirects.Count + logouts.Count > 0)
        {
            errors.Add(UserErrorCodes.InvalidRedirectUri, "Only PUBLIC clients sign people in; give no redirect URIs.", "input", "redirectUris");
        }

        var agencyId = await CheckAgencyAsync(context, errors, input);
        if (errors.Any)
        {
            return Payload<RegisteredClient>.Failure(errors);
        }

        var (view, secret) = await registry.RegisterAsync(clientId, input.Kind, displayName, redirects, logouts, scopes, agencyId, secret: null, context.CancellationToken);
        return Payload<RegisteredClient>.Success(new RegisteredClient(view, secret));
    }

    private static async Task<Guid?> CheckAgencyAsync(IResolveFieldContext context, UserErrors errors, RegisterClientInput input)
    {
        if (input.Kind != ClientKind.Partner)
        {
            if (input.AgencyId is not null)
            {
                errors.Add(UserErrorCodes.InvalidId, "Only PARTNER clients belong to an agency.", "input", "agencyId");
            }

            return null;
        }

        if (input.AgencyId is null)
        {
            errors.Add(UserErrorCodes.Required, "A PARTNER client belongs to an agency: give 'agencyId'.", "input", "agencyId");
            return null;
        }

        if (errors.Id(input.AgencyId, AgencyType.TypeName, "input", "agencyId") is not { } id)
        {
            return null;
        }

        await using var db = await context.Db().CreateDbContextAsync(context.CancellationToken);
        if (!await db.Agencies.AnyAsync(a => a.Id == id, context.CancellationToken))
        {
            errors.Add(UserErrorCodes.NotFound, "No agency has this ID.", "input", "agencyId");
        }

        return id;
    }

    /// <summary>Absolute URIs without fragments; HTTPS, except http on the loopback address for local development.</summary>
    private static List<Uri> CheckUris(UserErrors errors, List<string>? values, string field)
    {
        var uris = new List<Uri>();
        foreach (var value in values ?? [])
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.Fragment)
                && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            {
                uris.Add(uri);
            }
            else
            {
                errors.Add(UserErrorCodes.InvalidRedirectUri, $"'{value}' is not an https URI (http only on 127.0.0.1 or localhost) without a fragment.", "input", field);
            }
        }

        return uris;
    }

    private static async Task<Payload<ClientView>> ChangeAsync(IResolveFieldContext context, Func<ClientRegistry, object, CancellationToken, Task<ClientView>> change)
    {
        var registry = context.Service<ClientRegistry>();
        var application = await registry.FindAsync(context.GetArgument<ClientIdInput>("input").ClientId ?? string.Empty, context.CancellationToken);
        return application is null
            ? Payload<ClientView>.Failure(new UserErrors().Add(UserErrorCodes.NotFound, "No client has this client_id.", "input", "clientId"))
            : Payload<ClientView>.Success(await change(registry, application, context.CancellationToken));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$")]
    private static partial Regex ClientIdPattern();
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
