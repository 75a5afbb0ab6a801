using System.CommandLine;
using AbsoluteZero.Cli.Commands.Policy;
using AbsoluteZero.Model;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Rollout;
using AbsoluteZero.Tokenization;
using static TorchSharp.torch;

namespace AbsoluteZero.Cli.Commands;

/// <summary>
/// `azr generate`: samples continuations of a raw text prompt (no chat template: Absolute Zero feeds base models the
/// raw prompt) and streams them to the console. One sample streams token by token; several print one after another.
/// </summary>
public static class GenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = $"A Hugging Face model directory, or '{PolicyModels.TinyPreset}' (random tiny model + built-in tiny tokenizer).", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "The prompt text.", Required = true };
        var samples = new Option<int>("-n") { Description = "Completions to sample.", DefaultValueFactory = _ => 1 };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature; 0 = greedy.", DefaultValueFactory = _ => 1.0 };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling mass (1 = off).", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int>("--top-k") { Description = "Keep the k most likely tokens (0 = off).", DefaultValueFactory = _ => 0 };
        var maxNew = new Option<int>("--max-new-tokens") { Description = "Tokens to generate at most.", DefaultValueFactory = _ => 256 };
        var seed = new Option<long>("--seed") { Description = "Sampling seed (also the random tiny model's seed).", DefaultValueFactory = _ => 0 };
        var stop = new Option<string[]>("--stop") { Description = "A stop string (repeatable); the end-of-sequence token always stops.", AllowMultipleArgumentsPerToken = false };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda, cuda:N.", DefaultValueFactory = _ => "auto" };
        var dtype = new Option<string>("--dtype") { Description = "fp32, bf16 or auto (bf16 on CUDA, fp32 on the CPU).", DefaultValueFactory = _ => "auto" };
        var threads = PolicyModels.ThreadsOption();
        var command = new Command("generate", "Sample continuations of a prompt with a Hugging Face model, streaming to the console.")
            { model, prompt, samples, temperature, topP, topK, maxNew, seed, stop, device, dtype, threads };
        command.SetAction((parse, ct) =>
        {
            PolicyModels.ApplyThreads(parse.GetValue(threads));
            var dev = PolicyModels.ParseDevice(parse.GetValue(device)!);
            var type = PolicyModels.ParseDtype(parse.GetValue(dtype)!, dev);
            var options = new GenerationOptions
            {
                NumSamples = parse.GetValue(samples),
                Temperature = parse.GetValue(temperature),
                TopP = parse.GetValue(topP),
                TopK = parse.GetValue(topK),
                MaxNewTokens = parse.GetValue(maxNew),
                Seed = parse.GetValue(seed),
                StopStrings = parse.GetValue(stop) ?? [],
            };
            Check(options);
            var (lm, tokenizer) = Load(parse.GetValue(model)!, type, dev, options.Seed);
            using (lm) Run(lm, tokenizer, parse.GetValue(prompt)!, options, ct);
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Check(GenerationOptions o)
    {
        if (o.NumSamples < 1) throw new UsageException($"-n must be at least 1, got {o.NumSamples}");
        if (o.MaxNewTokens < 1) throw new UsageException($"--max-new-tokens must be at least 1, got {o.MaxNewTokens}");
        if (o.Temperature < 0) throw new UsageException($"--temperature must be ≥ 0, got {o.Temperature}");
        if (o.TopP is <= 0 or > 1) throw new UsageException($"--top-p must be in (0, 1], got {o.TopP}");
        if (o.TopK < 0) throw new UsageException($"--top-k must be ≥ 0, got {o.TopK}");
    }

    private static (CausalLM Model, HfTokenizer Tokenizer) Load(string spec, ScalarType dtype, Device device, long seed)
    {
        if (spec == PolicyModels.TinyPreset)
        {
            var tiny = HfTokenizer.LoadEmbeddedTiny();
            return (PolicyModels.Random(ModelConfig.Tiny(tiny.VocabSize), dtype, device, seed), tiny);
        }
        var tokenizer = HfTokenizer.Load(spec);
        return (CausalLM.Load(spec, dtype, device), tokenizer);
    }

    private static void Run(CausalLM lm, HfTokenizer tokenizer, string prompt, GenerationOptions options, CancellationToken ct)
    {
        var ids = tokenizer.Encode(prompt);
        if (ids.Length == 0) throw new UsageException("--prompt encodes to no tokens");
        var stopIds = new[] { tokenizer.EosTokenId, lm.Config.EosTokenId }.OfType<int>().Distinct().ToArray();
        options = options with { StopTokenIds = stopIds };
        bool stream = options.NumSamples == 1;
        var decoder = tokenizer.CreateIncrementalDecoder();
        var request = new GenerationRequest([ids], options)
        {
            Decode = generated => tokenizer.Decode(generated),
            OnTokens = stream ? (_, newIds) => { foreach (var id in newIds) Console.Out.Write(decoder.Append(id)); Console.Out.Flush(); } : null,
        };
        if (stream) Console.Out.Write(prompt);
        var result = new RolloutEngine(lm).Generate(request, ct);
        if (stream) Console.Out.WriteLine(decoder.Flush());
        foreach (var c in stream ? [] : result.Completions)
        {
            Console.Out.WriteLine($"--- sample {c.SampleIndex} ({Describe(c)}) ---");
            Console.Out.WriteLine(prompt + tokenizer.Decode(c.TokenIds));
        }
        var s = result.Stats;
        string finish = stream ? $", {Describe(result.Completions[0])}" : "";
        Console.Error.WriteLine($"[{s.PromptTokens} prompt + {s.GeneratedTokens} generated tokens; prefill {s.PrefillSeconds * 1000:F0} ms, " +
                                $"decode {s.GeneratedTokens / Math.Max(s.DecodeSeconds, 1e-9):F1} tokens/s{finish}]");
    }

    private static string Describe(Completion c) => c.FinishReason == FinishReason.Length
        ? $"length, {c.TokenIds.Length} tokens"
        : $"stop{(c.StopString is { } s ? $" at \"{s}\"" : "")}, {c.TokenIds.Length} tokens";
}
