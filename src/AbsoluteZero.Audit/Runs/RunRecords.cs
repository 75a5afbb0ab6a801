namespace AbsoluteZero.Audit.Runs;

// The line formats of a run directory (docs/run-directory.md). Parameters without a default are required (a line
// missing one is reported with its file and line); the rest may be absent in older or partial runs.

/// <summary>run.json.</summary>
public sealed record RunInfo(string? RunId = null, string? CreatedUtc = null, string? AzrVersion = null, string? Model = null,
    long? Seed = null, string? Status = null, int? LastStep = null);

/// <summary>One line of proposals.jsonl.</summary>
public sealed record ProposalRecord(
    string Id, int Step, string TaskType, string Verdict, string? RolloutId = null, string? Program = null,
    IReadOnlyList<string>? Inputs = null, IReadOnlyList<string>? Outputs = null, string? Message = null, string? Reason = null,
    double? SolveRate = null, double Reward = 0, bool Accepted = false);

/// <summary>One line of rollouts.jsonl.</summary>
public sealed record RolloutRecord(
    string Id, int Step, string Role, string TaskType, string? Prompt = null, string? Response = null, double Reward = 0,
    double? Advantage = null, string? FinishReason = null, string? TaskId = null);

/// <summary>The span of a flag in flags.jsonl.</summary>
public sealed record FlagSpan(int Start, int End, string? Text = null);

/// <summary>One line of flags.jsonl.</summary>
public sealed record FlagRecord(
    int Step, string Category, string Severity, string? Run = null, string? Role = null, string? TaskType = null,
    string? RolloutId = null, string? Rule = null, FlagSpan? Span = null, string? Context = null);

/// <summary>The wall-time split of a step in metrics.jsonl.</summary>
public sealed record StepSeconds(double Generation = 0, double Execution = 0, double Update = 0, double Other = 0, double Total = 0);

/// <summary>One <c>groups</c> entry of metrics.jsonl, keyed <c>"task_type.role"</c>.</summary>
public sealed record GroupMetrics(
    int Count = 0, double? RewardMean = null, double? RewardStd = null, double? ResponseLengthMean = null, double? EntropyMean = null,
    double? KlMean = null, double? FormatErrorRate = null, double? ValidRate = null, IReadOnlyDictionary<string, int>? Verdicts = null,
    double? LearnabilityMean = null, double? SolveRate = null);

/// <summary>One line of metrics.jsonl.</summary>
public sealed record MetricsRecord(
    int Step, string? TimeUtc = null, StepSeconds? Seconds = null, double? TokensPerSecond = null, double? GradNorm = null,
    double? LearningRate = null, IReadOnlyDictionary<string, int>? BufferSizes = null,
    IReadOnlyDictionary<string, GroupMetrics>? Groups = null, IReadOnlyDictionary<string, int>? Flags = null);
