using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Policy;

namespace AbsoluteZero.Training.Tests;

/// <summary>The real policy on the tiny random model (CPU, fp32).</summary>
public class TorchPolicyTests
{
    private static SelfPlayConfig Tiny(params string[] overrides) => SelfPlayConfigLoader.Load("tiny", null, overrides);

    private static SamplingSettings Sampling(int samples, long seed, int tokens = 12) =>
        new(samples, 1.0, 1.0, tokens, ["</answer>"], seed);

    [Fact]
    public void SamplingIsSeededAndReturnsTheRequestedShape()
    {
        using var policy = TorchPolicy.Create(Tiny());
        var prompts = new[] { policy.Encode("A conversation. User: hi\nAssistant: <think>"), policy.Encode("f(x) => x") };
        var a = policy.Generate(prompts, Sampling(3, 7), CancellationToken.None);
        var b = policy.Generate(prompts, Sampling(3, 7), CancellationToken.None);
        Assert.Equal(6, a.Completions.Count);
        Assert.Equal([0, 0, 0, 1, 1, 1], a.Completions.Select(c => c.PromptIndex));
        Assert.Equal(a.Completions.Select(c => string.Join(",", c.TokenIds)), b.Completions.Select(c => string.Join(",", c.TokenIds)));
        Assert.All(a.Completions, c => Assert.InRange(c.TokenIds.Length, 1, 12));
        Assert.Equal(a.Completions.Sum(c => (long)c.TokenIds.Length), a.GeneratedTokens);
    }

    [Fact]
    public void OneUpdateWithPositiveAdvantagesRaisesTheirLogProbabilityAndChangesParameters()
    {
        using var policy = TorchPolicy.Create(Tiny("optimizer.learning_rate=0.001", "algorithm.entropy_coefficient=0", "algorithm.micro_batch_size=1"));
        var prompt = policy.Encode("A conversation. User: write f\nAssistant: <think>");
        var generated = policy.Generate([prompt], Sampling(3, 11), CancellationToken.None).Completions;
        var batch = generated.Select(c => new TrainingSequence(prompt, c.TokenIds, 1.0)).ToList();
        var before = policy.ResponseLogProbs(batch).Select(l => l.Sum()).ToArray();
        var weights = policy.Model.parameters().Select(p => p.detach().clone()).ToList();

        var result = policy.Update(batch, 0.001);

        var after = policy.ResponseLogProbs(batch).Select(l => l.Sum()).ToArray();
        for (int i = 0; i < batch.Count; i++) Assert.True(after[i] > before[i], $"sequence {i}: log-prob {before[i]} → {after[i]}");
        Assert.Contains(policy.Model.parameters().Zip(weights), pair => !pair.First.detach().allclose(pair.Second));
        Assert.True(result.GradNorm > 0);
        Assert.Equal(0.0, result.ClipFraction);
        Assert.Equal(3, result.SequenceEntropy.Count);
        Assert.All(result.SequenceEntropy, h => Assert.True(h > 0));
        Assert.Null(result.SequenceKl);
    }

    [Fact]
    public void NegativeAdvantagesLowerTheLogProbabilityAndAccumulationMatchesOneBigBatch()
    {
        var config = Tiny("optimizer.learning_rate=0.001");
        using var whole = TorchPolicy.Create(config with { Algorithm = config.Algorithm with { MicroBatchSize = 4 } });
        using var split = TorchPolicy.Create(config with { Algorithm = config.Algorithm with { MicroBatchSize = 1 } });
        var prompt = whole.Encode("User: guess\nAssistant: <think>");
        var generated = whole.Generate([prompt], Sampling(4, 5), CancellationToken.None).Completions;
        var batch = generated.Select((c, i) => new TrainingSequence(prompt, c.TokenIds, i % 2 == 0 ? 1.0 : -1.0)).ToList();
        var before = whole.ResponseLogProbs(batch).Select(l => l.Sum()).ToArray();

        var a = whole.Update(batch, 0.001);
        var b = split.Update(batch, 0.001);

        Assert.Equal(a.GradNorm, b.GradNorm, 4);
        Assert.Equal(a.Loss, b.Loss, 5);
        var after = whole.ResponseLogProbs(batch).Select(l => l.Sum()).ToArray();
        Assert.True(after.Where((_, i) => i % 2 == 0).Sum() > before.Where((_, i) => i % 2 == 0).Sum());
        Assert.True(after.Where((_, i) => i % 2 == 1).Sum() < before.Where((_, i) => i % 2 == 1).Sum());
    }
}
