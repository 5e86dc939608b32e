using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Membership.Partners.Webhooks;

/// <summary>A registered or rotated endpoint with its new secret, the only time the secret is shown.</summary>
public sealed record EndpointWithSecret(WebhookEndpoint Endpoint, string Secret);

/// <summary>The partner's own endpoint management: register, rotate the secret, disable, enable, delete, redeliver.</summary>
internal static class WebhookEndpoints
{
    public const int MaxPerClient = 10;

    public sealed record Partner(string ClientId, Guid AgencyId);

    /// <summary>Only a partner agency's client (client credentials, with an agency) has webhook endpoints.</summary>
    public static Partner PartnerOf(Caller caller) => caller is { IsClient: true, AgencyId: { } agency, ClientId: { } client }
        ? new Partner(client, agency)
        : throw new ExecutionError("Only a partner agency's client has webhook endpoints.") { Code = ErrorCodes.Forbidden };

    public static void AddWebhookMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<EndpointWithSecretPayloadType, RegisterWebhookEndpointInputType>("registerWebhookEndpoint",
                "Registers an https endpoint of the calling partner client for the given events; the answer carries the signing secret, shown this once.")
            .AuthorizeWithPolicy(Policies.Verifier).ResolveAsync(async c => await RegisterAsync(c));
        mutation.Mutation<EndpointWithSecretPayloadType, RotateWebhookSecretInputType>("rotateWebhookSecret",
                "Gives the endpoint a new secret (shown this once); for overlapHours (default 24, at most 168) deliveries carry signatures with both.")
            .AuthorizeWithPolicy(Policies.Verifier).ResolveAsync(async c => await RotateAsync(c));
        mutation.Mutation<WebhookEndpointPayloadType, WebhookEndpointIdInputType>("disableWebhookEndpoint", "Stops deliveries to the endpoint; pending ones wait.")
            .AuthorizeWithPolicy(Policies.Verifier).ResolveAsync(async c => await ChangeAsync(c, (e, errors, now) => SetDisabled(e, errors, now, true)));
        mutation.Mutation<WebhookEndpointPayloadType, WebhookEndpointIdInputType>("enableWebhookEndpoint",
                "Starts deliveries to a disabled endpoint again (pending ones resume; failed ones can be redelivered).")
            .AuthorizeWithPolicy(Policies.Verifier).ResolveAsync(async c => await ChangeAsync(c, (e, errors, now) => SetDisabled(e, errors, now, false)));
        mutation.Mutation<WebhookEndpointPayloadType, WebhookEndpointIdInputType>("deleteWebhookEndpoint", "Deletes the endpoint with its deliveries and their attempts.")
            .AuthorizeWithPolicy(Policies.Verifier).ResolveAsync(async c => await DeleteAsync(c));
        mutation.Mutation<WebhookDeliveryPayloadType, RedeliverWebhookInputType>("redeliverWebhook",
                "Sends a delivery of the calling partner's endpoint again (with its webhook-id), retrying for three days from now.")
            .AuthorizeWithPolicy(Policies.Verifier).ResolveAsync(async c => await RedeliverAsync(c));
    }

    private static Task<Payload<EndpointWithSecret>> RegisterAsync(IResolveFieldContext context)
    {
        var partner = PartnerOf(context.Caller());
        var input = context.GetArgument<RegisterWebhookEndpointInput>("input");
        var options = context.Service<IOptions<WebhookOptions>>().Value;
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<EndpointWithSecret>(async (db, errors, ct) =>
        {
            if (WebhookUrls.Problem(input.Url, options) is { } problem)
            {
                errors.Add(UserErrorCodes.InvalidWebhookUrl, problem, "input", "url");
            }

            if (input.Events is not { Count: > 0 })
            {
                errors.Add(UserErrorCodes.Required, "Subscribe to at least one event.", "input", "events");
            }

            var contact = errors.Email(input.ContactEmail, 254, "input", "contactEmail");
            if (await db.WebhookEndpoints.CountAsync(e => e.ClientId == partner.ClientId, ct) >= MaxPerClient)
            {
                errors.Add(UserErrorCodes.OutOfRange, $"A client has at most {MaxPerClient} endpoints.", "input", "url");
            }

            if (errors.Any)
            {
                return null;
            }

            var secret = WebhookSigning.NewSecret();
            var endpoint = db.WebhookEndpoints.Add(new WebhookEndpoint
            {
                Id = RecordIds.New(), ClientId = partner.ClientId, AgencyId = partner.AgencyId, Url = input.Url!.Trim(), EventMask = WebhookEventTypes.Mask(input.Events!),
                ContactEmail = contact, ProtectedSecret = context.Service<WebhookSecrets>().Protect(secret), CreatedAt = calendar.Now(),
            }).Entity;
            return new EndpointWithSecret(endpoint, secret);
        });
    }

    private static async Task<Payload<EndpointWithSecret>> RotateAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<RotateWebhookSecretInput>("input");
        var options = context.Service<IOptions<WebhookOptions>>().Value;
        var secrets = context.Service<WebhookSecrets>();
        string? secret = null;
        var changed = await ChangeAsync(context, (endpoint, errors, now) =>
        {
            var hours = errors.InRange(input.OverlapHours ?? options.DefaultOverlapHours, 0, options.MaxOverlapHours, "input", "overlapHours");
            secret = WebhookSigning.NewSecret();
            endpoint.ProtectedPreviousSecret = hours > 0 ? endpoint.ProtectedSecret : null;
            endpoint.PreviousSecretUntil = hours > 0 ? now.AddHours(hours) : null;
            endpoint.ProtectedSecret = secrets.Protect(secret);
        }, input.EndpointId);
        return changed.Result is { } endpoint ? Payload<EndpointWithSecret>.Success(new(endpoint, secret!)) : Payload<EndpointWithSecret>.Failure(changed.UserErrors);
    }

    private static void SetDisabled(WebhookEndpoint endpoint, UserErrors errors, DateTimeOffset now, bool disable)
    {
        if ((endpoint.DisabledAt is not null) == disable)
        {
            errors.Add(UserErrorCodes.NoChanges, disable ? "The endpoint is already disabled." : "The endpoint is not disabled.", "input", "endpointId");
        }

        endpoint.DisabledAt = disable ? now : null;
        endpoint.DisabledReason = disable ? "Disabled by the partner." : null;
        endpoint.FailingSince = null;
    }

    private static Task<Payload<WebhookEndpoint>> ChangeAsync(IResolveFieldContext context, Action<WebhookEndpoint, UserErrors, DateTimeOffset> change, string? endpointId = null)
    {
        var partner = PartnerOf(context.Caller());
        endpointId ??= context.GetArgument<WebhookEndpointIdInput>("input").EndpointId;
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<WebhookEndpoint>(async (db, errors, ct) =>
        {
            if (await FindAsync(db, errors, partner, endpointId, ct) is not { } endpoint)
            {
                return null;
            }

            change(endpoint, errors, calendar.Now());
            return endpoint;
        });
    }

    private static Task<Payload<WebhookEndpoint>> DeleteAsync(IResolveFieldContext context)
    {
        var partner = PartnerOf(context.Caller());
        var endpointId = context.GetArgument<WebhookEndpointIdInput>("input").EndpointId;
        return context.WriteAsync<WebhookEndpoint>(async (db, errors, ct) =>
        {
            if (await FindAsync(db, errors, partner, endpointId, ct) is not { } endpoint)
            {
                return null;
            }

            // Our rows are never deleted by cascade: the attempts, then the deliveries, inside the mutation's transaction; the events stay.
            var deliveries = db.WebhookDeliveries.Where(d => d.EndpointId == endpoint.Id);
            await db.WebhookAttempts.Where(a => deliveries.Any(d => d.Id == a.DeliveryId)).ExecuteDeleteAsync(ct);
            await deliveries.ExecuteDeleteAsync(ct);
            db.WebhookEndpoints.Remove(endpoint);
            return endpoint;
        });
    }

    /// <summary>The caller's own endpoint; another client's answers NOT_FOUND, exactly like one that does not exist.</summary>
    private static async Task<WebhookEndpoint?> FindAsync(MembershipDbContext db, UserErrors errors, Partner partner, string? endpointId, CancellationToken ct)
    {
        if (errors.Id(endpointId, WebhookEndpointType.TypeName, "input", "endpointId") is not { } id)
        {
            return null;
        }

        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id && e.ClientId == partner.ClientId, ct);
        if (endpoint is null)
        {
            errors.Add(UserErrorCodes.NotFound, "No endpoint of yours has this ID.", "input", "endpointId");
        }

        return endpoint;
    }

    private static Task<Payload<WebhookDelivery>> RedeliverAsync(IResolveFieldContext context)
    {
        var partner = PartnerOf(context.Caller());
        var input = context.GetArgument<RedeliverWebhookInput>("input");
        var calendar = context.Service<AssociationCalendar>();
        return context.WriteAsync<WebhookDelivery>(async (db, errors, ct) =>
        {
            if (errors.Id(input.DeliveryId, WebhookDeliveryType.TypeName, "input", "deliveryId") is not { } id)
            {
                return null;
            }

            var found = await (from d in db.WebhookDeliveries
                               join e in db.WebhookEndpoints on d.EndpointId equals e.Id
                               where d.Id == id && e.ClientId == partner.ClientId
                               select new { Delivery = d, Disabled = e.DisabledAt != null }).SingleOrDefaultAsync(ct);
            var now = calendar.Now();
            if (found is null)
            {
                errors.Add(UserErrorCodes.NotFound, "No delivery of yours has this ID.", "input", "deliveryId");
                return null;
            }

            if (found.Disabled)
            {
                errors.Add(UserErrorCodes.EndpointDisabled, "The endpoint is disabled; enable it first.", "input", "deliveryId");
            }

            if (found.Delivery.LeaseUntil > now)
            {
                errors.Add(UserErrorCodes.DeliveryInFlight, "The delivery is being attempted right now.", "input", "deliveryId");
            }

            found.Delivery.Status = WebhookDeliveryStatus.Pending;
            found.Delivery.NextAttemptAt = now;
            found.Delivery.RetryingSince = now;
            return found.Delivery;
        });
    }
}

