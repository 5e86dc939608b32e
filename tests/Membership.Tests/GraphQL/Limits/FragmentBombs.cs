using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using Membership.GraphQL.Limits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.GraphQL.Limits;

/// <summary>Documents of nested fragment spreads: about a kilobyte of text whose expansion is astronomically large.</summary>
internal static class FragmentBombs
{
    /// <summary>
    /// <c>query { regions { ...F0 } }</c> (or another <paramref name="selection"/>); fragments F0 … F(levels-1) on <paramref name="type"/> each spread the next one
    /// <paramref name="spreads"/> times, in inline fragments of <paramref name="perInline"/> when given; the last lists <paramref name="leaf"/>.
    /// </summary>
    public static string Nested(int spreads, int levels, string selection = "regions { ...F0 }", string type = "Region", string leaf = "number name", int? perInline = null)
    {
        var text = new StringBuilder($"query {{ {selection} }}");
        for (var level = 0; level < levels; level++)
        {
            var spread = $"...F{level + 1} ";
            var body = perInline is { } size
                ? string.Concat(Enumerable.Range(0, spreads / size).Select(_ => $"... on {type} {{ {string.Concat(Enumerable.Repeat(spread, size))}}} "))
                : string.Concat(Enumerable.Repeat(spread, spreads));
            text.Append(CultureInfo.InvariantCulture, $" fragment F{level} on {type} {{ {body}}}");
        }

        return text.Append(CultureInfo.InvariantCulture, $" fragment F{levels} on {type} {{ {leaf} }}").ToString();
    }

    public static int Tokens(string document) => DocumentGate.CountTokens(document, int.MaxValue);
}

/// <summary>
/// What the cost rule reports for requests to one API instance: how many selections it looked at, counted rather
/// than timed, so a bound on the work holds on a loaded machine too.
/// </summary>
internal sealed class PricedSelections : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<int> _counts = new();

    public PricedSelections(IServiceProvider services)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == GraphQLMetrics.SelectionsPricedName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, count, _, _) => _counts.Enqueue(count));
        _listener.Start();
    }

    /// <summary>The count of the one operation priced since this listener started.</summary>
    public int Single() => Assert.Single(_counts);

    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// Stands for validation that takes too long: a validation rule that moves the instance's fake clock past the
/// operation's time limit, so the deadline passes while the document is being validated, without waiting.
/// </summary>
internal sealed class ClockMovingRule(FakeTimeProvider clock, TimeSpan by) : ValidationRuleBase, IConfigureExecution
{
    public float SortOrder => 100;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(this);
        return next(options);
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        clock.Advance(by);
        return default;
    }
}
