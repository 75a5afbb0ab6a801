using AbsoluteZero.Model.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests.Modeling;

public class KvCacheTests
{
    [Theory]
    [InlineData(ModelArchitecture.Qwen2)]
    [InlineData(ModelArchitecture.Qwen3)]
    public void IncrementalDecodingMatchesFullForward(ModelArchitecture arch)
    {
        using var model = TinyModels.Create(arch);
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(2, 9);
        var full = model.Forward(ids);
        using var cache = KvCache.Create(model, 2, 16);
        var prefill = model.ForwardCached(ids.narrow(1, 0, 4), cache);
        Assert.True(TinyModels.MaxAbsDiff(prefill, full.narrow(1, 0, 4)) < 1e-5);
        for (int t = 4; t < 9; t++)
        {
            var step = model.ForwardCached(ids.narrow(1, t, 1), cache);
            Assert.True(TinyModels.MaxAbsDiff(step, full.narrow(1, t, 1)) < 1e-5, $"step {t}");
        }
        Assert.Equal(9, cache.Length);
    }

    [Fact]
    public void LeftPaddedPrefillThenDecodeMatchesUnpaddedRows()
    {
        using var model = TinyModels.Create();
        using var scope = NewDisposeScope();
        var a = TinyModels.Ids(1, 6, seed: 11);
        var b = TinyModels.Ids(1, 3, seed: 12);
        var next = TinyModels.Ids(2, 1, seed: 13);
        var batch = cat([a, cat([zeros([1, 3], ScalarType.Int64), b], 1)], 0);
        var mask = cat([ones([1, 6], ScalarType.Int64), cat([zeros([1, 3], ScalarType.Int64), ones([1, 3], ScalarType.Int64)], 1)], 0);

        using var cache = KvCache.Create(model, 2, 8);
        var last = model.ForwardCached(batch, cache, mask, lastTokenOnly: true);
        var step = model.ForwardCached(next, cache);

        var refA = model.Forward(cat([a, next.narrow(0, 0, 1)], 1));
        var refB = model.Forward(cat([b, next.narrow(0, 1, 1)], 1));
        Assert.True(TinyModels.MaxAbsDiff(last[0], refA.narrow(1, 5, 1)[0]) < 1e-5);
        Assert.True(TinyModels.MaxAbsDiff(last[1], refB.narrow(1, 2, 1)[0]) < 1e-5);
        Assert.True(TinyModels.MaxAbsDiff(step[0], refA.narrow(1, 6, 1)[0]) < 1e-5);
        Assert.True(TinyModels.MaxAbsDiff(step[1], refB.narrow(1, 3, 1)[0]) < 1e-5);
    }

    [Fact]
    public void ForkRepeatsRowsAndDecodesIdentically()
    {
        using var model = TinyModels.Create();
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(2, 5);
        using var cache = KvCache.Create(model, 2, 8);
        model.ForwardCached(ids, cache);
        using var forked = cache.Fork(3);
        Assert.Equal(6, forked.BatchSize);
        Assert.Equal(5, forked.Length);
        var next = TinyModels.Ids(2, 1, seed: 9);
        var original = model.ForwardCached(next, cache);
        var repeated = model.ForwardCached(next.repeat_interleave(3, 0), forked);
        Assert.True(TinyModels.MaxAbsDiff(original.repeat_interleave(3, 0), repeated) < 1e-6);
    }

    [Fact]
    public void OverfillingTheCacheIsAClearError()
    {
        using var model = TinyModels.Create();
        using var cache = KvCache.Create(model, 1, 4);
        var e = Assert.Throws<ArgumentException>(() => model.ForwardCached(TinyModels.Ids(1, 5), cache));
        Assert.Contains("capacity", e.Message);
    }
}
