using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Identity.Clients;

/// <summary>
/// The host's <c>create-client</c> command: registers an OIDC client without a token, which a fresh install does not
/// have yet, through the same <see cref="ClientRegistration"/> as <c>registerClient</c>. A confidential client's secret
/// is printed once (only its hash is kept). Exit codes: 0 done, 1 refused (the messages say why), 2 usage.
/// </summary>
public static class CreateClientCommand
{
    public const string Usage = """
        usage: create-client --kind public|partner|staff-tool|staff-script --client-id <id> --name <display name>
                             [--redirect-uri <uri>]... [--post-logout-uri <uri>]... [--scope <scope>]...
                             [--agency <agency ID or ORI code>] [--update]
          public        a front end people sign into (code + PKCE); needs --redirect-uri; scopes default: membership.self membership.directory
          partner       a partner agency's system (client credentials, certification.verify); needs --agency; prints its secret once
          staff-tool    an app staff sign into (code + PKCE), e.g. a check-in scanner; needs --redirect-uri; scopes: ticket.checkin (default), membership.staff
          staff-script  a staff script (client credentials); scopes: membership.staff (default), ticket.checkin; prints its secret once
          --update      change an existing client of that kind (name, URIs, scopes, agency); without it an existing client_id is refused
        """;

    private static readonly HashSet<string> Flags = ["--update"];
    private static readonly HashSet<string> Options = ["--kind", "--client-id", "--name", "--redirect-uri", "--post-logout-uri", "--scope", "--agency"];
    private static readonly string[] StaffToolScopes = [ApiScopes.CheckIn, ApiScopes.Staff];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args.SkipWhile(a => a != "create-client").Skip(1).ToList()) is not { } options)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        string? One(string name) => options.TryGetValue(name, out var values) ? values[^1] : null;
        List<string>? Many(string name) => options.TryGetValue(name, out var values) ? [.. values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))] : null;
        var kindName = One("--kind");
        ClientKind? kind = kindName switch
        {
            "public" or "staff-tool" => ClientKind.Public,
            "partner" => ClientKind.Partner,
            "staff-script" => ClientKind.Staff,
            _ => null,
        };
        if (kind is null || One("--client-id") is null || One("--name") is null)
        {
            await error.WriteLineAsync(kind is null ? $"--kind must be public, partner, staff-tool or staff-script.{Environment.NewLine}{Usage}" : Usage);
            return 2;
        }

        var scopes = Many("--scope") ?? (kindName == "staff-tool" ? [ApiScopes.CheckIn] : null);
        if (kindName == "staff-tool" && scopes!.FirstOrDefault(s => !StaffToolScopes.Contains(s)) is { } notStaff)
        {
            await error.WriteLineAsync($"error: a staff-tool client cannot have the scope '{notStaff}' (only {string.Join(", ", StaffToolScopes)}).");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var agencyId = await AgencyIdAsync(scope.ServiceProvider, One("--agency"));
        if (One("--agency") is { } agency && agencyId is null)
        {
            await error.WriteLineAsync($"error: --agency: No agency has the ID or ORI code '{agency}'. ({UserErrorCodes.NotFound})");
            return 1;
        }

        var input = new RegisterClientInput
        {
            Kind = kind.Value,
            ClientId = One("--client-id"),
            DisplayName = One("--name"),
            RedirectUris = Many("--redirect-uri"),
            PostLogoutRedirectUris = Many("--post-logout-uri"),
            Scopes = scopes,
            AgencyId = agencyId,
        };
        var registration = scope.ServiceProvider.GetRequiredService<ClientRegistration>();
        var update = options.ContainsKey("--update");
        var payload = update ? await registration.UpdateAsync(input, CancellationToken.None) : await registration.RegisterAsync(input, CancellationToken.None);
        if (payload.Result is not { } registered)
        {
            foreach (var problem in payload.UserErrors)
            {
                await error.WriteLineAsync($"error: {Option(problem.Field)}{problem.Message} ({problem.Code})");
            }

            return 1;
        }

        var client = registered.Client;
        await output.WriteLineAsync($"{(update ? "Updated" : "Created")} {kindName} client '{client.ClientId}' ({client.DisplayName}); scopes: {string.Join(' ', client.Scopes)}.");
        await output.WriteLineAsync($"client_id: {client.ClientId}");
        if (registered.Secret is not null)
        {
            await output.WriteLineAsync($"client_secret: {registered.Secret}");
            await output.WriteLineAsync("Store the secret now: it is shown only this once (only a hash is kept). rotateClientSecret issues a new one.");
        }

        return 0;
    }

    /// <summary>The options and their values (an option may repeat); null when an argument is unknown or lacks its value.</summary>
    private static Dictionary<string, List<string>>? Parse(List<string> args)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (Flags.Contains(args[i]))
            {
                options[args[i]] = [];
            }
            else if (Options.Contains(args[i]) && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                (options.TryGetValue(args[i], out var values) ? values : options[args[i]] = []).Add(args[++i]);
            }
            else
            {
                return null;
            }
        }

        return options;
    }

    /// <summary>
    /// An agency's global ID as GraphQL takes it (checked by the registration); an ORI code is looked up, as an operator
    /// knows the ORI rather than our IDs. Null when neither.
    /// </summary>
    private static async Task<string?> AgencyIdAsync(IServiceProvider services, string? value)
    {
        if (value is null || GlobalId.TryParse(value, AgencyType.TypeName, out _))
        {
            return value;
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<MembershipDbContext>>().CreateDbContextAsync();
        var ori = value.Trim().ToUpperInvariant();
        var id = await db.Agencies.Where(a => a.OriCode == ori).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
        return id is null ? null : GlobalId.Encode(AgencyType.TypeName, id.Value);
    }

    private static string Option(IReadOnlyList<string>? field) => field is [.., var last] ? $"{OptionOf(last)}: " : string.Empty;

    private static string OptionOf(string field) => field switch
    {
        "clientId" => "--client-id",
        "displayName" => "--name",
        "redirectUris" => "--redirect-uri",
        "postLogoutRedirectUris" => "--post-logout-uri",
        "scopes" => "--scope",
        "agencyId" => "--agency",
        _ => "--" + field,
    };
}
