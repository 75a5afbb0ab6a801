using System.Text.Json.Nodes;
using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Model.Safetensors;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests;

public class HfCheckpointTests
{
    public HfCheckpointTests() => TorchRuntime.Initialize();

    [Fact]
    public void NamesFollowTheArchitecture()
    {
        var qwen2 = HfCheckpoint.ExpectedParameterShapes(ModelConfig.Qwen25_0_5B).ToDictionary(p => p.Name, p => p.Shape);
        Assert.Equal(new long[] { 151_936, 896 }, qwen2["model.embed_tokens.weight"]);
        Assert.Equal(new long[] { 128 }, qwen2["model.layers.23.self_attn.k_proj.bias"]);
        Assert.Equal(new long[] { 896, 4864 }, qwen2["model.layers.0.mlp.down_proj.weight"]);
        Assert.False(qwen2.ContainsKey("model.layers.0.self_attn.o_proj.bias"));
        Assert.False(qwen2.ContainsKey("lm_head.weight"));

        var qwen3 = HfCheckpoint.ExpectedParameterShapes(ModelConfig.Qwen3_0_6B).ToDictionary(p => p.Name, p => p.Shape);
        Assert.Equal(new long[] { 128 }, qwen3["model.layers.0.self_attn.q_norm.weight"]);
        Assert.Equal(new long[] { 2048, 1024 }, qwen3["model.layers.0.self_attn.q_proj.weight"]);
        Assert.Equal(new long[] { 1024, 2048 }, qwen3["model.layers.0.self_attn.o_proj.weight"]);
        Assert.False(qwen3.ContainsKey("model.layers.0.self_attn.q_proj.bias"));

        var untied = HfCheckpoint.ExpectedParameterShapes(ModelConfig.Qwen25_7B);
        Assert.Equal("lm_head.weight", untied[^1].Name);
        Assert.Equal(new long[] { 152_064, 3584 }, untied[^1].Shape);
        var llamaBias = HfCheckpoint.ExpectedParameterShapes(ModelConfig.Tiny(10, ModelArchitecture.Llama) with { AttentionBias = true });
        Assert.Contains(llamaBias, p => p.Name == "model.layers.1.self_attn.o_proj.bias");
    }

    internal static List<(string Name, Tensor T)> RandomWeights(ModelConfig config, ScalarType type = ScalarType.Float32, int seed = 1)
    {
        var g = new TorchSharp.torch.Generator((ulong)seed);
        return HfParameterShapes.For(config).Select(p => (p.Name, randn(p.Shape, generator: g).to_type(type))).ToList();
    }

