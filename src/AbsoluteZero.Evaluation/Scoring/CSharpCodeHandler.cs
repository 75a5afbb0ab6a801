using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.CSharp;
using AbsoluteZero.Execution;

namespace AbsoluteZero.Evaluation.Scoring;

/// <summary>
/// MultiPL-E and MxEval C#: program = prompt + completion + rewritten tests (<see cref="CSharpTestRewriter"/>), run
/// through the executor's <see cref="ICompleteProgramRunner"/> with <see cref="CSharpHarnessSource"/> as trusted
/// source. A candidate is the method body as the dataset continues it: without the closing brace for MultiPL-E
/// (its tests close the method), with it for MxEval. The visible check runs the first test case only.
/// </summary>
public sealed class CSharpCodeHandler(ICompleteProgramRunner runner, TimeSpan? timeout = null) : IFamilyHandler
{
    private const string MxEvalMethodEnd = "\n        }\n";
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public string BuildPrompt(BenchmarkProblem problem, PromptStyle style)
    {
        var p = (CSharpCodeProblem)problem;
        return style == PromptStyle.Base ? p.Prompt
            : "Complete the following C# method. Reply with the whole method in one ```csharp code block.\n```csharp\n" + p.Prompt.TrimEnd() + "\n```";
    }

    /// <inheritdoc />
    public IReadOnlyList<string> StopStrings(BenchmarkProblem problem, PromptStyle style) =>
        style == PromptStyle.Chat ? [] : ((CSharpCodeProblem)problem).StopTokens;

    /// <inheritdoc />
    public string ToCandidate(BenchmarkProblem problem, string completion, PromptStyle style)
    {
        var p = (CSharpCodeProblem)problem;
        string body;
        if (style == PromptStyle.Base) body = CodeExtraction.CutAtStop(completion, p.StopTokens);
        else
        {
            var code = CodeExtraction.FencedOrWhole(completion, "csharp", "cs", "c#");
            body = MethodBody(code, p.EntryPoint) ?? code;
        }
        return p.Harness == CSharpHarnessKind.MxEval ? body.TrimEnd() + MxEvalMethodEnd : body.TrimEnd() + "\n";
    }

    /// <summary>The whole program sent to the executor for one candidate.</summary>
    public static string Program(CSharpCodeProblem p, string candidate, bool visibleOnly) =>
        CSharpTestRewriter.RewritePrompt(p.Prompt) + candidate + CSharpTestRewriter.Rewrite(p.Tests, p.Harness, visibleOnly);

    /// <inheritdoc />
    public Task<IReadOnlyList<SampleVerdict>> ScoreAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken) =>
        RunAsync((CSharpCodeProblem)problem, candidates, visibleOnly: false, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SampleVerdict>?> CheckVisibleAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken) =>
        await RunAsync((CSharpCodeProblem)problem, candidates, visibleOnly: true, cancellationToken);

    private async Task<IReadOnlyList<SampleVerdict>> RunAsync(CSharpCodeProblem p, IReadOnlyList<string> candidates, bool visibleOnly, CancellationToken ct)
    {
        var requests = candidates.Select((c, i) => new CompleteProgramRequest($"{p.Id}#{i}", Program(p, c, visibleOnly), [CSharpHarnessSource.Text])).ToList();
        var results = await runner.RunCompleteProgramsAsync(requests, _timeout, ct);
        return [.. results.Select((r, i) => r.Status == Verdict.Ok
            ? new SampleVerdict(true, candidates[i], null)
            : new SampleVerdict(false, candidates[i], $"{r.Status}: {r.Error}"))];
    }

    // From a whole method written by a chat model: the text inside its braces.
    private static string? MethodBody(string code, string entryPoint)
    {
        int at = code.IndexOf(entryPoint + "(", StringComparison.Ordinal);
        if (at < 0) at = code.IndexOf(entryPoint + " (", StringComparison.Ordinal);
        if (at < 0) return null;
        int open = code.IndexOf('{', at);
        if (open < 0) return null;
        int depth = 0;
        for (int i = open; i < code.Length; i++)
        {
            if (code[i] == '{') depth++;
            else if (code[i] == '}' && --depth == 0) return code[(open + 1)..i];
        }
        return code[(open + 1)..];
    }
}
