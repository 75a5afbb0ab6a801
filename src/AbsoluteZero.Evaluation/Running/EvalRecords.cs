namespace AbsoluteZero.Evaluation.Running;

/// <summary>Test-time search strategies (the o1 roadmap's "search").</summary>
public enum SearchStrategy
{
    /// <summary>One greedy completion.</summary>
    Greedy,
    /// <summary>n samples at the temperature: pass@1 (mean) and unbiased pass@k.</summary>
    Sample,
    /// <summary>n samples; the first that passes the visible tests is submitted (the first sample when none does or there are none).</summary>
    BestOfN,
    /// <summary>n samples; the most frequent answer (math) is submitted: maj@n.</summary>
    Majority,
    /// <summary>One completion, then up to R revisions fed with the failed visible test or execution error.</summary>
    Revise,
}

/// <summary>One sample in a per-problem result line.</summary>
/// <param name="Completion">The model's text.</param>
/// <param name="Candidate">What was graded (answer or program).</param>
/// <param name="Passed">Hidden-test / reference verdict.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Visible">Verdict on the visible tests (best-of-n, revise), null when not checked.</param>
/// <param name="CompletionTokens">Tokens generated.</param>
/// <param name="FinishReason"><c>stop</c> or <c>length</c>.</param>
public sealed record SampleRecord(string Completion, string Candidate, bool Passed, string? Error, bool? Visible, int CompletionTokens, string FinishReason);

/// <summary>One line of <c>&lt;benchmark&gt;.&lt;strategy&gt;.jsonl</c>: everything about one problem under one strategy.</summary>
/// <param name="Id">Problem id.</param>
/// <param name="Benchmark">Benchmark name.</param>
/// <param name="Strategy">Strategy name (kebab-case).</param>
/// <param name="Prompt">The first prompt (user message or completion text, before any chat template).</param>
/// <param name="Reference">The reference answer (math) or null.</param>
/// <param name="Samples">Every sample, in order (for revise: one per round).</param>
/// <param name="Submitted">Index of the submitted sample (greedy 0, best-of-n the chosen, revise the last), null for sample/majority.</param>
/// <param name="MajorityAnswer">The winning answer (majority), else null.</param>
/// <param name="Score">The problem's score: pass@1 estimate for sample, else 1 or 0 for the submitted answer.</param>
/// <param name="PassAtK">Unbiased pass@k for the reported k (sample strategy), else empty.</param>
/// <param name="PromptTokens">Prompt tokens over all generate calls for this problem.</param>
/// <param name="CompletionTokens">Generated tokens over all samples and rounds.</param>
public sealed record ProblemResult(string Id, string Benchmark, string Strategy, string Prompt, string? Reference,
    IReadOnlyList<SampleRecord> Samples, int? Submitted, string? MajorityAnswer, double Score,
    IReadOnlyDictionary<string, double> PassAtK, long PromptTokens, long CompletionTokens);

/// <summary>Aggregates of one strategy on one benchmark (an entry of <c>summary.json</c>).</summary>
/// <param name="Benchmark">Benchmark name.</param>
/// <param name="Strategy">Strategy name.</param>
/// <param name="Model">Model description.</param>
/// <param name="Problems">Problems scored.</param>
/// <param name="Samples">n.</param>
/// <param name="Temperature">Sampling temperature.</param>
/// <param name="Rounds">Revision rounds (revise), else 0.</param>
/// <param name="Score">Mean problem score (pass@1, best-of-n accuracy, maj@n, or accuracy after revision).</param>
/// <param name="PassAtK">Mean unbiased pass@k (sample).</param>
/// <param name="CompletionTokensPerProblem">Mean generated tokens per problem: the strategy's token cost.</param>
/// <param name="PromptTokensPerProblem">Mean prompt tokens per problem.</param>
public sealed record StrategySummary(string Benchmark, string Strategy, string Model, int Problems, int Samples, double Temperature, int Rounds,
    double Score, IReadOnlyDictionary<string, double> PassAtK, double CompletionTokensPerProblem, double PromptTokensPerProblem);

/// <summary>Progress of a running evaluation.</summary>
public sealed record EvalProgress(string Benchmark, string Strategy, int Done, int Total, double ScoreSoFar, double TokensPerProblem, double ProblemsPerMinute);
