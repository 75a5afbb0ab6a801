using AbsoluteZero.Training.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Algorithms;

/// <summary>The terms of one micro-batch's loss (all scalars).</summary>
/// <param name="Loss">What to back-propagate: policy loss − c_H·entropy + β·KL.</param>
/// <param name="PolicyLoss">The clipped surrogate loss.</param>
/// <param name="Entropy">The aggregated token entropy (null when not given).</param>
/// <param name="Kl">The aggregated KL estimate (null without a reference model).</param>
/// <param name="ClipFraction">Fraction of tokens clipped.</param>
/// <param name="ApproxKl">k1 estimate of KL(π_old ‖ π).</param>
public sealed record PolicyObjectiveTerms(Tensor Loss, Tensor PolicyLoss, Tensor? Entropy, Tensor? Kl, Tensor ClipFraction, Tensor ApproxKl) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in new[] { Loss, PolicyLoss, Entropy, Kl, ClipFraction, ApproxKl }) t?.Dispose();
    }
}

/// <summary>
/// The full per-micro-batch objective of the reference code's actor update (veRL <c>dp_actor.update_policy</c>):
/// <c>loss = pg_loss − entropy_coeff·entropy + kl_coef·kl</c>, every term aggregated the same way.
/// </summary>
public static class PolicyObjective
{
    /// <summary>Computes the loss of one micro-batch.</summary>
    /// <param name="logProbs">[B, T] current log-probs (with autograd).</param>
    /// <param name="oldLogProbs">[B, T] rollout-time log-probs.</param>
    /// <param name="advantages">[B, T] advantages.</param>
    /// <param name="mask">[B, T] response mask.</param>
    /// <param name="entropy">[B, T] per-token entropy of the current policy (with autograd), or null when the entropy coefficient is 0.</param>
    /// <param name="refLogProbs">[B, T] reference-model log-probs, or null when the KL coefficient is 0.</param>
    /// <param name="options">Clip ratios, coefficients, KL estimator and aggregation.</param>
    /// <param name="normalizer">Mini-batch token/sequence count under gradient accumulation (see <see cref="Aggregation.Reduce"/>).</param>
    public static PolicyObjectiveTerms Compute(Tensor logProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask,
        Tensor? entropy, Tensor? refLogProbs, AlgorithmOptions options, double? normalizer = null)
    {
        if (options.EntropyCoefficient != 0 && entropy is null)
            throw new ArgumentException("the entropy coefficient is non-zero but no entropy was given", nameof(entropy));
        if (options.KlCoefficient != 0 && refLogProbs is null)
            throw new ArgumentException("the KL coefficient is non-zero but no reference log-probs were given", nameof(refLogProbs));
        using var scope = NewDisposeScope();
        var pg = PolicyLosses.PpoClip(logProbs, oldLogProbs, advantages, mask, options.ClipRatioLow, options.ClipRatioHigh, options.LossAggregation, normalizer);
        var loss = pg.Loss.clone(); // a separate tensor, so disposing Loss never disposes PolicyLoss
        Tensor? h = null, kl = null;
        if (entropy is not null)
        {
            h = Aggregation.Reduce(entropy, mask, options.LossAggregation, normalizer);
            if (options.EntropyCoefficient != 0) loss = loss - options.EntropyCoefficient * h;
        }
        if (refLogProbs is not null)
        {
            kl = Aggregation.Reduce(KlPenalty.Estimate(logProbs, refLogProbs, options.KlEstimator), mask, options.LossAggregation, normalizer);
            if (options.KlCoefficient != 0) loss = loss + options.KlCoefficient * kl;
        }
        return new PolicyObjectiveTerms(loss.MoveToOuterDisposeScope(), pg.Loss.MoveToOuterDisposeScope(), h?.MoveToOuterDisposeScope(),
            kl?.MoveToOuterDisposeScope(), pg.ClipFraction.MoveToOuterDisposeScope(), pg.ApproxKl.MoveToOuterDisposeScope());
    }
}
