using System.Text.Json;
using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Model.Safetensors;
using static TorchSharp.torch;

namespace AbsoluteZero.Cli.Tests;

[Collection("console")]
public class CheckpointCommandTests
{
    [Fact]
    public async Task ResaveConvertsAndInspectReportsTheResult()
    {
        TorchRuntime.Initialize();
        var root = Directory.CreateTempSubdirectory("azr-ckpt-").FullName;
        try
        {
            var config = ModelConfig.Tiny(300, ModelArchitecture.Qwen3);
            var g = new TorchSharp.torch.Generator(3);
            using (var scope = NewDisposeScope())
            {
                var weights = HfParameterShapes.For(config).Select(p => (p.Name, randn(p.Shape, generator: g))).ToList();
                File.WriteAllText(Path.Combine(root, "tokenizer.json"), "{}");
                HfCheckpoint.Save(Path.Combine(root, "src"), config, weights,
                    new HfSaveOptions { ExtraFiles = [Path.Combine(root, "tokenizer.json")] });
            }

            string dst = Path.Combine(root, "dst");
            var resave = await AzrRun.RunAsync("checkpoint", "resave", "--model", Path.Combine(root, "src"), "--out", dst, "--dtype", "bf16", "--max-shard-bytes", "50000");
            Assert.Equal(0, resave.Code);
            Assert.True(File.Exists(Path.Combine(dst, ShardedSafetensors.IndexFileName)));
            Assert.True(File.Exists(Path.Combine(dst, "tokenizer.json")));

            var inspect = await AzrRun.RunAsync("checkpoint", "inspect", "--model", dst);
            Assert.Equal(0, inspect.Code);
            using var doc = JsonDocument.Parse(inspect.Out);
            Assert.Equal("Qwen3ForCausalLM", doc.RootElement.GetProperty("architecture").GetString());
            Assert.Equal(HfParameterShapes.Count(config), doc.RootElement.GetProperty("parameters").GetInt64());
            Assert.Equal(HfParameterShapes.For(config).Count, doc.RootElement.GetProperty("dtypes").GetProperty("BF16").GetInt32());

            File.Delete(Path.Combine(dst, "config.json"));
            var broken = await AzrRun.RunAsync("checkpoint", "inspect", "--model", dst);
            Assert.Equal(2, broken.Code);
            Assert.Contains("config.json", broken.Err);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
