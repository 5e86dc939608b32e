using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Membership.ServiceDefaults;

/// <summary>
/// Our own traces and metrics, beside what ASP.NET Core, HttpClient, EF Core, Npgsql and GraphQL.NET report: spans for
/// background jobs; counters for GraphQL operations, Stripe webhooks, mail and conference seats.
/// </summary>
public static class MembershipTelemetry
{
    public const string Name = "Membership";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Count and duration of GraphQL operations by operation name, type and outcome.</summary>
    internal static readonly Histogram<double> GraphQLOperationDuration = Meter.CreateHistogram<double>(
        "membership.graphql.operation.duration", "s", "Duration of GraphQL operations by operation name, type and outcome");

    internal static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "membership.stripe.webhook.deliveries", "{delivery}", "Stripe webhook deliveries by outcome (Applied, Duplicate, Ignored, BadSignature)");

    internal static readonly Counter<long> Mails = Meter.CreateCounter<long>(
        "membership.mail.messages", "{message}", "Mail messages handed to SMTP or the outbox, by outcome (sent, failed)");

    /// <summary>Seats taken into holds and given back; their difference, summed over instances, is what is held now.</summary>
    internal static readonly Counter<long> Seats = Meter.CreateCounter<long>(
        "membership.tickets.seats", "{seat}", "Conference seats held by new orders (change=held) and given back by closed orders (change=released)");

    /// <summary>A span for one run of a background job, a root of its own trace.</summary>
    public static Activity? StartJob(string job)
    {
        var activity = Source.StartActivity("job " + job, ActivityKind.Internal, parentContext: default);
        activity?.SetTag("membership.job", job);
        return activity;
    }

    public static void RecordWebhook(string outcome) => WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void RecordSeats(string change, int seats)
    {
        if (seats > 0)
        {
            Seats.Add(seats, new KeyValuePair<string, object?>("change", change));
        }
    }
}
