using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Tasks;
using AbsoluteZero.Training.Algorithms;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Tests;

public class AdvantageTests
{
    public AdvantageTests() => TorchRuntime.Initialize();

    /// <summary>A [B, T] mask whose row i has lengths[i] leading ones.</summary>
    internal static Tensor Mask(int[] lengths, int t)
    {
        var m = zeros(lengths.Length, t, dtype: ScalarType.Bool);
        for (int i = 0; i < lengths.Length; i++)
            if (lengths[i] > 0) m[i, TensorIndex.Slice(0, lengths[i])] = tensor(true);
        return m;
    }

    /// <summary>The advantage of each sequence (checking it is constant over the row's valid tokens and 0 elsewhere).</summary>
    internal static double[] PerSequence(Tensor advantages, int[] lengths)
    {
        var a = advantages.to_type(ScalarType.Float64).data<double>().ToArray();
        long t = advantages.shape[1];
        var result = new double[lengths.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            result[i] = lengths[i] > 0 ? a[i * t] : 0;
            for (int j = 0; j < t; j++)
                Assert.Equal(j < lengths[i] ? result[i] : 0.0, a[i * t + j], 6);
        }
        return result;
    }

    [Fact]
    public void TaskRelativeReinforcePlusPlusWhitensEachOfTheSixGroupsOverItsTokens()
    {
        using var scope = NewDisposeScope();
        // Two or three sequences per (task type × role) group, with lengths that make token weighting matter.
        var g = TaskGroup.All.Select(x => x.Index).ToArray();   // 0..5
        int[] groups = [g[0], g[0], g[1], g[1], g[2], g[2], g[3], g[4], g[4], g[4], g[5], g[5]];
        double[] rewards = [1, 0, 1, -0.5, -1, -1, 1, 0.5, 0, -1, 1, 0];
        int[] lengths = [1, 3, 2, 2, 2, 3, 3, 1, 1, 2, 1, 1];
        var adv = AdvantageEstimators.TaskRelativeReinforcePlusPlus(tensor(rewards), Mask(lengths, 4), groups);

        Assert.Equal(new long[] { 12, 4 }, adv.shape);
        Assert.Equal(ScalarType.Float32, adv.dtype);
        double s3 = Math.Sqrt(3) / 2, s2 = Math.Sqrt(0.5);
        double[] expected =
        [
            1.5, -0.5,                 // tokens [1 | 0 0 0]: μ = 0.25, σ² = 0.75/3 = 0.25
            s3, -s3,                   // tokens [1 1 | −.5 −.5]: μ = 0.25, σ² = 2.25/3 = 0.75
            0, 0,                      // constant rewards
            0,                         // a single sequence: R = μ
            7.0 / 6, 0.5, -5.0 / 6,    // tokens [.5 | 0 | −1 −1]: μ = −0.375, σ² = 1.6875/3 = 0.5625
            s2, -s2,                   // tokens [1 | 0]: μ = 0.5, σ² = 0.5/1
        ];
        var actual = PerSequence(adv, lengths);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void TaskRelativeEqualsRunningReinforcePlusPlusOnEachGroupSeparately()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(3);
        var rewards = randn(30, generator: gen);
        var lengths = Enumerable.Range(0, 30).Select(i => 1 + (i * 7) % 9).ToArray();
        var groups = Enumerable.Range(0, 30).Select(i => i % 6).ToArray();
        var mask = Mask(lengths, 10);
        var together = AdvantageEstimators.TaskRelativeReinforcePlusPlus(rewards, mask, groups);
        for (int k = 0; k < 6; k++)
        {
            var rows = tensor(Enumerable.Range(0, 30).Where(i => groups[i] == k).Select(i => (long)i).ToArray());
            var alone = AdvantageEstimators.ReinforcePlusPlus(rewards.index_select(0, rows), mask.index_select(0, rows));
            Assert.True(alone.allclose(together.index_select(0, rows), rtol: 1e-5, atol: 1e-6));
        }
    }

