using System.ComponentModel.DataAnnotations;
using AbsoluteZero.Core.Configuration;
using AbsoluteZero.Execution;
using AbsoluteZero.Tasks;
using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Training.Algorithms;
using AbsoluteZero.Training.Rewards;

namespace AbsoluteZero.Training.Config;

/// <summary>
/// Configuration of <c>azr selfplay</c>. Defaults reproduce the Absolute Zero paper (arXiv 2505.03335, Table 3) and its
/// reference code (LeapLabTHU/Absolute-Zero-Reasoner, <c>paper</c> branch) wherever they exist; every option states
/// its source. Two documented divergences between paper and code are options:
/// <list type="bullet">
/// <item><c>rewards.degenerate_proposal</c>: a valid proposal with solve rate 0 or 1 gets 0 (paper, default) or −0.5 (code);</item>
/// <item><c>algorithm.whitening</c>: TRR++ statistics over all response tokens of a group (code, default) or over its sequences (paper text).</item>
/// </list>
/// Load with <see cref="SelfPlayConfigLoader.Load"/> (preset, then file, then <c>--set</c> overrides, then validation).
/// </summary>
public sealed record SelfPlayConfig : IValidatableConfig
{
    /// <summary>
    /// Self-play steps to run (each: propose → validate → estimate learnability → solve → grade → one update, for
    /// every task type). Default 500 (paper: "500 steps"; set explicitly because the reference scripts derive the count
    /// from a dataset length, e.g. 960). <c>azr selfplay --steps</c> overrides it.
    /// </summary>
    [Range(1, 10_000_000)]
    public int Steps { get; init; } = 500;

    /// <summary>Master random seed (sampling, buffer draws, model init of random presets). Default 42 (our choice).</summary>
    [Range(0, long.MaxValue)]
    public long Seed { get; init; } = 42;

    /// <summary>The policy model.</summary>
    public ModelOptions Model { get; init; } = new();

    /// <summary>Sampling.</summary>
    public RolloutOptions Rollout { get; init; } = new();

    /// <summary>Task types, batch size, references, induction split, templates, seed, limits.</summary>
    public TaskOptions Tasks { get; init; } = new();

    /// <summary>Reward levels.</summary>
    public RewardOptions Rewards { get; init; } = new();

    /// <summary>Advantage estimator and policy loss.</summary>
    public AlgorithmOptions Algorithm { get; init; } = new();

    /// <summary>AdamW on fp32 master weights.</summary>
    public OptimizerOptions Optimizer { get; init; } = new();

    /// <summary>The sandboxed executor that validates proposals and grades answers (backend, workers, limits).</summary>
    public ExecutorOptions Executor { get; init; } = new();

    /// <summary>Task buffers.</summary>
    public BufferOptions Buffers { get; init; } = new();

    /// <summary>Checkpoints.</summary>
    public CheckpointOptions Checkpointing { get; init; } = new();

    /// <summary>Rollout samples and console output.</summary>
    public LoggingOptions Logging { get; init; } = new();

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Algorithm.AdvantageEstimator == AdvantageEstimator.Grpo && Rollout.SamplesPerPrompt < 2)
            yield return ("algorithm.advantage_estimator", "grpo needs rollout.samples_per_prompt ≥ 2 (a baseline per prompt)");
        int rolloutsPerStep = Tasks.BatchSize * Tasks.Types.Count * 2 * Rollout.SamplesPerPrompt;
        if (Algorithm.MiniBatches > rolloutsPerStep)
            yield return ("algorithm.mini_batches", $"must not exceed the rollouts per step ({rolloutsPerStep})");
        if (Buffers.Capacity < Tasks.BatchSize)
            yield return ("buffers.capacity", $"must hold at least one batch (tasks.batch_size = {Tasks.BatchSize})");
    }
}
