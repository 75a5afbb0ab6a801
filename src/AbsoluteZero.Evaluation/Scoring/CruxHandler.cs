using System.Text.RegularExpressions;
using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.Python;

namespace AbsoluteZero.Evaluation.Scoring;

/// <summary>
/// CRUXEval-O / -I with the benchmark's own answer format (<c>[ANSWER] assert f(…) == … [/ANSWER]</c>), graded by
/// executing the program in the Python sandbox. For input prediction the given output is visible, so the check
/// <c>f(prediction) == output</c> doubles as the visible test; output prediction has nothing visible to run.
/// </summary>
public sealed partial class CruxHandler(PythonSandbox sandbox, TimeSpan? timeout = null) : IFamilyHandler
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public string BuildPrompt(BenchmarkProblem problem, PromptStyle style)
    {
        var p = (CruxProblem)problem;
        var task = p.Mode == CruxMode.Output
            ? "You are given a Python function and an assertion containing an input to the function. Complete the assertion with a literal (no unsimplified expressions, no function calls) containing the output when executing the provided code on the given input."
            : "You will be given a function f and an output in the form f(??) == output. Find any input such that executing f on the input leads to the given output. Express your answer as a passing assertion.";
        var shown = p.Mode == CruxMode.Output ? $"assert f({p.Input}) == ??" : $"assert f(??) == {p.Output}";
        var body = task + "\n\n```python\n" + p.Code.TrimEnd() + "\n" + shown + "\n```\n";
        if (style == PromptStyle.Chat) return body + "Put the completed assertion between [ANSWER] and [/ANSWER].";
        return body + "[ANSWER]\n" + (p.Mode == CruxMode.Output ? $"assert f({p.Input}) == " : "assert f(");
    }

    /// <inheritdoc />
    public IReadOnlyList<string> StopStrings(BenchmarkProblem problem, PromptStyle style) =>
        style == PromptStyle.Base ? ["[/ANSWER]", "\n"] : [];

    /// <inheritdoc />
    public string ToCandidate(BenchmarkProblem problem, string completion, PromptStyle style)
    {
        var p = (CruxProblem)problem;
        var text = completion;
        var tagged = AnswerTag().Matches(text);
        if (tagged.Count > 0) text = tagged[^1].Groups[1].Value;
        else if (style == PromptStyle.Base) text = (p.Mode == CruxMode.Output ? "" : "assert f(") + CodeExtraction.CutAtStop(text, StopStrings(p, style));
        text = text.Trim();
        var assertLine = text.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith("assert", StringComparison.Ordinal));
        if (assertLine is not null) text = assertLine.Trim();
        if (p.Mode == CruxMode.Output)
        {
            int eq = text.IndexOf("==", StringComparison.Ordinal);
            return (text.StartsWith("assert", StringComparison.Ordinal) && eq >= 0 ? text[(eq + 2)..] : text).Trim();
        }
        // Input: "assert f(ARGS) == OUTPUT" -> ARGS (the last "==" keeps outputs containing '==' intact only when the
        // arguments do not; good enough for literals).
        if (text.StartsWith("assert", StringComparison.Ordinal)) text = text[6..].Trim();
        int cut = text.LastIndexOf("==", StringComparison.Ordinal);
        if (cut >= 0) text = text[..cut].Trim();
        if (text.StartsWith("f(", StringComparison.Ordinal) && text.EndsWith(')')) text = text[2..^1];
        return text.Trim();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SampleVerdict>> ScoreAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        var p = (CruxProblem)problem;
        var jobs = candidates.Select((c, i) => new PythonJob($"{p.Id}#{i}", PythonHarness.CruxCheck(p, c.Length == 0 ? "None" : c), _timeout)).ToList();
        var results = await sandbox.RunAsync(jobs, cancellationToken);
        return [.. results.Select((r, i) => PythonCodeHandler.ToVerdict(r, candidates[i]))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SampleVerdict>?> CheckVisibleAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken) =>
        ((CruxProblem)problem).Mode == CruxMode.Input ? await ScoreAsync(problem, candidates, cancellationToken) : null;

    [GeneratedRegex(@"\[ANSWER\](.*?)\[/ANSWER\]", RegexOptions.Singleline)]
    private static partial Regex AnswerTag();
}
