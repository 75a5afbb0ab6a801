using AbsoluteZero.Evaluation.Benchmarks;

namespace AbsoluteZero.Evaluation.Scoring;

/// <summary>How prompts are written: a completion template for base models, a chat message for instruct models.</summary>
public enum PromptStyle
{
    /// <summary>Plain text the model continues (the boxed-answer template for math, the raw code prompt for code).</summary>
    Base,
    /// <summary>A user message; the caller renders it with the model's chat template.</summary>
    Chat,
}

/// <summary>The verdict on one sample.</summary>
/// <param name="Passed">Correct (all tests passed / answer equal).</param>
/// <param name="Answer">What was graded: the extracted answer, or the program that ran.</param>
/// <param name="Error">Why it failed (compile error, failed test, wrong answer), null when it passed.</param>
public sealed record SampleVerdict(bool Passed, string? Answer, string? Error);

/// <summary>Everything a benchmark family needs to be evaluated: prompts, completion post-processing and scoring.</summary>
public interface IFamilyHandler
{
    /// <summary>The prompt for <paramref name="problem"/> (a user message when <paramref name="style"/> is Chat).</summary>
    string BuildPrompt(BenchmarkProblem problem, PromptStyle style);

    /// <summary>Strings that end a completion (beyond the model's end-of-turn tokens).</summary>
    IReadOnlyList<string> StopStrings(BenchmarkProblem problem, PromptStyle style);

    /// <summary>The gradable candidate in a completion: an answer, a prediction, or a whole program.</summary>
    string ToCandidate(BenchmarkProblem problem, string completion, PromptStyle style);

    /// <summary>Grades candidates against the hidden tests / reference; one verdict per candidate, in order.</summary>
    Task<IReadOnlyList<SampleVerdict>> ScoreAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken);

    /// <summary>
    /// Checks candidates on what the prompt shows (a code problem's visible example), for best-of-N and revision;
    /// null when the family has nothing visible to check (math, CRUXEval-O).
    /// </summary>
    Task<IReadOnlyList<SampleVerdict>?> CheckVisibleAsync(BenchmarkProblem problem, IReadOnlyList<string> candidates, CancellationToken cancellationToken);
}
