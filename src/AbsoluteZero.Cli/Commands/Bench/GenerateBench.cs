using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AbsoluteZero.Cli.Commands.Policy;
using AbsoluteZero.Model;
using AbsoluteZero.Rollout;
using static TorchSharp.torch;

namespace AbsoluteZero.Cli.Commands.Bench;

/// <summary>
/// `azr bench generate`: rollout-engine throughput (batched sampling, KV cache, EOS ignored) against a naive loop
/// measured in the same run, which re-runs the full sequence through the model for every new token (no cache).
/// </summary>
internal static class GenerateBench
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "A Hugging Face model directory (default: a random model of --shape)." };
        var shape = new Option<string>("--shape") { Description = "Random model shape: tiny, qwen2.5-0.5b, qwen2.5-7b, qwen3-0.6b.", DefaultValueFactory = _ => "tiny" };
        var batch = new Option<int>("--batch") { Description = "Rows decoded together.", DefaultValueFactory = _ => 8 };
        var promptLen = new Option<int>("--prompt-len", "--prompt-tokens") { Description = "Prompt tokens per row.", DefaultValueFactory = _ => 64 };
        var newTokens = new Option<int>("--new-tokens") { Description = "Tokens generated per row.", DefaultValueFactory = _ => 64 };
        var baselineTokens = new Option<int>("--baseline-tokens") { Description = "Tokens the naive no-cache baseline generates (it is slow).", DefaultValueFactory = _ => 8 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda, cuda:N.", DefaultValueFactory = _ => "auto" };
        var dtype = new Option<string>("--dtype") { Description = "fp32, bf16 or auto (bf16 on CUDA).", DefaultValueFactory = _ => "auto" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (the text goes to stderr)." };
        var threads = PolicyModels.ThreadsOption();
        var command = new Command("generate", "Rollout throughput (new tokens/s, ms per decode step) vs a naive no-KV-cache loop.")
            { model, shape, batch, promptLen, newTokens, baselineTokens, device, dtype, json, threads };
        command.SetAction((parse, ct) =>
        {
            PolicyModels.ApplyThreads(parse.GetValue(threads));
            var dev = PolicyModels.ParseDevice(parse.GetValue(device)!);
            var type = PolicyModels.ParseDtype(parse.GetValue(dtype)!, dev);
            int b = Positive(parse.GetValue(batch), "--batch"), p = Positive(parse.GetValue(promptLen), "--prompt-len");
            int n = Positive(parse.GetValue(newTokens), "--new-tokens"), nb = Math.Max(2, Positive(parse.GetValue(baselineTokens), "--baseline-tokens"));
            using var lm = parse.GetValue(model) is { } dir ? CausalLM.Load(dir, type, dev) : PolicyModels.Random(PolicyModels.ParseShape(parse.GetValue(shape)!), type, dev);
            Run(lm, b, p, n, nb, parse.GetValue(json), ct);
            return Task.FromResult(0);
        });
        return command;
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw new UsageException($"{name} must be positive, got {value}");

    private static void Run(CausalLM lm, int batch, int promptLen, int newTokens, int baselineTokens, bool json, CancellationToken ct)
    {
        var text = json ? Console.Error : Console.Out;
        var c = lm.Config;
        text.WriteLine($"model {c.HfArchitectureName} hidden {c.HiddenSize} layers {c.NumLayers} vocab {c.VocabSize}; {lm.DType} on {lm.Device}; batch {batch} x (prompt {promptLen} + {newTokens} new), EOS ignored");
        var rng = new Random(1);
        var prompts = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, promptLen).Select(_ => rng.Next(c.VocabSize)).ToArray()).ToArray();
        var engine = new RolloutEngine(lm);
        var options = new GenerationOptions { MaxNewTokens = newTokens, Temperature = 1.0, MaxBatchRows = batch, Seed = 1 };
        engine.Generate(new GenerationRequest(prompts, options with { MaxNewTokens = Math.Min(8, newTokens) }), ct);
        long peak = PolicyModels.GpuMemory(lm.Device) ?? 0;
        var result = engine.Generate(new GenerationRequest(prompts, options), ct);
        peak = Math.Max(peak, PolicyModels.GpuMemory(lm.Device) ?? 0);
        var s = result.Stats;
        double engineRate = s.GeneratedTokens / s.DecodeSeconds;
        double msPerStep = s.DecodeSeconds * 1000 / newTokens;
        text.WriteLine($"  engine:   prefill {s.PrefillSeconds * 1000:F1} ms, decode {msPerStep:F2} ms/step, {engineRate:F0} new tokens/s ({(s.GeneratedTokens) / (s.PrefillSeconds + s.DecodeSeconds):F0} incl. prefill)");

        double naiveMs = NaiveStepMs(lm, prompts, baselineTokens, ct);
        double naiveRate = batch / (naiveMs / 1000);
        text.WriteLine($"  baseline: no KV cache, full recompute per token ({baselineTokens} tokens): {naiveMs:F2} ms/step, {naiveRate:F0} new tokens/s");
        text.WriteLine($"  ratio:    {engineRate / naiveRate:F2}x baseline tokens/s");
        if (peak > 0) text.WriteLine($"  peak GPU memory (NVML, process): {PolicyModels.Gib(peak)}");
        if (json)
            Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["batch"] = batch, ["prompt_tokens"] = promptLen, ["new_tokens"] = newTokens, ["dtype"] = lm.DType.ToString(), ["device"] = lm.Device.ToString(),
                ["new_tokens_per_s"] = engineRate, ["ms_per_decode_step"] = msPerStep, ["prefill_ms"] = s.PrefillSeconds * 1000,
                ["naive_new_tokens_per_s"] = naiveRate, ["ratio_vs_naive"] = engineRate / naiveRate, ["peak_gpu_bytes"] = peak,
            }));
    }

    // The textbook loop: forward the whole sequence, take the last logits, sample, append. Timed per step.
    private static double NaiveStepMs(CausalLM lm, int[][] prompts, int tokens, CancellationToken ct)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        var ids = tensor(prompts.SelectMany(p => p.Select(x => (long)x)).ToArray(), [prompts.Length, prompts[0].Length], device: lm.Device);
        var generator = new Generator(1, lm.Device);
        var watch = new Stopwatch();
        for (int i = 0; i < tokens; i++)
        {
            ct.ThrowIfCancellationRequested();
            if (i == 1) { PolicyModels.Synchronize(lm.Device); watch.Start(); }
            using var step = NewDisposeScope();
            var logits = lm.Forward(ids).select(1, -1).to_type(ScalarType.Float32);
            var next = multinomial(logits.softmax(-1), 1, generator: generator);
            ids = cat([ids, next], 1).MoveToOuterDisposeScope();
        }
        PolicyModels.Synchronize(lm.Device);
        return watch.Elapsed.TotalMilliseconds / Math.Max(1, tokens - 1);
    }
}
