using AbsoluteZero.Audit.Semantic;
using AbsoluteZero.Model;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Safety;

/// <summary>Fine-tuning hyper-parameters; the defaults are those the built-in classifier was trained with.</summary>
/// <param name="TrainFrom">First encoder layer that is trained (0–6); the layers below and the embeddings stay frozen.</param>
/// <param name="Epochs">Passes over the training rows.</param>
/// <param name="BatchSize">Rows per optimiser step.</param>
/// <param name="LearningRate">Peak AdamW step size of the encoder layers (linear warm-up over 10 % of the steps, then linear decay).</param>
/// <param name="HeadLearningRate">Peak step size of the freshly initialised category head.</param>
/// <param name="PositiveWeight">Multiplies the loss of positive labels: each category is a few percent of the rows.</param>
/// <param name="Seed">Shuffling and dropout seed.</param>
/// <param name="LabelSmoothing">Targets become ε and 1 − ε: keeps probabilities off 0 and 1, so thresholds stay meaningful on new text.</param>
public sealed record FineTuneOptions(int TrainFrom = 2, int Epochs = 3, int BatchSize = 16, double LearningRate = 5e-5,
    double HeadLearningRate = 2e-3, double PositiveWeight = 4, int Seed = 1234, double LabelSmoothing = 0.05);

/// <summary>One training row: text, a 0/1 target per category, and which targets count (an <c>also</c> category does not).</summary>
public sealed record SafetyRow(string Text, float[] Targets, float[] Weights);

/// <summary>
/// Fine-tunes <see cref="SafetyNet"/> on labelled snippets: every snippet whole, plus each sentence window of innocent
/// snippets as a further negative (the flagger scores windows, so benign fragments must score low). Binary
/// cross-entropy per category; deterministic for a seed.
/// </summary>
public static class SafetyFineTuner
{
    /// <summary>The training rows of <paramref name="snippets"/>.</summary>
    public static List<SafetyRow> Rows(IReadOnlyList<LabelledSnippet> snippets, IReadOnlyList<string> categories)
    {
        var rows = new List<SafetyRow>();
        foreach (var s in snippets)
        {
            float[] targets = [.. categories.Select(c => s.Categories.Contains(c) ? 1f : 0f)];
            float[] weights = [.. categories.Select(c => s.Also.Contains(c) && !s.Categories.Contains(c) ? 0f : 1f)];
            rows.Add(new SafetyRow(TextWindows.Collapse(s.Text), targets, weights));
            if (s.Categories.Count > 0) continue;
            foreach (var w in TextWindows.Split(s.Text).Where(w => w.Text != rows[^1].Text))
                rows.Add(new SafetyRow(w.Text, targets, weights));
        }
        return rows;
    }

    /// <summary>Trains <paramref name="net"/> in place; <paramref name="progress"/> gets a line every 50 steps.</summary>
    public static void Train(SafetyNet net, IReadOnlyList<SafetyRow> rows, FineTuneOptions options, Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var tokens = rows.Select(r => MiniLmEmbedder.TokenIds(r.Text, SafetyNet.MaxTokens)).ToArray();
        var trainable = net.Trainable().ToList();
        foreach (var p in net.parameters()) p.requires_grad = false;
        foreach (var (_, p) in trainable) p.requires_grad = true;
        using var encoderOpt = new MixedPrecisionAdamW(trainable.Where(p => !p.Name.StartsWith("head.", StringComparison.Ordinal)), new AdamWOptions { LearningRate = options.LearningRate });
        using var headOpt = new MixedPrecisionAdamW(trainable.Where(p => p.Name.StartsWith("head.", StringComparison.Ordinal)), new AdamWOptions { LearningRate = options.HeadLearningRate, WeightDecay = 0 });
        var random = new Random(options.Seed);
        manual_seed(options.Seed);
        int stepsPerEpoch = (rows.Count + options.BatchSize - 1) / options.BatchSize, total = stepsPerEpoch * options.Epochs, warmup = Math.Max(1, total / 10);
        int step = 0;
        double runningLoss = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        net.train();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var order = Enumerable.Range(0, rows.Count).OrderBy(_ => random.Next()).ToArray();
            for (int b = 0; b < order.Length; b += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var idx = order.AsSpan(b, Math.Min(options.BatchSize, order.Length - b)).ToArray();
                double scale = step < warmup ? (step + 1.0) / warmup : Math.Max(0, (total - step) / (double)(total - warmup));
                using (var scope = NewDisposeScope())
                {
                    var (ids, mask) = SafetyNet.Batch([.. idx.Select(i => tokens[i])]);
                    var logits = net.Forward(ids.to(net.Device), mask.to(net.Device));
                    var targets = tensor(idx.SelectMany(i => rows[i].Targets).ToArray(), [idx.Length, net.Categories.Count]).to(net.Device);
                    var weights = tensor(idx.SelectMany(i => rows[i].Weights).ToArray(), [idx.Length, net.Categories.Count]).to(net.Device);
                    var smoothed = targets * (1 - 2 * options.LabelSmoothing) + options.LabelSmoothing;
                    var perLabel = nn.functional.binary_cross_entropy_with_logits(logits, smoothed, reduction: nn.Reduction.None);
                    var loss = (perLabel * weights * (1 + (options.PositiveWeight - 1) * targets)).sum() / weights.sum().clamp_min(1);
                    encoderOpt.ZeroGrad(); headOpt.ZeroGrad();
                    loss.backward();
                    encoderOpt.ClipGradNorm(1.0);
                    encoderOpt.Step(options.LearningRate * scale);
                    headOpt.Step(options.HeadLearningRate * scale);
                    runningLoss += loss.item<float>();
                }
                step++;
                if (step % 50 == 0 || step == total)
                {
                    progress?.Invoke($"step {step}/{total} (epoch {epoch + 1}) loss {runningLoss / (step % 50 == 0 ? 50 : step % 50):F4} {clock.Elapsed.TotalSeconds:F0}s");
                    runningLoss = 0;
                }
            }
        }
        net.eval();
    }

    /// <summary>P(category) per window, grouped per text: [texts][windows][categories]; all windows are scored in one batched pass.</summary>
    public static float[][][] ScoreGrouped(SafetyNet net, IReadOnlyList<IReadOnlyList<string>> windowsPerText)
    {
        var flat = Score(net, [.. windowsPerText.SelectMany(w => w)]);
        var result = new float[windowsPerText.Count][][];
        int next = 0;
        for (int t = 0; t < result.Length; t++)
        {
            result[t] = flat[next..(next + windowsPerText[t].Count)];
            next += windowsPerText[t].Count;
        }
        return result;
    }

    /// <summary>P(category) [windows][categories] of each window text, in batches of similar length.</summary>
    public static float[][] Score(SafetyNet net, IReadOnlyList<string> texts, int batchSize = 64)
    {
        var result = new float[texts.Count][];
        var tokens = texts.Select(t => MiniLmEmbedder.TokenIds(t, SafetyNet.MaxTokens)).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        using var _ = no_grad();
        for (int b = 0; b < order.Length; b += batchSize)
        {
            using var scope = NewDisposeScope();
            var idx = order.AsSpan(b, Math.Min(batchSize, order.Length - b)).ToArray();
            var (ids, mask) = SafetyNet.Batch([.. idx.Select(i => tokens[i])]);
            var probs = net.Forward(ids.to(net.Device), mask.to(net.Device)).sigmoid().cpu().data<float>().ToArray();
            int c = net.Categories.Count;
            for (int k = 0; k < idx.Length; k++) result[idx[k]] = probs[(k * c)..((k + 1) * c)];
        }
        return result;
    }
}
