namespace AbsoluteZero.Cli.Tests;

[Collection("console")]
public class PolicyCommandTests
{
    [Fact]
    public async Task BenchGeneratePrintsRatesAndARatio()
    {
        var (code, output, err) = await AzrRun.RunAsync("bench", "generate", "--shape", "tiny", "--device", "cpu", "--batch", "2", "--prompt-len", "4", "--new-tokens", "4", "--baseline-tokens", "2");
        Assert.True(code == 0, err);
        Assert.Contains("ms/step", output);
        Assert.Contains("x baseline", output);
    }

    [Fact]
    public async Task BenchTrainStepPrintsRatesAndARatio()
    {
        var (code, output, err) = await AzrRun.RunAsync("bench", "train-step", "--shape", "tiny", "--device", "cpu", "--batch", "1", "--seq-len", "8", "--steps", "1");
        Assert.True(code == 0, err);
        Assert.Contains("tokens/s", output);
        Assert.Contains("x baseline", output);
        (code, output, err) = await AzrRun.RunAsync("bench", "train-step", "--shape", "tiny", "--device", "cpu", "--batch", "1", "--seq", "8", "--steps", "1", "--json");
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("tokens_per_s").GetDouble() > 0);
        Assert.True(doc.RootElement.GetProperty("ratio_vs_fp32_unfused").GetDouble() > 0);
    }

    [Fact]
    public async Task BadBenchOptionsAreUsageErrors()
    {
        var (code, _, err) = await AzrRun.RunAsync("bench", "generate", "--shape", "huge", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("unknown model shape 'huge'", err);
        (code, _, err) = await AzrRun.RunAsync("bench", "train-step", "--dtype", "fp8", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("--dtype", err);
    }

    [Fact]
    public async Task GenerateStreamsOneSampleAndPrintsSeveral()
    {
        var (code, output, err) = await AzrRun.RunAsync("generate", "--model", "preset:tiny", "--prompt", "int f(int x) =>", "--max-new-tokens", "6", "--device", "cpu", "--seed", "3");
        Assert.True(code == 0, err);
        Assert.StartsWith("int f(int x) =>", output);
        Assert.Contains("generated tokens", err);
        var again = await AzrRun.RunAsync("generate", "--model", "preset:tiny", "--prompt", "int f(int x) =>", "--max-new-tokens", "6", "--device", "cpu", "--seed", "3");
        Assert.Equal(output, again.Out);

        (code, output, err) = await AzrRun.RunAsync("generate", "--model", "preset:tiny", "--prompt", "x", "-n", "2", "--max-new-tokens", "4", "--temperature", "0", "--device", "cpu");
        Assert.True(code == 0, err);
        Assert.Contains("--- sample 0", output);
        Assert.Contains("--- sample 1", output);
    }

    [Fact]
    public async Task GenerateFromASavedDirectoryAndBadOptions()
    {
        AbsoluteZero.Model.Runtime.TorchRuntime.Initialize();
        var dir = Directory.CreateTempSubdirectory("azr-gen-").FullName;
        try
        {
            var tokenizer = AbsoluteZero.Tokenization.HfTokenizer.LoadEmbeddedTiny();
            using var model = AbsoluteZero.Model.CausalLM.CreateRandom(AbsoluteZero.Model.Config.ModelConfig.Tiny(tokenizer.VocabSize), 1,
                TorchSharp.torch.ScalarType.Float32, TorchSharp.torch.CPU);
            string path = Path.Combine(dir, "m");
            model.Save(path, new AbsoluteZero.Model.Checkpoints.HfSaveOptions { WriteExtra = tokenizer.CopyFilesTo });
            var (code, output, err) = await AzrRun.RunAsync("generate", "--model", path, "--prompt", "hello", "--max-new-tokens", "3", "--device", "cpu");
            Assert.True(code == 0, err);
            Assert.StartsWith("hello", output);

            string ids = Path.Combine(dir, "ids.json"), logits = Path.Combine(dir, "out.safetensors");
            File.WriteAllText(ids, "{\"input_ids\": [[1, 2, 3], [4, 5, 6]]}");
            (code, _, err) = await AzrRun.RunAsync("logits", "--model", path, "--ids", ids, "--out", logits, "--greedy", "4", "--device", "cpu", "--dtype", "float32");
            Assert.True(code == 0, err);
            using var file = AbsoluteZero.Model.Safetensors.SafetensorsFile.Open(logits);
            Assert.Equal(new long[] { 2, 3, tokenizer.VocabSize }, file.Shape("logits"));
            Assert.Equal(new long[] { 2, 4 }, file.Shape("greedy_ids"));
            using var scope = TorchSharp.torch.NewDisposeScope();
            var expected = model.Forward(TorchSharp.torch.tensor(new long[] { 1, 2, 3, 4, 5, 6 }, [2, 3]));
            Assert.True((file.Load("logits") - expected).abs().max().item<float>() < 1e-5);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        var bad = await AzrRun.RunAsync("generate", "--model", "preset:tiny", "--prompt", "x", "--top-p", "0", "--device", "cpu");
        Assert.Equal(2, bad.Code);
        Assert.Contains("--top-p", bad.Err);
        bad = await AzrRun.RunAsync("generate", "--model", "/nonexistent/model", "--prompt", "x", "--device", "cpu");
        Assert.Equal(2, bad.Code);
    }
}
