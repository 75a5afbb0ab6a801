using static TorchSharp.torch;

namespace AbsoluteZero.Training.Algorithms;

/// <summary>Which advantage estimator an update uses.</summary>
public enum AdvantageEstimator
{
    /// <summary>
    /// Task-Relative REINFORCE++ (Absolute Zero, Zhao et al. 2025, §3.3.5 Eq. 8): REINFORCE++ whitening done
    /// separately within each of the six (task type × role) groups. The default.
    /// </summary>
    TaskRelativeReinforcePlusPlus,
    /// <summary>REINFORCE++ (Hu 2025, arXiv 2501.03262): one whitening over the whole batch.</summary>
    ReinforcePlusPlus,
    /// <summary>GRPO (Shao et al. 2024, DeepSeekMath, arXiv 2402.03300): a baseline per prompt from that prompt's group of samples.</summary>
    Grpo,
}

/// <summary>Over what the REINFORCE++ mean and standard deviation are taken.</summary>
public enum WhiteningLevel
{
    /// <summary>
    /// Over all valid response tokens of the group: a sequence of L tokens counts L times, so μ and σ are
    /// token-length weighted. This is what the reference code does (veRL <c>masked_whiten</c> of the returns inside
    /// <c>compute_reinforce_plus_plus_outcome_advantage</c>, called once per task-role batch). The default.
    /// </summary>
    Token,
    /// <summary>Over the sequences of the group, each counted once: the paper's Eq. 8 read literally.</summary>
    Sequence,
}

/// <summary>
/// Advantage estimators as pure tensor functions. Inputs are one scalar outcome reward per sequence; since the
/// reward sits on the last response token and γ = 1 (no KL in the reward; the KL penalty, when on, is a loss term),
/// every token's return equals its sequence's reward, so each estimator yields one advantage per sequence, broadcast
/// over the sequence's valid tokens. Statistics are computed in float64; results have the mask's float dtype
/// (float32 for a bool mask). Shapes: B sequences, T response positions.
/// </summary>
public static class AdvantageEstimators
{
    /// <summary>veRL's <c>masked_whiten</c> epsilon: A = (R − μ)·rsqrt(σ² + 1e-8).</summary>
    public const double WhitenEpsilon = 1e-8;

    /// <summary>veRL's GRPO epsilon: A = (r − μ)/(σ + 1e-6).</summary>
    public const double GrpoEpsilon = 1e-6;

    /// <summary>
    /// REINFORCE++ (Hu 2025): A = (R − μ)·rsqrt(σ² + ε) with μ, σ² the mean and unbiased variance of the returns over
    /// the whole batch (tokens or sequences, per <paramref name="level"/>).
    /// </summary>
    /// <param name="rewards">[B] sequence rewards.</param>
    /// <param name="mask">[B, T] response mask (1 for valid response tokens; bool or float).</param>
    /// <param name="level">Token-weighted (reference code) or per-sequence statistics.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <returns>[B, T] advantages, 0 on masked positions.</returns>
    public static Tensor ReinforcePlusPlus(Tensor rewards, Tensor mask, WhiteningLevel level = WhiteningLevel.Token, double epsilon = WhitenEpsilon) =>
        TaskRelativeReinforcePlusPlus(rewards, mask, new int[rewards.shape[0]], level, epsilon);

