using static TorchSharp.torch;

namespace AbsoluteZero.Training.Algorithms;

/// <summary>
/// Per-token estimators of KL(π ‖ π_ref) from samples of π (Schulman, "Approximating KL Divergence", 2020), with
/// r = π_ref(a)/π(a): k1 = −log r, k2 = ½(log r)², k3 = (r − 1) − log r. k1 is unbiased but can be negative,
/// k3 is unbiased and non-negative with low variance (GRPO's <c>low_var_kl</c>), k2 is biased but low-variance.
/// </summary>
public enum KlEstimator
{
    /// <summary>k1 = log π − log π_ref.</summary>
    K1,
    /// <summary>k2 = ½ (log π − log π_ref)².</summary>
    K2,
    /// <summary>k3 = exp(log π_ref − log π) − (log π_ref − log π) − 1.</summary>
    K3,
}

/// <summary>The KL penalty to a frozen reference model (off by default in Absolute Zero: "we do not apply any KL penalty").</summary>
public static class KlPenalty
{
    /// <summary>k3 values are clamped to ±10 after computing them from a log-ratio clamped to ±20 (veRL <c>low_var_kl</c>).</summary>
    public const double K3Clamp = 10.0;

    /// <summary>Per-token KL estimate.</summary>
    /// <param name="logProbs">[B, T] log π(a_t) under the current policy.</param>
    /// <param name="refLogProbs">[B, T] log π_ref(a_t) under the frozen reference model.</param>
    /// <param name="estimator">k1, k2 or k3.</param>
    /// <returns>[B, T] estimates (mask them before reducing).</returns>
    public static Tensor Estimate(Tensor logProbs, Tensor refLogProbs, KlEstimator estimator)
    {
        if (!logProbs.shape.SequenceEqual(refLogProbs.shape)) throw new ArgumentException("log-probs and reference log-probs must have the same shape");
        using var scope = NewDisposeScope();
        var diff = logProbs - refLogProbs;                                        // log π − log π_ref = −log r
        Tensor kl = estimator switch
        {
            KlEstimator.K1 => diff,
            KlEstimator.K2 => 0.5 * diff.square(),
            KlEstimator.K3 => K3(diff),
            _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, null),
        };
        return kl.MoveToOuterDisposeScope();
    }

    private static Tensor K3(Tensor diff)
    {
        var logR = (-diff).clamp(-PolicyLosses.LogRatioClamp, PolicyLosses.LogRatioClamp);
        return (logR.exp() - logR - 1.0).clamp(-K3Clamp, K3Clamp);
    }
}
