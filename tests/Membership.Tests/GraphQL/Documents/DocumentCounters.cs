using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Membership.GraphQL.Limits;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.GraphQL.Documents;

/// <summary>
/// What one API instance reports through its GraphQL meter about documents: parsed or found in the cache, validated by
/// every rule, only by those that depend on the request, or by none. Counted, not timed.
/// </summary>
internal sealed class DocumentCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public DocumentCounters(IServiceProvider services)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name is GraphQLMetrics.DocumentsName or GraphQLMetrics.ValidationsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                _counts.AddOrUpdate($"{tag.Key}={tag.Value}", (int)value, (_, sum) => sum + (int)value);
            }
        });
        _listener.Start();
    }

    public int Parsed => _counts.GetValueOrDefault("source=parsed");

    public int FromCache => _counts.GetValueOrDefault("source=cache");

    /// <summary>Operations validated by every rule.</summary>
    public int FullyValidated => _counts.GetValueOrDefault("rules=all");

    /// <summary>Cached operations validated by the caller's and the variables' rules only.</summary>
    public int ValidatedPerRequest => _counts.GetValueOrDefault("rules=request");

    /// <summary>Cached operations for which none of the request's rules had anything to check: no rule ran.</summary>
    public int ValidatedByNoRule => _counts.GetValueOrDefault("rules=none");

    public void Dispose() => _listener.Dispose();
}
