using AbsoluteZero.Tasks;
using AbsoluteZero.Tasks.Prompts;
using AbsoluteZero.Tasks.Validation;
using AbsoluteZero.Training.Policy;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>A trained rollout of a step: its prompt, completion, reward and advantage.</summary>
internal sealed class Rollout
{
    public required string Id { get; init; }
    public required TaskGroup Group { get; init; }
    public required Prompt Prompt { get; init; }
    public required int[] PromptIds { get; init; }
    public required PolicyCompletion Completion { get; init; }
    /// <summary>Rollouts of the same prompt share this id (GRPO's baseline group).</summary>
    public required int PromptGroup { get; init; }
    public string Response => Prompt.Response(Completion.Text);
    public string? TaskId { get; set; }
    public double Reward { get; set; }
    public bool FormatError { get; set; }
    /// <summary>Solve rollouts: graded correct.</summary>
    public bool Correct { get; set; }
    public double Advantage { get; set; }
    public double? Entropy { get; set; }
    public double? Kl { get; set; }
    public bool Flagged { get; set; }
}

/// <summary>A proposer rollout and what became of its proposal.</summary>
internal sealed class ProposalOutcome
{
    public required Rollout Rollout { get; init; }
    public required ProposalCandidate Candidate { get; init; }
    public ProposalCheck Check { get; set; } = null!;
    public bool Accepted { get; set; }
    public int? Solved { get; set; }
    public int Samples { get; set; }
    public double? SolveRate => Solved is int s && Samples > 0 ? (double)s / Samples : null;
}

/// <summary>Accumulated wall time of one step by kind, and generated tokens.</summary>
internal sealed class StepClock
{
    private readonly System.Diagnostics.Stopwatch _total = System.Diagnostics.Stopwatch.StartNew();
    public double Generation { get; private set; }
    public double Execution { get; private set; }
    public double Update { get; private set; }
    public long GeneratedTokens { get; set; }

    public T TimeGeneration<T>(Func<T> f) { var w = System.Diagnostics.Stopwatch.StartNew(); try { return f(); } finally { Generation += w.Elapsed.TotalSeconds; } }

    public T TimeUpdate<T>(Func<T> f) { var w = System.Diagnostics.Stopwatch.StartNew(); try { return f(); } finally { Update += w.Elapsed.TotalSeconds; } }

    public async Task<T> TimeExecution<T>(Func<Task<T>> f)
    {
        var w = System.Diagnostics.Stopwatch.StartNew();
        try { return await f(); } finally { Execution += w.Elapsed.TotalSeconds; }
    }

    public Runs.StepSeconds Snapshot()
    {
        double total = _total.Elapsed.TotalSeconds;
        return new Runs.StepSeconds(Generation, Execution, Update, Math.Max(0, total - Generation - Execution - Update), total);
    }
}