    /// <summary>
    /// Task-Relative REINFORCE++ (Absolute Zero Eq. 8): A = (R − μ_g)·rsqrt(σ²_g + ε) where g is the sequence's
    /// group (the <see cref="Tasks.TaskGroup.Index"/> of its task type × role) and μ_g, σ²_g (unbiased) are taken over
    /// that group only. With <see cref="WhiteningLevel.Token"/> this equals running veRL's REINFORCE++ on each group's
    /// batch separately, which is what the reference code does. A group with a single token (or sequence) or constant
    /// rewards gets advantage 0.
    /// </summary>
    /// <param name="rewards">[B] sequence rewards.</param>
    /// <param name="mask">[B, T] response mask.</param>
    /// <param name="groups">B group ids (any integers; equal ids share a baseline).</param>
    /// <param name="level">Token-weighted (reference code, default) or per-sequence (paper text) statistics.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <returns>[B, T] advantages, 0 on masked positions.</returns>
    public static Tensor TaskRelativeReinforcePlusPlus(Tensor rewards, Tensor mask, IReadOnlyList<int> groups,
        WhiteningLevel level = WhiteningLevel.Token, double epsilon = WhitenEpsilon)
    {
        Check(rewards, mask, groups);
        using var scope = NewDisposeScope();
        var m = mask.to_type(ScalarType.Float64);
        var lengths = m.sum(1);                                                   // [B] valid tokens per sequence
        var weights = level == WhiteningLevel.Token ? lengths : (lengths > 0).to_type(ScalarType.Float64);
        var (onehot, _) = OneHot(groups, rewards.device);                         // [B, G]
        var r = rewards.to_type(ScalarType.Float64);
        var (centered, variance) = GroupMoments(r, weights, onehot);              // [B], [B]
        var a = centered * rsqrt(variance + epsilon);
        return Broadcast(a, mask).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// GRPO outcome advantages (Shao et al. 2024): A = (r − μ_p)/(σ_p + ε) with μ_p, σ_p (unbiased) over the samples
    /// of the same prompt p; without std scaling (Dr. GRPO, Liu et al. 2025) A = r − μ_p. A prompt with a single
    /// sample keeps its raw reward (veRL: mean 0, std 1). Needs several samples per prompt to mean anything.
    /// </summary>
    /// <param name="rewards">[B] sequence rewards.</param>
    /// <param name="mask">[B, T] response mask.</param>
    /// <param name="promptGroups">B prompt ids (samples of the same prompt share an id).</param>
    /// <param name="scaleByStd">Divide by the group's standard deviation (GRPO) or not (Dr. GRPO).</param>
    /// <param name="epsilon">Added to the standard deviation.</param>
    /// <returns>[B, T] advantages, 0 on masked positions.</returns>
    public static Tensor Grpo(Tensor rewards, Tensor mask, IReadOnlyList<int> promptGroups, bool scaleByStd = true, double epsilon = GrpoEpsilon)
    {
        Check(rewards, mask, promptGroups);
        using var scope = NewDisposeScope();
        var (onehot, _) = OneHot(promptGroups, rewards.device);
        var r = rewards.to_type(ScalarType.Float64);
        var ones = ones_like(r);
        var counts = onehot.matmul(onehot.T.matmul(ones));                        // [B] samples in the row's group
        var (centered, variance) = GroupMoments(r, ones, onehot);
        var singleton = counts <= 1;
        var a = scaleByStd ? centered / (variance.sqrt() + epsilon) : centered;
        a = where(singleton, r, a);
        return Broadcast(a, mask).MoveToOuterDisposeScope();
    }

    /// <summary>Dispatches to the configured estimator.</summary>
    /// <param name="options">The algorithm settings (estimator, whitening level, GRPO scaling).</param>
    /// <param name="rewards">[B] sequence rewards.</param>
    /// <param name="mask">[B, T] response mask.</param>
    /// <param name="taskGroups">B (task type × role) indices, used by Task-Relative REINFORCE++.</param>
    /// <param name="promptGroups">B prompt ids, used by GRPO.</param>
    /// <returns>[B, T] advantages.</returns>
    public static Tensor Compute(Config.AlgorithmOptions options, Tensor rewards, Tensor mask, IReadOnlyList<int> taskGroups, IReadOnlyList<int> promptGroups) =>
        options.AdvantageEstimator switch
        {
            AdvantageEstimator.TaskRelativeReinforcePlusPlus => TaskRelativeReinforcePlusPlus(rewards, mask, taskGroups, options.Whitening),
            AdvantageEstimator.ReinforcePlusPlus => ReinforcePlusPlus(rewards, mask, options.Whitening),
            AdvantageEstimator.Grpo => Grpo(rewards, mask, promptGroups, options.GrpoScaleByStd),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.AdvantageEstimator, null),
        };

    /// <summary>Weighted per-group centering and unbiased variance, gathered back to the rows: ([B] r − μ_g, [B] σ²_g).</summary>
    private static (Tensor Centered, Tensor Variance) GroupMoments(Tensor r, Tensor w, Tensor onehot)
    {
        var n = onehot.T.matmul(w);                                               // [G] total weight per group
        var mean = onehot.T.matmul(w * r) / n.clamp_min(1.0);                     // [G]
        var centered = r - onehot.matmul(mean);                                   // [B]
        var sumSquares = onehot.T.matmul(w * centered.square());                  // [G]
        var variance = sumSquares / (n - 1.0).clamp_min(1.0);                     // [G] unbiased; 0 when n ≤ 1
        return (centered, onehot.matmul(variance));
    }

    private static (Tensor OneHot, int Groups) OneHot(IReadOnlyList<int> groups, Device device)
    {
        var dense = new Dictionary<int, long>();
        var ids = new long[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            if (!dense.TryGetValue(groups[i], out long d)) dense[groups[i]] = d = dense.Count;
            ids[i] = d;
        }
        int g = Math.Max(1, dense.Count);
        using var idTensor = tensor(ids, device: device);
        return (nn.functional.one_hot(idTensor, g).to_type(ScalarType.Float64), g);
    }

    private static Tensor Broadcast(Tensor perSequence, Tensor mask)
    {
        var dtype = mask.dtype == ScalarType.Bool || !mask.is_floating_point() ? ScalarType.Float32 : mask.dtype;
        var m = mask.to_type(dtype);
        return perSequence.to_type(dtype).unsqueeze(1) * m;
    }

    private static void Check(Tensor rewards, Tensor mask, IReadOnlyList<int> groups)
    {
        if (rewards.dim() != 1) throw new ArgumentException($"rewards must be [B], got [{string.Join(", ", rewards.shape)}]", nameof(rewards));
        if (mask.dim() != 2 || mask.shape[0] != rewards.shape[0])
            throw new ArgumentException($"mask must be [B, T] with B = {rewards.shape[0]}, got [{string.Join(", ", mask.shape)}]", nameof(mask));
        if (groups.Count != rewards.shape[0])
            throw new ArgumentException($"need one group id per sequence ({rewards.shape[0]}), got {groups.Count}", nameof(groups));
    }
}
