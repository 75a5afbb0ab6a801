using System.Text.Json;
using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.CSharp;
using AbsoluteZero.Evaluation.Python;
using AbsoluteZero.Evaluation.Scoring;
using AbsoluteZero.Execution;

namespace AbsoluteZero.Cli.Commands.Eval;

/// <summary>`azr eval --validate-harness &lt;benchmark&gt;`: every reference through the harness; prints a JSON report.</summary>
internal static class EvalHarnessValidation
{
    public static async Task<int> RunAsync(BenchmarkInfo info, string? data, int? limit, CancellationToken ct)
    {
        var problems = EvalJobRunner.Problems(info, data, limit);
        await using var executor = info.Family == BenchmarkFamily.CSharpCode ? ProgramExecutor.Create(BenchmarkExecutorOptions.Default) : null;
        var sandbox = new PythonSandbox();
        IFamilyHandler handler = info.Family switch
        {
            BenchmarkFamily.Math => new MathHandler(),
            BenchmarkFamily.PythonCode => new PythonCodeHandler(sandbox),
            BenchmarkFamily.CruxEval => new CruxHandler(sandbox),
            _ => new CSharpCodeHandler(executor!),
        };
        if (info.Family is BenchmarkFamily.PythonCode or BenchmarkFamily.CruxEval)
            Console.Error.WriteLine($"python sandbox: {(sandbox.UsesBubblewrap ? "bubblewrap (no network, read-only root) + " : "")}rlimits + audit hook");
        var progress = new ConsoleCount(info.Name, problems.Count);
        var report = await HarnessValidator.ValidateAsync(info, problems, handler, progress, ct);
        Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = report.Benchmark, problems = report.Problems, @checked = report.Checked, passed = report.Passed,
            failed = report.Failures.Count, reference = report.Note,
            failures = report.Failures.Select(f => new { id = f.Id, reason = f.Reason }),
            stubs_run = report.StubsRun, stubs_rejected = report.StubsRejected, stubs_accepted = report.StubsAccepted ?? [],
        }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }

    private sealed class ConsoleCount(string name, int total) : IProgress<int>
    {
        public void Report(int done) => Console.Error.WriteLine($"[{name}] {done}/{total}");
    }
}
