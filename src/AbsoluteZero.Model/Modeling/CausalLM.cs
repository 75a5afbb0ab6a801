using AbsoluteZero.Model.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Model;

/// <summary>
/// A Qwen2 / Qwen3 / Llama decoder-only causal LM. Parameter names (<c>named_parameters()</c>) are exactly the
/// Hugging Face checkpoint names: <c>model.embed_tokens.weight</c>, <c>model.layers.N.self_attn.{q,k,v,o}_proj.*</c>,
/// Qwen3 <c>q_norm</c>/<c>k_norm</c>, <c>mlp.{gate,up,down}_proj.weight</c>, <c>input_layernorm</c>,
/// <c>post_attention_layernorm</c>, <c>model.norm.weight</c>, and <c>lm_head.weight</c> only when embeddings are untied.
/// All parameters share one dtype and device; activations run in that dtype, norms and softmax in fp32.
/// </summary>
public sealed partial class CausalLM : nn.Module
{
    private readonly DecoderStack _model;
    private readonly HfLinear? _lmHead;
    private readonly Rotary _rotary;

    /// <summary>The architecture and shape.</summary>
    public ModelConfig Config { get; }
    /// <summary>Where the parameters live.</summary>
    public Device Device { get; }
    /// <summary>The parameter (and activation) dtype.</summary>
    public ScalarType DType { get; }

    private CausalLM(ModelConfig config, ScalarType dtype, Device device) : base(nameof(CausalLM))
    {
        Validate(config);
        Config = config;
        Device = device;
        DType = dtype;
        var f = new ParameterFactory(dtype, device);
        _model = new DecoderStack(f, config);
        register_module("model", _model);
        if (!config.TieWordEmbeddings)
        {
            _lmHead = new HfLinear(f, config.HiddenSize, config.VocabSize, bias: false);
            register_module("lm_head", _lmHead);
        }
        _rotary = new Rotary(config.HeadDim, config.RopeTheta, dtype, device);
    }

    /// <summary>
    /// Parameters with uninitialised storage. On the <c>meta</c> device nothing is allocated, which lists the names and
    /// shapes of a 7B model for free; such a model cannot run.
    /// </summary>
    public static CausalLM CreateEmpty(ModelConfig config, ScalarType dtype, Device device) => new(config, dtype, device);

