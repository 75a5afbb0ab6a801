using System.Diagnostics;
using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests;

/// <summary>A real-size checkpoint (Qwen2.5-0.5B shape, bf16, ~1 GB on disk): slow, so excluded from the default run.</summary>
public class CheckpointSoakTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Soak")]
    public void HalfBillionParameterCheckpointRoundTrips()
    {
        TorchRuntime.Initialize();
        var config = ModelConfig.Qwen25_0_5B;
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var weights = HfParameterShapes.For(config)
            .Select((p, i) => (p.Name, T: full(p.Shape, (float)(i % 97) / 7f, dtype: ScalarType.BFloat16)))
            .ToList();
        long bytes = weights.Sum(w => w.T.numel() * 2);

        var clock = Stopwatch.StartNew();
        HfCheckpoint.Save(dir.Path, config, weights, new HfSaveOptions { MaxShardBytes = 400_000_000 });
        double save = clock.Elapsed.TotalSeconds;

        clock.Restart();
        using var files = HfCheckpoint.Open(dir.Path);
        double open = clock.Elapsed.TotalSeconds;
        clock.Restart();
        foreach (var (name, t) in weights)
        {
            using var back = files.Weights.Load(name);
            Assert.True(back.shape.SequenceEqual(t.shape), name);
        }
        double load = clock.Elapsed.TotalSeconds;
        using (var last = files.Weights.Load(weights[^1].Name))
            Assert.True(SafetensorsTests.Same(last, weights[^1].T));

        output.WriteLine($"{bytes / 1e6:F0} MB bf16 in {Directory.GetFiles(dir.Path, "*.safetensors").Length} shards: " +
            $"save {save:F2} s ({bytes / 1e6 / save:F0} MB/s), open+check {open * 1000:F0} ms, load all {load:F2} s ({bytes / 1e6 / load:F0} MB/s)");
    }
}
