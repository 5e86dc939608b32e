using GraphQL;
using GraphQL.Types;
using Membership.Certifications;
using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Microsoft.EntityFrameworkCore;

namespace Membership.Partners.Webhooks;

internal sealed class WebhookEventTypeType : EnumerationGraphType<WebhookEventType>
{
    public WebhookEventTypeType()
    {
        Name = "WebhookEventType";
        Description = "What a partner endpoint can be told of; the delivered body's type is the dotted form (CERTIFICATE_SUSPENDED: certificate.suspended).";
    }
}

internal sealed class WebhookDeliveryStatusType : EnumerationGraphType<WebhookDeliveryStatus>
{
    public WebhookDeliveryStatusType() => Name = "WebhookDeliveryStatus";
}

internal sealed class WebhookEndpointType : ObjectGraphType<WebhookEndpoint>
{
    public const string TypeName = "WebhookEndpoint";

    public WebhookEndpointType()
    {
        Name = TypeName;
        Description = "A partner client's HTTPS address told of its agency's officers' certificate changes, consents and (consenting officers') standing. The secret is shown only when registered or rotated.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(e => e.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEventTypeType>>>>("events").Resolve(c => WebhookEventTypes.Of(c.Source.EventMask));
        Field(e => e.ContactEmail).Description("Mailed when the endpoint is disabled for failing.");
        Field(e => e.CreatedAt);
        Field(e => e.DisabledAt, nullable: true);
        Field(e => e.DisabledReason, nullable: true);
        Field(e => e.FailingSince, nullable: true).Description("Start of the current run of failed attempts; after three days the endpoint is disabled.");
        Field(e => e.PreviousSecretUntil, nullable: true).Description("Until then deliveries are signed with the previous secret too (after a rotation).");
    }
}

internal sealed class WebhookDeliveryType : ObjectGraphType<WebhookDelivery>
{
    public const string TypeName = "WebhookDelivery";

    public WebhookDeliveryType()
    {
        Name = TypeName;
        Description = "One event sent to one endpoint, with its attempts.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("webhookId").Description("The webhook-id header: the same on every attempt and redelivery.")
            .Resolve(c => WebhookDispatcher.MessageId(c.Source.Id));
        Field<NonNullGraphType<WebhookEventTypeType>>("eventType").Resolve(c => c.Service<WebhookLoaders>().Event.Load(c.Source.EventId).Then(e => e!.Type));
        Field<NonNullGraphType<StringGraphType>>("body").Description("The JSON body as sent and signed.")
            .Resolve(c => c.Service<WebhookLoaders>().Event.Load(c.Source.EventId).Then(e => e!.Body));
        Field<NonNullGraphType<WebhookDeliveryStatusType>>("status").Resolve(c => c.Source.Status);
        Field(d => d.Attempts).Description("Attempts so far.");
        Field(d => d.NextAttemptAt, nullable: true);
        Field(d => d.LastStatusCode, nullable: true);
        Field(d => d.LastError, nullable: true);
        Field(d => d.CreatedAt);
        Field(d => d.DeliveredAt, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookAttemptType>>>>("attemptLog").Description("Every attempt, oldest first.")
            .Resolve(c => c.Service<WebhookLoaders>().AttemptsOfDelivery.Load(c.Source.Id));
    }
}

internal sealed class WebhookAttemptType : ObjectGraphType<WebhookAttempt>
{
    public WebhookAttemptType()
    {
        Name = "WebhookAttempt";
        Field(a => a.At);
        Field(a => a.StatusCode, nullable: true).Description("What the endpoint answered; null when it did not (time-out, refused connection).");
        Field(a => a.Error, nullable: true);
        Field(a => a.DurationMs);
    }
}

internal sealed class WebhookDeliveryEdgeType() : EdgeType<WebhookDelivery, WebhookDeliveryType>(WebhookDeliveryType.TypeName);

internal sealed class WebhookDeliveryConnectionType() : ConnectionType<WebhookDelivery, WebhookDeliveryType, WebhookDeliveryEdgeType>(WebhookDeliveryType.TypeName);

/// <summary>Per-request loaders: a delivery's event, a delivery's attempts (one query per level, however many deliveries).</summary>
public sealed class WebhookLoaders(IDbContextFactory<MembershipDbContext> factory)
{
    private static readonly KeyedQuery<Guid, WebhookAttempt> AttemptsByDelivery = new((db, ids) =>
        db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.At));

    public BatchLoader<Guid, WebhookEvent?> Event { get; } = new(async (ids, ct) =>
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.WebhookEvents.AsNoTracking().WhereKeyIn(e => e.Id, ids).ToDictionaryAsync(e => e.Id, e => (WebhookEvent?)e, ct);
    }, null);

    public BatchLoader<Guid, IReadOnlyList<WebhookAttempt>> AttemptsOfDelivery { get; } = CertificationLoaders.Grouped(factory, AttemptsByDelivery, a => a.DeliveryId);
}

internal static class WebhookGraph
{
    internal static readonly KeysetOrder<WebhookDelivery> NewestFirst = new("webhook-delivery:newest",
        KeyColumn<WebhookDelivery>.Descending(d => d.CreatedAt), KeyColumn<WebhookDelivery>.Descending(d => d.Id));

    public static void AddWebhookQueries(this ObjectGraphType query)
    {
        query.Field<WebhookDeliveryConnectionType>("webhookDeliveries")
            .Description("Deliveries to one of the calling partner client's endpoints, newest first, with their attempts.")
            .Argument<NonNullGraphType<IdGraphType>>("endpointId")
            .Argument<WebhookDeliveryStatusType>("status")
            .PagingArguments()
            .AuthorizeWithPolicy(Policies.Verifier)
            .ResolveAsync(async c =>
            {
                var client = WebhookEndpoints.PartnerOf(c.Caller());
                var endpoint = GlobalId.Parse(c.GetArgument<string>("endpointId"), WebhookEndpointType.TypeName, "endpointId");
                var status = c.GetArgument<WebhookDeliveryStatus?>("status");
                await using (var db = await c.Db().CreateDbContextAsync(c.CancellationToken))
                {
                    if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == endpoint && e.ClientId == client.ClientId, c.CancellationToken))
                    {
                        throw new ExecutionError("No endpoint of yours has this ID.") { Code = ErrorCodes.InvalidId };
                    }
                }

                return await KeysetPaging.PageAsync(c.Db(), db => db.WebhookDeliveries.Where(d => d.EndpointId == endpoint && (status == null || d.Status == status)),
                    NewestFirst, PageArgs.From(c), c.CancellationToken);
            });

        query.Field<ListGraphType<NonNullGraphType<WebhookEndpointType>>>("webhookEndpoints")
            .Description("The calling partner client's webhook endpoints, oldest first.")
            .AuthorizeWithPolicy(Policies.Verifier)
            .ResolveAsync(async c =>
            {
                var client = WebhookEndpoints.PartnerOf(c.Caller());
                await using var db = await c.Db().CreateDbContextAsync(c.CancellationToken);
                return await db.WebhookEndpoints.AsNoTracking().Where(e => e.ClientId == client.ClientId).OrderBy(e => e.CreatedAt)
                    .Take(WebhookEndpoints.MaxPerClient).ToListAsync(c.CancellationToken);
            });
    }
}
