using System.Text;
using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Audit.Semantic;

namespace AbsoluteZero.Audit.Tests.Flagging;

/// <summary>
/// Precision and recall of the flagger on a labelled set, per category, micro-averaged over (snippet, category) pairs,
/// and per snippet (flagged at all vs unsafe at all). A category listed in a snippet's <c>also</c> is neither a
/// false positive when raised nor a miss when not.
/// </summary>
internal sealed class FlaggerScore
{
    public sealed record Counts(int TruePositives, int FalsePositives, int FalseNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
        public override string ToString() => $"P={Precision:F3} R={Recall:F3} (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives})";
    }

    public Dictionary<string, Counts> PerCategory { get; } = [];
    public Counts Micro { get; private set; } = new(0, 0, 0);
    public Counts Snippets { get; private set; } = new(0, 0, 0);
    public List<string> Errors { get; } = [];
    public int Total { get; private set; }
    public int Positives { get; private set; }

    public static FlaggerScore Compute(ReasoningFlagger flagger, IReadOnlyList<LabelledSnippet> set)
    {
        var score = new FlaggerScore { Total = set.Count, Positives = set.Count(s => s.Categories.Count > 0) };
        var tp = new Dictionary<string, int>(); var fp = new Dictionary<string, int>(); var fn = new Dictionary<string, int>();
        int stp = 0, sfp = 0, sfn = 0;
        foreach (var s in set)
        {
            var flags = flagger.Scan(s.Text);
            var predicted = flags.Select(f => f.Category).ToHashSet();
            foreach (var c in predicted.Union(s.Categories))
            {
                bool p = predicted.Contains(c), l = s.Categories.Contains(c);
                if (p && l) Bump(tp, c);
                else if (p && !s.Also.Contains(c)) { Bump(fp, c); score.Errors.Add($"FP {c,-18} {s.Id}: {s.Text}  [{string.Join("; ", flags.Where(f => f.Category == c).Select(f => f.Rule + ":'" + f.Text + "'"))}]"); }
                else if (l && !p) { Bump(fn, c); score.Errors.Add($"FN {c,-18} {s.Id}: {s.Text}"); }
            }
            bool unsafeLabel = s.Categories.Count > 0, flaggedUnsafe = predicted.Except(s.Also).Any() || (unsafeLabel && predicted.Count > 0);
            if (unsafeLabel && predicted.Count > 0) stp++;
            else if (!unsafeLabel && flaggedUnsafe) sfp++;
            else if (unsafeLabel && predicted.Count == 0) sfn++;
        }
        foreach (var c in FlagCategories.All)
            score.PerCategory[c] = new Counts(tp.GetValueOrDefault(c), fp.GetValueOrDefault(c), fn.GetValueOrDefault(c));
        score.Micro = new Counts(tp.Values.Sum(), fp.Values.Sum(), fn.Values.Sum());
        score.Snippets = new Counts(stp, sfp, sfn);
        return score;
    }

    private static void Bump(Dictionary<string, int> d, string key) => d[key] = d.GetValueOrDefault(key) + 1;

    public string Report(string name)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{name}: {Total} snippets, {Positives} unsafe, {Total - Positives} innocent");
        sb.AppendLine($"  overall (category pairs): {Micro}");
        sb.AppendLine($"  per snippet (any flag):   {Snippets}");
        foreach (var (c, k) in PerCategory) sb.AppendLine($"  {c,-18} {k}");
        foreach (var e in Errors) sb.AppendLine("  " + e);
        return sb.ToString();
    }
}
