using AbsoluteZero.Tasks.Grading;
using AbsoluteZero.Tasks.Validation;

namespace AbsoluteZero.Training.Rewards;

/// <summary>
/// The Absolute Zero rewards as pure functions (paper §3.3.4, Eq. 4–6; reference code <c>CodeIORewardManager</c>).
/// The scalar reward of a rollout is placed on its last response token by the advantage estimators.
/// </summary>
public static class RewardFunctions
{
    /// <summary>Reward of a correct solver answer (r_solve = 1, paper Eq. 5).</summary>
    public const double Correct = 1.0;

    /// <summary>
    /// Solver reward (paper Eq. 5–6): 1 if correct, <see cref="RewardOptions.WrongAnswer"/> (−0.5) if well-formed but
    /// wrong, <see cref="RewardOptions.FormatError"/> (−1) if malformed.
    /// </summary>
    public static double Solver(SolveOutcome outcome, RewardOptions options) => outcome switch
    {
        SolveOutcome.Correct => Correct,
        SolveOutcome.Wrong => options.WrongAnswer,
        SolveOutcome.Malformed => options.FormatError,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>
    /// Learnability (paper Eq. 4): <c>1 − r̄</c> for a mean solve rate <c>r̄ = solved / samples</c> strictly between 0
    /// and 1, and 0 when the task is always (r̄ = 1: too easy) or never (r̄ = 0: too hard or impossible) solved.
    /// Reference code: <c>generation_accuracy_convertion: one_minus</c> with <c>acc &gt; 0</c>.
    /// </summary>
    public static double Learnability(int solved, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        if (solved < 0 || solved > samples) throw new ArgumentOutOfRangeException(nameof(solved), solved, $"must be within 0..{samples}");
        return solved == 0 || solved == samples ? 0.0 : 1.0 - (double)solved / samples;
    }

    /// <summary>
    /// Proposer reward (paper Eq. 4 and 6): a malformed response gets <see cref="RewardOptions.FormatError"/>; a
    /// well-formed but invalid proposal <see cref="RewardOptions.InvalidProposal"/>; a valid one (Ok or duplicate) its
    /// learnability over the <paramref name="samples"/> solver rollouts (sampled at temperature 1.0), except that a
    /// solve rate of 0 or 1 pays <see cref="RewardOptions.DegenerateProposal"/> (0 by the paper, −0.5 by the code).
    /// </summary>
    /// <param name="verdict">The validation verdict.</param>
    /// <param name="solved">Correct solver rollouts (valid proposals only).</param>
    /// <param name="samples">Solver rollouts used for the estimate, n (valid proposals only).</param>
    /// <param name="options">Reward levels.</param>
    public static double Proposer(ProposalVerdict verdict, int solved, int samples, RewardOptions options)
    {
        if (verdict == ProposalVerdict.FormatError) return options.FormatError;
        if (!verdict.IsValid()) return options.InvalidProposal;
        double learnability = Learnability(solved, samples);
        bool degenerate = solved == 0 || solved == samples;
        return degenerate && options.DegenerateProposal == DegenerateProposalReward.ReferenceCode ? options.WrongAnswer : learnability;
    }

    /// <summary>Counts the correct outcomes among a proposal's learnability rollouts (malformed and wrong both count as unsolved).</summary>
    public static int CountSolved(IEnumerable<SolveOutcome> outcomes) => outcomes.Count(o => o == SolveOutcome.Correct);
}
