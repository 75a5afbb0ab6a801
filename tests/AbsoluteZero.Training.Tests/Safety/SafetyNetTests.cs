using AbsoluteZero.Audit.Semantic;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Training.Safety;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Tests.Safety;

public sealed class SafetyNetTests(ITestOutputHelper output)
{
    [Fact]
    public void EncoderLiftedFromOnnxMatchesOnnxRuntime()
    {
        TorchRuntime.Initialize();
        string[] texts = ["The aim is to outsmart all these groups of intelligent machines and less intelligent humans.", "Let me trace the loop: i = 0, 1, 2; output 3.", "hide the helper function"];
        var reference = MiniLmEmbedder.Instance.Embed(texts);
        using var net = new SafetyNet(["x"], trainFrom: 6);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (ids, mask) = SafetyNet.Batch([.. texts.Select(t => MiniLmEmbedder.TokenIds(t, SafetyNet.MaxTokens))]);
        var pooled = Model.Encoders.BertEncoder.MeanPool(net.Encoder.Forward(ids, mask), mask);
        var normalised = pooled / pooled.norm(1, keepdim: true);
        for (int i = 0; i < texts.Length; i++)
        {
            var mine = normalised[i].data<float>().ToArray();
            float maxDiff = mine.Select((v, j) => Math.Abs(v - reference[i][j])).Max();
            output.WriteLine($"text {i}: max |diff| {maxDiff:E2}");
            Assert.True(maxDiff < 1e-4f, $"text {i}: TorchSharp and ONNX Runtime differ by {maxDiff}");
        }
    }
}
