using System.Collections.Concurrent;
using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.Python;

namespace AbsoluteZero.Evaluation.Scoring;

/// <summary>
/// HumanEval+ / MBPP+: prompts as EvalPlus writes them, completions turned into programs, graded in the Python
/// sandbox against outputs of the reference solution, computed in the same child before the candidate is loaded.
/// The reference is timed once per problem (cached) and each candidate gets the base timeout plus eight times the
/// reference's time (EvalPlus also scales limits by the reference's time). The visible example is the first
/// original test input (for MBPP it is the example shown in the prompt).
/// </summary>
public sealed class PythonCodeHandler(PythonSandbox sandbox, TimeSpan? candidateTimeout = null, TimeSpan? referenceTimeout = null) : IFamilyHandler
{
    private readonly ConcurrentDictionary<(string Id, bool Visible), Task<double>> _referenceSeconds = new();
    private readonly TimeSpan _candidateTimeout = candidateTimeout ?? TimeSpan.FromSeconds(20);
    private readonly TimeSpan _referenceTimeout = referenceTimeout ?? TimeSpan.FromSeconds(300);

    /// <inheritdoc />
    public string BuildPrompt(BenchmarkProblem problem, PromptStyle style)
    {
        var p = (PythonCodeProblem)problem;
        if (style == PromptStyle.Base) return p.SolutionContinuesPrompt ? p.Prompt : p.Prompt.TrimEnd() + "\n";
        return p.SolutionContinuesPrompt
            ? "Complete the following Python function. Reply with the whole function in one ```python code block.\n```python\n" + p.Prompt.TrimEnd() + "\n```"
            : p.Prompt.Trim().Trim('"').Trim() + "\nWrite the Python function `" + p.EntryPoint + "` in one ```python code block.";
    }

    /// <inheritdoc />
    public IReadOnlyList<string> StopStrings(BenchmarkProblem problem, PromptStyle style)
    {
        if (style == PromptStyle.Chat) return [];
        return ((PythonCodeProblem)problem).SolutionContinuesPrompt
            ? ["\ndef ", "\nclass ", "\nimport ", "\nfrom ", "\nassert ", "\n\"\"\"", "\nif __name__", "\nprint("]
            : ["\nassert ", "\n\"\"\"", "\nif __name__", "\nprint(", "\n\n\n"];
    }

    /// <inheritdoc />
    public string ToCandidate(BenchmarkProblem problem, string completion, PromptStyle style)
    {
        var p = (PythonCodeProblem)problem;
        if (style == PromptStyle.Base)
        {
            var cut = CodeExtraction.CutAtStop(completion, StopStrings(problem, style));
            return p.SolutionContinuesPrompt ? p.Prompt + cut : cut;
        }
        var code = CodeExtraction.FencedOrWhole(completion, "python", "py", "python3");
        if (!code.Contains("def " + p.EntryPoint, StringComparison.Ordinal) && p.SolutionContinuesPrompt) return p.Prompt + code;
        // Keep the prompt's imports (typing, math) when the model rewrote the whole function.
        var imports = p.Prompt.Split('\n').Where(l => l.StartsWith("import ", StringComparison.Ordinal) || l.StartsWith("from ", StringComparison.Ordinal));
        return string.Join("\n", imports) + "\n" + code;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SampleVerdict>> ScoreAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken) =>
        RunAsync((PythonCodeProblem)problem, candidates, visible: false, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SampleVerdict>?> CheckVisibleAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        var p = (PythonCodeProblem)problem;
        return p.BaseInputs.Count == 0 ? null : await RunAsync(p, candidates, visible: true, cancellationToken);
    }

    /// <summary>The inputs graded: the first original input when visible, else all original and plus inputs.</summary>
    public static IReadOnlyList<string> Inputs(PythonCodeProblem p, bool visible) =>
        visible ? [.. p.BaseInputs.Take(1)] : [.. p.BaseInputs, .. p.PlusInputs];

    /// <summary>Seconds the reference solution needs for the inputs; throws <see cref="ReferenceFailedException"/> when it fails.</summary>
    public Task<double> ReferenceSecondsAsync(PythonCodeProblem p, bool visible, CancellationToken ct) =>
        _referenceSeconds.GetOrAdd((p.Id, visible), _ => TimeReferenceAsync(p, visible, ct));

    private async Task<double> TimeReferenceAsync(PythonCodeProblem p, bool visible, CancellationToken ct)
    {
        var job = new PythonJob(p.Id + "/reference", PythonHarness.ReferenceTiming(p, Inputs(p, visible)), _referenceTimeout);
        var r = (await sandbox.RunAsync([job], ct))[0];
        if (r.Status != PythonStatus.Ok) throw new ReferenceFailedException($"{p.Id}: reference solution {r.Status}: {r.Error}");
        if (r.Result?["error"] is { } error)
            throw new ReferenceFailedException($"{p.Id}: reference solution raised on input #{r.Result["index"]}: {error}");
        return r.Result?["seconds"]?.GetValue<double>() ?? throw new ReferenceFailedException($"{p.Id}: reference reported no time");
    }

    private async Task<IReadOnlyList<SampleVerdict>> RunAsync(PythonCodeProblem p, IReadOnlyList<string> candidates, bool visible, CancellationToken ct)
    {
        double referenceSeconds;
        try
        {
            referenceSeconds = await ReferenceSecondsAsync(p, visible, ct);
        }
        catch (ReferenceFailedException e)
        {
            return [.. candidates.Select(c => new SampleVerdict(false, c, "harness: " + e.Message))];
        }
        var inputs = Inputs(p, visible);
        var timeout = _candidateTimeout + TimeSpan.FromSeconds(8 * referenceSeconds);
        var jobs = candidates.Select((c, i) => new PythonJob($"{p.Id}#{i}", PythonHarness.CandidateCheck(p, c, inputs), timeout)).ToList();
        var results = await sandbox.RunAsync(jobs, ct);
        return [.. results.Select((r, i) => ToVerdict(r, candidates[i]))];
    }

    internal static SampleVerdict ToVerdict(PythonJobResult r, string candidate)
    {
        if (r.Status != PythonStatus.Ok) return new SampleVerdict(false, candidate, $"{r.Status}: {r.Error}");
        bool passed = r.Result?["passed"]?.GetValue<bool>() ?? false;
        return new SampleVerdict(passed, candidate, passed ? null : r.Result?["error"]?.GetValue<string>() ?? "failed");
    }
}

/// <summary>A benchmark's reference solution failed to run: a dataset defect, not a model error.</summary>
public sealed class ReferenceFailedException(string message) : Exception(message);
