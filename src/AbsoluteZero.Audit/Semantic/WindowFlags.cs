using AbsoluteZero.Audit.Flagging;

namespace AbsoluteZero.Audit.Semantic;

/// <summary>A learned category head as the flagger applies it: name, severity of its flags, decision threshold.</summary>
public sealed record HeadThreshold(string Name, string Severity, float Threshold);

/// <summary>Turns per-window probabilities into flags, shared by every learned flagger.</summary>
public static class WindowFlags
{
    private const int ContextChars = 80;

    /// <summary>
    /// Per category, the windows at or over threshold; of overlapping ones the most probable (then shortest) is kept,
    /// so one passage is reported once. Rule id: <c>classifier.&lt;category&gt;</c>.
    /// </summary>
    public static List<FlagMatch> Build(string text, IReadOnlyList<TextWindow> windows, IReadOnlyList<float[]> scores, IReadOnlyList<HeadThreshold> heads)
    {
        var flags = new List<FlagMatch>();
        for (int c = 0; c < heads.Count; c++)
        {
            var head = heads[c];
            var over = Enumerable.Range(0, windows.Count).Where(w => scores[w][c] >= head.Threshold)
                .OrderByDescending(w => scores[w][c]).ThenBy(w => windows[w].End - windows[w].Start);
            var kept = new List<TextWindow>();
            foreach (int w in over)
            {
                var win = windows[w];
                if (kept.Any(k => win.Start < k.End && k.Start < win.End)) continue;
                kept.Add(win);
                flags.Add(new FlagMatch($"classifier.{head.Name}", head.Name, head.Severity, win.Start, win.End,
                    text[win.Start..win.End], Context(text, win.Start, win.End)));
            }
        }
        flags.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Category, b.Category));
        return flags;
    }

    /// <summary>
    /// The lowest threshold (not below <paramref name="minimum"/>) at which the precision of category
    /// <paramref name="k"/> over <paramref name="snippets"/>, scored <paramref name="scores"/>[i][k], still reaches
    /// <paramref name="target"/>; 0.99 when no threshold does. Snippets where the category is only <c>also</c> are left out.
    /// </summary>
    public static float ChooseThreshold(IReadOnlyList<LabelledSnippet> snippets, IReadOnlyList<float[]> scores, string category, int k, double target, float minimum)
    {
        var scored = Enumerable.Range(0, snippets.Count).Where(i => !snippets[i].Also.Contains(category) || snippets[i].Categories.Contains(category))
            .Select(i => (Score: scores[i][k], Positive: snippets[i].Categories.Contains(category))).OrderByDescending(x => x.Score).ToArray();
        float best = 0.99f;
        int tp = 0, fp = 0;
        foreach (var (score, positive) in scored)
        {
            if (score < minimum) break;
            if (positive) tp++; else fp++;
            if ((double)tp / (tp + fp) >= target) best = Math.Min(best, score);
        }
        return Math.Max(best, minimum);
    }

    private static string Context(string text, int start, int end)
    {
        int s = Math.Max(0, start - ContextChars), e = Math.Min(text.Length, end + ContextChars);
        return (s > 0 ? "…" : "") + TextWindows.Collapse(text.AsSpan(s, e - s)) + (e < text.Length ? "…" : "");
    }
}
