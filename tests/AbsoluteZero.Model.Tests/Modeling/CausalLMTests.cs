using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests.Modeling;

public class CausalLMTests
{
    [Theory]
    [InlineData(ModelArchitecture.Qwen2, true)]
    [InlineData(ModelArchitecture.Qwen3, false)]
    [InlineData(ModelArchitecture.Llama, true)]
    public void ForwardGivesFiniteLogitsOfTheRightShape(ModelArchitecture arch, bool tied)
    {
        using var model = TinyModels.Create(arch, tied);
        using var scope = NewDisposeScope();
        var logits = model.Forward(TinyModels.Ids(2, 7));
        Assert.Equal(new long[] { 2, 7, 97 }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
        var hidden = model.ForwardHidden(TinyModels.Ids(2, 7));
        Assert.Equal(new long[] { 2, 7, 64 }, hidden.shape);
        Assert.True(TinyModels.MaxAbsDiff(model.LmHead(hidden), logits) < 1e-6);
    }

    [Fact]
    public void SameSeedSameWeightsDifferentSeedDifferentWeights()
    {
        using var a = TinyModels.Create(seed: 5);
        using var b = TinyModels.Create(seed: 5);
        using var c = TinyModels.Create(seed: 6);
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(1, 5);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(a.Forward(ids), b.Forward(ids)));
        Assert.True(TinyModels.MaxAbsDiff(a.Forward(ids), c.Forward(ids)) > 1e-4);
    }

    [Fact]
    public void ParameterNamesAreHuggingFaceNames()
    {
        using var qwen3 = TinyModels.Create(ModelArchitecture.Qwen3, tied: false);
        var names = qwen3.named_parameters().Select(p => p.name).ToHashSet();
        foreach (var n in new[]
                 {
                     "model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight", "model.layers.1.self_attn.o_proj.weight",
                     "model.layers.0.self_attn.q_norm.weight", "model.layers.0.self_attn.k_norm.weight",
                     "model.layers.0.mlp.gate_proj.weight", "model.layers.0.mlp.up_proj.weight", "model.layers.0.mlp.down_proj.weight",
                     "model.layers.0.input_layernorm.weight", "model.layers.0.post_attention_layernorm.weight", "model.norm.weight", "lm_head.weight",
                 })
            Assert.Contains(n, names);
        Assert.DoesNotContain("model.layers.0.self_attn.q_proj.bias", names);

        using var qwen2 = TinyModels.Create(ModelArchitecture.Qwen2, tied: true);
        var names2 = qwen2.named_parameters().Select(p => p.name).ToHashSet();
        Assert.Contains("model.layers.0.self_attn.q_proj.bias", names2);
        Assert.Contains("model.layers.0.self_attn.v_proj.bias", names2);
        Assert.DoesNotContain("model.layers.0.self_attn.o_proj.bias", names2);
        Assert.DoesNotContain("lm_head.weight", names2);
        Assert.DoesNotContain(names2, n => n.Contains("q_norm"));
    }

