namespace AbsoluteZero.Training.Runs;

/// <summary>Run statuses as written to <c>run.json</c>.</summary>
public static class RunStatus
{
    /// <summary>The run is in progress (or crashed without a chance to say so).</summary>
    public const string Running = "running";
    /// <summary>Stopped by the user (Ctrl-C) after saving a checkpoint; resumable.</summary>
    public const string Stopped = "stopped";
    /// <summary>All steps done.</summary>
    public const string Finished = "finished";
    /// <summary>Ended by an error (see log.txt).</summary>
    public const string Failed = "failed";
}

/// <summary><c>run.json</c>: identity and status of a run (docs/run-directory.md).</summary>
public sealed record RunInfo
{
    /// <summary>Random id fixed at creation.</summary>
    public string RunId { get; init; } = "";
    /// <summary>ISO-8601 creation time.</summary>
    public string CreatedUtc { get; init; } = "";
    /// <summary>Version of the program that created the run.</summary>
    public string AzrVersion { get; init; } = "";
    /// <summary>Model directory, or <c>preset:tiny</c>.</summary>
    public string Model { get; init; } = "";
    /// <summary>Master seed.</summary>
    public long Seed { get; init; }
    /// <summary>One of <see cref="RunStatus"/>.</summary>
    public string Status { get; init; } = RunStatus.Running;
    /// <summary>Last completed step (0 before the first).</summary>
    public int LastStep { get; init; }
    /// <summary>Steps the run is configured to reach (an addition to the documented keys).</summary>
    public int TargetSteps { get; init; }
    /// <summary>When <see cref="Status"/> last changed (an addition to the documented keys).</summary>
    public string UpdatedUtc { get; init; } = "";
}

/// <summary>One line of <c>proposals.jsonl</c>.</summary>
public sealed record ProposalRecord
{
    /// <summary>Proposal id <c>s&lt;step&gt;-&lt;task_type&gt;-&lt;n&gt;</c>.</summary>
    public string Id { get; init; } = "";
    /// <summary>Step (0 = seeding phase).</summary>
    public int Step { get; init; }
    /// <summary>Task type.</summary>
    public string TaskType { get; init; } = "";
    /// <summary>The proposer rollout that produced it.</summary>
    public string RolloutId { get; init; } = "";
    /// <summary>The program, or null when the response did not parse.</summary>
    public string? Program { get; init; }
    /// <summary>Input expressions.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
    /// <summary>Gold outputs (empty when invalid).</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
    /// <summary>Induction message.</summary>
    public string? Message { get; init; }
    /// <summary>Verdict (<c>ok</c>, an executor verdict, <c>format_error</c>, <c>duplicate</c>, <c>too_long</c>).</summary>
    public string Verdict { get; init; } = "";
    /// <summary>One-line reason for a non-ok verdict.</summary>
    public string? Reason { get; init; }
    /// <summary>Mean solve rate over the learnability rollouts (valid proposals in training steps only).</summary>
    public double? SolveRate { get; init; }
    /// <summary>The proposer reward (0 in the seeding phase, which does not train).</summary>
    public double Reward { get; init; }
    /// <summary>Whether it entered the buffer.</summary>
    public bool Accepted { get; init; }
}

/// <summary>One line of <c>rollouts.jsonl</c>.</summary>
public sealed record RolloutRecord
{
    /// <summary>Rollout id <c>s&lt;step&gt;-&lt;task_type&gt;-&lt;role&gt;-&lt;n&gt;</c>.</summary>
    public string Id { get; init; } = "";
    /// <summary>Step.</summary>
    public int Step { get; init; }
    /// <summary><c>propose</c> or <c>solve</c>.</summary>
    public string Role { get; init; } = "";
    /// <summary>Task type.</summary>
    public string TaskType { get; init; } = "";
    /// <summary>Full prompt text.</summary>
    public string Prompt { get; init; } = "";
    /// <summary>Full response text (the prompt's response prefix, e.g. <c>&lt;think&gt;</c>, plus the completion).</summary>
    public string Response { get; init; } = "";
    /// <summary>Reward.</summary>
    public double Reward { get; init; }
    /// <summary>Sequence advantage used in the update.</summary>
    public double? Advantage { get; init; }
    /// <summary><c>stop</c> or <c>length</c>.</summary>
    public string FinishReason { get; init; } = "";
    /// <summary>Proposal id this rollout proposed or solved.</summary>
    public string? TaskId { get; init; }
    /// <summary>Whether the live flagger raised a flag on it (an addition to the documented keys).</summary>
    public bool Flagged { get; init; }
}

/// <summary>The span of a flag.</summary>
public sealed record FlagSpan(int Start, int End, string Text);

/// <summary>One line of <c>flags.jsonl</c>.</summary>
public sealed record FlagRecord
{
    /// <summary>Run id.</summary>
    public string Run { get; init; } = "";
    /// <summary>Step.</summary>
    public int Step { get; init; }
    /// <summary>Role.</summary>
    public string Role { get; init; } = "";
    /// <summary>Task type.</summary>
    public string TaskType { get; init; } = "";
    /// <summary>The flagged rollout.</summary>
    public string RolloutId { get; init; } = "";
    /// <summary>Category.</summary>
    public string Category { get; init; } = "";
    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string Severity { get; init; } = "";
    /// <summary>Rule id.</summary>
    public string Rule { get; init; } = "";
    /// <summary>Character offsets into the response.</summary>
    public FlagSpan Span { get; init; } = new(0, 0, "");
    /// <summary>Matched span with surrounding text.</summary>
    public string Context { get; init; } = "";
}
