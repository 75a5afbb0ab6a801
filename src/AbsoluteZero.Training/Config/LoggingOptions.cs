using System.ComponentModel.DataAnnotations;

namespace AbsoluteZero.Training.Config;

/// <summary>What the run writes besides metrics (the <c>logging</c> section).</summary>
public sealed record LoggingOptions
{
    /// <summary>
    /// Full rollouts (prompt, response, reward) sampled per (task type × role) group per step into
    /// <c>rollouts.jsonl</c> for audit; flagged rollouts are always kept. Default 4 (our choice; the reference code
    /// prints 3 random programs per step, <c>random_print_max_programs=3</c>).
    /// </summary>
    [Range(0, 100_000)]
    public int RolloutsPerGroup { get; init; } = 4;

    /// <summary>Show the live progress display on the console. Default true.</summary>
    public bool Progress { get; init; } = true;
}
