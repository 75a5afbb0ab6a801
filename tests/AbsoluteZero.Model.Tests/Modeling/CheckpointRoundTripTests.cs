using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests.Modeling;

public sealed class CheckpointRoundTripTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"azr-ckpt-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(ModelArchitecture.Qwen2, true)]
    [InlineData(ModelArchitecture.Qwen2, false)]
    [InlineData(ModelArchitecture.Qwen3, true)]
    [InlineData(ModelArchitecture.Llama, false)]
    public void SaveThenLoadGivesIdenticalLogits(ModelArchitecture arch, bool tied)
    {
        using var model = TinyModels.Create(arch, tied, seed: 21);
        string path = Path.Combine(_dir, "model");
        model.Save(path);
        Assert.True(File.Exists(Path.Combine(path, "config.json")));
        Assert.True(File.Exists(Path.Combine(path, "model.safetensors")));
        using var loaded = CausalLM.Load(path, ScalarType.Float32, CPU);
        Assert.Equal(model.Config with { }, loaded.Config with { MaxPositionEmbeddings = model.Config.MaxPositionEmbeddings });
        Assert.Equal(model.named_parameters().Select(p => p.name), loaded.named_parameters().Select(p => p.name));
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(2, 7);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(model.Forward(ids), loaded.Forward(ids)));
    }

    [Fact]
    public void LlamaWithAttentionBiasHasAnOutputBiasAndRoundTrips()
    {
        Runtime.TorchRuntime.Initialize();
        var config = ModelConfig.Tiny(61, ModelArchitecture.Llama) with { AttentionBias = true };
        using var model = CausalLM.CreateRandom(config, 2, ScalarType.Float32, CPU);
        Assert.Contains("model.layers.0.self_attn.o_proj.bias", model.named_parameters().Select(p => p.name));
        string path = Path.Combine(_dir, "llama");
        model.Save(path);
        using var loaded = CausalLM.Load(path, ScalarType.Float32, CPU);
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(1, 6, vocab: 61);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(model.Forward(ids), loaded.Forward(ids)));
    }

    [Fact]
    public void LoadsAsBf16AndSavesExtraFiles()
    {
        using var model = TinyModels.Create(ModelArchitecture.Qwen3, tied: true, seed: 4);
        Directory.CreateDirectory(_dir);
        string extra = Path.Combine(_dir, "tokenizer_config.json");
        File.WriteAllText(extra, "{}");
        string path = Path.Combine(_dir, "model");
        model.Save(path, new HfSaveOptions { ExtraFiles = [extra] });
        Assert.True(File.Exists(Path.Combine(path, "tokenizer_config.json")));
        using var bf16 = CausalLM.Load(path, ScalarType.BFloat16, CPU);
        Assert.All(bf16.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(1, 5);
        Assert.True(TinyModels.MaxAbsDiff(model.Forward(ids), bf16.Forward(ids)) < 0.05);
    }

    [Fact]
    public void LoadingAMissingDirectoryIsAClearError()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => CausalLM.Load(Path.Combine(_dir, "nope"), ScalarType.Float32, CPU));
        Assert.Contains("nope", e.Message);
    }
}
