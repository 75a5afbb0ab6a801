using System.Text.Json;
using AbsoluteZero.Evaluation.Tests;
using AbsoluteZero.Model;
using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Tokenization;
using static TorchSharp.torch;

namespace AbsoluteZero.Cli.Tests;

/// <summary>End to end: `azr eval` with a tiny random model on a few problems of every benchmark family.</summary>
[Collection("console")]
public class EvalCommandTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("azr-eval-cli-").FullName;

    [BenchmarkDataFact]
    public async Task TinyRandomModelRunsEveryFamilyAndStrategyAndResumes()
    {
        var outDir = TempDir();
        try
        {
            string[] args = ["eval", "--model", "preset:tiny", "--benchmark", "gsm8k,math500,humaneval-plus,mbpp-plus,cruxeval-o,cruxeval-i,multipl-e-humaneval-cs,mxeval-humaneval-cs,mbcsp",
                "--limit", "2", "--search", "greedy,sample,best-of-n,majority,revise", "--samples", "2", "--rounds", "1",
                "--max-new-tokens", "12", "--device", "cpu", "--out", outDir];
            var (code, stdout, stderr) = await AzrRun.RunAsync(args);
            Assert.True(code == 0, stderr);
            Assert.Contains("| multipl-e-humaneval-cs | revise | preset:tiny | 2 |", stdout);
            Assert.Contains("| gsm8k | majority |", stdout);
            Assert.Contains("majority skipped", stderr);
            var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))).RootElement;
            Assert.Equal(9 * 4 + 2, summary.GetArrayLength());
            foreach (var s in summary.EnumerateArray())
            {
                Assert.InRange(s.GetProperty("score").GetDouble(), 0, 1);
                Assert.Equal(2, s.GetProperty("problems").GetInt32());
                Assert.True(s.GetProperty("completion_tokens_per_problem").GetDouble() > 0);
            }
            var greedy = Path.Combine(outDir, "mbcsp.greedy.jsonl");
            var before = File.ReadAllText(greedy);
            Assert.Equal(2, before.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

            // Same command again: every problem is finished, nothing is regenerated or appended.
            (code, _, stderr) = await AzrRun.RunAsync(args);
            Assert.True(code == 0, stderr);
            Assert.Equal(before, File.ReadAllText(greedy));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [BenchmarkDataFact]
    public async Task EveryCheckpointOfARunIsEvaluatedAndCharted()
    {
        var runDir = TempDir();
        try
        {
            TorchRuntime.Initialize();
            var tokenizer = HfTokenizer.LoadEmbeddedTiny();
            foreach (var step in new[] { 10, 20 })
            {
                var dir = Path.Combine(runDir, "checkpoints", $"step-{step:D6}");
                using var model = CausalLM.CreateRandom(ModelConfig.Tiny(tokenizer.VocabSize), step, ScalarType.Float32, CPU);
                HfCheckpoint.Save(dir, model.Config, model.named_parameters().Select(p => (p.name, p.parameter as Tensor)));
                tokenizer.CopyFilesTo(dir);
            }
            var (code, stdout, stderr) = await AzrRun.RunAsync("eval", "--run", runDir, "--benchmark", "gsm8k", "--limit", "2", "--max-new-tokens", "8",
                "--device", "cpu", "--prompt", "base");
            Assert.True(code == 0, stderr);
            Assert.Contains("step-000020", stdout);
            var png = File.ReadAllBytes(Path.Combine(runDir, "eval", "gsm8k.png"));
            Assert.Equal((byte)'P', png[1]);
            var scores = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "eval", "scores.json"))).RootElement;
            Assert.Equal([10, 20], scores.EnumerateArray().Select(s => s.GetProperty("step").GetInt32()));
        }
        finally
        {
            Directory.Delete(runDir, recursive: true);
        }
    }

    [Fact]
    public async Task CheckAnswersPrintsOneLinePerPairAndBadUsageIsOneLine()
    {
        var dir = TempDir();
        try
        {
            var file = Path.Combine(dir, "pairs.jsonl");
            File.WriteAllText(file, "{\"id\":\"1\",\"prediction\":\"\\\\frac{1}{2}\",\"reference\":\"0.5\"}\n{\"id\":\"2\",\"prediction\":\"3\",\"reference\":\"4\"}\n");
            var (code, stdout, _) = await AzrRun.RunAsync("eval", "--check-answers", file);
            Assert.Equal(0, code);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("{\"id\":\"1\",\"equal\":true,\"normalized_prediction\":\"\\\\frac{1}{2}\",\"normalized_reference\":\"0.5\"}", lines[0]);
            Assert.Contains("\"equal\":false", lines[1]);

            var (bad, _, err) = await AzrRun.RunAsync("eval", "--model", "preset:tiny", "--benchmark", "nope");
            Assert.Equal(2, bad);
            Assert.Contains("unknown benchmark", err);
            (bad, _, err) = await AzrRun.RunAsync("eval", "--model", "preset:tiny", "--benchmark", "gsm8k", "--search", "beam");
            Assert.Equal(2, bad);
            Assert.Contains("--search", err);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
