using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using Membership.GraphQL.Limits;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>Operations priced since this listener started.</summary>
    public int Count => _counts.Count;

    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// Runs <paramref name="during"/> while a document is being validated (as a validation rule of one API instance) and
/// reports how each execution ended: a seam to make time pass or the client hang up in the middle of validation.
/// </summary>
internal sealed class ValidationHook(Action during) : ValidationRuleBase, IConfigureExecution
{
    private readonly TaskCompletionSource<Exception?> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Null when the execution returned a result; the exception when it was abandoned.</summary>
    public Task<Exception?> Finished => _finished.Task;

    public float SortOrder => 100;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(this);
        try
        {
            var result = await next(options);
            _finished.TrySetResult(null);
            return result;
        }
        catch (Exception e)
        {
            _finished.TrySetResult(e);
            throw;
        }
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        during();
        return default;
    }
}
