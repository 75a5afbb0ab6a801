using AbsoluteZero.Model.Runtime;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace AbsoluteZero.Model.Tests.Optim;

public class MixedPrecisionAdamWTests
{
    private static Parameter Param(float[] values, ScalarType dtype = ScalarType.Float32)
    {
        TorchRuntime.Initialize();
        var p = new Parameter(tensor(values).to_type(dtype), requires_grad: true);
        p.DetachFromDisposeScope();
        return p;
    }

    [Fact]
    public void MatchesTheAdamWFormula()
    {
        var o = new AdamWOptions { LearningRate = 0.1, Beta1 = 0.8, Beta2 = 0.95, Eps = 1e-6, WeightDecay = 0.05 };
        var p = Param([1.0f, -2.0f, 0.5f]);
        using var opt = new MixedPrecisionAdamW([("w", p)], o);
        double[] x = [1.0, -2.0, 0.5], m = new double[3], v = new double[3];
        double[][] gradients = [[0.3, -1.0, 2.0], [0.1, 0.4, -0.5], [-0.2, 0.0, 1.5]];
        for (int t = 1; t <= gradients.Length; t++)
        {
            p.grad = tensor(gradients[t - 1].Select(g => (float)g).ToArray());
            opt.Step();
            for (int i = 0; i < 3; i++)
            {
                double g = gradients[t - 1][i];
                x[i] *= 1 - o.LearningRate * o.WeightDecay;
                m[i] = o.Beta1 * m[i] + (1 - o.Beta1) * g;
                v[i] = o.Beta2 * v[i] + (1 - o.Beta2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(o.Beta1, t)), vHat = v[i] / (1 - Math.Pow(o.Beta2, t));
                x[i] -= o.LearningRate * mHat / (Math.Sqrt(vHat) + o.Eps);
            }
            var actual = p.data<float>().ToArray();
            for (int i = 0; i < 3; i++) Assert.Equal(x[i], actual[i], 5);
        }
        Assert.Equal(3, opt.StepCount);
    }

    [Fact]
    public void Bf16ParametersKeepAnFp32MasterThatAccumulatesTinyUpdates()
    {
        var p = Param([1.0f, 1.0f], ScalarType.BFloat16);
        using var opt = new MixedPrecisionAdamW([("w", p)], new AdamWOptions { LearningRate = 1e-4, WeightDecay = 0 });
        for (int i = 0; i < 3; i++)
        {
            p.grad = ones([2], ScalarType.BFloat16);
            opt.Step();
        }
        var master = opt.MasterOf("w");
        Assert.Equal(ScalarType.Float32, master.dtype);
        Assert.Equal(1.0 - 3e-4, master[0].item<float>(), 6);
        Assert.Equal(1.0f, p.to_type(ScalarType.Float32)[0].item<float>());
        for (int i = 0; i < 60; i++)
        {
            p.grad = ones([2], ScalarType.BFloat16);
            opt.Step();
        }
        Assert.True(p.to_type(ScalarType.Float32)[0].item<float>() < 1.0f, "the accumulated master update reaches the bf16 weight");
        Assert.Equal(master.to_type(ScalarType.BFloat16).to_type(ScalarType.Float32).data<float>().ToArray(), p.to_type(ScalarType.Float32).data<float>().ToArray());
    }

    [Fact]
    public void ClipGradNormReturnsTheNormBeforeClippingAndScales()
    {
        var a = Param([0f, 0f]);
        var b = Param([0f]);
        using var opt = new MixedPrecisionAdamW([("a", a), ("b", b)], new AdamWOptions());
        a.grad = tensor(new[] { 3f, 0f });
        b.grad = tensor(new[] { 4f });
        Assert.Equal(5.0, opt.ClipGradNorm(1.0), 5);
        Assert.Equal(0.6f, a.grad!.data<float>()[0], 4);
        Assert.Equal(0.8f, b.grad!.data<float>()[0], 4);
        Assert.Equal(1.0, opt.ClipGradNorm(10.0), 4);
        opt.ZeroGrad();
        Assert.Null(a.grad);
        Assert.Equal(0, opt.ClipGradNorm(1.0));
    }

    [Fact]
    public void ParametersWithoutGradientsAreLeftAlone()
    {
        var a = Param([1f]);
        var b = Param([2f]);
        using var opt = new MixedPrecisionAdamW([("a", a), ("b", b)], new AdamWOptions { LearningRate = 0.1 });
        a.grad = tensor(new[] { 1f });
        opt.Step();
        Assert.NotEqual(1f, a.data<float>()[0]);
        Assert.Equal(2f, b.data<float>()[0]);
    }
}
