using GraphQL;
using Membership.Data;

namespace Membership.GraphQL;

/// <summary>
/// The words of a search box, normalised as the search keys are (<see cref="TextKeys.Normalize"/>). A search must have
/// a word of at least <see cref="MinimumLength"/> characters: a one-letter prefix matches a large share of a million
/// members and cannot be answered from an index in time.
/// </summary>
public static class SearchTerms
{
    public const int MinimumLength = 2;

    /// <summary>How far totalCount counts the matches of a name search by default (GraphQL:SearchCountCap; see totalCountCapped).</summary>
    public const int DefaultCountCap = 10_000;

    /// <summary>At most this many words take part; the rest are ignored.</summary>
    public const int MaxWords = 4;

    /// <summary>The words, longest first (the longest is the most selective, the one an index should find).</summary>
    public static IReadOnlyList<string> Words(string search, string argument)
    {
        var words = TextKeys.Normalize(search).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxWords)
            .OrderByDescending(w => w.Length).ToList();
        if (words.Count == 0 || words[0].Length < MinimumLength)
        {
            throw TooShort(argument);
        }

        return words;
    }

    /// <summary>A text searched as one piece (part of a name), normalised; refused when shorter than <see cref="MinimumLength"/>.</summary>
    public static string Phrase(string search, string argument)
    {
        var phrase = TextKeys.Normalize(search);
        return phrase.Length >= MinimumLength ? phrase : throw TooShort(argument);
    }

    /// <summary>The pattern for SQL LIKE that matches <paramref name="text"/> literally, followed by <paramref name="suffix"/> (escape character \).</summary>
    public static string LikePattern(string text, string prefix, string suffix) =>
        prefix + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + suffix;

    public static ExecutionError TooShort(string argument) =>
        new($"'{argument}' needs a word of at least {MinimumLength} characters.") { Code = ErrorCodes.SearchTooShort };
}
