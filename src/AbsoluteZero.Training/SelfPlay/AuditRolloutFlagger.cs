using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Training.Safety;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>The audit layer's flagger (rules, learned classifier, or both) as the trainer's live flagger.</summary>
public sealed class AuditRolloutFlagger(ITextFlagger flagger) : IRolloutFlagger
{
    /// <summary>The built-in rules (<c>tasks/audit-rules.json</c>) and classifier (<c>tasks/audit-classifier/</c>) together.</summary>
    public static AuditRolloutFlagger Default() => new(new CombinedFlagger(ReasoningFlagger.LoadDefault(), FineTunedFlagger.LoadDefault()));

    /// <summary>Where the flagger came from, for the run log.</summary>
    public string Source => flagger.Source;

    /// <inheritdoc />
    public IReadOnlyList<LiveFlag> Scan(string text) => ScanBatch([text])[0];

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<LiveFlag>> ScanBatch(IReadOnlyList<string> texts) =>
        [.. flagger.ScanBatch(texts).Select(flags => (IReadOnlyList<LiveFlag>)[.. flags.Select(m => new LiveFlag(m.Rule, m.Category, m.Severity, m.Start, m.End, m.Text, m.Context))])];
}
