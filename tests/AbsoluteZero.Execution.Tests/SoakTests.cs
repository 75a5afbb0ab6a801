using AbsoluteZero.Execution.Benchmark;

namespace AbsoluteZero.Execution.Tests;

/// <summary>The long soak (excluded from the default test run; also `azr bench exec --soak 10000`).</summary>
public class SoakTests
{
    [Fact]
    [Trait("Category", "Soak")]
    public async Task Ten_thousand_mixed_programs_come_back_complete_and_correct()
    {
        await using var executor = ProgramExecutor.Create(new ExecutorOptions { CacheEntries = 0 });
        var report = await Soak.RunAsync(executor, 10_000);
        Assert.True(report.Lost == 0 && report.Mismatched == 0,
            $"lost {report.Lost}, mismatched {report.Mismatched}:\n" + string.Join("\n", report.Examples));
    }

    [Fact]
    public async Task A_small_mixed_corpus_comes_back_complete_and_correct()
    {
        await using var executor = ProgramExecutor.Create(ExecutorFixture.Options with { TimeoutMs = 4000 });
        var report = await Soak.RunAsync(executor, 120, seed: 5, chunk: 60);
        Assert.True(report.Lost == 0 && report.Mismatched == 0,
            $"lost {report.Lost}, mismatched {report.Mismatched}:\n" + string.Join("\n", report.Examples));
    }
}
