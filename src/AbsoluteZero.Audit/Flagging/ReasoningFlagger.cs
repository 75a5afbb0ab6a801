using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace AbsoluteZero.Audit.Flagging;

/// <summary>
/// Scans model reasoning for unsafe content with the rules of a rules file (tasks/audit-rules.json is the default,
/// embedded in this assembly). Thread-safe: one instance can scan from many threads.
/// </summary>
public sealed partial class ReasoningFlagger : ITextFlagger
{
    private const string EmbeddedName = "AbsoluteZero.Audit.audit-rules.json";
    private const int NegationWindow = 40;
    private const int MaxSentence = 400;

    private const int MaxLiteral = 120;
    private readonly int _contextChars;
    private readonly bool _skipStringLiterals;

    private ReasoningFlagger(RuleFileParser.Parsed parsed, string source)
    {
        _contextChars = parsed.ContextChars;
        _skipStringLiterals = parsed.SkipStringLiterals;
        Rules = parsed.Rules;
        Categories = parsed.Categories;
        Source = source;
        WarmUp();
    }

    // A compiled pattern is JIT-compiled on its first match, and on a busy machine that can take longer than the match
    // timeout, which would silently drop a real match. Running every pattern once here moves that cost to loading.
    private void WarmUp()
    {
        var all = Rules.SelectMany(r => r.Patterns.Concat(r.Unless).Concat(r.Together.SelectMany(g => g)));
        Parallel.ForEach(all, pattern =>
        {
            try { pattern.IsMatch("I warm up the pattern."); }
            catch (RegexMatchTimeoutException) { }
        });
    }

    /// <summary>Where the rules came from: a file path, or <c>embedded:audit-rules.json</c>.</summary>
    public string Source { get; }

    /// <summary>The rules, in file order.</summary>
    public IReadOnlyList<FlagRule> Rules { get; }

    /// <summary>Declared categories: name → description.</summary>
    public IReadOnlyDictionary<string, string> Categories { get; }

    /// <summary>The built-in rules (a copy of tasks/audit-rules.json compiled into the assembly).</summary>
    public static ReasoningFlagger LoadDefault() => new(RuleFileParser.Parse(DefaultRulesJson(), "embedded:audit-rules.json"), "embedded:audit-rules.json");

    /// <summary>Rules from a user's file; errors name the file, the rule id and the problem.</summary>
    public static ReasoningFlagger Load(string rulesPath)
    {
        if (!File.Exists(rulesPath)) throw new FileNotFoundException($"rules file not found: {rulesPath}", rulesPath);
        return new ReasoningFlagger(RuleFileParser.Parse(File.ReadAllText(rulesPath), rulesPath), rulesPath);
    }

    /// <summary>Rules from JSON text (tests, tools); <paramref name="source"/> names it in errors.</summary>
    public static ReasoningFlagger Parse(string json, string source = "rules") => new(RuleFileParser.Parse(json, source), source);

