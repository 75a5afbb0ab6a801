using System.Diagnostics;
using AbsoluteZero.Model;
using static TorchSharp.torch;

namespace AbsoluteZero.Rollout;

/// <summary>
/// Batched sampling from a <see cref="CausalLM"/> (nanochat's engine design): prompts left-padded into one batch,
/// prefilled once into a preallocated <see cref="KvCache"/>, the cache forked to NumSamples rows per prompt, then
/// one decode step per token for all rows. The host looks at the generated ids only every
/// <see cref="GenerationOptions.FinishCheckInterval"/> steps (stop tokens, stop strings, streaming, early exit), so
/// the device is never made to wait on the host per token. Knows token ids, not text (text only via the request's
/// Decode for stop strings).
/// </summary>
public sealed class RolloutEngine(CausalLM model)
{
    /// <summary>The model sampled from.</summary>
    public CausalLM Model { get; } = model;

    /// <summary>Generates NumSamples completions for every prompt.</summary>
    public GenerationResult Generate(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var o = request.Options;
        Validate(request);
        int n = o.NumSamples;
        int promptsPerBatch = Math.Max(1, o.MaxBatchRows / n);
        var completions = new List<Completion>(request.Prompts.Count * n);
        var generator = new Generator((ulong)o.Seed, Model.Device);
        double prefill = 0, decode = 0;
        using var noGrad = inference_mode();
        for (int first = 0; first < request.Prompts.Count; first += promptsPerBatch)
        {
            int count = Math.Min(promptsPerBatch, request.Prompts.Count - first);
            var (batch, p, d) = RunBatch(request, first, count, generator, cancellationToken);
            completions.AddRange(batch);
            prefill += p;
            decode += d;
        }
        long promptTokens = request.Prompts.Sum(x => (long)x.Length);
        long generated = completions.Sum(c => (long)c.TokenIds.Length);
        return new GenerationResult(completions, new GenerationStats(promptTokens, generated, prefill, decode));
    }

    private (List<Completion>, double Prefill, double Decode) RunBatch(GenerationRequest request, int first, int count,
        Generator generator, CancellationToken ct)
    {
        var o = request.Options;
        int n = o.NumSamples, rows = count * n;
        var prompts = request.Prompts.Skip(first).Take(count).ToArray();
        int promptLen = prompts.Max(x => x.Length);
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();

        var (ids, mask) = LeftPad(prompts, promptLen);
        Tensor logits;
        KvCache cache;
        using (var prefillCache = KvCache.Create(Model, count, promptLen))
        {
            logits = Model.ForwardCached(ids, prefillCache, mask, lastTokenOnly: true).squeeze(1);
            cache = prefillCache.Fork(n, promptLen + o.MaxNewTokens);
        }
        using var _ = cache;
        if (n > 1) logits = logits.repeat_interleave(n, 0);
        Synchronize();
        double prefillSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();

        var tokens = zeros([rows, o.MaxNewTokens], ScalarType.Int64, Model.Device);
        var logps = zeros([rows, o.MaxNewTokens], ScalarType.Float32, Model.Device);
        var trackers = Enumerable.Range(0, rows).Select(_ => new RowTracker(o.StopTokenIds, o.StopStrings, request.Decode)).ToArray();
        int checkedUpTo = 0;
        for (int step = 0; step < o.MaxNewTokens; step++)
        {
            using var stepScope = NewDisposeScope();
            var (token, logp) = Sampler.Sample(logits, o, generator);
            tokens.narrow(1, step, 1).copy_(token.unsqueeze(1));
            logps.narrow(1, step, 1).copy_(logp.unsqueeze(1));
            bool last = step == o.MaxNewTokens - 1;
            if (last || (step + 1) % o.FinishCheckInterval == 0)
            {
                ct.ThrowIfCancellationRequested();
                bool allDone = Check(tokens.narrow(1, checkedUpTo, step + 1 - checkedUpTo), trackers, first * n, request.OnTokens);
                checkedUpTo = step + 1;
                if (allDone) break;
            }
            if (last) continue;
            var next = Model.ForwardCached(token.unsqueeze(1), cache).squeeze(1).MoveToOuterDisposeScope();
            logits.Dispose();
            logits = next;
        }
        var hostLogps = logps.cpu().data<float>().ToArray();
        Synchronize();
        double decodeSeconds = clock.Elapsed.TotalSeconds;

        var result = new List<Completion>(rows);
        for (int r = 0; r < rows; r++)
        {
            var t = trackers[r];
            var tokenIds = t.Ids.ToArray();
            var lp = new float[tokenIds.Length];
            Array.Copy(hostLogps, (long)r * o.MaxNewTokens, lp, 0, tokenIds.Length);
            result.Add(new Completion(first + r / n, r % n, prompts[r / n], tokenIds, lp,
                t.Finished ? FinishReason.Stop : FinishReason.Length, t.StopTokenId, t.StopString));
        }
        return (result, prefillSeconds, decodeSeconds);
    }

