using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Membership.ServiceDefaults;
using Membership.Tests.GraphQL;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.ServiceDefaults;

/// <summary>
/// <c>membership.graphql.operation.duration</c>: each operation the endpoint runs is measured under the name and type of
/// the operation it chose from the document, and its outcome. Names are unique per test: the meter is the process's.
/// </summary>
public sealed class OperationMetricTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    [SkippableFact]
    public async Task Each_operation_is_measured_under_the_name_and_type_of_the_operation_chosen_and_its_outcome()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (plans, regions, refused) = ($"Plans_{suffix}", $"Regions_{suffix}", $"Refused_{suffix}");
        var document = $"query {plans} {{ membershipPlans {{ code }} }} query {regions} {{ regions {{ number }} }}";
        using var measured = new Measurements();

        Expect.Success(await Client.PostAsync(document, operationName: regions));
        Expect.Success(await Client.PostAsync(document, operationName: regions)); // from the document cache
        Expect.Success(await Client.PostAsync(document, operationName: plans));
        Expect.RequestError(await Client.PostAsync($"query {refused} {{ regions {{ nope }} }}"), HttpStatusCode.BadRequest, "FIELDS_ON_CORRECT_TYPE");

        Assert.Equal(["query ok", "query ok"], measured.Of(regions));
        Assert.Equal(["query ok"], measured.Of(plans));
        Assert.Equal(["query rejected"], measured.Of(refused));
    }

    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, string Entry)> _seen = new();

        public Measurements()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MembershipTelemetry.Name && instrument.Name == "membership.graphql.operation.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                string? name = null, type = null, outcome = null;
                foreach (var tag in tags)
                {
                    switch (tag.Key)
                    {
                        case "graphql.operation.name": name = tag.Value as string; break;
                        case "graphql.operation.type": type = tag.Value as string; break;
                        case "outcome": outcome = tag.Value as string; break;
                    }
                }

                _seen.Enqueue((name ?? "", $"{type} {outcome}"));
            });
            _listener.Start();
        }

        public List<string> Of(string name) => [.. _seen.Where(m => m.Name == name).Select(m => m.Entry)];

        public void Dispose() => _listener.Dispose();
    }
}
