using AbsoluteZero.Training.Algorithms;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Policy;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>Advantages over all of a step's rollouts, and the one policy update they feed.</summary>
internal static class StepUpdate
{
    /// <summary>
    /// Sets every rollout's sequence advantage with the configured estimator: Task-Relative REINFORCE++ whitens within
    /// each (task type × role) group (<see cref="Tasks.TaskGroup.Index"/>), GRPO within each prompt's samples.
    /// </summary>
    public static void ComputeAdvantages(IReadOnlyList<Rollout> rollouts, AlgorithmOptions options)
    {
        if (rollouts.Count == 0) return;
        using var scope = NewDisposeScope();
        int maxLength = Math.Max(1, rollouts.Max(r => r.Completion.TokenIds.Length));
        var lengths = tensor(rollouts.Select(r => (long)r.Completion.TokenIds.Length).ToArray());
        var mask = arange(maxLength, dtype: ScalarType.Int64).unsqueeze(0) < lengths.unsqueeze(1);   // [B, T]
        var rewards = tensor(rollouts.Select(r => r.Reward).ToArray());
        var advantages = AdvantageEstimators.Compute(options, rewards, mask.to_type(ScalarType.Float32),
            [.. rollouts.Select(r => r.Group.Index)], [.. rollouts.Select(r => r.PromptGroup)]);
        var first = advantages[.., 0].to_type(ScalarType.Float64).data<double>().ToArray();           // broadcast per sequence: token 0 holds it
        for (int i = 0; i < rollouts.Count; i++) rollouts[i].Advantage = rollouts[i].Completion.TokenIds.Length == 0 ? 0.0 : first[i];
    }

    /// <summary>The learning rate of step <paramref name="step"/> (from 1): linear warm-up over <c>warmup_steps</c> steps, then constant.</summary>
    public static double LearningRate(OptimizerOptions options, int step) =>
        options.WarmupSteps <= 0 ? options.LearningRate : options.LearningRate * Math.Min(1.0, (double)step / options.WarmupSteps);

    /// <summary>Runs the update over the rollouts with a response (empty responses carry no gradient) and records entropy and KL on them.</summary>
    public static UpdateResult Apply(IPolicy policy, IReadOnlyList<Rollout> rollouts, double learningRate)
    {
        var trained = rollouts.Where(r => r.Completion.TokenIds.Length > 0).ToList();
        if (trained.Count == 0) return new UpdateResult(0, 0, 0, 0, [], null);
        var result = policy.Update([.. trained.Select(r => new TrainingSequence(r.PromptIds, r.Completion.TokenIds, r.Advantage))], learningRate);
        for (int i = 0; i < trained.Count; i++)
        {
            if (i < result.SequenceEntropy.Count) trained[i].Entropy = result.SequenceEntropy[i];
            if (result.SequenceKl is { } kl && i < kl.Count) trained[i].Kl = kl[i];
        }
        return result;
    }
}
