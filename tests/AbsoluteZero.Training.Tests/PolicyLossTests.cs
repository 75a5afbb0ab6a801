using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Training.Algorithms;
using AbsoluteZero.Training.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Tests;

public class PolicyLossTests
{
    public PolicyLossTests() => TorchRuntime.Initialize();

    private static Tensor Row(params double[] v) => tensor(v, dtype: ScalarType.Float32).unsqueeze(0);

    // One sequence, four valid tokens and one padded position:
    //   t0: ρ = 1,   A = +1 → −1
    //   t1: ρ = 1.5, A = +1 → max(−1.5, −1.2) = −1.2   (clipped at 1 + ε)
    //   t2: ρ = 0.5, A = −2 → max(+1.0, +1.6) = +1.6   (clipped at 1 − ε)
    //   t3: ρ = 0.5, A = +2 → max(−1.0, −1.6) = −1.0   (unclipped: pessimistic side)
    //   t4: masked out (ρ = 3, A = 5)
    private static (Tensor Logp, Tensor Old, Tensor Adv, Tensor Mask) Example()
    {
        var old = Row(-1, -2, -1, -1, -1);
        var logp = old + Row(0, Math.Log(1.5), Math.Log(0.5), Math.Log(0.5), Math.Log(3));
        return (logp, old, Row(1, 1, -2, 2, 5), Row(1, 1, 1, 1, 0));
    }

    [Fact]
    public void PpoClippedLossMatchesHandComputedValues()
    {
        using var scope = NewDisposeScope();
        var (logp, old, adv, mask) = Example();
        using var o = PolicyLosses.PpoClip(logp, old, adv, mask, clipLow: 0.2, clipHigh: 0.2);
        Assert.Equal(-0.4, o.Loss.item<float>(), 5);                          // (−1 − 1.2 + 1.6 − 1.0) / 4
        Assert.Equal(0.5, o.ClipFraction.item<float>(), 5);                   // t1 and t2
        Assert.Equal(-(Math.Log(1.5) + 2 * Math.Log(0.5)) / 4, o.ApproxKl.item<float>(), 5);

        using var normalized = PolicyLosses.PpoClip(logp, old, adv, mask, normalizer: 8);
        Assert.Equal(-0.2, normalized.Loss.item<float>(), 5);                 // the same sum over 8 mini-batch tokens

        using var higher = PolicyLosses.PpoClip(logp, old, adv, mask, clipLow: 0.2, clipHigh: 0.28);
        Assert.Equal((-1 - 1.28 + 1.6 - 1.0) / 4, higher.Loss.item<float>(), 5);
    }

