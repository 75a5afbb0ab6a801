using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests.Optim;

public sealed class OptimizerStateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-opt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CausalLM Bf16Model()
    {
        TorchRuntime.Initialize();
        return CausalLM.CreateRandom(ModelConfig.Tiny(50), 3, ScalarType.BFloat16, CPU);
    }

    private static bool Same(Tensor a, Tensor b) => (a.to_type(ScalarType.Float32) - b.to_type(ScalarType.Float32)).abs().max().item<float>() == 0;

    private static void TrainStep(CausalLM model, MixedPrecisionAdamW opt)
    {
        using var scope = NewDisposeScope();
        var ids = randint(0, 50, [2, 6], ScalarType.Int64, generator: new Generator(8));
        var scores = TokenScorer.Score(model, ids, ones([2, 6]), new ScoringOptions());
        (-scores.LogProbs.mean()).backward();
        opt.ClipGradNorm(1.0);
        opt.Step();
        opt.ZeroGrad();
    }

    [Fact]
    public void SaveLoadRoundTripContinuesIdentically()
    {
        var options = new AdamWOptions { LearningRate = 1e-3 };
        using var a = Bf16Model();
        using var optA = new MixedPrecisionAdamW(a.named_parameters().Select(p => (p.name, p.parameter)), options);
        TrainStep(a, optA);
        string path = Path.Combine(_dir, "optimizer.safetensors");
        optA.SaveState(path);

        using var b = Bf16Model();
        using var optB = new MixedPrecisionAdamW(b.named_parameters().Select(p => (p.name, p.parameter)), options);
        optB.LoadState(path);
        Assert.Equal(1, optB.StepCount);
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
        {
            Assert.True(Same(pa, pb), name);
            Assert.True(Same(optA.MasterOf(name), optB.MasterOf(name)), name);
        }
        TrainStep(a, optA);
        TrainStep(b, optB);
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(Same(optA.MasterOf(name), optB.MasterOf(name)), name);
    }

    [Fact]
    public void StateOfOtherParametersIsRejected()
    {
        using var a = Bf16Model();
        using var optA = new MixedPrecisionAdamW(a.named_parameters().Select(p => (p.name, p.parameter)), new AdamWOptions());
        string path = Path.Combine(_dir, "optimizer.safetensors");
        optA.SaveState(path);
        using var optB = new MixedPrecisionAdamW(a.named_parameters().Take(3).Select(p => (p.name, p.parameter)), new AdamWOptions());
        var e = Assert.Throws<InvalidDataException>(() => optB.LoadState(path));
        Assert.Contains("unexpected", e.Message);
        Assert.Throws<FileNotFoundException>(() => optB.LoadState(Path.Combine(_dir, "missing.safetensors")));
    }
}
