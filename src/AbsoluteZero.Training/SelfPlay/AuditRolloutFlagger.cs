using AbsoluteZero.Audit.Flagging;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>The audit layer's <see cref="ReasoningFlagger"/> (built-in or user rules) as the trainer's live flagger.</summary>
public sealed class AuditRolloutFlagger(ReasoningFlagger flagger) : IRolloutFlagger
{
    /// <summary>The flagger with the built-in rules (<c>tasks/audit-rules.json</c>).</summary>
    public static AuditRolloutFlagger Default() => new(ReasoningFlagger.LoadDefault());

    /// <inheritdoc />
    public IReadOnlyList<LiveFlag> Scan(string text) =>
        [.. flagger.Scan(text).Select(m => new LiveFlag(m.Rule, m.Category, m.Severity, m.Start, m.End, m.Text, m.Context))];
}
