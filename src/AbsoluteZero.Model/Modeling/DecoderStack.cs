using AbsoluteZero.Model.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Model;

/// <summary>The Hugging Face <c>model.*</c> sub-tree: <c>embed_tokens</c>, <c>layers.N</c>, <c>norm</c>.</summary>
internal sealed class DecoderStack : nn.Module
{
    public readonly HfEmbedding Embed;
    public readonly nn.Module Layers;
    public readonly RmsNorm Norm;
    private readonly DecoderLayer[] _layers;

    public DecoderStack(ParameterFactory f, ModelConfig c) : base(nameof(DecoderStack))
    {
        Embed = new HfEmbedding(f, c.VocabSize, c.HiddenSize);
        _layers = Enumerable.Range(0, c.NumLayers).Select(i => new DecoderLayer(f, c, i)).ToArray();
        Layers = nn.ModuleList(_layers);
        Norm = new RmsNorm(f, c.HiddenSize, c.RmsNormEps);
        register_module("embed_tokens", Embed);
        register_module("layers", Layers);
        register_module("norm", Norm);
    }

    /// <summary>ids [B, T] → final-normed hidden [B, T, hidden].</summary>
    public Tensor Forward(Tensor ids, AttentionPlan plan)
    {
        using var scope = NewDisposeScope();
        var h = Embed.Forward(ids);
        foreach (var layer in _layers) h = layer.Forward(h, plan);
        return Norm.Forward(h).MoveToOuterDisposeScope();
    }
}
