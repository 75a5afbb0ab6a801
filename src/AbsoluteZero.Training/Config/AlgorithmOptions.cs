using System.ComponentModel.DataAnnotations;
using AbsoluteZero.Core.Configuration;
using AbsoluteZero.Training.Algorithms;

namespace AbsoluteZero.Training.Config;

/// <summary>The RL update (the <c>algorithm</c> section).</summary>
public sealed record AlgorithmOptions : IValidatableConfig
{
    /// <summary>
    /// Advantage estimator: <c>task_relative_reinforce_plus_plus</c> (default; Absolute Zero §3.3.5),
    /// <c>reinforce_plus_plus</c> (global whitening; Hu 2025) or <c>grpo</c> (per-prompt baseline; needs
    /// <c>rollout.samples_per_prompt</c> ≥ 2).
    /// </summary>
    public AdvantageEstimator AdvantageEstimator { get; init; } = AdvantageEstimator.TaskRelativeReinforcePlusPlus;

    /// <summary>
    /// Statistics of the REINFORCE++ whitening: <c>token</c> (default) weights every response token equally — what the
    /// reference code does (veRL <c>masked_whiten</c> over the group's tokens, unbiased variance, ε = 1e-8);
    /// <c>sequence</c> counts each sequence once — the paper's Eq. 8 read literally. A documented divergence.
    /// </summary>
    public WhiteningLevel Whitening { get; init; } = WhiteningLevel.Token;

    /// <summary>GRPO only: divide by the group's standard deviation (true, GRPO) or not (false, Dr. GRPO). Default true.</summary>
    public bool GrpoScaleByStd { get; init; } = true;

    /// <summary>Passes over each step's batch. Default 1 (paper Table 3 "PPO epochs 1").</summary>
    [Range(1, 64)]
    public int PpoEpochs { get; init; } = 1;

    /// <summary>
    /// Optimizer steps per epoch (the batch of all six groups is split into this many mini-batches). Default 1: one
    /// optimizer step per self-play step over all six groups (reference code: <c>ppo_mini_batch_size</c> set to the whole
    /// 64 × 6 batch), so the PPO ratio is 1 and the update is normalised REINFORCE.
    /// </summary>
    [Range(1, 4096)]
    public int MiniBatches { get; init; } = 1;

    /// <summary>
    /// Sequences per forward/backward pass; a mini-batch is processed in micro-batches whose gradients accumulate, with
    /// token-level loss normalisation over the whole mini-batch. Default 8 (our choice; a memory knob, not an algorithm change).
    /// </summary>
    [Range(1, 4096)]
    public int MicroBatchSize { get; init; } = 8;

    /// <summary>PPO ε for the lower clip bound 1 − ε. Default 0.2 (reference code <c>clip_ratio: 0.2</c>, paper branch).</summary>
    [Range(0.0, 1.0)]
    public double ClipRatioLow { get; init; } = 0.2;

    /// <summary>PPO ε for the upper clip bound 1 + ε. Default 0.2 (paper branch; the master branch uses DAPO's 0.28).</summary>
    [Range(0.0, 10.0)]
    public double ClipRatioHigh { get; init; } = 0.2;

    /// <summary>Entropy bonus coefficient c_H (loss −= c_H·entropy). Default 0.001 (paper Table 3; paper branch; master uses 0).</summary>
    [Range(0.0, 1.0)]
    public double EntropyCoefficient { get; init; } = 0.001;

    /// <summary>
    /// KL penalty coefficient β to a frozen copy of the initial model (loss += β·KL). Default 0: no KL and no
    /// reference model (paper: "we do not apply any KL penalty"; Table 3 "KL loss False"). Typical when on: 0.001–0.04.
    /// </summary>
    [Range(0.0, 10.0)]
    public double KlCoefficient { get; init; }

    /// <summary>KL estimator when β &gt; 0: <c>k1</c>, <c>k2</c> or <c>k3</c>. Default <c>k3</c> (low variance, non-negative; GRPO / veRL <c>low_var_kl</c>).</summary>
    public KlEstimator KlEstimator { get; init; } = KlEstimator.K3;

    /// <summary>
    /// How per-token losses are reduced: <c>token_mean</c> (default; reference code <c>loss_agg_mode: token-mean</c>)
    /// or <c>sequence_mean</c> (the paper's 1/|o| per-sequence average).
    /// </summary>
    public LossAggregation LossAggregation { get; init; } = LossAggregation.TokenMean;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (ClipRatioLow >= 1.0) yield return ("clip_ratio_low", "must be below 1 (the lower clip bound is 1 − ε)");
    }
}
