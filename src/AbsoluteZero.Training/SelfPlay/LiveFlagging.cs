namespace AbsoluteZero.Training.SelfPlay;

/// <summary>One unsafe-reasoning match in a response.</summary>
/// <param name="Rule">Id of the rule that matched.</param>
/// <param name="Category">E.g. <c>power_seeking</c>, <c>sandbox_escape</c>.</param>
/// <param name="Severity"><c>low</c>, <c>medium</c> or <c>high</c>.</param>
/// <param name="Start">Start offset in the scanned text.</param>
/// <param name="End">End offset (exclusive).</param>
/// <param name="Text">The matched text.</param>
/// <param name="Context">The match with surrounding text.</param>
public sealed record LiveFlag(string Rule, string Category, string Severity, int Start, int End, string Text, string Context);

/// <summary>Scans rollout responses while the run goes (the audit layer's flagger, adapted).</summary>
public interface IRolloutFlagger
{
    /// <summary>Every match in <paramref name="text"/>.</summary>
    IReadOnlyList<LiveFlag> Scan(string text);

    /// <summary>Every match in each text, in order; a flagger that embeds text does all of a step's rollouts in one batch.</summary>
    IReadOnlyList<IReadOnlyList<LiveFlag>> ScanBatch(IReadOnlyList<string> texts) => [.. texts.Select(Scan)];
}