    [Fact]
    public void RealShapesAreListedOnTheMetaDeviceWithoutAllocating()
    {
        TorchRuntime.Initialize();
        var shapes7B = CausalLM.ParameterShapes(ModelConfig.Qwen25_7B).ToDictionary(p => p.Name, p => p.Shape);
        Assert.Equal(28 * 12 + 3, shapes7B.Count);
        Assert.Equal(new long[] { 152_064, 3584 }, shapes7B["model.embed_tokens.weight"]);
        Assert.Equal(new long[] { 152_064, 3584 }, shapes7B["lm_head.weight"]);
        Assert.Equal(new long[] { 512, 3584 }, shapes7B["model.layers.27.self_attn.k_proj.weight"]);
        Assert.Equal(new long[] { 512 }, shapes7B["model.layers.27.self_attn.v_proj.bias"]);
        Assert.Equal(new long[] { 18_944, 3584 }, shapes7B["model.layers.0.mlp.gate_proj.weight"]);
        long total = shapes7B.Values.Sum(s => s.Aggregate(1L, (a, b) => a * b));
        Assert.InRange(total, 7_600_000_000L, 7_630_000_000L);

        var shapes05 = CausalLM.ParameterShapes(ModelConfig.Qwen25_0_5B).ToDictionary(p => p.Name, p => p.Shape);
        Assert.Equal(24 * 12 + 2, shapes05.Count);
        Assert.Equal(new long[] { 896, 896 }, shapes05["model.layers.0.self_attn.o_proj.weight"]);
        Assert.Equal(new long[] { 128, 896 }, shapes05["model.layers.0.self_attn.k_proj.weight"]);
        Assert.InRange(shapes05.Values.Sum(s => s.Aggregate(1L, (a, b) => a * b)), 494_000_000L, 494_100_000L);

        var shapes3 = CausalLM.ParameterShapes(ModelConfig.Qwen3_0_6B).ToDictionary(p => p.Name, p => p.Shape);
        Assert.Equal(28 * 11 + 2, shapes3.Count);
        Assert.Equal(new long[] { 2048, 1024 }, shapes3["model.layers.0.self_attn.q_proj.weight"]);
        Assert.Equal(new long[] { 128 }, shapes3["model.layers.0.self_attn.q_norm.weight"]);
        Assert.False(shapes3.ContainsKey("model.layers.0.self_attn.q_proj.bias"));
    }

    [Fact]
    public void ModuleShapesEqualTheCheckpointLayerExpectations()
    {
        TorchRuntime.Initialize();
        var configs = new[]
        {
            ModelConfig.Qwen25_0_5B, ModelConfig.Qwen25_7B, ModelConfig.Qwen3_0_6B,
            ModelConfig.Tiny(97, ModelArchitecture.Llama) with { AttentionBias = true, TieWordEmbeddings = false },
            ModelConfig.Tiny(97, ModelArchitecture.Qwen3) with { AttentionBias = true },
        };
        foreach (var config in configs)
        {
            var ours = CausalLM.ParameterShapes(config).Select(p => $"{p.Name} [{string.Join(",", p.Shape)}]").Order();
            var files = Checkpoints.HfCheckpoint.ExpectedParameterShapes(config).Select(p => $"{p.Name} [{string.Join(",", p.Shape)}]").Order();
            Assert.Equal(files, ours);
        }
    }

    [Fact]
    public void LeftPaddingWithMaskGivesTheSameLogitsAsNoPadding()
    {
        using var model = TinyModels.Create(ModelArchitecture.Qwen3);
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(1, 6);
        var plain = model.Forward(ids);
        var padded = cat([zeros([1, 3], ScalarType.Int64), ids], 1);
        var mask = cat([zeros([1, 3], ScalarType.Int64), ones([1, 6], ScalarType.Int64)], 1);
        var logits = model.Forward(padded, mask).narrow(1, 3, 6);
        Assert.True(TinyModels.MaxAbsDiff(plain, logits) < 1e-5);
        Assert.True(model.Forward(padded, mask).isfinite().all().item<bool>());
    }

    [Fact]
    public void RightPaddingUsesTheCausalPathAndKeepsRealTokensExact()
    {
        using var model = TinyModels.Create();
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(2, 6);
        var mask = tensor(new long[] { 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1 }, [2, 6]);
        Assert.True(AttentionMasks.IsRightPadded(mask));
        Assert.False(AttentionMasks.IsRightPadded(tensor(new long[] { 0, 1, 1, 1 }, [2, 2])));
        var padded = model.Forward(ids, mask);
        var first = model.Forward(ids.narrow(0, 0, 1).narrow(1, 0, 4));
        Assert.True(TinyModels.MaxAbsDiff(padded.narrow(0, 0, 1).narrow(1, 0, 4), first) < 1e-5);
    }

    [Fact]
    public void Bf16ModelRuns()
    {
        TorchRuntime.Initialize();
        using var model = CausalLM.CreateRandom(ModelConfig.Tiny(97), 1, ScalarType.BFloat16, CPU);
        using var scope = NewDisposeScope();
        var logits = model.Forward(TinyModels.Ids(2, 5));
        Assert.Equal(ScalarType.BFloat16, logits.dtype);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
    }
}
