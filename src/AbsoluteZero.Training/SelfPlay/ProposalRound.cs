using AbsoluteZero.Tasks;
using AbsoluteZero.Tasks.Parsing;
using AbsoluteZero.Tasks.Prompts;
using AbsoluteZero.Tasks.Validation;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>
/// Proposer rollouts for some task types: prompts with K references drawn from each type's buffer (induction: a
/// program drawn from the deduction and abduction buffers), sampling, strict parsing, validation through the
/// executor, and acceptance of Ok proposals into the buffers. Used by the seeding phase and by every step.
/// </summary>
internal sealed class ProposalRound(SelfPlayContext ctx)
{
    /// <summary>Runs one round; <paramref name="nextId"/> numbers proposals per type across the rounds of one step.</summary>
    public async Task<List<ProposalOutcome>> RunAsync(int step, int round, IReadOnlyList<TaskType> types, Dictionary<TaskType, int> nextId,
        Func<int> nextPromptGroup, StepClock clock, CancellationToken cancellationToken)
    {
        var config = ctx.Config;
        var rng = StepSeeds.Random(config.Seed, step, round, SeedPhase.ProposerPrompts);
        var prompts = new List<(TaskType Type, Prompt Prompt, int[] Ids, string? Program, int Group)>();
        foreach (var type in types)
        {
            int skipped = 0;
            for (int i = 0; i < config.Tasks.BatchSize; i++)
            {
                var drawn = Draw(type, rng);
                if (drawn is null) { skipped++; continue; }
                prompts.Add((type, drawn.Value.Prompt, drawn.Value.Ids, drawn.Value.Program, nextPromptGroup()));
            }
            if (skipped > 0)
                ctx.Log.Warning("step {Step}: {Skipped} {Type} proposer prompts stayed over rollout.max_prompt_tokens = {Max} after {Redraws} redraws and were skipped",
                    step, skipped, type.ToName(), config.Rollout.MaxPromptTokens, SelfPlayContext.PromptRedraws);
        }

        int samples = config.Rollout.SamplesPerPrompt;
        var completions = ctx.Sampler.Sample([.. prompts.Select(p => p.Ids)], samples, config.Rollout.Temperature,
            StepSeeds.Derive(config.Seed, step, round, SeedPhase.ProposerSampling), clock, cancellationToken);

        var outcomes = new List<ProposalOutcome>(completions.Count);
        foreach (var completion in completions)
        {
            var (type, prompt, ids, program, group) = prompts[completion.PromptIndex];
            int n = nextId.GetValueOrDefault(type);
            nextId[type] = n + 1;
            string id = $"s{step}-{type.ToName()}-{n}";
            var rollout = new Rollout
            {
                Id = $"s{step}-{type.ToName()}-propose-{n}", Group = new TaskGroup(type, Role.Propose), Prompt = prompt, PromptIds = ids,
                Completion = completion, PromptGroup = group, TaskId = id,
            };
            var parsed = ResponseParser.ParseProposal(type, rollout.Response, config.Tasks.InductionInputs, program);
            rollout.FormatError = !parsed.IsOk;
            outcomes.Add(new ProposalOutcome { Rollout = rollout, Candidate = new ProposalCandidate(id, type, parsed) });
        }

        var checks = await clock.TimeExecution(() => ctx.Validator.ValidateAsync([.. outcomes.Select(o => o.Candidate)], ctx.Buffers, step, cancellationToken));
        for (int i = 0; i < outcomes.Count; i++)
        {
            outcomes[i].Check = checks[i];
            outcomes[i].Accepted = ctx.Buffers.Accept(checks[i]);
        }
        return outcomes;
    }

    private (Prompt Prompt, int[] Ids, string? Program)? Draw(TaskType type, Tasks.Randomness.DeterministicRandom rng)
    {
        for (int attempt = 0; attempt < SelfPlayContext.PromptRedraws; attempt++)
        {
            Prompt prompt;
            string? program = null;
            if (type == TaskType.Induction)
            {
                program = ctx.Buffers.SampleInductionSource(rng).Program;
                prompt = ctx.Prompts.ProposeInduction(program);
            }
            else
            {
                prompt = ctx.Prompts.Propose(type, ctx.Buffers[type].SampleReferences(ctx.Config.Tasks.References, rng));
            }
            var ids = ctx.Sampler.Encode(prompt);
            if (ids is not null) return (prompt, ids, program);
        }
        return null;
    }
}
