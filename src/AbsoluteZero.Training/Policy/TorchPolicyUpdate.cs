using AbsoluteZero.Model;
using AbsoluteZero.Training.Algorithms;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Policy;

public sealed partial class TorchPolicy
{
    /// <summary>
    /// One RL update (veRL <c>dp_actor.update_policy</c>): the batch is split into <c>algorithm.mini_batches</c>
    /// contiguous mini-batches, each an optimizer step, repeated for <c>algorithm.ppo_epochs</c> epochs; each mini-batch
    /// runs in micro-batches of <c>algorithm.micro_batch_size</c> sequences whose gradients accumulate, with the loss
    /// normalised by the whole mini-batch's token (or sequence) count so accumulation equals one big batch. Old
    /// log-probs are the policy's own before the update: taken from the same forward pass when there is a single
    /// optimizer step (ratio exactly 1), else from a no-grad scoring pass first. Every micro-batch runs in its own
    /// dispose scope.
    /// </summary>
    public UpdateResult Update(IReadOnlyList<TrainingSequence> batch, double learningRate)
    {
        var alg = _config.Algorithm;
        int n = batch.Count;
        if (n == 0) return new UpdateResult(0, 0, 0, 0, [], null);
        if (batch.Any(s => s.PromptIds.Length == 0 || s.ResponseIds.Length == 0))
            throw new ArgumentException("every training sequence needs a prompt and a response", nameof(batch));
        bool singleStep = alg.PpoEpochs == 1 && alg.MiniBatches == 1;
        var old = singleStep ? null : ScoreAll(_model, batch);
        var reference = _reference is null ? null : ScoreAll(_reference, batch);
        var entropy = new double[n];
        var kl = reference is null ? null : new double[n];
        double lossSum = 0, normSum = 0, clipSum = 0, approxSum = 0, tokenSum = 0;
        int optimizerSteps = 0;
        int miniSize = (n + alg.MiniBatches - 1) / alg.MiniBatches;
        for (int epoch = 0; epoch < alg.PpoEpochs; epoch++)
        {
            for (int start = 0; start < n; start += miniSize)
            {
                var mini = Enumerable.Range(start, Math.Min(miniSize, n - start)).ToArray();
                double normalizer = alg.LossAggregation == LossAggregation.TokenMean ? mini.Sum(i => (double)batch[i].ResponseIds.Length) : mini.Length;
                _optimizer.ZeroGrad();
                double miniLoss = 0;
                for (int m = 0; m < mini.Length; m += alg.MicroBatchSize)
                {
                    var micro = mini[m..Math.Min(mini.Length, m + alg.MicroBatchSize)];
                    using var scope = NewDisposeScope();
                    var (ids, attention, mask, advantages) = Pack(batch, micro);
                    var scores = TokenScorer.Score(_model, ids, attention, Scoring(computeEntropy: true));
                    var oldLogProbs = old is null ? scores.LogProbs.detach() : Gather(old, batch, micro, mask);
                    var refLogProbs = reference is null ? null : Gather(reference, batch, micro, mask);
                    using var terms = PolicyObjective.Compute(scores.LogProbs, oldLogProbs, advantages, mask, scores.Entropy, refLogProbs, alg, normalizer);
                    terms.Loss.backward();
                    miniLoss += terms.Loss.item<float>();
                    double tokens = mask.sum().item<float>();
                    clipSum += terms.ClipFraction.item<float>() * tokens;
                    approxSum += terms.ApproxKl.item<float>() * tokens;
                    tokenSum += tokens;
                    if (epoch == 0)
                    {
                        using var noGrad = no_grad();
                        var lengths = mask.sum(1).clamp_min(1);
                        var seqEntropy = ((scores.Entropy! * mask).sum(1) / lengths).to_type(ScalarType.Float64).data<double>().ToArray();
                        double[]? seqKl = refLogProbs is null ? null
                            : ((KlPenalty.Estimate(scores.LogProbs.detach(), refLogProbs, alg.KlEstimator) * mask).sum(1) / lengths).to_type(ScalarType.Float64).data<double>().ToArray();
                        for (int k = 0; k < micro.Length; k++)
                        {
                            entropy[micro[k]] = seqEntropy[k];
                            if (kl is not null) kl[micro[k]] = seqKl![k];
                        }
                    }
                }
                double clip = _config.Optimizer.GradClip > 0 ? _config.Optimizer.GradClip : double.MaxValue;
                normSum += _optimizer.ClipGradNorm(clip);
                _optimizer.Step(learningRate);
                _optimizer.ZeroGrad();
                lossSum += miniLoss;
                optimizerSteps++;
            }
        }
        return new UpdateResult(lossSum / optimizerSteps, normSum / optimizerSteps, tokenSum > 0 ? clipSum / tokenSum : 0,
            tokenSum > 0 ? approxSum / tokenSum : 0, entropy, kl);
    }