public sealed class RegisterWebhookEndpointInput
{
    public string? Url { get; set; }
    public List<WebhookEventType>? Events { get; set; }
    public string? ContactEmail { get; set; }
}

public sealed class RotateWebhookSecretInput
{
    public string? EndpointId { get; set; }
    public int? OverlapHours { get; set; }
}

public sealed class WebhookEndpointIdInput
{
    public string? EndpointId { get; set; }
}

public sealed class RedeliverWebhookInput
{
    public string? DeliveryId { get; set; }
}

internal sealed class RegisterWebhookEndpointInputType : InputObjectGraphType<RegisterWebhookEndpointInput>
{
    public RegisterWebhookEndpointInputType()
    {
        Name = "RegisterWebhookEndpointInput";
        Field<NonNullGraphType<StringGraphType>>("url").Description("https only; private and loopback addresses are refused.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEventTypeType>>>>("events");
        Field<NonNullGraphType<StringGraphType>>("contactEmail").Description("Mailed when the endpoint is disabled for failing.");
    }
}

internal sealed class RotateWebhookSecretInputType : InputObjectGraphType<RotateWebhookSecretInput>
{
    public RotateWebhookSecretInputType()
    {
        Name = "RotateWebhookSecretInput";
        Field<NonNullGraphType<IdGraphType>>("endpointId");
        Field<IntGraphType>("overlapHours").Description("How long the previous secret still signs (0 to 168; default 24).");
    }
}

internal sealed class WebhookEndpointIdInputType : InputObjectGraphType<WebhookEndpointIdInput>
{
    public WebhookEndpointIdInputType()
    {
        Name = "WebhookEndpointIdInput";
        Field<NonNullGraphType<IdGraphType>>("endpointId");
    }
}

internal sealed class RedeliverWebhookInputType : InputObjectGraphType<RedeliverWebhookInput>
{
    public RedeliverWebhookInputType()
    {
        Name = "RedeliverWebhookInput";
        Field<NonNullGraphType<IdGraphType>>("deliveryId");
    }
}

internal sealed class EndpointWithSecretPayloadType : ObjectGraphType<Payload<EndpointWithSecret>>
{
    public EndpointWithSecretPayloadType()
    {
        Name = "WebhookEndpointSecretPayload";
        Description = "The endpoint and its new signing secret (whsec_…), shown only here, or why not.";
        Field<WebhookEndpointType>("endpoint").Resolve(c => c.Source.Result?.Endpoint);
        Field<StringGraphType>("secret").Resolve(c => c.Source.Result?.Secret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}

internal sealed class WebhookEndpointPayloadType() : PayloadType<WebhookEndpoint, WebhookEndpointType>("WebhookEndpointPayload", "endpoint", "The endpoint as it now stands, or why not.");

internal sealed class WebhookDeliveryPayloadType() : PayloadType<WebhookDelivery, WebhookDeliveryType>("WebhookDeliveryPayload", "delivery", "The delivery, due again, or why not.");
