using System.Collections.Concurrent;
using System.Diagnostics;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Membership.Tests.ServiceDefaults;

/// <summary>One members query is one trace: the HTTP request's span, GraphQL.NET's operation span under it, and the SQL spans under that.</summary>
public abstract class TracingTests(ApiFixture api) : ApiTest(api)
{
    [SkippableFact]
    public async Task A_members_query_traces_http_graphql_and_sql_under_one_trace()
    {
        var spans = new SpanCapture();
        await using var host = Api.CreateFactory(builder => builder
            .UseSetting(Membership.ServiceDefaults.ServiceDefaultsSetup.TracesSetting, "true") // no OTLP endpoint here: spans only when asked
            .ConfigureTestServices(services =>
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(spans)))));
        var data = new TestData(Api);
        await data.MembersAsync(2, await data.PlanAsync());
        var operation = TestData.Unique("StaffMembers");

        var client = new GraphQLClient(host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));
        var result = await client.PostAsync($"query {operation} {{ members(first: 2) {{ edges {{ node {{ fullName agency {{ name }} }} }} }} }}",
            identity: TestIdentity.Staff, operationName: operation);
        Assert.False(result.HasErrors, result.Text);

        var graphql = Assert.Single(spans.All, s => s.Source.Name == "GraphQL" && Equals(s.GetTagItem("graphql.operation.name"), operation));
        Assert.Equal(($"query {operation}", "query"), (graphql.DisplayName, graphql.GetTagItem("graphql.operation.type") as string));
        Assert.Null(graphql.GetTagItem("graphql.document")); // documents may carry personal data
        var request = await spans.WaitForAsync(s => s.SpanId == graphql.ParentSpanId);
        Assert.Equal(("Microsoft.AspNetCore", ActivityKind.Server), (request.Source.Name, request.Kind));
        var sql = spans.All.Where(s => s.TraceId == graphql.TraceId && s.Kind == ActivityKind.Client && s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sql);
        Assert.All(sql, s => Assert.True(spans.Descends(s, graphql), $"{s.DisplayName} is not under the GraphQL operation span"));
    }

    /// <summary>Every span the host's tracer exports; other hosts of the test run may add theirs, so tests pick by trace.</summary>
    private sealed class SpanCapture : BaseExporter<Activity>
    {
        private readonly ConcurrentQueue<Activity> _spans = new();
        private readonly ConcurrentQueue<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Found)> _waiting = new();

        public IReadOnlyList<Activity> All => [.. _spans];

        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                _spans.Enqueue(span);
                foreach (var (match, found) in _waiting)
                {
                    if (match(span))
                    {
                        found.TrySetResult(span);
                    }
                }
            }

            return ExportResult.Success;
        }

        /// <summary>The request's own span ends just after the response is sent: completes when it is exported.</summary>
        public async Task<Activity> WaitForAsync(Func<Activity, bool> match)
        {
            var found = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue((match, found));
            if (All.FirstOrDefault(match) is { } span)
            {
                found.TrySetResult(span); // exported before this test asked
            }

            return await found.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        public bool Descends(Activity span, Activity ancestor)
        {
            var byId = All.Where(s => s.TraceId == ancestor.TraceId).GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
            for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
            {
                if (parent.SpanId == ancestor.SpanId)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

public sealed class TracingTestsOnSqlite(SqliteApi api) : TracingTests(api), IClassFixture<SqliteApi>;

public sealed class TracingTestsOnPostgreSql(PostgreSqlApi api) : TracingTests(api), IClassFixture<PostgreSqlApi>;
