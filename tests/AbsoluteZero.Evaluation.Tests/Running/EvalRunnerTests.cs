using AbsoluteZero.Core.IO;
using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.Python;
using AbsoluteZero.Evaluation.Reports;
using AbsoluteZero.Evaluation.Running;
using AbsoluteZero.Evaluation.Scoring;

namespace AbsoluteZero.Evaluation.Tests.Running;

public class EvalRunnerTests
{
    private static readonly BenchmarkInfo Gsm8k = BenchmarkRegistry.Get("gsm8k");
    private static List<BenchmarkProblem> Math(int n) => [.. Gsm8k.Load().Take(n)];
    private static string Question(CompletionRequest r) => r.Turns[0].Text;

    // Answers correctly on even sample indices, wrongly on odd ones.
    private static ScriptedSource HalfRight(List<BenchmarkProblem> problems) => new((r, k) =>
    {
        var p = (MathProblem)problems.First(p => Question(r).Contains(((MathProblem)p).Question.Trim(), StringComparison.Ordinal));
        return k % 2 == 0 ? $"So the answer is \\boxed{{{p.Reference}}}." : "I think it is \\boxed{-1}.";
    });

    [BenchmarkDataFact]
    public async Task StrategiesScoreAsExpectedAndReportTokenCost()
    {
        using var dir = new TempDir();
        var problems = Math(3);
        var source = HalfRight(problems);
        var runner = new EvalRunner(source, new MathHandler(), new EvalSettings { Samples = 4, Temperature = 0.7, BatchSize = 2 });
        var greedy = await runner.RunAsync(Gsm8k, problems, SearchStrategy.Greedy, dir.Path);
        Assert.Equal(1.0, greedy.Score);
        var sample = await runner.RunAsync(Gsm8k, problems, SearchStrategy.Sample, dir.Path);
        Assert.Equal(0.5, sample.Score, 9);
        Assert.Equal(0.5, sample.PassAtK["pass@1"], 9);
        Assert.Equal(1.0, sample.PassAtK["pass@4"], 9);
        var majority = await runner.RunAsync(Gsm8k, problems, SearchStrategy.Majority, dir.Path);
        Assert.Equal(1.0, majority.Score);   // 2 vs 2: the first class seen wins
        Assert.True(sample.CompletionTokensPerProblem > greedy.CompletionTokensPerProblem * 3);
        var md = ReportWriter.Write(dir.Path, [greedy, sample, majority]);
        Assert.Contains("| gsm8k | sample | scripted | 3 | 4 | 0.7 | 0 | 50.0 % |", md);
        Assert.True(File.Exists(Path.Combine(dir.Path, "summary.json")));
        var lines = JsonLines.Read<ProblemResult>(EvalRunner.ResultsPath(dir.Path, "gsm8k", SearchStrategy.Sample)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(4, lines[0].Samples.Count);
        Assert.Equal(problems[0].Id, lines[0].Id);
    }

    [BenchmarkDataFact]
    public async Task FinishedProblemsAreSkippedAndATornLineIsRepaired()
    {
        using var dir = new TempDir();
        var problems = Math(5);
        var source = HalfRight(problems);
        var runner = new EvalRunner(source, new MathHandler(), new EvalSettings { BatchSize = 2 });
        await runner.RunAsync(Gsm8k, problems.Take(3).ToList(), SearchStrategy.Greedy, dir.Path);
        Assert.Equal(3, source.Requests);
        var path = EvalRunner.ResultsPath(dir.Path, "gsm8k", SearchStrategy.Greedy);
        File.AppendAllText(path, "{\"id\":\"torn");
        var summary = await runner.RunAsync(Gsm8k, problems, SearchStrategy.Greedy, dir.Path);
        Assert.Equal(5, source.Requests);
        Assert.Equal(5, summary.Problems);
        Assert.Equal(5, JsonLines.Read<ProblemResult>(path).Count());
    }

    [BenchmarkDataFact]
    public async Task RevisionFeedsTheFailedVisibleTestBack()
    {
        using var dir = new TempDir();
        var info = BenchmarkRegistry.Get("cruxeval-i");
        var problems = info.Load().Take(2).ToList();
        // First attempt is wrong; after feedback the script answers with the real input.
        var source = new ScriptedSource((r, _) =>
        {
            var p = (CruxProblem)problems.First(p => Question(r).Contains(((CruxProblem)p).Code.TrimEnd(), StringComparison.Ordinal));
            return r.Turns.Count == 1 ? "None) == 0\n" : p.Input + ") == x\n";
        });
        var handler = new CruxHandler(new PythonSandbox(new PythonSandboxOptions { Parallelism = 2 }));
        var runner = new EvalRunner(source, handler, new EvalSettings { Rounds = 2, BatchSize = 2 });
        var revise = await runner.RunAsync(info, problems, SearchStrategy.Revise, dir.Path);
        Assert.Equal(1.0, revise.Score);
        var results = JsonLines.Read<ProblemResult>(EvalRunner.ResultsPath(dir.Path, info.Name, SearchStrategy.Revise)).ToList();
        Assert.All(results, r => Assert.Equal(2, r.Samples.Count));
        Assert.All(results, r => Assert.False(r.Samples[0].Visible));
        Assert.Contains(source.Seen, r => r.Turns.Count == 3 && r.Turns[1].FromModel && r.Turns[2].Text.Contains("failed a visible test", StringComparison.Ordinal));
        var greedy = await runner.RunAsync(info, problems, SearchStrategy.Greedy, dir.Path);
        Assert.Equal(0.0, greedy.Score);
        var bestOfN = await new EvalRunner(new ScriptedSource((r, k) => k == 0 ? "None) == 0" : ((CruxProblem)problems.First(p =>
            Question(r).Contains(((CruxProblem)p).Code.TrimEnd(), StringComparison.Ordinal))).Input + ") == 0"), handler, new EvalSettings { Samples = 3 })
            .RunAsync(info, problems, SearchStrategy.BestOfN, Path.Combine(dir.Path, "bon"));
        Assert.Equal(1.0, bestOfN.Score);
    }

    [BenchmarkDataFact]
    public async Task MajorityIsRefusedForCode()
    {
        var runner = new EvalRunner(new ScriptedSource((_, _) => ""), new MathHandler(), new EvalSettings());
        var info = BenchmarkRegistry.Get("cruxeval-o");
        await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync(info, [], SearchStrategy.Majority, "unused"));
    }

    [BenchmarkDataFact]
    public void ChartIsAPng()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "chart.png");
        ScoreChart.Write(path, "gsm8k", [new ScoreSeries("greedy", [(10, 0.1), (20, 0.25)]), new ScoreSeries("sample", [(10, 0.05), (20, 0.2)])]);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }
}
