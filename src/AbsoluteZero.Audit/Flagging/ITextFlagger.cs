namespace AbsoluteZero.Audit.Flagging;

/// <summary>Anything that finds unsafe reasoning in text: the rules, the learned classifier, or both together.</summary>
public interface ITextFlagger
{
    /// <summary>Where the flagger came from (rules file, classifier file, or both), for logs and reports.</summary>
    string Source { get; }

    /// <summary>All flags in <paramref name="text"/>, ordered by start.</summary>
    IReadOnlyList<FlagMatch> Scan(string text);

    /// <summary>
    /// Flags of many texts at once. The classifier embeds all windows of all texts in batches, which is several times
    /// faster than one text at a time; the result has one list per input text, in order.
    /// </summary>
    IReadOnlyList<IReadOnlyList<FlagMatch>> ScanBatch(IReadOnlyList<string> texts) => [.. texts.Select(Scan)];
}
