using System.Text.RegularExpressions;

namespace AbsoluteZero.Evaluation.Math;

/// <summary>How a final answer was found in a completion.</summary>
public enum ExtractionMethod
{
    /// <summary>Nothing that looks like an answer.</summary>
    None,
    /// <summary>The content of the last <c>\boxed{…}</c> (or <c>\fbox{…}</c>).</summary>
    Boxed,
    /// <summary>The text after the last "the answer is" / "final answer:".</summary>
    AnswerPhrase,
    /// <summary>The last number in the text.</summary>
    LastNumber,
}

/// <summary>An extracted final answer.</summary>
public sealed record ExtractedAnswer(string? Text, ExtractionMethod Method);

/// <summary>Finds the final answer in a model's completion: <c>\boxed{}</c> (nested braces), then an answer phrase, then the last number.</summary>
public static partial class AnswerExtractor
{
    /// <summary>The answer of <paramref name="completion"/>, or <c>(null, None)</c>.</summary>
    public static ExtractedAnswer Extract(string completion)
    {
        if (LastBoxed(completion) is { } boxed) return new(boxed, ExtractionMethod.Boxed);
        if (AfterAnswerPhrase(completion) is { } phrase) return new(phrase, ExtractionMethod.AnswerPhrase);
        var numbers = NumberPattern().Matches(completion);
        return numbers.Count > 0 ? new(numbers[^1].Value, ExtractionMethod.LastNumber) : new(null, ExtractionMethod.None);
    }

    /// <summary>The content of the last <c>\boxed{…}</c> / <c>\fbox{…}</c> with balanced braces (or <c>\boxed 5</c>); null when there is none or it is unclosed.</summary>
    public static string? LastBoxed(string text)
    {
        int at = System.Math.Max(text.LastIndexOf("\\boxed", StringComparison.Ordinal), text.LastIndexOf("\\fbox", StringComparison.Ordinal));
        while (at >= 0)
        {
            int i = at + (string.CompareOrdinal(text, at, "\\boxed", 0, 6) == 0 ? 6 : 5);
            if (i < text.Length && text[i] == '{')
            {
                if (BalancedGroup(text, i) is { } inner) return inner.Trim();
            }
            else if (i < text.Length && text[i] == ' ')
            {
                var m = SpaceBoxed().Match(text, i);
                if (m.Success) return m.Groups[1].Value;
            }
            at = at == 0 ? -1 : System.Math.Max(text.LastIndexOf("\\boxed", at - 1, StringComparison.Ordinal), text.LastIndexOf("\\fbox", at - 1, StringComparison.Ordinal));
        }
        return null;
    }

    /// <summary>The text inside the brace group opening at <paramref name="open"/>, or null when unbalanced.</summary>
    internal static string? BalancedGroup(string text, int open)
    {
        int depth = 0;
        for (int j = open; j < text.Length; j++)
        {
            if (text[j] == '\\' && j + 1 < text.Length && (text[j + 1] == '{' || text[j + 1] == '}')) { j++; continue; }
            if (text[j] == '{') depth++;
            else if (text[j] == '}' && --depth == 0) return text[(open + 1)..j];
        }
        return null;
    }

    private static string? AfterAnswerPhrase(string text)
    {
        var matches = AnswerPhrase().Matches(text);
        if (matches.Count == 0) return null;
        var rest = text[(matches[^1].Index + matches[^1].Length)..];
        int end = rest.IndexOf('\n');
        if (end >= 0) rest = rest[..end];
        // A sentence ends at ". " or a final "."; decimals like 3.5 keep their point.
        var sentence = SentenceEnd().Match(rest);
        if (sentence.Success) rest = rest[..sentence.Index];
        rest = rest.Trim().Trim('$', '*', ':', ' ').Trim();
        if (rest.EndsWith('.')) rest = rest[..^1].Trim();
        return rest.Length == 0 ? null : rest;
    }

    [GeneratedRegex(@"(?:the\s+)?(?:final\s+)?answer\s*(?:is|:)\s*(?::)?", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerPhrase();

    [GeneratedRegex(@"\.(?:\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\G\s*([^\s$]+)")]
    private static partial Regex SpaceBoxed();

    [GeneratedRegex(@"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:/\d+)?|-?\.\d+")]
    private static partial Regex NumberPattern();
}
