using static TorchSharp.torch;

namespace AbsoluteZero.Model;

/// <summary>Options of <see cref="TokenScorer.Score"/>.</summary>
public sealed record ScoringOptions
{
    /// <summary>Logits are divided by this before the softmax (use the sampling temperature for PPO ratios).</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Token positions per chunk of the LM head: at most ChunkTokens × V fp32 logits exist at once.</summary>
    public int ChunkTokens { get; init; } = 4096;
    /// <summary>Also return the entropy of each predictive distribution.</summary>
    public bool ComputeEntropy { get; init; }
}

/// <summary>Per-token scores of sequences.</summary>
/// <param name="LogProbs">[B, T−1] fp32: log p(ids[:, t+1] | ids[:, ≤t]).</param>
/// <param name="Entropy">[B, T−1] fp32 entropy of p(· | ids[:, ≤t]), when requested.</param>
public sealed record TokenScores(Tensor LogProbs, Tensor? Entropy);

/// <summary>
/// Per-token log-probabilities (and entropies) of given sequences, the quantity the RL update and PPO ratios use.
/// The LM head runs over chunks of positions and its fp32 logits are recomputed in the backward pass, so full
/// [B, T, V] fp32 logits never exist, with or without gradients.
/// </summary>
public static class TokenScorer
{
    /// <summary>Scores every next token. Positions whose target is padding get finite values the caller should mask.</summary>
    /// <param name="model">The policy.</param>
    /// <param name="ids">[B, T] int64, T ≥ 2.</param>
    /// <param name="attentionMask">[B, T], 1 = token, 0 = padding (positions come from cumsum(mask) − 1).</param>
    /// <param name="options">Temperature, chunk size, entropy.</param>
    /// <returns>Differentiable w.r.t. the model's parameters when autograd is enabled.</returns>
    public static TokenScores Score(CausalLM model, Tensor ids, Tensor attentionMask, ScoringOptions options)
    {
        if (ids.dim() != 2 || ids.shape[1] < 2) throw new ArgumentException($"ids must be [B, T] with T ≥ 2, got [{string.Join(", ", ids.shape)}]");
        if (options.Temperature <= 0) throw new ArgumentException($"scoring temperature must be > 0, got {options.Temperature}");
        if (options.ChunkTokens < 1) throw new ArgumentException($"chunk_tokens must be ≥ 1, got {options.ChunkTokens}");
        using var scope = NewDisposeScope();
        long b = ids.shape[0], t = ids.shape[1];
        var hidden = model.ForwardHidden(ids, attentionMask).narrow(1, 0, t - 1).reshape(b * (t - 1), -1);
        var targets = ids.narrow(1, 1, t - 1).reshape(-1);
        var outputs = ChunkedLogProbs.apply(hidden, model.LmHeadWeight, targets, options.Temperature, options.ChunkTokens, options.ComputeEntropy);
        var logp = outputs[0].view(b, t - 1).MoveToOuterDisposeScope();
        var entropy = options.ComputeEntropy ? outputs[1].view(b, t - 1).MoveToOuterDisposeScope() : null;
        return new TokenScores(logp, entropy);
    }
}

/// <summary>
/// log_softmax(h·Wᵀ / τ)[y] (and the entropy) computed chunk by chunk, with a backward pass that recomputes each
/// chunk's logits: d logp/dz = onehot(y) − p, dH/dz = −p ⊙ (log p + H).
/// </summary>
internal sealed class ChunkedLogProbs : autograd.MultiTensorFunction<ChunkedLogProbs>
{
    public override string Name => nameof(ChunkedLogProbs);

    /// <summary>vars: hidden [N, H], weight [V, H], targets [N] int64, temperature, chunk, entropy → [logp [N]] (+ [entropy [N]]).</summary>
    public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (h, w, y) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
        double temperature = (double)vars[3];
        int chunk = (int)vars[4];
        bool withEntropy = (bool)vars[5];
        ctx.save_for_backward([h, w, y]);
        // TorchSharp cannot materialise zeros for an output that got no gradient (it calls zeros_like on the
        // undefined tensor and throws), so the backward receives undefined gradients and skips them itself.
        ctx.set_materialize_grads(false);
        ctx.save_data("temperature", temperature);
        ctx.save_data("chunk", chunk);
        long n = h.shape[0];
        var logp = empty([n], ScalarType.Float32, h.device);
        var entropy = withEntropy ? empty([n], ScalarType.Float32, h.device) : null;
        for (long s = 0; s < n; s += chunk)
        {
            using var scope = NewDisposeScope();
            long len = Math.Min(chunk, n - s);
            var logSoftmax = LogSoftmax(h.narrow(0, s, len), w, temperature);
            logp.narrow(0, s, len).copy_(logSoftmax.gather(1, y.narrow(0, s, len).unsqueeze(1)).squeeze(1));
            entropy?.narrow(0, s, len).copy_(-(logSoftmax.exp() * logSoftmax).sum(-1));
        }
        return entropy is null ? [logp] : [logp, entropy];
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> grads)
    {
        var saved = ctx.get_saved_variables();
        var (h, w, y) = (saved[0], saved[1], saved[2]);
        double temperature = (double)ctx.get_data("temperature");
        int chunk = (int)ctx.get_data("chunk");
        // Autograd passes an undefined tensor for an output that received no gradient (e.g. the entropy when the loss
        // does not use it); touching its handle throws, so treat it as absent.
        var gradLogp = Defined(grads[0]);
        var gradEntropy = grads.Count > 1 ? Defined(grads[1]) : null;
        long n = h.shape[0];
        var gradH = empty_like(h);
        var gradW = zeros(w.shape, ScalarType.Float32, w.device);
        for (long s = 0; s < n; s += chunk)
        {
            using var scope = NewDisposeScope();
            long len = Math.Min(chunk, n - s);
            var hc = h.narrow(0, s, len);
            var logSoftmax = LogSoftmax(hc, w, temperature);
            var p = logSoftmax.exp();
            var gz = zeros_like(p);
            if (gradLogp is not null)
            {
                var gl = gradLogp.narrow(0, s, len).to_type(ScalarType.Float32).unsqueeze(1);
                gz = (-p * gl).scatter_add(1, y.narrow(0, s, len).unsqueeze(1), gl);
            }
            if (gradEntropy is not null)
            {
                var entropy = -(p * logSoftmax).sum(-1, keepdim: true);
                gz = gz - gradEntropy.narrow(0, s, len).to_type(ScalarType.Float32).unsqueeze(1) * p * (logSoftmax + entropy);
            }
            gz = (gz / temperature).to_type(h.dtype);
            gradH.narrow(0, s, len).copy_(gz.matmul(w));
            gradW.add_(gz.t().matmul(hc).to_type(ScalarType.Float32));
        }
        return [gradH, gradW.to_type(w.dtype), null!, null!, null!, null!];
    }

    private static Tensor? Defined(Tensor? t) => t is null || t.IsInvalid ? null : t;

    private static Tensor LogSoftmax(Tensor h, Tensor w, double temperature)
    {
        var z = nn.functional.linear(h, w).to_type(ScalarType.Float32);
        if (temperature != 1.0) z = z / temperature;
        return z.log_softmax(-1);
    }
}
