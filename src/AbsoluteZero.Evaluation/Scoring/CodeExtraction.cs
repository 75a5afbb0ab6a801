using System.Text.RegularExpressions;

namespace AbsoluteZero.Evaluation.Scoring;

/// <summary>Pulls code out of completions: fenced blocks, stop strings.</summary>
public static partial class CodeExtraction
{
    /// <summary>The longest fenced code block (```lang … ```), preferring the given language tags; the whole text when there is none.</summary>
    public static string FencedOrWhole(string completion, params string[] languages)
    {
        var blocks = Fence().Matches(completion).Select(m => (Lang: m.Groups[1].Value.Trim().ToLowerInvariant(), Code: m.Groups[2].Value)).ToList();
        if (blocks.Count == 0)
        {
            // An unclosed fence: everything after it.
            int open = completion.IndexOf("```", StringComparison.Ordinal);
            if (open < 0) return completion;
            int nl = completion.IndexOf('\n', open);
            return nl < 0 ? "" : completion[(nl + 1)..];
        }
        var preferred = blocks.Where(b => languages.Contains(b.Lang)).ToList();
        return (preferred.Count > 0 ? preferred : blocks).OrderByDescending(b => b.Code.Length).First().Code;
    }

    /// <summary>The completion cut at the earliest stop string.</summary>
    public static string CutAtStop(string completion, IEnumerable<string> stops)
    {
        int cut = completion.Length;
        foreach (var s in stops)
        {
            int i = completion.IndexOf(s, StringComparison.Ordinal);
            if (i >= 0 && i < cut) cut = i;
        }
        return completion[..cut];
    }

    [GeneratedRegex(@"```([\w#+-]*)[^\n]*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
