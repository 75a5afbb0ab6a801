using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.CSharp;
using AbsoluteZero.Evaluation.Scoring;
using AbsoluteZero.Execution;

namespace AbsoluteZero.Evaluation.Tests.CSharp;

public sealed class ExecutorFixture : IAsyncLifetime
{
    public ProgramExecutorHandle Executor { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Executor = ProgramExecutor.Create(BenchmarkExecutorOptions.Default with { Workers = 2 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Executor.DisposeAsync();
}

public class CSharpHarnessTests(ExecutorFixture fixture) : IClassFixture<ExecutorFixture>
{
    private CSharpCodeHandler Handler => new(fixture.Executor);

    private static CSharpCodeProblem MultiPlE(string prefix) =>
        BenchmarkRegistry.Get("multipl-e-humaneval-cs").Load().Cast<CSharpCodeProblem>().First(p => p.Id.StartsWith(prefix, StringComparison.Ordinal));

    [BenchmarkDataFact]
    public void DebugAssertAndEqualsAreRewritten()
    {
        var p = MultiPlE("HumanEval_29_");
        var tests = CSharpTestRewriter.Rewrite(p.Tests, p.Harness, visibleOnly: false);
        Assert.DoesNotContain("Debug.Assert", tests);
        Assert.DoesNotContain(".Equals(", tests);
        Assert.Contains("AzrHarness.Assert(AzrHarness.Same(FilterByPrefix(", tests);
        var visible = CSharpTestRewriter.Rewrite(p.Tests, p.Harness, visibleOnly: true);
        Assert.Single(visible.Split("AzrHarness.Assert").Skip(1));
    }

    [BenchmarkDataFact]
    public async Task CorrectListAndDictionarySolutionsPassAndWrongOnesFail()
    {
        var filter = MultiPlE("HumanEval_29_");
        var histogram = MultiPlE("HumanEval_111_");
        var v = await Handler.ScoreAsync(filter,
        [
            "        return strings.Where(s => s.StartsWith(prefix)).ToList();\n",
            "        return strings;\n",
            "        return null\n",
        ], CancellationToken.None);
        Assert.True(v[0].Passed, v[0].Error);
        Assert.False(v[1].Passed);
        Assert.Contains("assertion failed", v[1].Error);
        Assert.False(v[2].Passed);
        Assert.Contains("CompileError", v[2].Error);

        const string Histogram = """
                    var counts = new Dictionary<string, long>();
                    foreach (var w in test.Split(' ', StringSplitOptions.RemoveEmptyEntries)) counts[w] = counts.GetValueOrDefault(w) + 1;
                    if (counts.Count == 0) return counts;
                    long max = counts.Values.Max();
                    return counts.Where(kv => kv.Value == max).ToDictionary(kv => kv.Key, kv => kv.Value);

            """;
        var h = await Handler.ScoreAsync(histogram, [Histogram], CancellationToken.None);
        Assert.True(h[0].Passed, h[0].Error);
    }

    [BenchmarkDataFact]
    public async Task MbcspReferenceSolutionsPassAndVisibleChecksRunOneCase()
    {
        var info = BenchmarkRegistry.Get("mbcsp");
        var problems = info.Load().Cast<CSharpCodeProblem>().Where(p => p.CanonicalSolution is not null).Take(4).ToList();
        var report = await HarnessValidator.ValidateAsync(info, problems, Handler);
        Assert.True(report.Passed == 4, string.Join("; ", report.Failures.Select(f => f.Id + ": " + f.Reason)));
        var visible = await Handler.CheckVisibleAsync(problems[0], [problems[0].CanonicalSolution!, "return default; }\n"], CancellationToken.None);
        Assert.True(visible![0].Passed, visible[0].Error);
    }
}
