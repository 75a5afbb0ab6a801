using AbsoluteZero.Model;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using static TorchSharp.torch;

namespace AbsoluteZero.Rollout.Tests;

public class RolloutEngineTests
{
    private const int Vocab = 61;

    private static CausalLM Tiny(long seed = 1)
    {
        TorchRuntime.Initialize();
        return CausalLM.CreateRandom(ModelConfig.Tiny(Vocab), seed, ScalarType.Float32, CPU);
    }

    private static GenerationResult Run(CausalLM model, GenerationOptions options, params int[][] prompts) =>
        new RolloutEngine(model).Generate(new GenerationRequest(prompts, options));

    [Fact]
    public void SameSeedSameSamplesDifferentSeedDifferentSamples()
    {
        using var model = Tiny();
        var o = new GenerationOptions { MaxNewTokens = 12, NumSamples = 3, Seed = 42, Temperature = 1.5 };
        var a = Run(model, o, [1, 2, 3], [4, 5]);
        var b = Run(model, o, [1, 2, 3], [4, 5]);
        var c = Run(model, o with { Seed = 43 }, [1, 2, 3], [4, 5]);
        Assert.Equal(a.Completions.Select(x => x.TokenIds), b.Completions.Select(x => x.TokenIds));
        Assert.Equal(a.Completions.Select(x => x.LogProbs), b.Completions.Select(x => x.LogProbs));
        Assert.NotEqual(a.Completions.Select(x => x.TokenIds), c.Completions.Select(x => x.TokenIds));
    }

