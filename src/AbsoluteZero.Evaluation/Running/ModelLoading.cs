using AbsoluteZero.Evaluation.Scoring;
using AbsoluteZero.Model;
using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Tokenization;
using AbsoluteZero.Tokenization.Chat;
using TorchSharp;
using static TorchSharp.torch;

namespace AbsoluteZero.Evaluation.Running;

/// <summary>Builds a <see cref="ModelCompletionSource"/> from a Hugging Face directory or the tiny preset.</summary>
public static class ModelLoading
{
    /// <summary>The model spec meaning "random tiny model + embedded tiny tokenizer".</summary>
    public const string TinyPreset = "preset:tiny";

    /// <summary>
    /// Loads <paramref name="spec"/> (a model directory or <see cref="TinyPreset"/>). <paramref name="style"/> null
    /// chooses Chat when the directory name says instruct/chat/it and the tokenizer has a chat template, else Base.
    /// </summary>
    public static (ModelCompletionSource Source, CausalLM Model) Load(string spec, Device device, ScalarType dtype, PromptStyle? style, long seed = 0)
    {
        if (spec == TinyPreset)
        {
            var tiny = HfTokenizer.LoadEmbeddedTiny();
            var model = CausalLM.CreateRandom(ModelConfig.Tiny(tiny.VocabSize), seed, dtype, device);
            return (new ModelCompletionSource(model, tiny, PlainFormatter.Instance, style ?? PromptStyle.Base, TinyPreset), model);
        }
        if (!Directory.Exists(spec)) throw new DirectoryNotFoundException($"model directory not found: {spec}");
        var tokenizer = HfTokenizer.Load(spec);
        var files = HfCheckpoint.Open(spec);
        var loaded = CausalLM.CreateEmpty(files.Config, dtype, device);
        try
        {
            using (files.Weights)
            using (no_grad())
            {
                foreach (var (name, parameter) in loaded.named_parameters())
                {
                    using var t = files.Weights.Load(name, dtype, device);
                    parameter.copy_(t);
                }
            }
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
        var chosen = style ?? (LooksInstruct(spec) && tokenizer.ChatTemplate is not null ? PromptStyle.Chat : PromptStyle.Base);
        var formatter = chosen == PromptStyle.Chat ? PromptFormat.For(tokenizer) : PlainFormatter.Instance;
        return (new ModelCompletionSource(loaded, tokenizer, formatter, chosen, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(spec)))), loaded);
    }

    private static bool LooksInstruct(string dir)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir))).ToLowerInvariant();
        return name.Contains("instruct", StringComparison.Ordinal) || name.Contains("chat", StringComparison.Ordinal) || name.EndsWith("-it", StringComparison.Ordinal);
    }
}
