namespace AbsoluteZero.Training.Config;

/// <summary>
/// The executor as the trainer uses it (the <c>executor</c> section). A placeholder in phase 1: phase 2 embeds the
/// executor's own <c>ExecutorOptions</c> (limits, backend, workers) here; until then it holds only what the task layer
/// needs from the trainer's side.
/// </summary>
public sealed record ExecutorSettings
{
    /// <summary>
    /// Validate proposals with the executor's determinism check (two runs must agree). Default true (paper §3.3.3:
    /// j = 2 runs; reference <c>CHECK_DETERMINISM_TEMPLATE</c>). Solver answers are never re-checked.
    /// </summary>
    public bool DeterminismCheck { get; init; } = true;
}
