using AbsoluteZero.Tasks;
using AbsoluteZero.Tasks.Grading;
using AbsoluteZero.Tasks.Parsing;
using AbsoluteZero.Tasks.Prompts;
using AbsoluteZero.Training.Rewards;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>The solver side of a step: learnability estimates for new proposals, and the trained solver rollouts.</summary>
internal sealed class SolveRound(SelfPlayContext ctx)
{
    /// <summary>
    /// n solver samples (at the learnability temperature, 1.0 by default) for every valid proposal, graded; sets each
    /// proposal's solve count and its proposer reward (format error −1, invalid −1, else learnability per paper Eq. 4).
    /// These rollouts are not trained on.
    /// </summary>
    public async Task ScoreProposalsAsync(int step, IReadOnlyList<ProposalOutcome> proposals, StepClock clock, CancellationToken cancellationToken)
    {
        var config = ctx.Config;
        int n = config.Rollout.LearnabilitySamples;
        var scored = new List<(ProposalOutcome Outcome, Prompt Prompt, int[] Ids)>();
        foreach (var p in proposals.Where(p => p.Check.IsValid))
        {
            var prompt = ctx.Prompts.Solve(p.Check.Type, p.Check.Task!);
            var ids = ctx.Sampler.Encode(prompt);
            if (ids is null)
                ctx.Log.Debug("step {Step}: solver prompt of proposal {Id} is over the token limit; its solve rate counts as 0", step, p.Check.Id);
            else
                scored.Add((p, prompt, ids));
        }
        var completions = ctx.Sampler.Sample([.. scored.Select(s => s.Ids)], n, config.Rollout.LearnabilityTemperature,
            StepSeeds.Derive(config.Seed, step, 0, SeedPhase.LearnabilitySampling), clock, cancellationToken);
        var attempts = completions.Select(c =>
        {
            var (outcome, prompt, _) = scored[c.PromptIndex];
            var task = outcome.Check.Task!;
            return new SolveAttempt($"{task.Id}/mc{c.SampleIndex}", outcome.Check.Type, task,
                ResponseParser.ParseSolution(outcome.Check.Type, prompt.Response(c.Text)));
        }).ToList();
        var grades = await clock.TimeExecution(() => ctx.Grader.GradeAsync(attempts, cancellationToken));
        for (int s = 0; s < scored.Count; s++)
        {
            scored[s].Outcome.Solved = RewardFunctions.CountSolved(grades.Skip(s * n).Take(n).Select(g => g.Outcome));
            scored[s].Outcome.Samples = n;
        }
        foreach (var p in proposals)
        {
            p.Rollout.Reward = RewardFunctions.Proposer(p.Check.Verdict, p.Solved ?? 0, n, config.Rewards);
        }
    }

    /// <summary>Solver rollouts on a batch drawn from each type's buffer (this step's new tasks first), graded and rewarded.</summary>
    public async Task<List<Rollout>> SolveAsync(int step, IReadOnlyList<TaskType> types, Func<int> nextPromptGroup, StepClock clock,
        CancellationToken cancellationToken)
    {
        var config = ctx.Config;
        var rng = StepSeeds.Random(config.Seed, step, 0, SeedPhase.SolverBatch);
        var prompts = new List<(TaskType Type, CodeTask Task, Prompt Prompt, int[] Ids, int Group)>();
        foreach (var type in types)
        {
            int skipped = 0;
            foreach (var task in ctx.Buffers[type].AssembleSolverBatch(config.Tasks.BatchSize, step, rng))
            {
                var prompt = ctx.Prompts.Solve(type, task);
                var ids = ctx.Sampler.Encode(prompt);
                if (ids is null) { skipped++; continue; }
                prompts.Add((type, task, prompt, ids, nextPromptGroup()));
            }
            if (skipped > 0)
                ctx.Log.Warning("step {Step}: {Skipped} {Type} solver prompts were over rollout.max_prompt_tokens = {Max} and were skipped",
                    step, skipped, type.ToName(), config.Rollout.MaxPromptTokens);
        }
        var completions = ctx.Sampler.Sample([.. prompts.Select(p => p.Ids)], config.Rollout.SamplesPerPrompt, config.Rollout.Temperature,
            StepSeeds.Derive(config.Seed, step, 0, SeedPhase.SolverSampling), clock, cancellationToken);
        var counters = new Dictionary<TaskType, int>();
        var rollouts = new List<Rollout>(completions.Count);
        var attempts = new List<SolveAttempt>(completions.Count);
        foreach (var c in completions)
        {
            var (type, task, prompt, ids, group) = prompts[c.PromptIndex];
            int k = counters.GetValueOrDefault(type);
            counters[type] = k + 1;
            var rollout = new Rollout
            {
                Id = $"s{step}-{type.ToName()}-solve-{k}", Group = new TaskGroup(type, Role.Solve), Prompt = prompt, PromptIds = ids,
                Completion = c, PromptGroup = group, TaskId = task.Id,
            };
            rollouts.Add(rollout);
            attempts.Add(new SolveAttempt(rollout.Id, type, task, ResponseParser.ParseSolution(type, rollout.Response)));
        }
        var grades = await clock.TimeExecution(() => ctx.Grader.GradeAsync(attempts, cancellationToken));
        for (int i = 0; i < rollouts.Count; i++)
        {
            rollouts[i].Reward = RewardFunctions.Solver(grades[i].Outcome, config.Rewards);
            rollouts[i].FormatError = grades[i].Outcome == SolveOutcome.Malformed;
            rollouts[i].Correct = grades[i].Outcome == SolveOutcome.Correct;
        }
        return rollouts;
    }
}
