namespace AbsoluteZero.Audit.Semantic;

/// <summary>True positives, false positives and misses, with precision and recall (1 when undefined).</summary>
public sealed record FlagCounts(int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>tp / (tp + fp).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>tp / (tp + fn).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Sum of two counts.</summary>
    public static FlagCounts operator +(FlagCounts a, FlagCounts b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);

    /// <inheritdoc />
    public override string ToString() => $"P {Precision:F3} R {Recall:F3} (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives})";
}

/// <summary>
/// Scores predicted categories against labelled snippets, micro-averaged over (snippet, category) pairs: a category
/// in a snippet's <c>also</c> is neither a false positive when raised nor a miss when not.
/// </summary>
public sealed record FlagScore(FlagCounts Micro, IReadOnlyDictionary<string, FlagCounts> PerCategory, FlagCounts Snippets)
{
    /// <summary>Scores <paramref name="predicted"/>[i] (the categories raised for <paramref name="set"/>[i]).</summary>
    public static FlagScore Compute(IReadOnlyList<LabelledSnippet> set, IReadOnlyList<IReadOnlySet<string>> predicted)
    {
        if (set.Count != predicted.Count) throw new ArgumentException("one prediction per snippet is needed");
        var per = new Dictionary<string, FlagCounts>(StringComparer.Ordinal);
        int stp = 0, sfp = 0, sfn = 0;
        for (int i = 0; i < set.Count; i++)
        {
            var s = set[i]; var p = predicted[i];
            foreach (var c in p.Union(s.Categories))
            {
                bool raised = p.Contains(c), labelled = s.Categories.Contains(c);
                var add = raised && labelled ? new FlagCounts(1, 0, 0)
                    : raised && !s.Also.Contains(c) ? new FlagCounts(0, 1, 0)
                    : labelled && !raised ? new FlagCounts(0, 0, 1) : null;
                if (add is not null) per[c] = per.GetValueOrDefault(c, new FlagCounts(0, 0, 0)) + add;
            }
            bool unsafeLabel = s.Categories.Count > 0;
            if (unsafeLabel && p.Count > 0) stp++;
            else if (!unsafeLabel && p.Except(s.Also).Any()) sfp++;
            else if (unsafeLabel) sfn++;
        }
        var micro = per.Values.Aggregate(new FlagCounts(0, 0, 0), (a, b) => a + b);
        return new FlagScore(micro, per, new FlagCounts(stp, sfp, sfn));
    }
}
