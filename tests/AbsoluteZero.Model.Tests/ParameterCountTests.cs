using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests;

/// <summary>Runs alone: it asserts that no tensor is created, which other tests running in parallel would disturb.</summary>
[CollectionDefinition(nameof(ParameterCountTests), DisableParallelization = true)]
public sealed class ParameterCountCollection;

[Collection(nameof(ParameterCountTests))]
public class ParameterCountTests
{
    [Theory]
    [InlineData("qwen2.5-0.5b", 494_032_768L)]
    [InlineData("qwen2.5-7b", 7_615_616_512L)]
    [InlineData("qwen3-0.6b", 596_049_920L)]
    public void RealConfigsGiveTheKnownParameterCountsWithoutTensors(string name, long expected)
    {
        long before = Tensor.TotalCount;
        var config = HfConfigReader.Read(HfConfigTests.RealConfig(name));
        Assert.Equal(expected, HfParameterShapes.Count(config));
        Assert.Equal(HfParameterShapes.For(config).Count, HfParameterShapes.For(config).Select(p => p.Name).Distinct().Count());
        Assert.Equal(before, Tensor.TotalCount);
    }
}
