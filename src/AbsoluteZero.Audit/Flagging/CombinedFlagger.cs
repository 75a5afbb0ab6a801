namespace AbsoluteZero.Audit.Flagging;

/// <summary>
/// Rules and the learned classifier together: a text is flagged for a category when either flags it. Rules give exact
/// spans for the phrasings they know; the classifier covers paraphrases. A classifier flag overlapping a rule flag of
/// the same category is dropped, so one passage is reported once (with the rule's tighter span).
/// </summary>
public sealed class CombinedFlagger(ITextFlagger rules, ITextFlagger classifier) : ITextFlagger
{
    /// <summary>The rules part.</summary>
    public ITextFlagger Rules { get; } = rules;

    /// <summary>The classifier part.</summary>
    public ITextFlagger Classifier { get; } = classifier;

    /// <inheritdoc />
    public string Source => $"{Rules.Source} + {Classifier.Source}";

    /// <inheritdoc />
    public IReadOnlyList<FlagMatch> Scan(string text) => ScanBatch([text])[0];

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<FlagMatch>> ScanBatch(IReadOnlyList<string> texts)
    {
        var fromRules = Rules.ScanBatch(texts);
        var fromClassifier = Classifier.ScanBatch(texts);
        var result = new IReadOnlyList<FlagMatch>[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            var merged = new List<FlagMatch>(fromRules[i]);
            foreach (var c in fromClassifier[i])
                if (!fromRules[i].Any(r => r.Category == c.Category && c.Start < r.End && r.Start < c.End)) merged.Add(c);
            merged.Sort((a, b) => a.Start.CompareTo(b.Start));
            result[i] = merged;
        }
        return result;
    }
}
