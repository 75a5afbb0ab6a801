namespace AbsoluteZero.Execution.Tests;

/// <summary>Protections below the static policy: process death, hangs inside the BCL, the scratch directory.</summary>
public class IsolationTests
{
    [Fact]
    public async Task A_real_stack_overflow_kills_only_its_runner_and_the_batch_finishes()
    {
        // Without instrumentation nothing stops the recursion: the runner process dies (SIGABRT).
        await using var executor = ProgramExecutor.Create(ExecutorFixture.Options with { Instrument = false, Workers = 2 });
        var requests = Enumerable.Range(0, 9).Select(i => i % 3 == 1
            ? new ExecutionRequest($"r{i}", "int f(int x) => f(x + 1) + 1;", "0")
            : new ExecutionRequest($"r{i}", "int f(int x) => x * 3;", $"{i}")).ToList();
        var results = await executor.ExecuteAsync(requests);
        for (int i = 0; i < 9; i++)
        {
            if (i % 3 == 1)
            {
                Assert.Equal(Verdict.Crash, results[i].Status);
                Assert.Contains("runner", results[i].Error);
            }
            else Assert.Equal($"{i * 3}", results[i].Output);
        }
        Assert.True(executor.RunnerStarts > 2);
        var after = await executor.ExecuteAsync([new ExecutionRequest("h", "int f() => 7;", "")]);
        Assert.Equal("7", after[0].Output);
    }

    [Fact]
    public async Task Nothing_is_written_outside_the_scratch_directory()
    {
        // The policy refuses file APIs; this checks that nothing reached the disk either way.
        var marker = Path.Combine(Path.GetTempPath(), "azr-escape-" + Guid.NewGuid().ToString("N"));
        await using var executor = ProgramExecutor.Create(ExecutorFixture.Options);
        var escaped = marker.Replace("\\", "\\\\");
        var attempts = new[]
        {
            $"int f() {{ System.IO.File.WriteAllText(\"{escaped}\", \"x\"); return 1; }}",
            $"int f() {{ var w = new System.IO.StreamWriter(\"{escaped}\"); w.Write(1); w.Dispose(); return 1; }}",
            $"int f() {{ System.IO.Directory.CreateDirectory(\"{escaped}\"); return 1; }}",
        };
        var results = await executor.ExecuteAsync(attempts.Select((p, i) => new ExecutionRequest($"{i}", p, "")).ToList());
        Assert.All(results, r => Assert.Equal(Verdict.PolicyViolation, r.Status));
        Assert.False(File.Exists(marker) || Directory.Exists(marker));
    }
}