    /// <summary>
    /// A randomly initialised model, as Hugging Face initialises one: weights ~ N(0, 0.02), biases 0, norm weights 1.
    /// The same seed, dtype and device give the same weights.
    /// </summary>
    public static CausalLM CreateRandom(ModelConfig config, long seed, ScalarType dtype, Device device)
    {
        var model = new CausalLM(config, dtype, device);
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed, device);
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.EndsWith("norm.weight", StringComparison.Ordinal)) p.fill_(1.0);
            else if (name.EndsWith(".bias", StringComparison.Ordinal)) p.zero_();
            else p.normal_(0.0, 0.02, generator);
        }
        return model;
    }

    /// <summary>The Hugging Face names and shapes of a model with this config, computed on the meta device.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> ParameterShapes(ModelConfig config)
    {
        using var model = CreateEmpty(config, ScalarType.BFloat16, new Device("meta"));
        return model.named_parameters().Select(p => (p.name, p.parameter.shape)).ToList();
    }

    /// <summary>The tensors a Hugging Face checkpoint holds, by HF name (the parameters themselves, not copies).</summary>
    public IEnumerable<(string HfName, Tensor T)> HfTensors() =>
        named_parameters().Select(p => (p.name, (Tensor)p.parameter));

    /// <summary>Logits for every position.</summary>
    /// <param name="inputIds">[B, T] int64.</param>
    /// <param name="attentionMask">[B, T], 1 = token, 0 = padding (left or right); null = all tokens.</param>
    /// <param name="positionIds">[B, T] int64; null = 0…T−1, or cumsum(mask) − 1 when a mask is given.</param>
    /// <returns>[B, T, V] in the model dtype.</returns>
    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null, Tensor? positionIds = null)
    {
        using var scope = NewDisposeScope();
        return LmHead(ForwardHidden(inputIds, attentionMask, positionIds)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Final-normed hidden states (the LM head's input). Arguments as <see cref="Forward"/>. With a mask that only
    /// pads on the right the fast causal attention kernel is used (one host synchronisation to check the mask);
    /// outputs at padded positions are then unspecified.
    /// </summary>
    /// <returns>[B, T, hidden] in the model dtype.</returns>
    public Tensor ForwardHidden(Tensor inputIds, Tensor? attentionMask = null, Tensor? positionIds = null)
    {
        CheckIds(inputIds);
        using var scope = NewDisposeScope();
        long b = inputIds.shape[0], t = inputIds.shape[1];
        var positions = positionIds
            ?? (attentionMask is null
                ? arange(t, ScalarType.Int64, Device).unsqueeze(0).expand(b, t)
                : AttentionMasks.PositionsFromMask(attentionMask));
        var (cos, sin) = _rotary.Angles(positions);
        // Right padding only (every row a prefix of tokens) needs no mask: causal attention never lets a token see
        // the pads after it, so the fast causal kernel gives the same result for every real token.
        bool needsMask = attentionMask is not null && !AttentionMasks.IsRightPadded(attentionMask);
        var plan = new AttentionPlan
        {
            Rotary = _rotary, Cos = cos, Sin = sin,
            FoldedMask = needsMask ? AttentionMasks.Folded(attentionMask!.to_type(ScalarType.Bool), 0, t, Config.NumHeads / Config.NumKvHeads) : null,
        };
        return _model.Forward(inputIds, plan).MoveToOuterDisposeScope();
    }

    /// <summary>The LM head (the embedding matrix when tied).</summary>
    /// <param name="hidden">[..., hidden].</param>
    /// <returns>[..., V] in the hidden dtype.</returns>
    public Tensor LmHead(Tensor hidden) => nn.functional.linear(hidden, LmHeadWeight);

    /// <summary>The [V, hidden] matrix of the LM head (the embedding parameter when tied).</summary>
    public Tensor LmHeadWeight => _lmHead?.Weight ?? _model.Embed.Weight;

    /// <summary>
    /// Runs new tokens through the model, appending their keys/values to <paramref name="cache"/>. Use it for the
    /// prefill (all prompt tokens, left-padded) and then for each decode step (T = 1).
    /// </summary>
    /// <param name="inputIds">[B, T] int64, B = cache.BatchSize.</param>
    /// <param name="cache">Receives T more slots.</param>
    /// <param name="attentionMask">[B, T], 0 marks padding among the new tokens; null = all tokens.</param>
    /// <param name="lastTokenOnly">Apply the LM head to the last position only (a prefill needs nothing else).</param>
    /// <returns>[B, T, V] logits in the model dtype, or [B, 1, V] with <paramref name="lastTokenOnly"/>.</returns>
    public Tensor ForwardCached(Tensor inputIds, KvCache cache, Tensor? attentionMask = null, bool lastTokenOnly = false)
    {
        CheckIds(inputIds);
        long b = inputIds.shape[0], t = inputIds.shape[1];
        if (b != cache.BatchSize) throw new ArgumentException($"batch {b} does not match the cache's {cache.BatchSize} rows");
        if (cache.Length + t > cache.Capacity)
            throw new ArgumentException($"KV cache full: {cache.Length} + {t} tokens exceed its capacity {cache.Capacity}");
        using var scope = NewDisposeScope();
        int offset = cache.Length;
        var valid = attentionMask?.to_type(ScalarType.Bool) ?? ones([b, t], ScalarType.Bool, Device);
        var offsets = attentionMask is null ? arange(t, ScalarType.Int64, Device).unsqueeze(0) : AttentionMasks.PositionsFromMask(valid);
        var positions = cache.NextPosition.unsqueeze(1) + offsets;
        using (no_grad())
        {
            cache.KeyValid.narrow(1, offset, t).copy_(valid);
            cache.NextPosition.add_(valid.sum([1L], type: ScalarType.Int64));
        }
        var (cos, sin) = _rotary.Angles(positions);
        var plan = new AttentionPlan
        {
            Rotary = _rotary, Cos = cos, Sin = sin, Cache = cache, CacheOffset = offset,
            FoldedMask = AttentionMasks.Folded(cache.KeyValid.narrow(1, 0, offset + t), offset, t, Config.NumHeads / Config.NumKvHeads),
        };
        cache.Length = offset + (int)t;
        var hidden = _model.Forward(inputIds, plan);
        if (lastTokenOnly) hidden = hidden.narrow(1, t - 1, 1);
        return LmHead(hidden).MoveToOuterDisposeScope();
    }

    private void CheckIds(Tensor ids)
    {
        if (ids.dim() != 2 || ids.dtype != ScalarType.Int64)
            throw new ArgumentException($"input ids must be [B, T] int64, got [{string.Join(", ", ids.shape)}] {ids.dtype}");
    }

    private static void Validate(ModelConfig c)
    {
        if (c.NumHeads % c.NumKvHeads != 0)
            throw new ArgumentException($"num_attention_heads {c.NumHeads} is not a multiple of num_key_value_heads {c.NumKvHeads}");
        if (c.HeadDim % 2 != 0) throw new ArgumentException($"head_dim {c.HeadDim} must be even for rotary embeddings");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _rotary.Dispose();
        base.Dispose(disposing);
    }
}