    [Fact]
    public void ForkGivesNSamplesPerPromptInPromptMajorOrder()
    {
        using var model = Tiny();
        var r = Run(model, new GenerationOptions { MaxNewTokens = 6, NumSamples = 4, Temperature = 2.0 }, [1, 2], [3, 4, 5], [6]);
        Assert.Equal(12, r.Completions.Count);
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal(i / 4, r.Completions[i].PromptIndex);
            Assert.Equal(i % 4, r.Completions[i].SampleIndex);
            Assert.Equal(6, r.Completions[i].TokenIds.Length);
            Assert.Equal(FinishReason.Length, r.Completions[i].FinishReason);
            Assert.All(r.Completions[i].LogProbs, lp => Assert.True(lp <= 0 && float.IsFinite(lp)));
        }
        Assert.True(r.Completions.Take(4).Select(c => string.Join(",", c.TokenIds)).Distinct().Count() > 1, "samples of one prompt should differ at temperature 2");
        Assert.Equal(6, r.Stats.PromptTokens);
        Assert.Equal(72, r.Stats.GeneratedTokens);
    }

    [Fact]
    public void SmallBatchRowsGiveTheSameGreedyResults()
    {
        using var model = Tiny();
        var o = new GenerationOptions { MaxNewTokens = 7, Temperature = 0, NumSamples = 2 };
        var whole = Run(model, o, [1, 2], [3, 4, 5], [6]);
        var split = Run(model, o with { MaxBatchRows = 2 }, [1, 2], [3, 4, 5], [6]);
        Assert.Equal(whole.Completions.Select(x => x.TokenIds), split.Completions.Select(x => x.TokenIds));
    }

    [Fact]
    public void LeftPaddingGivesTheSameGreedyContinuationAsAlone()
    {
        using var model = Tiny(3);
        var o = new GenerationOptions { MaxNewTokens = 10, Temperature = 0 };
        var alone = Run(model, o, [7, 8]);
        var batched = Run(model, o, [1, 2, 3, 4, 5, 6, 9], [7, 8]);
        Assert.Equal(alone.Completions[0].TokenIds, batched.Completions[1].TokenIds);
        using var scope = NewDisposeScope();
        var direct = model.Forward(tensor(new long[] { 7, 8 }, [1, 2]));
        Assert.Equal(direct[0, -1].argmax().item<long>(), alone.Completions[0].TokenIds[0]);
    }

    [Fact]
    public void SampledLogProbsAreTheTemperedLogSoftmax()
    {
        using var model = Tiny();
        var r = Run(model, new GenerationOptions { MaxNewTokens = 1, Temperature = 0.7, Seed = 5 }, [3, 1, 4]);
        var c = r.Completions[0];
        using var scope = NewDisposeScope();
        var logits = model.Forward(tensor(new long[] { 3, 1, 4 }, [1, 3]))[0, -1] / 0.7;
        float expected = logits.log_softmax(-1)[c.TokenIds[0]].item<float>();
        Assert.Equal(expected, c.LogProbs[0], 4);
    }

    [Fact]
    public void TopKOneIsGreedy()
    {
        using var model = Tiny();
        var greedy = Run(model, new GenerationOptions { MaxNewTokens = 8, Temperature = 0 }, [2, 3]);
        var topk = Run(model, new GenerationOptions { MaxNewTokens = 8, Temperature = 1, TopK = 1, Seed = 9 }, [2, 3]);
        var topp = Run(model, new GenerationOptions { MaxNewTokens = 8, Temperature = 1, TopP = 1e-6, Seed = 9 }, [2, 3]);
        Assert.Equal(greedy.Completions[0].TokenIds, topk.Completions[0].TokenIds);
        Assert.Equal(greedy.Completions[0].TokenIds, topp.Completions[0].TokenIds);
        Assert.All(topk.Completions[0].LogProbs, lp => Assert.Equal(0f, lp, 5));
    }

    [Fact]
    public void StopTokenEndsTheCompletionAndIsKept()
    {
        using var model = Tiny();
        var free = Run(model, new GenerationOptions { MaxNewTokens = 20, Temperature = 0 }, [5, 6]).Completions[0];
        int stop = free.TokenIds[4];
        int at = Array.IndexOf(free.TokenIds, stop);
        var r = Run(model, new GenerationOptions { MaxNewTokens = 20, Temperature = 0, StopTokenIds = [stop], FinishCheckInterval = 3 }, [5, 6]);
        var c = r.Completions[0];
        Assert.Equal(FinishReason.Stop, c.FinishReason);
        Assert.Equal(stop, c.StopTokenId);
        Assert.Equal(free.TokenIds.Take(at + 1), c.TokenIds);
        Assert.Equal(at + 1, c.LogProbs.Length);
    }

    [Fact]
    public void StopStringEndsAtTheTokenCompletingIt()
    {
        using var model = Tiny();
        static string Decode(IReadOnlyList<int> ids) => string.Concat(ids.Select(i => $"<{i}>"));
        var free = Run(model, new GenerationOptions { MaxNewTokens = 16, Temperature = 0 }, [5, 6]).Completions[0];
        // A stop string spanning tokens 5 and 6 (partially into token 6's text).
        string stop = $"{free.TokenIds[5]}><{free.TokenIds[6]}";
        var streamed = new List<int>();
        var request = new GenerationRequest([[5, 6]], new GenerationOptions { MaxNewTokens = 16, Temperature = 0, StopStrings = [stop], FinishCheckInterval = 4 })
        {
            Decode = Decode,
            OnTokens = (row, ids) => streamed.AddRange(ids),
        };
        var c = new RolloutEngine(model).Generate(request).Completions[0];
        int expectedLength = Enumerable.Range(1, 7).First(k => Decode(free.TokenIds.Take(k).ToList()).Contains(stop));
        Assert.Equal(FinishReason.Stop, c.FinishReason);
        Assert.Equal(stop, c.StopString);
        Assert.Null(c.StopTokenId);
        Assert.Equal(free.TokenIds.Take(expectedLength), c.TokenIds);
        Assert.Equal(c.TokenIds, streamed);
    }

    [Fact]
    public void LengthLimitAndBadRequestsAreReported()
    {
        using var model = Tiny();
        var c = Run(model, new GenerationOptions { MaxNewTokens = 5, StopTokenIds = [Vocab + 1] }, [1]).Completions[0];
        Assert.Equal(FinishReason.Length, c.FinishReason);
        Assert.Equal(5, c.TokenIds.Length);
        var engine = new RolloutEngine(model);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => engine.Generate(new GenerationRequest([[]], new GenerationOptions()))).Message);
        Assert.Contains("vocabulary", Assert.Throws<ArgumentException>(() => engine.Generate(new GenerationRequest([[Vocab]], new GenerationOptions()))).Message);
        Assert.Contains("Decode", Assert.Throws<ArgumentException>(() => engine.Generate(new GenerationRequest([[1]], new GenerationOptions { StopStrings = ["x"] }))).Message);
    }
}
