using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AbsoluteZero.Cli.Commands.Policy;
using AbsoluteZero.Model;
using AbsoluteZero.Model.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Cli.Commands.Bench;

/// <summary>
/// `azr bench train-step`: one policy-gradient step (forward, chunked token log-probs, backward, clip, AdamW with
/// fp32 master weights) in the chosen dtype, against the unfused fp32 step measured in the same run (full fp32
/// logits, log_softmax over the vocabulary, TorchSharp's AdamW).
/// </summary>
internal static class TrainStepBench
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "A Hugging Face model directory (default: a random model of --shape)." };
        var shape = new Option<string>("--shape") { Description = "Random model shape: tiny, qwen2.5-0.5b, qwen2.5-7b, qwen3-0.6b.", DefaultValueFactory = _ => "tiny" };
        var batch = new Option<int>("--batch") { Description = "Sequences per step.", DefaultValueFactory = _ => 8 };
        var seqLen = new Option<int>("--seq-len", "--seq") { Description = "Tokens per sequence.", DefaultValueFactory = _ => 256 };
        var steps = new Option<int>("--steps") { Description = "Timed steps (after one warm-up step).", DefaultValueFactory = _ => 3 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda, cuda:N.", DefaultValueFactory = _ => "auto" };
        var dtype = new Option<string>("--dtype") { Description = "Our step's parameter dtype: fp32, bf16 or auto (bf16 on CUDA).", DefaultValueFactory = _ => "auto" };
        var skipBaseline = new Option<bool>("--no-baseline") { Description = "Skip the fp32 baseline (e.g. when it does not fit in memory)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (the text goes to stderr)." };
        var threads = PolicyModels.ThreadsOption();
        var command = new Command("train-step", "Policy-gradient training step tokens/s vs an unfused fp32 step.")
            { model, shape, batch, seqLen, steps, device, dtype, skipBaseline, json, threads };
        command.SetAction((parse, ct) =>
        {
            PolicyModels.ApplyThreads(parse.GetValue(threads));
            var dev = PolicyModels.ParseDevice(parse.GetValue(device)!);
            var type = PolicyModels.ParseDtype(parse.GetValue(dtype)!, dev);
            int b = parse.GetValue(batch), t = parse.GetValue(seqLen), n = parse.GetValue(steps);
            if (b < 1 || t < 2 || n < 1) throw new UsageException("--batch and --steps must be positive and --seq-len at least 2");
            string? dir = parse.GetValue(model);
            var config = dir is null ? PolicyModels.ParseShape(parse.GetValue(shape)!) : null;
            CausalLM Make(ScalarType dt) => dir is not null ? CausalLM.Load(dir, dt, dev) : PolicyModels.Random(config!, dt, dev);
            Run(Make, type, dev, b, t, n, !parse.GetValue(skipBaseline), parse.GetValue(json), ct);
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Run(Func<ScalarType, CausalLM> make, ScalarType dtype, Device device, int batch, int seqLen, int steps, bool baseline, bool json, CancellationToken ct)
    {
        var text = json ? Console.Error : Console.Out;
        var report = new Dictionary<string, object> { ["batch"] = batch, ["seq_len"] = seqLen, ["dtype"] = dtype.ToString(), ["device"] = device.ToString() };
        long tokens = (long)batch * seqLen;
        double ours, peakOurs;
        using (var lm = make(dtype))
        {
            var config = lm.Config;
            text.WriteLine($"model {config.HfArchitectureName} hidden {config.HiddenSize} layers {config.NumLayers} vocab {config.VocabSize} on {device}; B = {batch} x {seqLen} tokens");
            using var opt = new MixedPrecisionAdamW(lm.named_parameters().Select(p => (p.name, p.parameter)), new AdamWOptions());
            (ours, peakOurs) = Time(lm, steps, ct, (ids, mask, adv) =>
            {
                var scores = TokenScorer.Score(lm, ids, mask, new ScoringOptions { ChunkTokens = 4096 });
                Loss(scores.LogProbs, adv).backward();
                opt.ClipGradNorm(1.0);
                opt.Step();
                opt.ZeroGrad();
            }, batch, seqLen);
        }
        text.WriteLine($"  ours ({dtype} params, fp32 master + moments, chunked log-probs): {tokens / ours:F0} tokens/s, {ours * 1000:F1} ms/step" +
                              (peakOurs > 0 ? $", peak GPU {PolicyModels.Gib((long)peakOurs)}" : ""));
        report["tokens_per_s"] = tokens / ours;
        report["ms_per_step"] = ours * 1000;
        report["peak_gpu_bytes"] = (long)peakOurs;
        if (baseline) RunBaseline(make, steps, batch, seqLen, ours, text, report, ct);
        if (json) Console.Out.WriteLine(JsonSerializer.Serialize(report));
    }

    private static void RunBaseline(Func<ScalarType, CausalLM> make, int steps, int batch, int seqLen, double ours, TextWriter text,
        Dictionary<string, object> report, CancellationToken ct)
    {
        long tokens = (long)batch * seqLen;

        using (var lm = make(ScalarType.Float32))
        {
            var parameters = lm.parameters().ToList();
            using var opt = optim.AdamW(parameters, lr: 1e-6, weight_decay: 0.01);
            var (theirs, peakTheirs) = Time(lm, steps, ct, (ids, mask, adv) =>
            {
                var logits = lm.Forward(ids, mask).narrow(1, 0, seqLen - 1).to_type(ScalarType.Float32);
                var logp = logits.log_softmax(-1).gather(2, ids.narrow(1, 1, seqLen - 1).unsqueeze(2)).squeeze(2);
                Loss(logp, adv).backward();
                nn.utils.clip_grad_norm_(parameters, 1.0);
                opt.step();
                opt.zero_grad();
            }, batch, seqLen);
            text.WriteLine($"  baseline (fp32 params, full fp32 logits, TorchSharp AdamW): {tokens / theirs:F0} tokens/s, {theirs * 1000:F1} ms/step" +
                                  (peakTheirs > 0 ? $", peak GPU {PolicyModels.Gib((long)peakTheirs)} (includes memory cached from ours)" : ""));
            text.WriteLine($"  ratio: {theirs / ours:F2}x baseline tokens/s");
            report["baseline_tokens_per_s"] = tokens / theirs;
            report["ratio_vs_fp32_unfused"] = theirs / ours;
        }
    }

    private static Tensor Loss(Tensor logp, Tensor advantages) => -(logp * advantages).mean();

    private static (double SecondsPerStep, double PeakBytes) Time(CausalLM lm, int steps, CancellationToken ct,
        Action<Tensor, Tensor, Tensor> step, int batch, int seqLen)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(7, lm.Device);
        var ids = randint(0, lm.Config.VocabSize, [batch, seqLen], ScalarType.Int64, lm.Device, generator: generator);
        var mask = ones([batch, seqLen], ScalarType.Int64, lm.Device);
        var advantages = randn([batch, seqLen - 1], ScalarType.Float32, lm.Device, generator: generator);
        long peak = 0;
        var watch = new Stopwatch();
        for (int i = 0; i <= steps; i++)
        {
            ct.ThrowIfCancellationRequested();
            if (i == 1) { PolicyModels.Synchronize(lm.Device); watch.Start(); }
            using (NewDisposeScope()) step(ids, mask, advantages);
            peak = Math.Max(peak, PolicyModels.GpuMemory(lm.Device) ?? 0);
        }
        PolicyModels.Synchronize(lm.Device);
        return (watch.Elapsed.TotalSeconds / steps, peak);
    }
}
