using GraphQL.Types;
using Membership.Agencies;
using Membership.GraphQL;

namespace Membership.Identity.Clients;

internal sealed class ClientType : ObjectGraphType<ClientView>
{
    public ClientType()
    {
        Name = "Client";
        Description = "An application that gets tokens from our OIDC server.";
        Field(c => c.ClientId);
        Field(c => c.DisplayName);
        Field<NonNullGraphType<ClientKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(c => c.Disabled).Description("A disabled client gets no tokens.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("redirectUris").Resolve(c => c.Source.RedirectUris);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("postLogoutRedirectUris").Resolve(c => c.Source.PostLogoutRedirectUris);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Description("API scopes it may ask for.").Resolve(c => c.Source.Scopes);
        Field<AgencyType>("agency").Description("The agency a PARTNER client verifies for.")
            .Resolve(c => c.Source.AgencyId is { } id ? c.Service<AgencyLoaders>().Agency.Load(id) : null);
    }
}

internal sealed class ClientKindType : EnumerationGraphType<ClientKind>
{
    public ClientKindType()
    {
        Name = "ClientKind";
    }
}

internal sealed class RegisterClientInputType : InputObjectGraphType<RegisterClientInput>
{
    public RegisterClientInputType()
    {
        Name = "RegisterClientInput";
        Field<NonNullGraphType<ClientKindType>>("kind");
        Field<StringGraphType>("clientId").Description("3-64 lower-case letters, digits, dashes; generated when absent.");
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("Shown on the consent page.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("redirectUris").Description("PUBLIC only: exact redirect URIs (https; http on loopback).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("postLogoutRedirectUris").Description("PUBLIC only.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("scopes").Description("API scopes it may ask for; default for PUBLIC: membership.self, membership.directory.");
        Field<IdGraphType>("agencyId").Description("PARTNER only: the agency it verifies for.");
    }
}

internal sealed class ClientIdInputType : InputObjectGraphType<ClientIdInput>
{
    public ClientIdInputType()
    {
        Name = "ClientIdInput";
        Field<NonNullGraphType<StringGraphType>>("clientId");
    }
}

internal sealed class RegisterClientPayloadType : ObjectGraphType<Payload<RegisteredClient>>
{
    public RegisterClientPayloadType()
    {
        Name = "RegisterClientPayload";
        Field<ClientType>("client").Resolve(c => c.Source.Result?.Client);
        Field<StringGraphType>("clientSecret").Description("Shown this once; only a hash is stored. Null for PUBLIC clients.").Resolve(c => c.Source.Result?.Secret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}

internal sealed class ClientPayloadType() : PayloadType<ClientView, ClientType>("ClientPayload", "client", "The client as changed, or why not.");