    /// <summary>Copies the ids generated since the last check to the host and updates every row; true when all finished.</summary>
    private static bool Check(Tensor newTokens, RowTracker[] trackers, int rowBase, Action<int, IReadOnlyList<int>>? onTokens)
    {
        long width = newTokens.shape[1];
        var host = newTokens.cpu().data<long>().ToArray();
        bool allDone = true;
        for (int r = 0; r < trackers.Length; r++)
        {
            if (trackers[r].Finished) continue;
            var added = trackers[r].Append(host.AsSpan(r * (int)width, (int)width));
            if (added.Count > 0) onTokens?.Invoke(rowBase + r, added);
            allDone &= trackers[r].Finished;
        }
        return allDone;
    }

    private (Tensor Ids, Tensor Mask) LeftPad(int[][] prompts, int length)
    {
        var ids = new long[prompts.Length * length];
        var mask = new long[prompts.Length * length];
        for (int i = 0; i < prompts.Length; i++)
        {
            int pad = length - prompts[i].Length;
            for (int j = 0; j < prompts[i].Length; j++)
            {
                ids[i * length + pad + j] = prompts[i][j];
                mask[i * length + pad + j] = 1;
            }
        }
        return (tensor(ids, [prompts.Length, length], device: Model.Device), tensor(mask, [prompts.Length, length], device: Model.Device));
    }

    private void Synchronize()
    {
        if (Model.Device.type == TorchSharp.DeviceType.CUDA) cuda.synchronize();
    }

    private void Validate(GenerationRequest request)
    {
        var o = request.Options;
        if (request.Prompts.Count == 0) throw new ArgumentException("no prompts to generate from");
        if (o.MaxNewTokens < 1) throw new ArgumentException($"max_new_tokens must be at least 1, got {o.MaxNewTokens}");
        if (o.NumSamples < 1) throw new ArgumentException($"num_samples must be at least 1, got {o.NumSamples}");
        if (o.Temperature < 0) throw new ArgumentException($"temperature must be ≥ 0, got {o.Temperature}");
        if (o.TopP is <= 0 or > 1) throw new ArgumentException($"top_p must be in (0, 1], got {o.TopP}");
        if (o.TopK < 0) throw new ArgumentException($"top_k must be ≥ 0, got {o.TopK}");
        if (o.FinishCheckInterval < 1) throw new ArgumentException($"finish_check_interval must be at least 1, got {o.FinishCheckInterval}");
        if (o.MaxBatchRows < 1) throw new ArgumentException($"max_batch_rows must be at least 1, got {o.MaxBatchRows}");
        if (o.StopStrings.Count > 0 && request.Decode is null) throw new ArgumentException("stop strings need a Decode function in the request");
        int vocab = Model.Config.VocabSize;
        for (int i = 0; i < request.Prompts.Count; i++)
        {
            var p = request.Prompts[i];
            if (p.Length == 0) throw new ArgumentException($"prompt {i} is empty");
            if (p.Any(id => id < 0 || id >= vocab)) throw new ArgumentException($"prompt {i} has a token id outside the vocabulary [0, {vocab})");
            if (p.Length + o.MaxNewTokens > Model.Config.MaxPositionEmbeddings)
                throw new ArgumentException($"prompt {i} ({p.Length} tokens) + max_new_tokens {o.MaxNewTokens} exceeds max_position_embeddings {Model.Config.MaxPositionEmbeddings}");
        }
    }
}
