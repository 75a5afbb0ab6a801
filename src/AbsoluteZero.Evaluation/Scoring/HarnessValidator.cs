using AbsoluteZero.Evaluation.Benchmarks;

namespace AbsoluteZero.Evaluation.Scoring;

/// <summary>One problem whose reference did not pass through the harness.</summary>
public sealed record ValidationFailure(string Id, string Reason);

/// <summary>The outcome of running a benchmark's own references through its harness.</summary>
/// <param name="Benchmark">The benchmark name.</param>
/// <param name="Problems">Problems in the file (after --limit).</param>
/// <param name="Checked">Problems that have a reference to check.</param>
/// <param name="Passed">References that passed.</param>
/// <param name="Failures">Every reference that did not pass, with the reason.</param>
/// <param name="Note">What a reference is for this benchmark.</param>
/// <param name="StubsRun">C# problems without a reference: how many were run with a stub body (<c>return default;</c>).</param>
/// <param name="StubsRejected">How many of those stubs the tests rejected (shows the assertions fire).</param>
/// <param name="StubsAccepted">Ids whose tests accept the stub (the expected value is the type's default).</param>
public sealed record ValidationReport(string Benchmark, int Problems, int Checked, int Passed, IReadOnlyList<ValidationFailure> Failures, string Note,
    int StubsRun = 0, int StubsRejected = 0, IReadOnlyList<string>? StubsAccepted = null);

/// <summary>
/// Harness validity: every reference must pass its own harness. EvalPlus: the canonical solution graded against
/// the outputs of the canonical solution computed in a separate run (checks inputs, limits, pickling and the
/// comparison). CRUXEval: <c>f(input) == output</c> for every record. C#: each existing reference solution (MBCSP)
/// through the C# harness.
/// </summary>
public static class HarnessValidator
{
    /// <summary>Validates <paramref name="problems"/> of benchmark <paramref name="info"/> with its handler.</summary>
    public static async Task<ValidationReport> ValidateAsync(BenchmarkInfo info, IReadOnlyList<BenchmarkProblem> problems, IFamilyHandler handler,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var failures = new List<ValidationFailure>();
        int checkedCount = 0, passed = 0, done = 0;
        string note = info.Family switch
        {
            BenchmarkFamily.PythonCode => "canonical_solution vs outputs of a separate canonical run, on base_input + plus_input",
            BenchmarkFamily.CruxEval => "the given output reproduced: f(input) == output",
            BenchmarkFamily.CSharpCode => "canonical_solution (where the file has one) through the C# harness",
            _ => "math benchmarks have no executable reference; nothing to run",
        };
        const int Chunk = 16;
        foreach (var batch in problems.Chunk(Chunk))
        {
            var tasks = batch.Select(async p =>
            {
                string? reference = Reference(p);
                if (reference is null) return (p.Id, Checked: false, Verdict: (SampleVerdict?)null);
                var verdict = (await handler.ScoreAsync(p, [reference], cancellationToken))[0];
                return (p.Id, Checked: true, Verdict: (SampleVerdict?)verdict);
            });
            foreach (var (id, isChecked, verdict) in await Task.WhenAll(tasks))
            {
                done++;
                if (!isChecked) continue;
                checkedCount++;
                if (verdict!.Passed) passed++;
                else failures.Add(new ValidationFailure(id, verdict.Error ?? "failed"));
            }
            progress?.Report(done);
        }
        var stubs = problems.OfType<CSharpCodeProblem>().Where(p => p.CanonicalSolution is null).ToList();
        var accepted = new List<string>();
        foreach (var batch in stubs.Chunk(Chunk))
        {
            var verdicts = await Task.WhenAll(batch.Select(p => handler.ScoreAsync(p, [Stub(p)], cancellationToken)));
            accepted.AddRange(batch.Where((_, i) => verdicts[i][0].Passed).Select(p => p.Id));
        }
        return new ValidationReport(info.Name, problems.Count, checkedCount, passed, failures, note, stubs.Count, stubs.Count - accepted.Count, accepted);
    }

    /// <summary>
    /// A body that compiles and returns the default value: without working assertions (e.g. <c>Debug.Assert</c>
    /// without <c>DEBUG</c>) every such program would pass.
    /// </summary>
    public static string Stub(CSharpCodeProblem p) =>
        p.Harness == CSharpHarnessKind.MxEval ? "            return default;\n        }\n" : "        return default;\n";

    /// <summary>The reference candidate of a problem, or null when it has none.</summary>
    public static string? Reference(BenchmarkProblem problem) => problem switch
    {
        PythonCodeProblem p => p.ReferenceProgram,
        CruxProblem p => p.Mode == CruxMode.Output ? p.Output : p.Input,
        CSharpCodeProblem p => p.CanonicalSolution,
        _ => null,
    };
}
