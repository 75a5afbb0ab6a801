using AbsoluteZero.Model.Runtime;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests.Modeling;

public class RotaryTests
{
    [Fact]
    public void MatchesTheRotateHalfFormulaWithHuggingFaceAngles()
    {
        TorchRuntime.Initialize();
        using var rotary = new Rotary(8, 10_000.0, ScalarType.Float32, CPU);
        using var scope = NewDisposeScope();
        var positions = tensor(new long[] { 0, 1, 5, 9 }, [1, 4]);
        var (cos, sin) = rotary.Angles(positions);
        var invFreq = tensor(Enumerable.Range(0, 4).Select(i => (float)(1.0 / Math.Pow(10_000.0, 2.0 * i / 8))).ToArray());
        var freqs = positions.to_type(ScalarType.Float32).unsqueeze(-1) * invFreq;
        var emb = cat([freqs, freqs], -1).unsqueeze(1);
        Assert.True(TinyModels.MaxAbsDiff(cos, emb.cos()) < 1e-6);
        Assert.True(TinyModels.MaxAbsDiff(sin, emb.sin()) < 1e-6);

        var x = randn([1, 2, 4, 8], generator: new Generator(2));
        var x1 = x.narrow(-1, 0, 4);
        var x2 = x.narrow(-1, 4, 4);
        var expected = x * cos + cat([-x2, x1], -1) * sin;
        Assert.True(TinyModels.MaxAbsDiff(rotary.Apply(x, cos, sin), expected) < 1e-6);
        Assert.True(TinyModels.MaxAbsDiff(rotary.Apply(x, cos, sin).narrow(2, 0, 1), x.narrow(2, 0, 1)) < 1e-6, "position 0 is the identity");
    }
}
