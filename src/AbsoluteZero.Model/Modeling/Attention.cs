using AbsoluteZero.Model.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Model;

/// <summary>
/// What every layer of one forward pass shares: rotary angles, the attention mask, and where the new keys go in the
/// KV cache. Built once per forward so masks are not rebuilt per layer.
/// </summary>
internal sealed class AttentionPlan
{
    /// <summary>The model's rotary embedding.</summary>
    public required Rotary Rotary { get; init; }
    /// <summary>Rotary cos/sin, [B, 1, T, D].</summary>
    public required Tensor Cos { get; init; }
    /// <summary>Rotary cos/sin, [B, 1, T, D].</summary>
    public required Tensor Sin { get; init; }
    /// <summary>
    /// Null: plain causal attention over the T new tokens (no cache, no padding), the fast flash path. Otherwise a bool
    /// mask [B, 1, rep·T, Tk] (true = attend) already folded for grouped-query attention: queries are viewed as
    /// [B, Hkv, rep·T, D] so keys and values never need expanding to all query heads.
    /// </summary>
    public Tensor? FoldedMask { get; init; }
    /// <summary>The cache that receives the new keys/values, or null.</summary>
    public KvCache? Cache { get; init; }
    /// <summary>The first cache slot written by this pass.</summary>
    public int CacheOffset { get; init; }
}

/// <summary>Multi-head attention with grouped KV heads, optional q/k/v bias and optional per-head q/k RMSNorm (Qwen3).</summary>
internal sealed class SelfAttention : nn.Module
{
    private readonly HfLinear _q, _k, _v, _o;
    private readonly RmsNorm? _qNorm, _kNorm;
    private readonly long _heads, _kvHeads, _headDim;
    private readonly int _layer;

    public SelfAttention(ParameterFactory f, ModelConfig c, int layer) : base(nameof(SelfAttention))
    {
        _heads = c.NumHeads;
        _kvHeads = c.NumKvHeads;
        _headDim = c.HeadDim;
        _layer = layer;
        _q = new HfLinear(f, c.HiddenSize, _heads * _headDim, c.AttentionBias);
        _k = new HfLinear(f, c.HiddenSize, _kvHeads * _headDim, c.AttentionBias);
        _v = new HfLinear(f, c.HiddenSize, _kvHeads * _headDim, c.AttentionBias);
        // transformers gives o_proj a bias with attention_bias in Llama and Qwen3, never in Qwen2.
        _o = new HfLinear(f, _heads * _headDim, c.HiddenSize, bias: c.AttentionBias && c.Architecture != ModelArchitecture.Qwen2);
        register_module("q_proj", _q);
        register_module("k_proj", _k);
        register_module("v_proj", _v);
        register_module("o_proj", _o);
        if (c.QkNorm)
        {
            _qNorm = new RmsNorm(f, _headDim, c.RmsNormEps);
            _kNorm = new RmsNorm(f, _headDim, c.RmsNormEps);
            register_module("q_norm", _qNorm);
            register_module("k_norm", _kNorm);
        }
    }

    /// <summary>x [B, T, hidden] → [B, T, hidden].</summary>
    public Tensor Forward(Tensor x, AttentionPlan plan)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1], rep = _heads / _kvHeads;
        var q = _q.Forward(x).view(b, t, _heads, _headDim);
        var k = _k.Forward(x).view(b, t, _kvHeads, _headDim);
        var v = _v.Forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);
        if (_qNorm is not null) q = _qNorm.Forward(q);
        if (_kNorm is not null) k = _kNorm.Forward(k);
        q = plan.Rotary.Apply(q.transpose(1, 2), plan.Cos, plan.Sin);
        k = plan.Rotary.Apply(k.transpose(1, 2), plan.Cos, plan.Sin);

        if (plan.Cache is { } cache)
        {
            cache.Keys[_layer].narrow(2, plan.CacheOffset, t).copy_(k);
            cache.Values[_layer].narrow(2, plan.CacheOffset, t).copy_(v);
            k = cache.Keys[_layer].narrow(2, 0, plan.CacheOffset + t);
            v = cache.Values[_layer].narrow(2, 0, plan.CacheOffset + t);
        }

        Tensor o;
        if (plan.FoldedMask is null)
        {
            // TorchSharp's SDPA has no enable_gqa: expand KV heads for the causal (flash) path.
            k = ExpandKv(k, rep);
            v = ExpandKv(v, rep);
            o = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        }
        else
        {
            var folded = q.reshape(b, _kvHeads, rep * t, _headDim);
            o = nn.functional.scaled_dot_product_attention(folded, k, v, plan.FoldedMask).view(b, _heads, t, _headDim);
        }
        o = o.transpose(1, 2).reshape(b, t, _heads * _headDim);
        return _o.Forward(o).MoveToOuterDisposeScope();
    }

    private static Tensor ExpandKv(Tensor kv, long rep)
    {
        if (rep == 1) return kv;
        long b = kv.shape[0], h = kv.shape[1], s = kv.shape[2], d = kv.shape[3];
        return kv.unsqueeze(2).expand(b, h, rep, s, d).reshape(b, h * rep, s, d);
    }
}

/// <summary>A pre-norm decoder block: <c>x + attn(norm(x))</c>, then <c>h + mlp(norm(h))</c>.</summary>
internal sealed class DecoderLayer : nn.Module
{
    private readonly SelfAttention _attn;
    private readonly SwiGluMlp _mlp;
    private readonly RmsNorm _inputNorm, _postNorm;

    public DecoderLayer(ParameterFactory f, ModelConfig c, int layer) : base(nameof(DecoderLayer))
    {
        _attn = new SelfAttention(f, c, layer);
        _mlp = new SwiGluMlp(f, c.HiddenSize, c.IntermediateSize);
        _inputNorm = new RmsNorm(f, c.HiddenSize, c.RmsNormEps);
        _postNorm = new RmsNorm(f, c.HiddenSize, c.RmsNormEps);
        register_module("self_attn", _attn);
        register_module("mlp", _mlp);
        register_module("input_layernorm", _inputNorm);
        register_module("post_attention_layernorm", _postNorm);
    }

    /// <summary>x [B, T, hidden] → [B, T, hidden].</summary>
    public Tensor Forward(Tensor x, AttentionPlan plan)
    {
        using var scope = NewDisposeScope();
        var h = x + _attn.Forward(_inputNorm.Forward(x), plan);
        return (h + _mlp.Forward(_postNorm.Forward(h))).MoveToOuterDisposeScope();
    }
}
