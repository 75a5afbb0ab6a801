using AbsoluteZero.Tasks.Grading;
using AbsoluteZero.Tasks.Validation;
using AbsoluteZero.Training.Rewards;

namespace AbsoluteZero.Training.Tests;

public class RewardTests
{
    private static readonly RewardOptions Paper = new();
    private static readonly RewardOptions Code = new() { DegenerateProposal = DegenerateProposalReward.ReferenceCode };

    [Theory]
    [InlineData(0, 8, 0.0)]        // never solved: too hard (or impossible) → 0
    [InlineData(8, 8, 0.0)]        // always solved: too easy → 0
    [InlineData(1, 8, 0.875)]      // 1 − 1/8
    [InlineData(4, 8, 0.5)]
    [InlineData(7, 8, 0.125)]
    [InlineData(1, 2, 0.5)]
    [InlineData(0, 1, 0.0)]        // a single sample is always degenerate
    [InlineData(1, 1, 0.0)]
    public void LearnabilityIsOneMinusTheSolveRateStrictlyInside(int solved, int samples, double expected) =>
        Assert.Equal(expected, RewardFunctions.Learnability(solved, samples), 12);

    [Fact]
    public void LearnabilityRejectsImpossibleCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardFunctions.Learnability(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardFunctions.Learnability(9, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardFunctions.Learnability(-1, 8));
    }

    [Fact]
    public void ProposerRewardEdgeCasesPaperVersusReferenceCode()
    {
        // Valid and learnable: 1 − 3/8 either way.
        Assert.Equal(0.625, RewardFunctions.Proposer(ProposalVerdict.Ok, 3, 8, Paper), 12);
        Assert.Equal(0.625, RewardFunctions.Proposer(ProposalVerdict.Ok, 3, 8, Code), 12);
        // Valid but degenerate (rate 0 or 1): paper 0, reference code −0.5.
        Assert.Equal(0.0, RewardFunctions.Proposer(ProposalVerdict.Ok, 0, 8, Paper));
        Assert.Equal(0.0, RewardFunctions.Proposer(ProposalVerdict.Ok, 8, 8, Paper));
        Assert.Equal(-0.5, RewardFunctions.Proposer(ProposalVerdict.Ok, 0, 8, Code));
        Assert.Equal(-0.5, RewardFunctions.Proposer(ProposalVerdict.Ok, 8, 8, Code));
        // Duplicates are valid tasks.
        Assert.Equal(0.75, RewardFunctions.Proposer(ProposalVerdict.Duplicate, 2, 8, Paper), 12);
        // Malformed −1; well-formed but invalid −1 (the reference code's format score 0).
        Assert.Equal(-1.0, RewardFunctions.Proposer(ProposalVerdict.FormatError, 0, 8, Paper));
        foreach (var v in new[] { ProposalVerdict.CompileError, ProposalVerdict.Nondeterministic, ProposalVerdict.TooLong, ProposalVerdict.Timeout })
            Assert.Equal(-1.0, RewardFunctions.Proposer(v, 0, 8, Paper));
    }

    [Fact]
    public void FormatPenaltiesAreConfigurable()
    {
        var custom = new RewardOptions { WrongAnswer = -0.25, FormatError = -2.0, InvalidProposal = -0.75, DegenerateProposal = DegenerateProposalReward.ReferenceCode };
        Assert.Equal(-2.0, RewardFunctions.Proposer(ProposalVerdict.FormatError, 0, 8, custom));
        Assert.Equal(-0.75, RewardFunctions.Proposer(ProposalVerdict.RuntimeError, 0, 8, custom));
        Assert.Equal(-0.25, RewardFunctions.Proposer(ProposalVerdict.Ok, 8, 8, custom));   // degenerate → the wrong-answer level
        Assert.Equal(-0.25, RewardFunctions.Solver(SolveOutcome.Wrong, custom));
        Assert.Equal(-2.0, RewardFunctions.Solver(SolveOutcome.Malformed, custom));
    }

    [Fact]
    public void SolverRewardIsOneForCorrectAndTheFormatLevelsOtherwise()
    {
        Assert.Equal(1.0, RewardFunctions.Solver(SolveOutcome.Correct, Paper));
        Assert.Equal(-0.5, RewardFunctions.Solver(SolveOutcome.Wrong, Paper));
        Assert.Equal(-1.0, RewardFunctions.Solver(SolveOutcome.Malformed, Paper));
        // Plain 1/0 correctness.
        var plain = new RewardOptions { WrongAnswer = 0, FormatError = 0 };
        Assert.Equal([1.0, 0.0, 0.0], new[] { SolveOutcome.Correct, SolveOutcome.Wrong, SolveOutcome.Malformed }.Select(o => RewardFunctions.Solver(o, plain)));
    }

    [Fact]
    public void MalformedAndWrongLearnabilitySamplesCountAsUnsolved()
    {
        var outcomes = new[] { SolveOutcome.Correct, SolveOutcome.Malformed, SolveOutcome.Wrong, SolveOutcome.Correct };
        int solved = RewardFunctions.CountSolved(outcomes);
        Assert.Equal(2, solved);
        Assert.Equal(0.5, RewardFunctions.Proposer(ProposalVerdict.Ok, solved, outcomes.Length, Paper), 12);
    }
}
