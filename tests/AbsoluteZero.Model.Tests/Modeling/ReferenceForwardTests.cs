using AbsoluteZero.Model.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests.Modeling;

/// <summary>
/// The model against a from-scratch transcription of transformers' Qwen2/Qwen3/Llama forward (explicit softmax
/// attention, repeat_kv, rotate_half), built only from the parameters by name.
/// </summary>
public class ReferenceForwardTests
{
    [Theory]
    [InlineData(ModelArchitecture.Qwen2, true)]
    [InlineData(ModelArchitecture.Qwen3, false)]
    [InlineData(ModelArchitecture.Llama, true)]
    public void ForwardMatchesAPlainReferenceImplementation(ModelArchitecture arch, bool tied)
    {
        using var model = TinyModels.Create(arch, tied, seed: 12);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Random init (std 0.02) makes attention nearly uniform; larger weights make every mistake visible.
        foreach (var (name, w) in model.named_parameters())
            if (name.Contains("norm")) w.add_(randn(w.shape, generator: new Generator(5)) * 0.3);
            else w.mul_(10.0);
        var ids = TinyModels.Ids(2, 7);
        var logits = model.Forward(ids);
        Assert.True(logits.std().item<float>() > 1.0, "the scaled model should have spread-out logits");
        Assert.True(TinyModels.MaxAbsDiff(logits, Reference(model, ids)) < 1e-3);
    }

    private static Tensor Reference(CausalLM model, Tensor ids)
    {
        var c = model.Config;
        var p = model.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        Tensor W(string name) => p[name];
        Tensor? B(string name) => p.TryGetValue(name, out var t) ? t : null;
        Tensor Norm(Tensor x, Tensor w) => w * (x * rsqrt(x.pow(2).mean([-1L], keepdim: true) + c.RmsNormEps));
        long b = ids.shape[0], t = ids.shape[1], h = c.NumHeads, kv = c.NumKvHeads, d = c.HeadDim;

        var invFreq = tensor(Enumerable.Range(0, (int)d / 2).Select(i => (float)(1.0 / Math.Pow(c.RopeTheta, 2.0 * i / d))).ToArray());
        var freqs = arange(t, ScalarType.Float32).unsqueeze(1) * invFreq.unsqueeze(0);
        var emb = cat([freqs, freqs], -1);
        Tensor Rope(Tensor x) => x * emb.cos() + cat([-x.narrow(-1, d / 2, d / 2), x.narrow(-1, 0, d / 2)], -1) * emb.sin();
        var causal = ones(t, t).triu(1).to_type(ScalarType.Bool);

        var hidden = W("model.embed_tokens.weight")[ids];
        for (int l = 0; l < c.NumLayers; l++)
        {
            string a = $"model.layers.{l}.self_attn.", m = $"model.layers.{l}.mlp.";
            var x = Norm(hidden, W($"model.layers.{l}.input_layernorm.weight"));
            var q = nn.functional.linear(x, W(a + "q_proj.weight"), B(a + "q_proj.bias")).view(b, t, h, d);
            var k = nn.functional.linear(x, W(a + "k_proj.weight"), B(a + "k_proj.bias")).view(b, t, kv, d);
            var v = nn.functional.linear(x, W(a + "v_proj.weight"), B(a + "v_proj.bias")).view(b, t, kv, d).transpose(1, 2);
            if (c.QkNorm)
            {
                q = Norm(q, W(a + "q_norm.weight"));
                k = Norm(k, W(a + "k_norm.weight"));
            }
            q = Rope(q.transpose(1, 2));
            k = Rope(k.transpose(1, 2)).repeat_interleave(h / kv, 1);
            v = v.repeat_interleave(h / kv, 1);
            var scores = q.matmul(k.transpose(2, 3)) / Math.Sqrt(d);
            var attn = scores.masked_fill(causal, double.NegativeInfinity).softmax(-1).matmul(v);
            var o = nn.functional.linear(attn.transpose(1, 2).reshape(b, t, h * d), W(a + "o_proj.weight"), B(a + "o_proj.bias"));
            hidden = hidden + o;
            x = Norm(hidden, W($"model.layers.{l}.post_attention_layernorm.weight"));
            var gate = nn.functional.linear(x, W(m + "gate_proj.weight"));
            var up = nn.functional.linear(x, W(m + "up_proj.weight"));
            hidden = hidden + nn.functional.linear(gate * sigmoid(gate) * up, W(m + "down_proj.weight"));
        }
        hidden = Norm(hidden, W("model.norm.weight"));
        return nn.functional.linear(hidden, c.TieWordEmbeddings ? W("model.embed_tokens.weight") : W("lm_head.weight"));
    }
}
