using static TorchSharp.torch;

namespace AbsoluteZero.Rollout;

/// <summary>Temperature / top-k / top-p sampling on the device, with no host synchronisation.</summary>
internal static class Sampler
{
    /// <summary>Draws one token per row.</summary>
    /// <param name="logits">[R, V], any float dtype.</param>
    /// <param name="options">Temperature, TopK, TopP.</param>
    /// <param name="generator">Seeded generator on the logits' device.</param>
    /// <returns>Tokens [R] int64 and their log-probabilities under the filtered distribution [R] fp32.</returns>
    public static (Tensor Tokens, Tensor LogProbs) Sample(Tensor logits, GenerationOptions options, Generator generator)
    {
        using var scope = NewDisposeScope();
        if (options.Temperature == 0)
        {
            var greedy = logits.argmax(-1);
            var zero = zeros([logits.shape[0]], ScalarType.Float32, logits.device);
            return (greedy.MoveToOuterDisposeScope(), zero.MoveToOuterDisposeScope());
        }
        var z = logits.to_type(ScalarType.Float32) / options.Temperature;
        long vocab = z.shape[1];
        if (options.TopK > 0 && options.TopK < vocab)
        {
            var kth = z.topk(options.TopK, dim: -1).values.narrow(1, options.TopK - 1, 1);
            z = z.masked_fill(z.lt(kth), double.NegativeInfinity);
        }
        if (options.TopP < 1.0)
        {
            var (sorted, order) = z.sort(-1, descending: true);
            var probs = sorted.softmax(-1);
            // Drop a token when the mass before it already reaches top_p; the most likely token always stays.
            var drop = (probs.cumsum(-1) - probs).gt(options.TopP);
            sorted = sorted.masked_fill(drop, double.NegativeInfinity);
            z = full_like(z, double.NegativeInfinity).scatter(1, order, sorted);
        }
        var logp = z.log_softmax(-1);
        // Gumbel-max: argmax(log p + Gumbel noise) is an exact draw from p, needs no host sync, and is seeded.
        var u = rand(z.shape, ScalarType.Float32, z.device, generator: generator).clamp_min(1e-20);
        var tokens = (logp - (-u.log()).log()).argmax(-1);
        var tokenLogp = logp.gather(1, tokens.unsqueeze(1)).squeeze(1);
        return (tokens.MoveToOuterDisposeScope(), tokenLogp.MoveToOuterDisposeScope());
    }
}
