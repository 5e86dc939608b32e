using System.Text.RegularExpressions;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Membership.Identity.Clients;

/// <summary>
/// The one way a client is registered or changed, whoever asks: staff through <c>registerClient</c>, or an operator
/// through the host's <c>create-client</c> command (a fresh install has no token yet). Bad input is a user error;
/// nothing is written then.
/// </summary>
public sealed partial class ClientRegistration(ClientRegistry registry, IDbContextFactory<MembershipDbContext> factory)
{
    public async Task<Payload<RegisteredClient>> RegisterAsync(RegisterClientInput input, CancellationToken cancellationToken)
    {
        var errors = new UserErrors();
        var clientId = input.ClientId?.Trim().ToLowerInvariant() ?? $"{input.Kind.ToString().ToLowerInvariant()}-{ClientRegistry.NewSecret()[..10].ToLowerInvariant().Replace('_', 'x')}";
        var client = await CheckAsync(errors, input, async () =>
        {
            if (!ClientIdPattern().IsMatch(clientId))
            {
                errors.Add(UserErrorCodes.InvalidFormat, "'clientId' is 3 to 64 lower-case letters, digits and dashes.", "input", "clientId");
            }
            else if (await registry.FindAsync(clientId, cancellationToken) is not null)
            {
                errors.Add(UserErrorCodes.ClientIdTaken, $"A client '{clientId}' exists.", "input", "clientId");
            }
        }, cancellationToken);
        if (errors.Any)
        {
            return Payload<RegisteredClient>.Failure(errors);
        }

        try
        {
            var (view, secret) = await registry.RegisterAsync(clientId, input.Kind, client.DisplayName, client.RedirectUris, client.PostLogoutRedirectUris,
                client.Scopes, client.AgencyId, secret: null, cancellationToken);
            return Payload<RegisteredClient>.Success(new RegisteredClient(view, secret));
        }
        catch (Exception e) when (e is OpenIddict.Abstractions.OpenIddictExceptions.ValidationException || (e is DbUpdateException update && DbErrors.IsUniqueViolation(update)))
        {
            // A registration racing this one took the client_id between our check and our insert (OpenIddict's own check
            // or the unique index noticed); anything else is not a user error.
            if (!await ClientIdStoredAsync(clientId))
            {
                throw;
            }

            return Payload<RegisteredClient>.Failure(errors.Add(UserErrorCodes.ClientIdTaken, $"A client '{clientId}' exists.", "input", "clientId"));
        }
    }

    /// <summary>Whether a client_id is in the database, read afresh: the request's context and OpenIddict's cache still hold what they saw before the race.</summary>
    private async Task<bool> ClientIdStoredAsync(string clientId)
    {
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        return await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.ClientId == clientId, CancellationToken.None);
    }

    /// <summary>Replaces an existing client's name, URIs, scopes and agency; its kind and secret stay.</summary>
    public async Task<Payload<RegisteredClient>> UpdateAsync(RegisterClientInput input, CancellationToken cancellationToken)
    {
        var errors = new UserErrors();
        var application = await registry.FindAsync(input.ClientId?.Trim().ToLowerInvariant() ?? string.Empty, cancellationToken);
        if (application is null)
        {
            return Payload<RegisteredClient>.Failure(errors.Add(UserErrorCodes.NotFound, "No client has this client_id.", "input", "clientId"));
        }

        var existing = await registry.ViewAsync(application, cancellationToken);
        if (existing.Kind != input.Kind)
        {
            errors.Add(UserErrorCodes.KindCannotChange, $"The client is {existing.Kind.ToString().ToUpperInvariant()}; a client's kind cannot change.", "input", "kind");
        }

        if (existing.Disabled)
        {
            errors.Add(UserErrorCodes.ClientDisabled, "The client is disabled; enable it before changing it.", "input", "clientId");
        }

        var client = await CheckAsync(errors, input, () => Task.CompletedTask, cancellationToken);
        if (errors.Any)
        {
            return Payload<RegisteredClient>.Failure(errors);
        }

        var view = await registry.UpdateAsync(application, client.DisplayName, client.RedirectUris, client.PostLogoutRedirectUris, client.Scopes, client.AgencyId, cancellationToken);
        return Payload<RegisteredClient>.Success(new RegisteredClient(view, null));
    }

    private sealed record CheckedClient(string DisplayName, List<Uri> RedirectUris, List<Uri> PostLogoutRedirectUris, List<string> Scopes, Guid? AgencyId);

    /// <param name="checkClientId">The client_id's own checks, which differ between a new client and a changed one.</param>
    private async Task<CheckedClient> CheckAsync(UserErrors errors, RegisterClientInput input, Func<Task> checkClientId, CancellationToken cancellationToken)
    {
        var displayName = errors.RequiredText(input.DisplayName, 100, "input", "displayName");
        await checkClientId();
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

        var agencyId = await CheckAgencyAsync(errors, input, cancellationToken);
        return new CheckedClient(displayName, redirects, logouts, [.. scopes.Distinct()], agencyId);
    }

    private async Task<Guid?> CheckAgencyAsync(UserErrors errors, RegisterClientInput input, CancellationToken cancellationToken)
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

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Agencies.AnyAsync(a => a.Id == id, cancellationToken))
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

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$")]
    private static partial Regex ClientIdPattern();
}