    /// <summary>Per sequence, the current log-probs of its response tokens (no grad).</summary>
    internal float[][] ResponseLogProbs(IReadOnlyList<TrainingSequence> batch) => ScoreAll(_model, batch);

    private ScoringOptions Scoring(bool computeEntropy) =>
        new() { Temperature = _config.Rollout.Temperature, ComputeEntropy = computeEntropy };

    /// <summary>No-grad log-probs of every sequence's response tokens (old policy or reference model), per sequence on the host.</summary>
    private float[][] ScoreAll(CausalLM model, IReadOnlyList<TrainingSequence> batch)
    {
        var result = new float[batch.Count][];
        using var noGrad = no_grad();
        for (int m = 0; m < batch.Count; m += _config.Algorithm.MicroBatchSize)
        {
            var micro = Enumerable.Range(m, Math.Min(_config.Algorithm.MicroBatchSize, batch.Count - m)).ToArray();
            using var scope = NewDisposeScope();
            var (ids, attention, _, _) = Pack(batch, micro);
            var logProbs = TokenScorer.Score(model, ids, attention, Scoring(computeEntropy: false)).LogProbs.cpu();
            for (int k = 0; k < micro.Length; k++)
            {
                var s = batch[micro[k]];
                result[micro[k]] = logProbs[k].narrow(0, s.PromptIds.Length - 1, s.ResponseIds.Length).data<float>().ToArray();
            }
        }
        return result;
    }

    /// <summary>Host-side per-sequence response values laid out like <paramref name="mask"/> ([b, L−1], zeros elsewhere).</summary>
    private Tensor Gather(float[][] values, IReadOnlyList<TrainingSequence> batch, int[] micro, Tensor mask)
    {
        long width = mask.shape[1];
        var flat = new float[micro.Length * width];
        for (int k = 0; k < micro.Length; k++)
        {
            // Response token j sits at log-prob position promptLength − 1 + j.
            int offset = (int)(k * width) + batch[micro[k]].PromptIds.Length - 1;
            values[micro[k]].CopyTo(flat, offset);
        }
        return tensor(flat, [micro.Length, width], device: _device);
    }

    /// <summary>
    /// Right-padded prompt+response ids [b, L], attention mask [b, L], response mask [b, L−1] over the log-prob
    /// positions that predict response tokens, and advantages [b, L−1] (the sequence advantage on every response token).
    /// </summary>
    private (Tensor Ids, Tensor Attention, Tensor Mask, Tensor Advantages) Pack(IReadOnlyList<TrainingSequence> batch, int[] micro)
    {
        int width = micro.Max(i => batch[i].PromptIds.Length + batch[i].ResponseIds.Length);
        var ids = new long[micro.Length * width];
        var attention = new long[micro.Length * width];
        var mask = new float[micro.Length * (width - 1)];
        var advantages = new float[micro.Length * (width - 1)];
        for (int k = 0; k < micro.Length; k++)
        {
            var s = batch[micro[k]];
            int p = s.PromptIds.Length, r = s.ResponseIds.Length;
            for (int t = 0; t < width; t++)
            {
                bool real = t < p + r;
                ids[k * width + t] = t < p ? s.PromptIds[t] : real ? s.ResponseIds[t - p] : _eos;
                attention[k * width + t] = real ? 1 : 0;
            }
            for (int j = 0; j < r; j++)
            {
                mask[k * (width - 1) + p - 1 + j] = 1f;
                advantages[k * (width - 1) + p - 1 + j] = (float)s.Advantage;
            }
        }
        return (tensor(ids, [micro.Length, width], device: _device), tensor(attention, [micro.Length, width], device: _device),
            tensor(mask, [micro.Length, width - 1], device: _device), tensor(advantages, [micro.Length, width - 1], device: _device));
    }
}
