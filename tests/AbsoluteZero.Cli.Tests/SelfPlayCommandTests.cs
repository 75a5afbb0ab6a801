using System.Text.Json.Nodes;
using AbsoluteZero.Cli;

namespace AbsoluteZero.Cli.Tests;

/// <summary>`azr selfplay` end to end on the tiny random model (CPU), and its usage errors.</summary>
[Collection("console")]
public sealed class SelfPlayCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-selfplay-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TheTinyPresetRunsAndResumes()
    {
        string run = Path.Combine(_dir, "tiny");
        var (code, output, error) = await AzrRun.RunAsync("selfplay", "--preset", "tiny", "--steps", "1", "--out", run, "--set", "rollout.max_response_tokens=16");
        Assert.True(code == 0, error);
        Assert.Contains("finished: step 1 of 1", output);
        foreach (var f in new[] { "config.json", "run.json", "log.txt", "metrics.jsonl", "proposals.jsonl", "rollouts.jsonl", "flags.jsonl",
                     "buffers/deduction.jsonl", "checkpoints/latest", "checkpoints/step-000001/model.safetensors", "checkpoints/step-000001/optimizer.safetensors" })
            Assert.True(File.Exists(Path.Combine(run, f)), f);
        Assert.Contains("step 1/1", File.ReadAllText(Path.Combine(run, "log.txt")));

        (code, output, error) = await AzrRun.RunAsync("selfplay", "--out", run, "--resume", "--steps", "2");
        Assert.True(code == 0, error);
        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!;
        Assert.Equal("finished", (string)info["status"]!);
        Assert.Equal(2, (int)info["last_step"]!);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Count(l => l.Length > 0));
        Assert.Equal(2, (int)JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!["steps"]!);

        // The audit reads this real tiny-preset run: its counts are those of the files the trainer wrote.
        string html = Path.Combine(_dir, "report.html"), json = Path.Combine(_dir, "summary.json");
        (code, output, error) = await AzrRun.RunAsync("audit", run, "--html", html, "--json", json, "--rescan");
        Assert.True(code == 0, error);
        var proposals = File.ReadAllLines(Path.Combine(run, "proposals.jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        var summary = JsonNode.Parse(File.ReadAllText(json))!;
        var types = summary["task_types"]!.AsArray();
        Assert.Equal(proposals.Count, types.Sum(t => (int)t!["proposals"]!));
        Assert.Equal(proposals.Count(p => (string)p["verdict"]! == "ok"), types.Sum(t => (int)t!["valid"]!));
        Assert.Contains("<svg", File.ReadAllText(html));
    }

    [Theory]
    [InlineData("no model", "give --model", "selfplay", "--out", "{dir}/a")]
    [InlineData("preset without model", "needs a model", "selfplay", "--preset", "small-gpu", "--out", "{dir}/a")]
    [InlineData("missing model dir", "is not a directory", "selfplay", "--model", "{dir}/nothing", "--out", "{dir}/a")]
    [InlineData("resume with preset", "with --resume", "selfplay", "--preset", "tiny", "--resume", "--out", "{dir}/a")]
    [InlineData("resume without run", "holds no run", "selfplay", "--resume", "--out", "{dir}/a")]
    [InlineData("bad setting", "tasks.batch_sise", "selfplay", "--preset", "tiny", "--set", "tasks.batch_sise=3", "--out", "{dir}/a")]
    public async Task UsageErrorsAreOneLine(string what, string expected, params string[] args)
    {
        var (code, _, error) = await AzrRun.RunAsync([.. args.Select(a => a.Replace("{dir}", _dir))]);
        Assert.True(code == 2, what);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
    }
}
