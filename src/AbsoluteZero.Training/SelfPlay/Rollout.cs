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
