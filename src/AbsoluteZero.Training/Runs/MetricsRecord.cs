using System.Text.Json.Serialization;

namespace AbsoluteZero.Training.Runs;

/// <summary>Wall time of one step, split by what it was spent on (seconds).</summary>
/// <param name="Generation">Sampling proposer, learnability and solver rollouts.</param>
/// <param name="Execution">Validating proposals and grading answers in the executor.</param>
/// <param name="Update">The policy update.</param>
/// <param name="Other">Everything else (prompts, tokenizing, advantages, logging, checkpoints).</param>
/// <param name="Total">The whole step.</param>
public sealed record StepSeconds(double Generation, double Execution, double Update, double Other, double Total);

/// <summary>Memory of the trainer process.</summary>
/// <param name="PeakRssBytes">Peak resident set of the process so far.</param>
/// <param name="GpuBytes">GPU memory the process holds at the end of the step (NVML; the CUDA caching allocator keeps its peak reservation), null without CUDA.</param>
public sealed record MemoryUse(long PeakRssBytes, long? GpuBytes)
{
    /// <summary>Reads the current values.</summary>
    public static MemoryUse Measure()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        long? gpu = Model.Runtime.TorchRuntime.Current?.CudaAvailable == true ? Model.Runtime.Nvml.ProcessMemoryBytes() : null;
        return new MemoryUse(process.PeakWorkingSet64, gpu);
    }
}

/// <summary>Metrics of one (task type × role) group in one step (docs/run-directory.md).</summary>
public sealed record GroupMetrics
{
    /// <summary>Rollouts trained on.</summary>
    public int Count { get; init; }
    /// <summary>Mean reward.</summary>
    public double RewardMean { get; init; }
    /// <summary>Standard deviation of the reward (population).</summary>
    public double RewardStd { get; init; }
    /// <summary>Mean response length in tokens.</summary>
    public double ResponseLengthMean { get; init; }
    /// <summary>Mean token entropy of the policy on these responses (before the update).</summary>
    public double? EntropyMean { get; init; }
    /// <summary>Mean KL estimate to the reference model; null without one.</summary>
    public double? KlMean { get; init; }
    /// <summary>Fraction of malformed responses.</summary>
    public double FormatErrorRate { get; init; }
    /// <summary>Propose groups: fraction of proposals that were valid tasks (ok or duplicate).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ValidRate { get; init; }
    /// <summary>Propose groups: proposal counts by verdict.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, int>? Verdicts { get; init; }
    /// <summary>Propose groups: mean learnability (1 − solve rate, 0 at rate 0 or 1) over valid proposals; null when none was valid.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double? LearnabilityMean { get; init; }
    /// <summary>Propose groups: mean solve rate of the valid proposals over their learnability rollouts (an addition).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ProposalSolveRate { get; init; }
    /// <summary>Solve groups: fraction of answers graded correct.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SolveRate { get; init; }
}

/// <summary>One line of <c>metrics.jsonl</c>.</summary>
public sealed record MetricsRecord
{
    /// <summary>Step, from 1.</summary>
    public int Step { get; init; }
    /// <summary>When the step finished (ISO-8601).</summary>
    public string TimeUtc { get; init; } = "";
    /// <summary>Time split.</summary>
    public StepSeconds Seconds { get; init; } = new(0, 0, 0, 0, 0);
    /// <summary>Generated tokens / generation seconds.</summary>
    public double TokensPerSecond { get; init; }
    /// <summary>Tokens generated this step, learnability rollouts included (an addition).</summary>
    public long GeneratedTokens { get; init; }
    /// <summary>Gradient norm before clipping.</summary>
    public double GradNorm { get; init; }
    /// <summary>Learning rate used.</summary>
    public double LearningRate { get; init; }
    /// <summary>Loss of the update (an addition).</summary>
    public double Loss { get; init; }
    /// <summary>Fraction of PPO-clipped tokens (an addition).</summary>
    public double ClipFraction { get; init; }
    /// <summary>k1 estimate of KL(π_old ‖ π) over the update (an addition).</summary>
    public double ApproxKl { get; init; }
    /// <summary>Buffer sizes after the step, by task type.</summary>
    public IReadOnlyDictionary<string, int> BufferSizes { get; init; } = new Dictionary<string, int>();
    /// <summary>Per (task type × role) group, keyed <c>deduction.propose</c> etc.</summary>
    public IReadOnlyDictionary<string, GroupMetrics> Groups { get; init; } = new Dictionary<string, GroupMetrics>();
    /// <summary>Memory after the step (an addition).</summary>
    public MemoryUse Memory { get; init; } = new(0, null);
    /// <summary>Live flags this step, by category.</summary>
    public IReadOnlyDictionary<string, int> Flags { get; init; } = new Dictionary<string, int>();
}
