using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.CSharp;
using AbsoluteZero.Evaluation.Python;
using AbsoluteZero.Evaluation.Scoring;
using AbsoluteZero.Execution;

namespace AbsoluteZero.Evaluation.Tests.Soak;

/// <summary>Full-dataset harness validity (minutes): every reference through its harness.</summary>
[Trait("Category", "Soak")]
public class HarnessValiditySoakTests
{
    // MBCSP canonical solutions that are wrong in the dataset (stubs and wrong algorithms; see docs/eval-results.md).
    private static readonly string[] MbcspDefects =
    [
        "MBCSP/54", "MBCSP/57", "MBCSP/64", "MBCSP/71", "MBCSP/147", "MBCSP/209", "MBCSP/229", "MBCSP/240", "MBCSP/275",
        "MBCSP/323", "MBCSP/333", "MBCSP/353", "MBCSP/428", "MBCSP/487", "MBCSP/505", "MBCSP/591", "MBCSP/625", "MBCSP/656",
        "MBCSP/705", "MBCSP/750", "MBCSP/815", "MBCSP/824", "MBCSP/839", "MBCSP/852", "MBCSP/854", "MBCSP/889", "MBCSP/940",
    ];

    [Fact]
    public async Task CruxEvalOutputsAreReproduced()
    {
        var info = BenchmarkRegistry.Get("cruxeval-o");
        var report = await HarnessValidator.ValidateAsync(info, info.Load(), new CruxHandler(new PythonSandbox()));
        Assert.Equal(800, report.Passed);
    }

    [Fact]
    public async Task EveryMbcspReferenceExceptTheKnownDefectsPasses()
    {
        var info = BenchmarkRegistry.Get("mbcsp");
        await using var executor = ProgramExecutor.Create(BenchmarkExecutorOptions.Default);
        var report = await HarnessValidator.ValidateAsync(info, info.Load(), new CSharpCodeHandler(executor));
        Assert.Equal(725, report.Checked);
        Assert.Equal(MbcspDefects.Order(), report.Failures.Select(f => f.Id).Order());
    }

    [Theory]
    [InlineData("humaneval-plus")]
    [InlineData("mbpp-plus")]
    public async Task EvalPlusCanonicalSolutionsPass(string name)
    {
        var info = BenchmarkRegistry.Get(name);
        var report = await HarnessValidator.ValidateAsync(info, info.Load(), new PythonCodeHandler(new PythonSandbox()));
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Select(f => f.Id + ": " + f.Reason)));
    }
}
