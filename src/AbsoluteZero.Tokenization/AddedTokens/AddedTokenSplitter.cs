using System.Buffers;

namespace AbsoluteZero.Tokenization.AddedTokens;

/// <summary>A run of input: either plain text (<see cref="Token"/> null) or one added token.</summary>
/// <param name="Text">The text of the run (for a token, its content).</param>
/// <param name="Token">The added token, or null for plain text.</param>
public readonly record struct Segment(string Text, AddedToken? Token);

/// <summary>
/// Finds added tokens in text, leftmost-longest like HF tokenizers' Aho-Corasick matcher, honouring single_word,
/// lstrip and rstrip.
/// </summary>
public sealed class AddedTokenSplitter
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;
    private readonly SearchValues<char> _firstChars;

    /// <summary>The tokens this splitter finds.</summary>
    public IReadOnlyList<AddedToken> Tokens { get; }

    /// <summary>Creates a splitter for <paramref name="tokens"/> (empty contents are ignored).</summary>
    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        Tokens = tokens.Where(t => t.Content.Length > 0).ToList();
        _byFirstChar = Tokens.GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
        _firstChars = SearchValues.Create([.. _byFirstChar.Keys]);
    }

    /// <summary>Splits <paramref name="text"/> into plain runs and added tokens (empty plain runs omitted).</summary>
    public void Split(string text, List<Segment> output)
    {
        if (Tokens.Count == 0)
        {
            if (text.Length > 0) output.Add(new Segment(text, null));
            return;
        }
        int plainStart = 0, i = 0;
        while (i < text.Length)
        {
            int next = text.AsSpan(i).IndexOfAny(_firstChars);
            if (next < 0) break;
            i += next;
            var match = LongestAt(text, i);
            if (match is null)
            {
                i++;
                continue;
            }
            int start = i, end = i + match.Content.Length;
            if (match.LStrip) while (start > plainStart && char.IsWhiteSpace(text[start - 1])) start--;
            if (match.RStrip) while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            if (start > plainStart) output.Add(new Segment(text[plainStart..start], null));
            output.Add(new Segment(match.Content, match));
            plainStart = i = end;
        }
        if (plainStart < text.Length) output.Add(new Segment(text[plainStart..], null));
    }

    private AddedToken? LongestAt(string text, int i)
    {
        if (!_byFirstChar.TryGetValue(text[i], out var candidates)) return null;
        foreach (var t in candidates)
        {
            if (!text.AsSpan(i).StartsWith(t.Content, StringComparison.Ordinal)) continue;
            if (t.SingleWord && !IsWordBoundary(text, i, i + t.Content.Length)) continue;
            return t;
        }
        return null;
    }

    private static bool IsWordBoundary(string text, int start, int end) =>
        (start == 0 || !IsWordChar(text[start - 1])) && (end == text.Length || !IsWordChar(text[end]));

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
