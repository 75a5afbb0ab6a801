using System.Text.Json.Nodes;
using AbsoluteZero.Tasks.Tests;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Policy;
using AbsoluteZero.Training.Runs;
using AbsoluteZero.Training.SelfPlay;
using Serilog;

namespace AbsoluteZero.Training.Tests;

/// <summary>The self-play loop with the real policy (tiny random model, CPU) and the in-test executor.</summary>
public sealed class SelfPlayTorchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-selfplay-torch-").FullName;
    private static readonly ILogger Log = new LoggerConfiguration().CreateLogger();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The tiny preset, shrunk so that two steps take seconds: 24-token responses.
    private static SelfPlayConfig Config(int steps) =>
        SelfPlayConfigLoader.Load("tiny", null, [$"steps={steps}", "rollout.max_response_tokens=24"]);

    private static async Task<(SelfPlayOutcome Outcome, List<float[]> Weights)> Run(string dir, SelfPlayConfig config, bool resume = false)
    {
        using var policy = TorchPolicy.Create(config);
        var run = resume ? RunDirectory.Open(dir) : RunDirectory.Create(dir, config, "preset:tiny", "test");
        var outcome = await new SelfPlayTrainer(config, policy, FakeExecutor.Standard(), run, Log).RunAsync(resume, CancellationToken.None);
        return (outcome, [.. policy.Model.parameters().Select(p => p.detach().cpu().data<float>().ToArray())]);
    }

    private static List<string> Lines(string path, params string[] volatileKeys) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l =>
        {
            var o = JsonNode.Parse(l)!.AsObject();
            foreach (var k in volatileKeys) o.Remove(k);
            return o.ToJsonString();
        })];

    [Fact]
    public async Task TwoTinySteps()
    {
        var (outcome, _) = await Run(_dir, Config(2));
        Assert.Equal(RunStatus.Finished, outcome.Status);
        var metrics = Lines(Path.Combine(_dir, "metrics.jsonl"));
        Assert.Equal(2, metrics.Count);
        var ckpt = Path.Combine(_dir, "checkpoints", "step-000002");
        foreach (var f in new[] { "config.json", "model.safetensors", "generation_config.json", "tokenizer.json", TorchPolicy.OptimizerFile, "trainer_state.json" })
            Assert.True(File.Exists(Path.Combine(ckpt, f)), f);
        var m = JsonNode.Parse(metrics[1])!;
        Assert.True((double)m["grad_norm"]! > 0);
        Assert.True((double)m["groups"]!["deduction.solve"]!["entropy_mean"]! > 0);
    }

    [Fact]
    public async Task TwoStepsEqualOneStepResumedForOneMore()
    {
        var (_, straight) = await Run(Path.Combine(_dir, "a"), Config(2));
        await Run(Path.Combine(_dir, "b"), Config(1));
        var (resumed, weights) = await Run(Path.Combine(_dir, "b"), Config(2), resume: true);

        Assert.Equal(2, resumed.LastStep);
        string[] timing = ["time_utc", "seconds", "tokens_per_second", "memory"];
        Assert.Equal(Lines(Path.Combine(_dir, "a", "metrics.jsonl"), timing), Lines(Path.Combine(_dir, "b", "metrics.jsonl"), timing));
        Assert.Equal(Lines(Path.Combine(_dir, "a", "proposals.jsonl")), Lines(Path.Combine(_dir, "b", "proposals.jsonl")));
        Assert.Equal(straight.Count, weights.Count);
        for (int i = 0; i < weights.Count; i++) Assert.Equal(straight[i], weights[i]);
    }
}
