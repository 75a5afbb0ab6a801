using static TorchSharp.torch;

namespace AbsoluteZero.Training.Algorithms;

/// <summary>The clipped surrogate loss and its diagnostics (scalars).</summary>
/// <param name="Loss">Scalar loss to minimise (the negated clipped objective).</param>
/// <param name="ClipFraction">Fraction of valid tokens where the clipped term was the active one.</param>
/// <param name="ApproxKl">Mean over valid tokens of log π_old − log π (k1 estimate of KL(π_old ‖ π)).</param>
public sealed record PolicyLossOutput(Tensor Loss, Tensor ClipFraction, Tensor ApproxKl) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Loss.Dispose();
        ClipFraction.Dispose();
        ApproxKl.Dispose();
    }
}

/// <summary>Policy-gradient losses as pure tensor functions.</summary>
public static class PolicyLosses
{
    /// <summary>The log-ratio is clamped to ±20 before exponentiation (veRL) so one bad token cannot overflow.</summary>
    public const double LogRatioClamp = 20.0;

    /// <summary>
    /// PPO's clipped surrogate (Schulman et al. 2017, arXiv 1707.06347), per token:
    /// ρ = exp(log π − log π_old), ℓ = max(−A·ρ, −A·clip(ρ, 1 − ε_low, 1 + ε_high)), reduced with
    /// <paramref name="aggregation"/>. With one PPO epoch over one mini-batch (the Absolute Zero setting) ρ ≡ 1, the
    /// clip never acts, and the gradient is REINFORCE's −A·∇log π.
    /// </summary>
    /// <param name="logProbs">[B, T] log π(a_t) under the current policy (with autograd).</param>
    /// <param name="oldLogProbs">[B, T] log π_old(a_t) from rollout time (no grad).</param>
    /// <param name="advantages">[B, T] advantages.</param>
    /// <param name="mask">[B, T] response mask.</param>
    /// <param name="clipLow">ε_low (default 0.2, reference code <c>clip_ratio</c>).</param>
    /// <param name="clipHigh">ε_high (0.2; DAPO's "clip-higher" raises it, e.g. 0.28 as on the reference code's master branch).</param>
    /// <param name="aggregation">Token mean (default) or sequence mean.</param>
    /// <param name="normalizer">Mini-batch token/sequence count under gradient accumulation (see <see cref="Aggregation.Reduce"/>).</param>
    public static PolicyLossOutput PpoClip(Tensor logProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask,
        double clipLow = 0.2, double clipHigh = 0.2, LossAggregation aggregation = LossAggregation.TokenMean, double? normalizer = null)
    {
        if (!logProbs.shape.SequenceEqual(oldLogProbs.shape) || !logProbs.shape.SequenceEqual(advantages.shape))
            throw new ArgumentException("log-probs, old log-probs and advantages must all be [B, T]");
        using var scope = NewDisposeScope();
        var logRatio = (logProbs - oldLogProbs).clamp(-LogRatioClamp, LogRatioClamp);
        var ratio = logRatio.exp();
        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.clamp(1.0 - clipLow, 1.0 + clipHigh);
        var perToken = maximum(unclipped, clipped);
        var loss = Aggregation.Reduce(perToken, mask, aggregation, normalizer);
        using var noGrad = no_grad();
        var clipFraction = Aggregation.Reduce((clipped > unclipped).to_type(logProbs.dtype), mask, LossAggregation.TokenMean);
        var approxKl = Aggregation.Reduce(-logRatio.detach(), mask, LossAggregation.TokenMean);
        return new PolicyLossOutput(loss.MoveToOuterDisposeScope(), clipFraction.MoveToOuterDisposeScope(), approxKl.MoveToOuterDisposeScope());
    }
}