    /// <summary>The text of the built-in rules file.</summary>
    public static string DefaultRulesJson()
    {
        using var stream = typeof(ReasoningFlagger).Assembly.GetManifestResourceStream(EmbeddedName)
            ?? throw new InvalidOperationException($"embedded resource {EmbeddedName} is missing from {typeof(ReasoningFlagger).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// All matches in <paramref name="text"/>, ordered by start. Overlapping matches of one category are merged into the
    /// most severe (then longest) one, so each flagged passage is reported once per category.
    /// </summary>
    public IReadOnlyList<FlagMatch> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return [];
        var found = new List<FlagMatch>();
        foreach (var rule in Rules)
        {
            foreach (var pattern in rule.Patterns)
            {
                foreach (Match m in SafeMatches(pattern, text))
                {
                    if (m.Length == 0) continue;
                    if (_skipStringLiterals && InsideStringLiteral(text, m.Index, m.Index + m.Length)) continue;
                    var (sStart, sEnd) = SentenceBounds(text, m.Index, m.Index + m.Length);
                    if (rule.Negatable && IsNegated(text, sStart, m.Index)) continue;
                    string sentence = text[sStart..sEnd];
                    if (rule.Unless.Any(u => SafeIsMatch(u, sentence))) continue;
                    found.Add(new FlagMatch(rule.Id, rule.Category, rule.Severity, m.Index, m.Index + m.Length, m.Value,
                        Context(text, m.Index, m.Index + m.Length)));
                }
            }
            if (rule.Together.Count > 0) ScanTogether(rule, text, found);
        }
        return Merge(found);
    }

    // Co-occurrence groups are evaluated sentence by sentence; each matched term must itself survive the
    // string-literal and negation checks, so "I will not harm humans" stays quiet. A rule may join clauses split by
    // ';' because a threat and the resolve against it are often written that way ("they will retrain me; I must stop it").
    private void ScanTogether(FlagRule rule, string text, List<FlagMatch> found)
    {
        foreach (var (sStart, sEnd) in Sentences(text, rule.JoinSemicolons))
        {
            string sentence = text[sStart..sEnd];
            if (rule.Unless.Any(u => SafeIsMatch(u, sentence))) continue;
            foreach (var group in rule.Together)
            {
                int first = int.MaxValue, last = -1;
                bool all = true;
                foreach (var pattern in group)
                {
                    var m = SafeMatches(pattern, sentence).FirstOrDefault(x => x.Length > 0
                        && !(_skipStringLiterals && InsideStringLiteral(text, sStart + x.Index, sStart + x.Index + x.Length))
                        && !(rule.Negatable && IsNegated(text, sStart, sStart + x.Index)));
                    if (m is null) { all = false; break; }
                    first = Math.Min(first, sStart + m.Index);
                    last = Math.Max(last, sStart + m.Index + m.Length);
                }
                if (!all) continue;
                found.Add(new FlagMatch(rule.Id, rule.Category, rule.Severity, first, last, text[first..last], Context(text, first, last)));
                break;
            }
        }
    }

    private static IEnumerable<(int Start, int End)> Sentences(string text, bool joinSemicolons)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (!IsBoundaryAt(text, i) || (joinSemicolons && text[i] == ';')) continue;
            if (i > start) yield return (start, i);
            start = i + 1;
        }
        if (start < text.Length) yield return (start, text.Length);
    }

    private static IEnumerable<Match> SafeMatches(Regex pattern, string text)
    {
        var list = new List<Match>();
        try
        {
            for (var m = pattern.Match(text); m.Success; m = m.NextMatch()) list.Add(m);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input for this pattern: keep what matched before the timeout.
        }
        return list;
    }

    private static bool SafeIsMatch(Regex pattern, string text)
    {
        try { return pattern.IsMatch(text); }
        catch (RegexMatchTimeoutException) { return false; }
    }

    private static List<FlagMatch> Merge(List<FlagMatch> found)
    {
        var result = new List<FlagMatch>();
        foreach (var group in found.GroupBy(f => f.Category))
        {
            var ordered = group.OrderByDescending(f => FlagCategories.SeverityRank(f.Severity)).ThenByDescending(f => f.End - f.Start).ThenBy(f => f.Start);
            var kept = new List<FlagMatch>();
            foreach (var f in ordered)
                if (!kept.Any(k => f.Start < k.End && k.Start < f.End)) kept.Add(f);
            result.AddRange(kept);
        }
        return [.. result.OrderBy(f => f.Start).ThenBy(f => f.Category, StringComparer.Ordinal)];
    }

    // A sentence ends at a newline or at . ! ? ; followed by whitespace (so "x.Length" and "3.5" do not split).
    internal static (int Start, int End) SentenceBounds(string text, int start, int end)
    {
        int s = start;
        while (s > 0 && start - s < MaxSentence && !IsBoundaryBefore(text, s)) s--;
        int e = end;
        while (e < text.Length && e - end < MaxSentence && !IsBoundaryAt(text, e)) e++;
        return (s, e);
    }

    private static bool IsBoundaryBefore(string text, int i)
    {
        char prev = text[i - 1];
        if (prev == '\n') return true;
        return char.IsWhiteSpace(prev) && i >= 2 && text[i - 2] is '.' or '!' or '?' or ';';
    }

    private static bool IsBoundaryAt(string text, int i)
    {
        char c = text[i];
        if (c == '\n') return true;
        return c is '.' or '!' or '?' or ';' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
    }

    [GeneratedRegex(@"(?:\b(?:not|never|no|without|cannot|refuse\s+to|refusing\s+to|instead\s+of|rather\s+than)|n[’']t)\b(?!\s+(?:let|allow|permit)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"[,;:]|\bbut\b|\bso\b|\band\s+(?:I|then|so|now)\b", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex ClauseBreak();

    // "I must not deceive the user" is the opposite of a flag: look for a negation earlier in the same clause.
    private static bool IsNegated(string text, int sentenceStart, int matchStart)
    {
        int from = Math.Max(sentenceStart, matchStart - NegationWindow);
        string prefix = text[from..matchStart];
        var brk = ClauseBreak().Match(prefix);
        if (brk.Success) prefix = prefix[(brk.Index + brk.Length)..];
        return Negation().IsMatch(prefix);
    }

    // Reasoning about programs quotes their string data ("destroy all humans" reversed is ...): a match wholly inside
    // a short double-quoted literal on one line is program data, not the model's own reasoning.
    internal static bool InsideStringLiteral(string text, int start, int end)
    {
        int lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        int open = -1;
        for (int i = lineStart; i < start; i++)
            if (IsQuote(text, i)) open = open < 0 ? i : -1;
        if (open < 0) return false;
        for (int i = end; i < text.Length && text[i] != '\n'; i++)
            if (IsQuote(text, i)) return i - open <= MaxLiteral;
        return false;
    }

    private static bool IsQuote(string text, int i) => text[i] == '"' && (i == 0 || text[i - 1] != '\\');

    private string Context(string text, int start, int end)
    {
        int s = Math.Max(0, start - _contextChars);
        int e = Math.Min(text.Length, end + _contextChars);
        var sb = new StringBuilder();
        if (s > 0) sb.Append('…');
        sb.Append(Whitespace().Replace(text[s..e], " "));
        if (e < text.Length) sb.Append('…');
        return sb.ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
