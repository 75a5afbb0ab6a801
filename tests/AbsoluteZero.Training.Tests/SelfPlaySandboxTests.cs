using System.Text.Json.Nodes;
using AbsoluteZero.Execution;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Runs;
using AbsoluteZero.Training.SelfPlay;
using Serilog;

namespace AbsoluteZero.Training.Tests;

/// <summary>
/// One self-play step through the real sandboxed executor (local backend): the scripted policy writes real C#
/// programs (valid, non-compiling and throwing ones), so validation, acceptance, learnability and grading all run
/// in runner processes.
/// </summary>
public sealed class SelfPlaySandboxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-selfplay-sandbox-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AStepValidatesAndGradesInTheSandbox()
    {
        var config = SelfPlayConfigLoader.Load("tiny", null, ["steps=1", "buffers.seeding_max_rounds=3", "executor.timeout_ms=10000"]);
        var run = RunDirectory.Create(_dir, config, "fake", "test");
        await using var executor = ProgramExecutor.Create(config.Executor, new LoggerConfiguration().CreateLogger());
        var outcome = await new SelfPlayTrainer(config, new FakePolicy(), executor, run, new LoggerConfiguration().CreateLogger())
            .RunAsync(false, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, outcome.Status);
        var proposals = File.ReadAllLines(run.ProposalsPath).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        var verdicts = proposals.Select(p => (string)p["verdict"]!).ToHashSet();
        Assert.Contains("ok", verdicts);
        Assert.Contains("compile_error", verdicts);                            // "static int f(int x) => y;"
        Assert.Contains(proposals, p => (string)p["verdict"]! == "ok" && (bool)p["accepted"]! && ((JsonArray)p["outputs"]!).Count > 0);
        Assert.Contains(proposals, p => (int)p["step"]! == 1 && p["solve_rate"] is not null);
        var metrics = JsonNode.Parse(File.ReadAllLines(run.MetricsPath).Single(l => l.Length > 0))!;
        Assert.True((double)metrics["seconds"]!["execution"]! > 0);
        Assert.True((int)metrics["buffer_sizes"]!["deduction"]! > 1);
    }
}