    [Fact]
    public void AtRatioOneTheGradientIsReinforce()
    {
        using var scope = NewDisposeScope();
        var logp = Row(-1, -2, -0.5, -3).requires_grad_(true);
        var adv = Row(1, -0.5, 2, 7);
        var mask = Row(1, 1, 1, 0);
        using var o = PolicyLosses.PpoClip(logp, logp.detach(), adv, mask);
        o.Loss.backward();
        // d/dlogp of mean(−A·ρ) at ρ = 1 is −A/N on valid tokens, 0 on padding.
        var grad = logp.grad!.data<float>().ToArray();
        double[] expected = [-1.0 / 3, 0.5 / 3, -2.0 / 3, 0];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], grad[i], 5);
    }

    [Fact]
    public void AggregationByTokenAndBySequenceWithANormalizer()
    {
        using var scope = NewDisposeScope();
        var values = tensor(new float[,] { { 1, 2, 3 }, { 4, 0, 9 } });
        var mask = tensor(new float[,] { { 1, 1, 1 }, { 1, 0, 0 } });
        Assert.Equal(2.5, Aggregation.Reduce(values, mask, LossAggregation.TokenMean).item<float>(), 6);      // 10 / 4
        Assert.Equal(3.0, Aggregation.Reduce(values, mask, LossAggregation.SequenceMean).item<float>(), 6);   // (2 + 4) / 2
        Assert.Equal(1.0, Aggregation.Reduce(values, mask, LossAggregation.TokenMean, 10).item<float>(), 6);
        Assert.Equal(1.5, Aggregation.Reduce(values, mask, LossAggregation.SequenceMean, 4).item<float>(), 6);
        Assert.Equal(4, Aggregation.Count(mask, LossAggregation.TokenMean));
        Assert.Equal(2, Aggregation.Count(mask, LossAggregation.SequenceMean));
    }

    [Fact]
    public void MicroBatchLossesWithTheMiniBatchNormalizerSumToTheFullBatchLoss()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(5);
        var logp = (randn(6, 7, generator: gen) * 0.3 - 2).requires_grad_(true);
        var old = logp.detach() + randn(6, 7, generator: gen) * 0.2;
        var adv = randn(6, 7, generator: gen);
        var mask = AdvantageTests.Mask([7, 1, 4, 6, 2, 5], 7).to_type(ScalarType.Float32);
        foreach (var mode in Enum.GetValues<LossAggregation>())
        {
            using var full = PolicyLosses.PpoClip(logp, old, adv, mask, aggregation: mode);
            var fullGrad = autograd.grad([full.Loss], [logp])[0];
            double n = Aggregation.Count(mask, mode);
            Tensor sum = zeros(1), grad = zeros_like(logp);
            foreach (var rows in new[] { new long[] { 0, 1, 2 }, new long[] { 3, 4, 5 } })
            {
                var idx = tensor(rows);
                using var part = PolicyLosses.PpoClip(logp.index_select(0, idx), old.index_select(0, idx), adv.index_select(0, idx),
                    mask.index_select(0, idx), aggregation: mode, normalizer: n);
                sum = sum + part.Loss.detach();
                grad = grad + autograd.grad([part.Loss], [logp])[0];
            }
            Assert.Equal(full.Loss.item<float>(), sum.item<float>(), 5);
            Assert.True(grad.allclose(fullGrad, rtol: 1e-5, atol: 1e-7), mode.ToString());
        }
    }

    [Fact]
    public void KlEstimatorsMatchHandComputedValues()
    {
        using var scope = NewDisposeScope();
        var logp = Row(-1, -2);
        var refLogp = Row(-1.5, -1);                                         // log π − log π_ref = [0.5, −1]
        float[] Kl(KlEstimator e) => KlPenalty.Estimate(logp, refLogp, e).data<float>().ToArray();
        Assert.Equal([0.5f, -1f], Kl(KlEstimator.K1));
        Assert.Equal([0.125f, 0.5f], Kl(KlEstimator.K2));
        var k3 = Kl(KlEstimator.K3);                                        // e^{−0.5} + 0.5 − 1, e^{1} − 1 − 1
        Assert.Equal(Math.Exp(-0.5) - 0.5, k3[0], 5);
        Assert.Equal(Math.E - 2, k3[1], 5);
        // All three vanish when the policies agree; k2 and k3 are never negative.
        foreach (var e in Enum.GetValues<KlEstimator>())
            Assert.All(KlPenalty.Estimate(logp, logp, e).data<float>().ToArray(), v => Assert.Equal(0f, v));
        var gen = new Generator(1);
        var a = randn(50, generator: gen);
        var b = randn(50, generator: gen);
        Assert.True(KlPenalty.Estimate(a, b, KlEstimator.K3).min().item<float>() >= 0);
        Assert.True(KlPenalty.Estimate(a, b, KlEstimator.K2).min().item<float>() >= 0);
    }

    [Fact]
    public void TheObjectiveAddsTheEntropyBonusAndTheKlPenalty()
    {
        using var scope = NewDisposeScope();
        var (logp, old, adv, mask) = Example();
        var entropy = Row(2, 2, 4, 0, 100);                                   // token mean over valid tokens = 2
        var refLogp = logp - 0.5;                                             // k1 = 0.5 everywhere
        var options = new AlgorithmOptions { EntropyCoefficient = 0.1, KlCoefficient = 0.2, KlEstimator = KlEstimator.K1 };
        using var terms = PolicyObjective.Compute(logp, old, adv, mask, entropy, refLogp, options);
        Assert.Equal(-0.4, terms.PolicyLoss.item<float>(), 5);
        Assert.Equal(2.0, terms.Entropy!.item<float>(), 5);
        Assert.Equal(0.5, terms.Kl!.item<float>(), 5);
        Assert.Equal(-0.4 - 0.1 * 2 + 0.2 * 0.5, terms.Loss.item<float>(), 5);

        // The defaults: entropy 0.001, no KL term at all.
        using var paper = PolicyObjective.Compute(logp, old, adv, mask, entropy, null, new AlgorithmOptions());
        Assert.Null(paper.Kl);
        Assert.Equal(-0.4 - 0.001 * 2, paper.Loss.item<float>(), 5);
        Assert.Throws<ArgumentException>(() => PolicyObjective.Compute(logp, old, adv, mask, null, null, new AlgorithmOptions()));
        Assert.Throws<ArgumentException>(() => PolicyObjective.Compute(logp, old, adv, mask, entropy, null, options));
    }
}
