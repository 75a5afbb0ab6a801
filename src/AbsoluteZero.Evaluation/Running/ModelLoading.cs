using AbsoluteZero.Evaluation.Scoring;
using AbsoluteZero.Model;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Tokenization;
using AbsoluteZero.Tokenization.Chat;
using TorchSharp;
using static TorchSharp.torch;

namespace AbsoluteZero.Evaluation.Running;

/// <summary>Builds a <see cref="ModelCompletionSource"/> from a Hugging Face directory or the tiny preset.</summary>
public static class ModelLoading
{
    /// <summary>The model spec meaning "random tiny model + embedded tiny tokenizer" (also <c>preset:qwen2.5-0.5b</c> etc.: a random model of that shape).</summary>
    public const string TinyPreset = "preset:tiny";

    /// <summary>
    /// Loads <paramref name="spec"/> (a model directory or <see cref="TinyPreset"/>). <paramref name="style"/> null
    /// chooses Chat when the directory name says instruct/chat/it and the tokenizer has a chat template, else Base.
    /// </summary>
    public static (ModelCompletionSource Source, CausalLM Model) Load(string spec, Device device, ScalarType dtype, PromptStyle? style, long seed = 0)
    {
        if (spec.StartsWith("preset:", StringComparison.Ordinal))
        {
            // A random model of a named shape with the embedded tiny tokenizer: for plumbing tests and throughput
            // measurements. Larger vocabularies than the tokenizer's are decoded modulo its size (the text of a
            // random model is noise either way; the compute is that of the real shape).
            var tiny = HfTokenizer.LoadEmbeddedTiny();
            var shape = spec["preset:".Length..];
            ModelConfig config;
            try
            {
                config = shape == "tiny" ? ModelConfig.Tiny(tiny.VocabSize) : ModelConfig.FromShapeName(shape);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"--model {spec}: {e.Message.Split(" (Parameter")[0]}");
            }
            var model = CausalLM.CreateRandom(config, seed, dtype, device);
            int vocab = tiny.VocabSize;
            Func<int[], int[]>? map = config.VocabSize > vocab ? ids => [.. ids.Select(i => i % vocab)] : null;
            return (new ModelCompletionSource(model, tiny, PlainFormatter.Instance, style ?? PromptStyle.Base, spec, idMap: map), model);
        }
        if (!Directory.Exists(spec)) throw new DirectoryNotFoundException($"model directory not found: {spec}");
        var tokenizer = HfTokenizer.Load(spec);
        var loaded = CausalLM.Load(spec, dtype, device);
        var chosen = style ?? (LooksInstruct(spec) && tokenizer.ChatTemplate is not null ? PromptStyle.Chat : PromptStyle.Base);
        var formatter = chosen == PromptStyle.Chat ? PromptFormat.For(tokenizer) : PlainFormatter.Instance;
        return (new ModelCompletionSource(loaded, tokenizer, formatter, chosen, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(spec)))), loaded);
    }

    /// <summary>Whether a model folder or name looks like an instruct/chat model (<c>*instruct*</c>, <c>*chat*</c>, <c>*-it</c>).</summary>
    public static bool LooksInstruct(string dir)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)).ToLowerInvariant();
        return name.Contains("instruct", StringComparison.Ordinal) || name.Contains("chat", StringComparison.Ordinal) || name.EndsWith("-it", StringComparison.Ordinal);
    }
}
