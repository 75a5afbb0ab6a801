using AbsoluteZero.Execution.Benchmark;

namespace AbsoluteZero.Execution.Tests;

/// <summary>The per-stage cost accounting behind `azr bench exec`: every stage is counted, runners report their CPU.</summary>
public sealed class StageTimesTests
{
    [Fact]
    public async Task Every_stage_is_accounted_and_runners_report_cpu()
    {
        await using var executor = ProgramExecutor.Create(ExecutorFixture.Options);
        var before = executor.Stages;
        var corpus = ExecCorpus.Generate(20, 0.0, 5, "s");
        var results = await executor.ExecuteAsync(corpus.Select(p => p.Request).ToList(), determinismCheck: true);
        Assert.All(results, r => Assert.Equal(Verdict.Ok, r.Status));
        var spent = executor.Stages.Since(before);
        Assert.Equal(20, spent.Programs);
        Assert.True(spent.Parse > TimeSpan.Zero && spent.Policy > TimeSpan.Zero && spent.Emit > TimeSpan.Zero, spent.ToString());
        Assert.True(spent.RunCpu > TimeSpan.Zero && spent.RerunCpu > TimeSpan.Zero, spent.ToString());
        Assert.True(spent.RunWall > TimeSpan.Zero && spent.RerunWall > TimeSpan.Zero, spent.ToString());
        Assert.Equal(spent.Parse + spent.Instrument + spent.Policy + spent.Emit, spent.HostStatic);
    }

    [Fact]
    public async Task Without_the_determinism_check_nothing_is_rerun()
    {
        await using var executor = ProgramExecutor.Create(ExecutorFixture.Options);
        var before = executor.Stages;
        await executor.ExecuteAsync(ExecCorpus.Generate(5, 0.0, 6, "n").Select(p => p.Request).ToList(), determinismCheck: false);
        var spent = executor.Stages.Since(before);
        Assert.True(spent.RunCpu > TimeSpan.Zero, spent.ToString());
        Assert.Equal(TimeSpan.Zero, spent.RerunCpu);
    }

    [Fact]
    public async Task A_program_stopped_by_its_budget_is_not_run_a_second_time()
    {
        await using var executor = ProgramExecutor.Create(ExecutorFixture.Options);
        var before = executor.Stages;
        var results = await executor.ExecuteAsync([new ExecutionRequest("spin", "int f(int x) { while (true) { x++; } }", "1")]);
        Assert.Equal(Verdict.Timeout, results[0].Status);
        var spent = executor.Stages.Since(before);
        Assert.True(spent.RunCpu > TimeSpan.Zero, spent.ToString());
        Assert.Equal(TimeSpan.Zero, spent.RerunWall);
    }
}
