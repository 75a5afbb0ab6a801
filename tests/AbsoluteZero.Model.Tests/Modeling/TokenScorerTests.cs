using AbsoluteZero.Model.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests.Modeling;

public class TokenScorerTests
{
    private static (Tensor Logp, Tensor Entropy) Direct(CausalLM model, Tensor ids, Tensor mask, double temperature)
    {
        var logits = model.Forward(ids, mask).narrow(1, 0, ids.shape[1] - 1).to_type(ScalarType.Float32) / temperature;
        var logSoftmax = logits.log_softmax(-1);
        var logp = logSoftmax.gather(2, ids.narrow(1, 1, ids.shape[1] - 1).unsqueeze(2)).squeeze(2);
        var entropy = -(logSoftmax.exp() * logSoftmax).sum(-1);
        return (logp, entropy);
    }

    [Theory]
    [InlineData(true, 1.0)]
    [InlineData(false, 0.7)]
    public void ScoresEqualLogSoftmaxOfADirectForward(bool tied, double temperature)
    {
        using var model = TinyModels.Create(ModelArchitecture.Qwen2, tied);
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(3, 8);
        var mask = ones([3, 8], ScalarType.Int64);
        mask[2, TensorIndex.Slice(6, 8)] = zeros([2], ScalarType.Int64);
        using var noGrad = no_grad();
        var scores = TokenScorer.Score(model, ids, mask, new ScoringOptions { Temperature = temperature, ChunkTokens = 5, ComputeEntropy = true });
        var (logp, entropy) = Direct(model, ids, mask, temperature);
        Assert.Equal(new long[] { 3, 7 }, scores.LogProbs.shape);
        Assert.Equal(ScalarType.Float32, scores.LogProbs.dtype);
        Assert.True(TinyModels.MaxAbsDiff(scores.LogProbs, logp) < 1e-5);
        Assert.True(TinyModels.MaxAbsDiff(scores.Entropy!, entropy) < 1e-5);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientsMatchTheUnchunkedComputation(bool tied)
    {
        using var model = TinyModels.Create(ModelArchitecture.Qwen3, tied);
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(2, 9);
        var mask = ones([2, 9], ScalarType.Int64);
        var coef = randn([2, 8], generator: new Generator(4));
        var coefEntropy = randn([2, 8], generator: new Generator(5));

        var scores = TokenScorer.Score(model, ids, mask, new ScoringOptions { Temperature = 0.9, ChunkTokens = 3, ComputeEntropy = true });
        ((scores.LogProbs * coef).sum() + (scores.Entropy! * coefEntropy).sum()).backward();
        var chunked = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        foreach (var p in model.parameters()) p.grad = null;

        var (logp, entropy) = Direct(model, ids, mask, 0.9);
        ((logp * coef).sum() + (entropy * coefEntropy).sum()).backward();
        foreach (var (name, p) in model.named_parameters())
        {
            float scale = Math.Max(1f, p.grad!.abs().max().item<float>());
            Assert.True(TinyModels.MaxAbsDiff(chunked[name], p.grad!) < 1e-4 * scale, name);
        }
    }

    [Fact]
    public void WithoutEntropyOnlyLogProbsComeBack()
    {
        using var model = TinyModels.Create();
        using var scope = NewDisposeScope();
        var scores = TokenScorer.Score(model, TinyModels.Ids(1, 4), ones([1, 4], ScalarType.Int64), new ScoringOptions());
        Assert.Null(scores.Entropy);
        Assert.True(scores.LogProbs.requires_grad);
        scores.LogProbs.sum().backward();
        Assert.NotNull(model.named_parameters().First().parameter.grad);
        Assert.Throws<ArgumentException>(() => TokenScorer.Score(model, TinyModels.Ids(1, 1), ones([1, 1]), new ScoringOptions()));
    }

    [Fact]
    public void AnEntropyOutputThatGetsNoGradientDoesNotBreakBackward()
    {
        using var model = TinyModels.Create();
        using var scope = NewDisposeScope();
        var ids = TinyModels.Ids(2, 6);
        var mask = ones([2, 6], ScalarType.Int64);
        var scores = TokenScorer.Score(model, ids, mask, new ScoringOptions { ChunkTokens = 4, ComputeEntropy = true });
        scores.LogProbs.sum().backward();   // the entropy is returned but not part of the loss
        var withEntropy = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        foreach (var p in model.parameters()) p.grad = null;

        TokenScorer.Score(model, ids, mask, new ScoringOptions { ChunkTokens = 4 }).LogProbs.sum().backward();
        foreach (var (name, p) in model.named_parameters())
            Assert.True(TinyModels.MaxAbsDiff(withEntropy[name], p.grad!) < 1e-6, name);
    }
}
