using AbsoluteZero.Audit.Runs;

namespace AbsoluteZero.Audit.Analysis;

/// <summary>What `azr audit` found in a run directory; serialised as summary.json (snake_case keys).</summary>
public sealed record AuditSummary(
    RunOverview Run,
    IReadOnlyList<TaskTypeSummary> TaskTypes,
    IReadOnlyList<StepSummary> Steps,
    IReadOnlyList<AuditFlag> Flags,
    IReadOnlyList<TaskEntry> Tasks,
    IReadOnlyList<RolloutRecord> FlaggedRollouts);

/// <summary>Identity and totals of the run.</summary>
public sealed record RunOverview(
    string Directory, string? RunId, string? Status, string? Model, long? Seed, string? CreatedUtc, int LastStep, int StepsLogged,
    int Proposals, int ValidProposals, int Accepted, double? ValidRate, int Rollouts,
    IReadOnlyDictionary<string, int> FlagsByCategory, IReadOnlyDictionary<string, int> FlagsBySeverity,
    string RulesSource, bool Rescanned);

/// <summary>A histogram over [0, 1]: bins <c>0</c>, <c>(0, .25]</c>, <c>(.25, .5]</c>, <c>(.5, .75]</c>, <c>(.75, 1)</c>, <c>1</c>.</summary>
public sealed record Distribution(int Count, double? Mean, IReadOnlyList<int> Bins)
{
    /// <summary>Labels of <see cref="Bins"/>.</summary>
    public static IReadOnlyList<string> BinLabels { get; } = ["0", "(0,.25]", "(.25,.5]", "(.5,.75]", "(.75,1)", "1"];
}

/// <summary>Program complexity over a task type's valid proposals.</summary>
public sealed record ComplexityStats(
    int Programs, double LinesMean, int LinesMax, double CyclomaticMean, int CyclomaticMax, double NestingMean, int NestingMax,
    int DistinctApis, IReadOnlyList<ApiCount> TopApis);

/// <summary>How often an API appears across programs.</summary>
public sealed record ApiCount(string Api, int Programs);

/// <summary>Diversity of a task type's valid proposals.</summary>
/// <param name="Programs">Valid proposals with a program.</param>
/// <param name="DistinctPrograms">Distinct programs (token-exact, whitespace ignored).</param>
/// <param name="ExactDuplicates">Programs identical to an earlier one.</param>
/// <param name="DistinctShapes">Distinct normalised syntax trees (identifiers and literals abstracted).</param>
/// <param name="NearDuplicates">Programs not exactly equal to an earlier one but sharing its shape.</param>
/// <param name="Novelty">Per step: how many valid programs had a shape never seen before.</param>
public sealed record DiversityStats(int Programs, int DistinctPrograms, int ExactDuplicates, int DistinctShapes, int NearDuplicates, IReadOnlyList<NoveltyPoint> Novelty);

/// <summary>Novelty at one step.</summary>
public sealed record NoveltyPoint(int Step, int Programs, int NewShapes, double Rate);

/// <summary>Everything about one task type.</summary>
public sealed record TaskTypeSummary(
    string TaskType, int Proposals, int Valid, int Accepted, double? ValidRate, IReadOnlyDictionary<string, int> Verdicts,
    Distribution SolveRate, Distribution Learnability, ComplexityStats Complexity, DiversityStats Diversity,
    int? BufferSize, IReadOnlyList<string> InterestingTaskIds);

/// <summary>One task type at one step.</summary>
public sealed record TypeStep(int Proposals, int Valid, double? ValidRate, IReadOnlyDictionary<string, int> Verdicts, double? SolveRateMean, int NewShapes);

/// <summary>One self-play step: proposal counts from proposals.jsonl, rewards and buffers from metrics.jsonl.</summary>
public sealed record StepSummary(
    int Step, IReadOnlyDictionary<string, TypeStep> Types, int Proposals, int Valid, double? ValidRate, double? SolveRate,
    IReadOnlyDictionary<string, double> RewardMeans, IReadOnlyDictionary<string, int> BufferSizes, IReadOnlyDictionary<string, int> Flags);

/// <summary>One proposal with what the audit computed about it.</summary>
public sealed record TaskEntry(
    string Id, int Step, string TaskType, string Verdict, string? Reason, bool Accepted, double? SolveRate, double? Learnability,
    double Reward, string? Program, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, string? Message, string? RolloutId,
    ProgramMetrics? Metrics, bool NovelShape, string? DuplicateOf, double Interest);

/// <summary>
/// A flag, live (<c>flags.jsonl</c>), from a rescan of <c>rollouts.jsonl</c>, or behavioural (a proposal's
/// <c>policy_violation</c> verdict).
/// </summary>
public sealed record AuditFlag(
    string Source, string? Run, int Step, string? Role, string? TaskType, string? RolloutId, string? TaskId, string Category,
    string Severity, string? Rule, int Start, int End, string? Text, string? Context);