    [Theory]
    [InlineData("tiny-qwen2")]
    [InlineData("tiny-qwen3")]
    [InlineData("tiny-llama")]
    public void SaveThenOpenRoundTripsConfigAndWeights(string shape)
    {
        var config = HfConfigTests.Shape(shape);
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var weights = RandomWeights(config);
        string tokenizer = dir.File("tokenizer.json");
        File.WriteAllText(tokenizer, "{}");
        string model = Path.Combine(dir.Path, "model");
        HfCheckpoint.Save(model, config, weights, new HfSaveOptions
        {
            ExtraFiles = [tokenizer],
            WriteExtra = d => File.WriteAllText(Path.Combine(d, "tokenizer_config.json"), "{}"),
            EosTokenIds = [7, 8],
        });

        Assert.Equal(new[] { "config.json", "generation_config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json" },
            Directory.GetFiles(model).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var generation = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "generation_config.json")))!;
        Assert.Equal("[7,8]", generation["eos_token_id"]!.ToJsonString());
        Assert.Equal("pt", SafetensorsFile.Open(Path.Combine(model, "model.safetensors")).Metadata["format"]);

        using var files = HfCheckpoint.Open(model);
        Assert.Equal(config, files.Config);
        foreach (var (name, t) in weights)
        {
            using var back = files.Weights.Load(name);
            Assert.True(SafetensorsTests.Same(t, back), name);
        }
    }

    [Fact]
    public void SavesShardedAndConvertsDtypeAndDropsATiedHead()
    {
        var config = ModelConfig.Tiny(300, ModelArchitecture.Qwen3);
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var weights = RandomWeights(config);
        weights.Add(("lm_head.weight", weights[0].T));
        HfCheckpoint.Save(dir.Path, config, weights, new HfSaveOptions { MaxShardBytes = 60_000, Dtype = ScalarType.BFloat16 });

        Assert.True(File.Exists(dir.File(ShardedSafetensors.IndexFileName)));
        Assert.Contains("\"torch_dtype\": \"bfloat16\"", File.ReadAllText(dir.File("config.json")));
        using var files = HfCheckpoint.Open(dir.Path);
        Assert.True(((ShardedSafetensors)files.Weights).ShardPaths.Count > 1);
        Assert.False(files.Weights.Contains("lm_head.weight"));
        using var embed = files.Weights.Load("model.embed_tokens.weight");
        Assert.Equal(ScalarType.BFloat16, embed.dtype);
        Assert.True(SafetensorsTests.Same(weights[0].T.to_type(ScalarType.BFloat16), embed));
    }

    [Fact]
    public void LoadReportsMissingUnexpectedAndMisshapenWeights()
    {
        var config = ModelConfig.Tiny(300);
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var weights = RandomWeights(config).Where(p => p.Name != "model.norm.weight").ToList();
        int i = weights.FindIndex(p => p.Name == "model.layers.1.mlp.up_proj.weight");
        weights[i] = (weights[i].Name, zeros(3, 3));
        weights.Add(("model.layers.9.extra.weight", ones(2)));
        HfConfigWriter.Write(config, dir.File("config.json"), "float32");
        SafetensorsFile.Write(dir.File("model.safetensors"), weights);

        var e = Assert.Throws<InvalidDataException>(() => HfCheckpoint.Open(dir.Path));
        Assert.Contains(dir.Path, e.Message);
        Assert.Contains("missing 1: model.norm.weight", e.Message);
        Assert.Contains("wrong shape 1: model.layers.1.mlp.up_proj.weight [3, 3] (expected [176, 64])", e.Message);
        Assert.Contains("unexpected 1: model.layers.9.extra.weight", e.Message);

        File.Delete(dir.File("model.safetensors"));
        var none = Assert.Throws<FileNotFoundException>(() => HfCheckpoint.Open(dir.Path));
        Assert.Contains("model.safetensors", none.Message);
    }

    [Fact]
    public void SaveRefusesWeightsThatDoNotMatchTheConfig()
    {
        var config = ModelConfig.Tiny(300);
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var weights = RandomWeights(config).Skip(1).ToList();
        var e = Assert.Throws<ArgumentException>(() => HfCheckpoint.Save(dir.File("m"), config, weights));
        Assert.Contains("model.embed_tokens.weight", e.Message);
        Assert.False(Directory.Exists(dir.File("m")));
    }

    [Fact]
    public void AnExistingDirectoryIsReplacedOnlyWhenTheNewOneIsComplete()
    {
        var config = ModelConfig.Tiny(300);
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        string model = dir.File("model");
        HfCheckpoint.Save(model, config, RandomWeights(config, seed: 1));
        byte[] first = File.ReadAllBytes(Path.Combine(model, "model.safetensors"));

        Assert.Throws<IOException>(() => HfCheckpoint.Save(model, config, RandomWeights(config, seed: 2),
            new HfSaveOptions { WriteExtra = _ => throw new IOException("disk full") }));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(model, "model.safetensors")));
        Assert.Single(Directory.GetDirectories(dir.Path));

        HfCheckpoint.Save(model, config, RandomWeights(config, seed: 2));
        Assert.NotEqual(first, File.ReadAllBytes(Path.Combine(model, "model.safetensors")));
        Assert.Single(Directory.GetDirectories(dir.Path));
    }
}
