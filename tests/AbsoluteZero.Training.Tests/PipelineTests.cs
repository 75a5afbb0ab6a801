using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Tasks;
using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Tasks.Grading;
using AbsoluteZero.Tasks.Parsing;
using AbsoluteZero.Tasks.Prompts;
using AbsoluteZero.Tasks.Randomness;
using AbsoluteZero.Tasks.Tests;
using AbsoluteZero.Tasks.Validation;
using AbsoluteZero.Training.Algorithms;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Rewards;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Tests;

/// <summary>
/// One scripted self-play step for the deduction type through the public APIs, with canned model responses and the
/// in-test executor: propose → validate → accept → learnability → solve → grade → rewards → task-relative advantages.
/// </summary>
public class PipelineTests
{
    [Fact]
    public async Task AScriptedDeductionStepProducesTheExpectedRewardsAndAdvantages()
    {
        TorchRuntime.Initialize();
        var config = SelfPlayConfigLoader.Load("tiny");
        var exec = FakeExecutor.Standard();
        var buffers = BufferSet.CreateSeeded(SeedTasks.Load(config.Tasks.SeedFile), config.Buffers);
        var rng = new DeterministicRandom((ulong)config.Seed);
        var prompts = new PromptBuilder(TemplateSet.Load(config.Tasks.TemplatesDir), config.Tasks);
        const int step = 1;

        // Propose: two proposer rollouts for the same prompt.
        var proposePrompt = prompts.Propose(TaskType.Deduction, buffers[TaskType.Deduction].SampleReferences(config.Tasks.References, rng));
        string[] proposerCompletions =
        [
            "I will double a number. </think>\n<answer>\n```csharp\n" + FakeExecutor.Double + "\n```\n```input\n21\n```\n</answer>",
            "I forgot the format.",
        ];
        var candidates = proposerCompletions.Select((c, n) => new ProposalCandidate($"s{step}-deduction-{n}", TaskType.Deduction,
            ResponseParser.ParseProposal(TaskType.Deduction, proposePrompt.Response(c)))).ToList();
        var checks = await new ProposalValidator(exec, config.Tasks, config.Tasks.DeterminismCheck).ValidateAsync(candidates, buffers, step);
        Assert.Equal([ProposalVerdict.Ok, ProposalVerdict.FormatError], checks.Select(c => c.Verdict));
        Assert.Equal([true, false], checks.Select(buffers.Accept));

        // Learnability: n = 2 solver samples of the valid task at temperature 1.0 (one right, one wrong).
        var grader = new SolutionGrader(exec, config.Tasks);
        var valid = checks[0].Task!;
        var solvePrompt = prompts.Solve(TaskType.Deduction, valid);
        var mc = await grader.GradeAsync(new[] { "42", "41" }.Select((answer, k) => new SolveAttempt($"mc{k}", TaskType.Deduction, valid,
            ResponseParser.ParseSolution(TaskType.Deduction, solvePrompt.Response($"x </think><answer>\n```output\n{answer}\n```\n</answer>")))).ToList());
        int solved = RewardFunctions.CountSolved(mc.Select(g => g.Outcome));
        double[] proposerRewards = [.. checks.Select(c => RewardFunctions.Proposer(c.Verdict, c.IsValid ? solved : 0, config.Rollout.LearnabilitySamples, config.Rewards))];
        Assert.Equal([0.5, -1.0], proposerRewards);

        // Solve: the batch starts with this step's new task, then the seed.
        var batch = buffers[TaskType.Deduction].AssembleSolverBatch(config.Tasks.BatchSize, step, rng);
        Assert.Equal(["s1-deduction-0", "seed"], batch.Select(t => t.Id));
        string[] solverAnswers = ["42", "\"Hello World\""];
        var grades = await grader.GradeAsync(batch.Select((t, k) => new SolveAttempt($"solve{k}", TaskType.Deduction, t,
            ResponseParser.ParseSolution(TaskType.Deduction, prompts.Solve(TaskType.Deduction, t).Response($"</think><answer>```output\n{solverAnswers[k]}\n```</answer>")))).ToList());
        double[] solverRewards = [.. grades.Select(g => RewardFunctions.Solver(g.Outcome, config.Rewards))];
        Assert.Equal([1.0, 1.0], solverRewards);

        // Advantages: one baseline per (task type × role) group.
        using var scope = NewDisposeScope();
        var rewards = tensor(proposerRewards.Concat(solverRewards).ToArray());
        int[] groups = [.. Enumerable.Repeat(new TaskGroup(TaskType.Deduction, Role.Propose).Index, 2), .. Enumerable.Repeat(new TaskGroup(TaskType.Deduction, Role.Solve).Index, 2)];
        var mask = AdvantageTests.Mask([3, 3, 2, 2], 3);
        var advantages = AdvantageEstimators.Compute(config.Algorithm, rewards, mask, groups, [0, 1, 2, 3]);
        var perSequence = AdvantageTests.PerSequence(advantages, [3, 3, 2, 2]);
        Assert.Equal(0.75 / Math.Sqrt(0.675), perSequence[0], 5);  // tokens [.5 .5 .5 | −1 −1 −1]: μ = −0.25, σ² = 3.375/5 = 0.675
        Assert.Equal([0.0, 0.0], perSequence[2..]);            // both solvers right: no signal in that group
        Assert.True(perSequence[1] < 0);
    }
}
