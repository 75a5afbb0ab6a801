using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace AbsoluteZero.Tokenization.PreTokenization;

/// <summary>A piece of text produced by pre-tokenization: a slice of <see cref="Source"/>.</summary>
public readonly record struct Piece(string Source, int Start, int Length)
{
    /// <summary>The characters of the piece.</summary>
    public ReadOnlySpan<char> Span => Source.AsSpan(Start, Length);

    /// <inheritdoc/>
    public override string ToString() => Source.Substring(Start, Length);
}

/// <summary>One tokenizer.json pre-tokenizer: splits each piece into smaller pieces.</summary>
public interface IPreTokenizer
{
    /// <summary>Splits every piece of <paramref name="input"/> and appends the results to <paramref name="output"/>.</summary>
    void Split(List<Piece> input, List<Piece> output);
}

/// <summary>How a split pattern's matches are kept (tokenizer.json <c>behavior</c>; same semantics as HF tokenizers).</summary>
public enum SplitBehavior
{
    /// <summary>Matches are dropped.</summary>
    Removed,
    /// <summary>Each match is its own piece.</summary>
    Isolated,
    /// <summary>A match is appended to the piece before it.</summary>
    MergedWithPrevious,
    /// <summary>A match is prepended to the piece after it.</summary>
    MergedWithNext,
    /// <summary>Consecutive matches are joined into one piece.</summary>
    Contiguous,
}

/// <summary>
/// Splits by a regex (tokenizer.json <c>{"type":"Split","pattern":{"Regex":...}}</c>), with code-point semantics:
/// a fast pattern for text without surrogates and a surrogate-aware one otherwise.
/// </summary>
public sealed class RegexSplitPreTokenizer : IPreTokenizer
{
    // Compiled regexes are shared by every tokenizer with the same pattern (compiling one costs a few hundred ms).
    private static readonly ConcurrentDictionary<(string Pattern, bool Astral, bool Literal), Lazy<Regex>> Compiled = new();

    private readonly Lazy<Regex> _bmp;
    private readonly Lazy<Regex> _astral;

    /// <summary>The pattern as written in tokenizer.json.</summary>
    public string Pattern { get; }

    /// <summary>What happens to matches.</summary>
    public SplitBehavior Behavior { get; }

    /// <summary>When true the matches are the gaps and the gaps the matches.</summary>
    public bool Invert { get; }

    /// <summary>Creates the splitter; <paramref name="isLiteral"/> treats <paramref name="pattern"/> as a plain string.</summary>
    /// <exception cref="ArgumentException">The pattern uses regex syntax that cannot be translated.</exception>
    public RegexSplitPreTokenizer(string pattern, SplitBehavior behavior, bool invert, bool isLiteral = false)
    {
        Pattern = pattern;
        Behavior = behavior;
        Invert = invert;
        _bmp = Get(pattern, astral: false, isLiteral);
        _astral = isLiteral ? _bmp : Get(pattern, astral: true, isLiteral: false);
        // Translate (and so validate) now; the surrogate-aware variant is compiled on first use.
        _ = _bmp.Value;
    }

    private static Lazy<Regex> Get(string pattern, bool astral, bool isLiteral) =>
        Compiled.GetOrAdd((pattern, astral, isLiteral), key => new Lazy<Regex>(() => new Regex(
            key.Literal ? Regex.Escape(key.Pattern) : RegexTranslator.Translate(key.Pattern, key.Astral),
            RegexOptions.Compiled | RegexOptions.CultureInvariant)));

    /// <inheritdoc/>
    public void Split(List<Piece> input, List<Piece> output)
    {
        var marks = new List<(int Start, int End, bool Match)>();
        foreach (var piece in input)
        {
            marks.Clear();
            var span = piece.Span;
            var regex = span.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 ? _astral.Value : _bmp.Value;
            int prev = 0;
            foreach (var m in regex.EnumerateMatches(span))
            {
                if (m.Length == 0) continue;
                if (m.Index > prev) marks.Add((prev, m.Index, Invert));
                marks.Add((m.Index, m.Index + m.Length, !Invert));
                prev = m.Index + m.Length;
            }
            if (prev < span.Length) marks.Add((prev, span.Length, Invert));
            foreach (var (start, end) in Apply(marks, Behavior))
                output.Add(new Piece(piece.Source, piece.Start + start, end - start));
        }
    }

