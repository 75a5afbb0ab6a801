using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.Math;

namespace AbsoluteZero.Evaluation.Scoring;

/// <summary>Math: the Qwen math-eval prompts, answer extraction and the equivalence checker.</summary>
public sealed class MathHandler : IFamilyHandler
{
    /// <summary>The instruction appended to every question (as in the Qwen2.5-Math / AZR evaluation).</summary>
    public const string Instruction = "Please reason step by step, and put your final answer within \\boxed{}.";

    /// <inheritdoc />
    public string BuildPrompt(BenchmarkProblem problem, PromptStyle style)
    {
        var q = ((MathProblem)problem).Question.Trim();
        return style == PromptStyle.Chat ? q + "\n" + Instruction : "Question: " + q + "\n" + Instruction + "\nAnswer: Let's think step by step.\n";
    }

    /// <inheritdoc />
    public IReadOnlyList<string> StopStrings(BenchmarkProblem problem, PromptStyle style) =>
        style == PromptStyle.Base ? ["\nQuestion:", "\n\n\n\n"] : [];

    /// <inheritdoc />
    public string ToCandidate(BenchmarkProblem problem, string completion, PromptStyle style) =>
        AnswerExtractor.Extract(completion).Text ?? "";

    /// <inheritdoc />
    public Task<IReadOnlyList<SampleVerdict>> ScoreAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        var reference = ((MathProblem)problem).Reference;
        IReadOnlyList<SampleVerdict> verdicts = [.. candidates.Select(c =>
        {
            if (c.Length == 0) return new SampleVerdict(false, null, "no answer found");
            var check = AnswerChecker.Check(c, reference);
            return new SampleVerdict(check.Equal, c, check.Equal ? null : $"answer '{check.NormalizedPrediction}' != '{check.NormalizedReference}'");
        })];
        return Task.FromResult(verdicts);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SampleVerdict>?> CheckVisibleAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SampleVerdict>?>(null);
}
