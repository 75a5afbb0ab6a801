using static TorchSharp.torch;

namespace AbsoluteZero.Training.Algorithms;

/// <summary>How per-token loss values become one scalar.</summary>
public enum LossAggregation
{
    /// <summary>
    /// Sum over all valid tokens divided by the number of valid tokens in the whole mini-batch ("token-mean": veRL
    /// <c>loss_agg_mode: token-mean</c>, the reference code's setting; DAPO). Every token weighs the same, so long
    /// responses are not down-weighted. The default.
    /// </summary>
    TokenMean,
    /// <summary>
    /// Mean over sequences of each sequence's token mean (the 1/|o| of the PPO/GRPO objective as the paper writes it):
    /// every sequence weighs the same.
    /// </summary>
    SequenceMean,
}

/// <summary>Reductions of [B, T] per-token values under a response mask, correct under gradient accumulation.</summary>
public static class Aggregation
{
    /// <summary>
    /// Reduces <paramref name="values"/> to a scalar. When a mini-batch is split into micro-batches whose gradients
    /// are accumulated, pass the mini-batch's total as <paramref name="normalizer"/> (valid tokens for
    /// <see cref="LossAggregation.TokenMean"/>, non-empty sequences for <see cref="LossAggregation.SequenceMean"/>):
    /// the sum of the micro-batch losses then equals the loss of the whole mini-batch, instead of a mean of means.
    /// Without it the micro-batch's own count is used.
    /// </summary>
    /// <param name="values">[B, T] per-token values.</param>
    /// <param name="mask">[B, T] response mask.</param>
    /// <param name="mode">Token mean or sequence mean.</param>
    /// <param name="normalizer">Total count over the mini-batch, or null for this batch's count.</param>
    /// <returns>A scalar tensor.</returns>
    public static Tensor Reduce(Tensor values, Tensor mask, LossAggregation mode, double? normalizer = null)
    {
        if (!values.shape.SequenceEqual(mask.shape))
            throw new ArgumentException($"values [{string.Join(", ", values.shape)}] and mask [{string.Join(", ", mask.shape)}] must have the same shape");
        if (normalizer is <= 0) throw new ArgumentOutOfRangeException(nameof(normalizer), normalizer, "must be positive");
        using var scope = NewDisposeScope();
        var m = mask.to_type(values.dtype);
        Tensor result;
        if (mode == LossAggregation.TokenMean)
        {
            var total = (values * m).sum();
            result = normalizer is double n ? total / n : total / m.sum().clamp_min(1.0);
        }
        else
        {
            var lengths = m.sum(1);                                               // [B]
            var perSequence = (values * m).sum(1) / lengths.clamp_min(1.0);       // [B]; empty sequences give 0
            var total = perSequence.sum();
            result = normalizer is double n ? total / n : total / (lengths > 0).sum().to_type(values.dtype).clamp_min(1.0);
        }
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The normalizer <see cref="Reduce"/> needs for a whole mini-batch: valid tokens or non-empty sequences.</summary>
    /// <param name="mask">[B, T] response mask of the whole mini-batch.</param>
    /// <param name="mode">The aggregation mode.</param>
    public static double Count(Tensor mask, LossAggregation mode)
    {
        using var scope = NewDisposeScope();
        var m = mask.to_type(ScalarType.Float64);
        return mode == LossAggregation.TokenMean ? m.sum().item<double>() : (m.sum(1) > 0).sum().to_type(ScalarType.Float64).item<double>();
    }
}
