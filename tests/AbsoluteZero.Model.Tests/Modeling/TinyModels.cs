using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests.Modeling;

/// <summary>Tiny random models for CPU tests (fp32, so comparisons can be tight).</summary>
internal static class TinyModels
{
    public static CausalLM Create(ModelArchitecture arch = ModelArchitecture.Qwen2, bool tied = true, long seed = 1, int vocab = 97)
    {
        TorchRuntime.Initialize();
        var config = ModelConfig.Tiny(vocab, arch) with { TieWordEmbeddings = tied };
        return CausalLM.CreateRandom(config, seed, ScalarType.Float32, CPU);
    }

    /// <summary>Random ids in [0, vocab).</summary>
    public static Tensor Ids(long batch, long time, int vocab = 97, long seed = 3) =>
        randint(0, vocab, [batch, time], ScalarType.Int64, generator: new Generator((ulong)seed));

    public static float MaxAbsDiff(Tensor a, Tensor b) => (a.to_type(ScalarType.Float32) - b.to_type(ScalarType.Float32)).abs().max().item<float>();
}
