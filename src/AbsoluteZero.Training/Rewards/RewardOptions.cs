using System.ComponentModel.DataAnnotations;

namespace AbsoluteZero.Training.Rewards;

/// <summary>
/// What a valid proposal whose tasks the solver always or never solves (solve rate 0 or 1) is paid. The paper and
/// the reference code disagree; see <see cref="RewardOptions.DegenerateProposal"/>.
/// </summary>
public enum DegenerateProposalReward
{
    /// <summary>0, as the paper's Eq. 4 (learnability) and Eq. 6 give it.</summary>
    Paper,
    /// <summary>
    /// The "well-formed but wrong" penalty (−0.5 by default), as the reference code gives it: its combine step maps
    /// an accuracy reward of 0 to −0.5 when the format is OK (<c>rewards/reward_managers.py</c>; issue #37).
    /// </summary>
    ReferenceCode,
}

/// <summary>
/// Reward levels (the <c>rewards</c> section of the self-play config). Paper Eq. 6: a passable response gets its role
/// reward, a well-formed but wrong one −0.5, a malformed one −1; the reference code applies the same three levels.
/// </summary>
public sealed record RewardOptions
{
    /// <summary>
    /// Solver reward for a well-formed but wrong answer. Default −0.5 (paper Eq. 6; reference code train split).
    /// Set 0 (with <see cref="FormatError"/> 0) for the plain 1/0 correctness reward.
    /// </summary>
    [Range(-10.0, 0.0)]
    public double WrongAnswer { get; init; } = -0.5;

    /// <summary>
    /// Reward for a malformed response (a format error), proposer or solver. Default −1 (paper Eq. 6; reference code).
    /// </summary>
    [Range(-10.0, 0.0)]
    public double FormatError { get; init; } = -1.0;

    /// <summary>
    /// Proposer reward for a well-formed proposal that fails validation (does not compile, violates the policy, times
    /// out, is nondeterministic, too long, …). Default −1 (reference code: any validation failure sets the format
    /// score to 0, giving −1; the paper counts a proposer response as "formatted" only when it yields a valid task).
    /// </summary>
    [Range(-10.0, 0.0)]
    public double InvalidProposal { get; init; } = -1.0;

    /// <summary>
    /// Reward of a valid proposal with solve rate 0 or 1. Default <c>paper</c> (0, Eq. 4); <c>reference_code</c> gives
    /// <see cref="WrongAnswer"/> (−0.5), as the official code does. The run log states which one is used.
    /// </summary>
    public DegenerateProposalReward DegenerateProposal { get; init; } = DegenerateProposalReward.Paper;
}