    private static List<(int Start, int End)> Apply(List<(int Start, int End, bool Match)> marks, SplitBehavior behavior)
    {
        var result = new List<(int Start, int End)>(marks.Count);
        bool previousMatch = false;
        switch (behavior)
        {
            case SplitBehavior.Isolated:
                foreach (var m in marks) result.Add((m.Start, m.End));
                break;
            case SplitBehavior.Removed:
                foreach (var m in marks) if (!m.Match) result.Add((m.Start, m.End));
                break;
            case SplitBehavior.MergedWithPrevious:
                foreach (var m in marks)
                {
                    if (m.Match && !previousMatch && result.Count > 0) result[^1] = (result[^1].Start, m.End);
                    else result.Add((m.Start, m.End));
                    previousMatch = m.Match;
                }
                break;
            case SplitBehavior.MergedWithNext:
                for (int i = marks.Count - 1; i >= 0; i--)
                {
                    var m = marks[i];
                    if (m.Match && !previousMatch && result.Count > 0) result[^1] = (m.Start, result[^1].End);
                    else result.Add((m.Start, m.End));
                    previousMatch = m.Match;
                }
                result.Reverse();
                break;
            case SplitBehavior.Contiguous:
                for (int i = 0; i < marks.Count; i++)
                {
                    var m = marks[i];
                    if (i > 0 && m.Match == previousMatch) result[^1] = (result[^1].Start, m.End);
                    else result.Add((m.Start, m.End));
                    previousMatch = m.Match;
                }
                break;
        }
        return result;
    }
}

/// <summary>
/// The byte-level pre-tokenizer (tokenizer.json <c>{"type":"ByteLevel"}</c>): optionally a space before each piece
/// and the GPT-2 split regex. Mapping bytes to printable characters happens in the BPE model.
/// </summary>
public sealed class ByteLevelPreTokenizer : IPreTokenizer
{
    /// <summary>The GPT-2 pattern HF uses when <c>use_regex</c> is true.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private readonly RegexSplitPreTokenizer? _split;

    /// <summary>Prepend a space to each piece that does not start with one.</summary>
    public bool AddPrefixSpace { get; }

    /// <summary>Split with <see cref="Gpt2Pattern"/>.</summary>
    public bool UseRegex { get; }

    /// <summary>Creates the pre-tokenizer.</summary>
    public ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex)
    {
        AddPrefixSpace = addPrefixSpace;
        UseRegex = useRegex;
        if (useRegex) _split = new RegexSplitPreTokenizer(Gpt2Pattern, SplitBehavior.Isolated, invert: false);
    }

    /// <inheritdoc/>
    public void Split(List<Piece> input, List<Piece> output)
    {
        var prefixed = input;
        if (AddPrefixSpace)
        {
            prefixed = new List<Piece>(input.Count);
            foreach (var p in input)
                prefixed.Add(p.Length > 0 && p.Span[0] == ' ' ? p : new Piece(" " + p, 0, p.Length + 1));
        }
        if (_split is null) output.AddRange(prefixed);
        else _split.Split(prefixed, output);
    }
}

/// <summary>Splits digits from the rest (tokenizer.json <c>{"type":"Digits","individual_digits":..}</c>).</summary>
public sealed class DigitsPreTokenizer(bool individualDigits) : IPreTokenizer
{
    private readonly RegexSplitPreTokenizer _split = individualDigits
        ? new RegexSplitPreTokenizer(@"\p{N}", SplitBehavior.Isolated, invert: false)
        : new RegexSplitPreTokenizer(@"\p{N}+", SplitBehavior.Isolated, invert: false);

    /// <inheritdoc/>
    public void Split(List<Piece> input, List<Piece> output) => _split.Split(input, output);
}

/// <summary>Runs pre-tokenizers in order (tokenizer.json <c>{"type":"Sequence","pretokenizers":[...]}</c>).</summary>
public sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> steps) : IPreTokenizer
{
    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<IPreTokenizer> Steps { get; } = steps;

    /// <inheritdoc/>
    public void Split(List<Piece> input, List<Piece> output)
    {
        var current = input;
        for (int i = 0; i < Steps.Count; i++)
        {
            var next = i == Steps.Count - 1 ? output : new List<Piece>(current.Count * 2);
            Steps[i].Split(current, next);
            current = next;
        }
        if (Steps.Count == 0) output.AddRange(input);
    }
}