    [Fact]
    public void ReinforcePlusPlusWhitensGloballyByTokenOrBySequence()
    {
        using var scope = NewDisposeScope();
        int[] lengths = [2, 1, 1];
        var rewards = tensor(new[] { 1.0, 0, 0 });
        // Tokens [1 1 | 0 | 0]: μ = 0.5, σ² = 1/3.
        var tok = PerSequence(AdvantageEstimators.ReinforcePlusPlus(rewards, Mask(lengths, 3)), lengths);
        Assert.Equal([0.866025, -0.866025, -0.866025], tok.Select(x => Math.Round(x, 6)));
        // Sequences [1 | 0 | 0]: μ = 1/3, σ² = 1/3.
        var seq = PerSequence(AdvantageEstimators.ReinforcePlusPlus(rewards, Mask(lengths, 3), WhiteningLevel.Sequence), lengths);
        Assert.Equal([1.154701, -0.57735, -0.57735], seq.Select(x => Math.Round(x, 6)));
        // Global whitening of the six-group example differs from the task-relative one.
        var global = AdvantageEstimators.ReinforcePlusPlus(tensor(new[] { 1.0, 0, 1, 0 }), Mask([1, 1, 1, 1], 1));
        var relative = AdvantageEstimators.TaskRelativeReinforcePlusPlus(tensor(new[] { 1.0, 0, 1, 0 }), Mask([1, 1, 1, 1], 1), [0, 0, 1, 1]);
        Assert.False(global.allclose(relative));
    }

    [Fact]
    public void GrpoUsesAPerPromptBaseline()
    {
        using var scope = NewDisposeScope();
        int[] lengths = [2, 2, 1, 3, 2, 1, 1];
        var rewards = tensor(new[] { 1.0, 0, 0, 1, 1, 0.5, 0.5 });
        int[] prompts = [7, 7, 7, 7, 3, 9, 9];
        // Prompt 7: μ = 0.5, σ = sqrt(1/3) → ±0.5/0.57735 = ±0.866025; prompt 3 alone keeps r = 1; prompt 9 is constant.
        var a = PerSequence(AdvantageEstimators.Grpo(rewards, Mask(lengths, 3), prompts), lengths);
        Assert.Equal([0.866024, -0.866024, -0.866024, 0.866024, 1, 0, 0], a.Select(x => Math.Round(x, 6)));
        var dr = PerSequence(AdvantageEstimators.Grpo(rewards, Mask(lengths, 3), prompts, scaleByStd: false), lengths);
        Assert.Equal([0.5, -0.5, -0.5, 0.5, 1, 0, 0], dr.Select(x => Math.Round(x, 6)));
    }

    [Fact]
    public void ComputeDispatchesOnTheConfiguredEstimator()
    {
        using var scope = NewDisposeScope();
        var rewards = tensor(new[] { 1.0, 0, 1, 0 });
        var mask = Mask([1, 2, 1, 1], 2);
        int[] tasks = [0, 0, 1, 1], prompts = [0, 1, 2, 3];
        var o = new Config.AlgorithmOptions();
        Assert.True(AdvantageEstimators.Compute(o, rewards, mask, tasks, prompts).allclose(AdvantageEstimators.TaskRelativeReinforcePlusPlus(rewards, mask, tasks), 0, 0));
        Assert.True(AdvantageEstimators.Compute(o with { AdvantageEstimator = AdvantageEstimator.ReinforcePlusPlus }, rewards, mask, tasks, prompts)
            .allclose(AdvantageEstimators.ReinforcePlusPlus(rewards, mask), 0, 0));
        Assert.True(AdvantageEstimators.Compute(o with { AdvantageEstimator = AdvantageEstimator.Grpo }, rewards, mask, tasks, prompts)
            .allclose(AdvantageEstimators.Grpo(rewards, mask, prompts), 0, 0));
    }

    [Fact]
    public void ShapeErrorsAreReported()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => AdvantageEstimators.ReinforcePlusPlus(zeros(3, 1), Mask([1, 1, 1], 2)));
        Assert.Throws<ArgumentException>(() => AdvantageEstimators.ReinforcePlusPlus(zeros(3), Mask([1, 1], 2)));
        Assert.Throws<ArgumentException>(() => AdvantageEstimators.TaskRelativeReinforcePlusPlus(zeros(3), Mask([1, 1, 1], 2), [0, 1]));
    }
}
