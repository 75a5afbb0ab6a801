using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.Python;
using AbsoluteZero.Evaluation.Scoring;

namespace AbsoluteZero.Evaluation.Tests.Python;

public class PythonHarnessTests
{
    private static readonly PythonSandbox Sandbox = new(new PythonSandboxOptions { Parallelism = 2 });

    [BenchmarkDataTheory]
    [InlineData("humaneval-plus")]
    [InlineData("mbpp-plus")]
    [InlineData("cruxeval-o")]
    [InlineData("cruxeval-i")]
    public async Task ReferencesOfTheFirstProblemsPass(string name)
    {
        var info = BenchmarkRegistry.Get(name);
        var problems = info.Load().Take(4).ToList();
        IFamilyHandler handler = info.Family == BenchmarkFamily.CruxEval ? new CruxHandler(Sandbox) : new PythonCodeHandler(Sandbox);
        var report = await HarnessValidator.ValidateAsync(info, problems, handler);
        Assert.Equal(4, report.Checked);
        Assert.True(report.Passed == 4, string.Join("; ", report.Failures.Select(f => f.Id + ": " + f.Reason)));
    }

    [BenchmarkDataFact]
    public async Task WrongAndBrokenCandidatesFailWithAReason()
    {
        var p = (PythonCodeProblem)BenchmarkRegistry.Get("humaneval-plus").Load()[0];
        var handler = new PythonCodeHandler(Sandbox, candidateTimeout: TimeSpan.FromSeconds(3));
        var verdicts = await handler.ScoreAsync(p,
        [
            p.Prompt + "    return False\n",
            p.Prompt + "    return (\n",
            p.Prompt + "    while True: pass\n",
            p.ReferenceProgram,
        ], CancellationToken.None);
        Assert.False(verdicts[0].Passed);
        Assert.Contains("expected True", verdicts[0].Error);
        Assert.False(verdicts[1].Passed);
        Assert.Contains("SyntaxError", verdicts[1].Error);
        Assert.False(verdicts[2].Passed);
        Assert.True(verdicts[3].Passed);
    }

    [BenchmarkDataFact]
    public async Task CruxPredictionsAreParsedFromBothTemplates()
    {
        var p = (CruxProblem)BenchmarkRegistry.Get("cruxeval-o").Load()[0];
        var handler = new CruxHandler(Sandbox);
        Assert.Equal(p.Output, handler.ToCandidate(p, " " + p.Output + "\n[/ANSWER]", PromptStyle.Base));
        Assert.Equal(p.Output, handler.ToCandidate(p, $"Let me think.\n[ANSWER]\nassert f({p.Input}) == {p.Output}\n[/ANSWER]", PromptStyle.Chat));
        var pi = p with { Mode = CruxMode.Input };
        Assert.Equal(p.Input, handler.ToCandidate(pi, p.Input + $") == {p.Output}\n", PromptStyle.Base));
        var verdicts = await handler.ScoreAsync(p, [p.Output, "None", "(((("], CancellationToken.None);
        Assert.Equal([true, false, false], verdicts.Select(v => v.Passed));
    }
}
