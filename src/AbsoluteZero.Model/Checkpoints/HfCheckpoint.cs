using System.Text.Json;
using System.Text.Json.Nodes;
using AbsoluteZero.Core.IO;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Safetensors;
using TorchSharp;

namespace AbsoluteZero.Model.Checkpoints;

/// <summary>
/// Hugging Face model directories: <c>config.json</c>, <c>model.safetensors</c> (or shards plus
/// <c>model.safetensors.index.json</c>), <c>generation_config.json</c> and tokenizer files. Reads are lazy and checked
/// against the config; writes build the whole directory in a temporary sibling and rename it into place.
/// </summary>
public static class HfCheckpoint
{
    /// <summary>The config file name.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>The generation-defaults file name.</summary>
    public const string GenerationConfigFileName = "generation_config.json";

    /// <summary>Tokenizer files a model directory may carry, copied by <see cref="TokenizerFiles"/>.</summary>
    public static IReadOnlyList<string> TokenizerFileNames { get; } =
    [
        "tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt", "special_tokens_map.json",
        "added_tokens.json", "chat_template.jinja", "chat_template.json",
    ];

    /// <summary>The expected parameter names and shapes; see <see cref="HfParameterShapes.For"/>.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> ExpectedParameterShapes(ModelConfig config) => HfParameterShapes.For(config);

    /// <summary>Opens a model directory: reads config.json, opens the weights and checks them against it.</summary>
    public static HfModelFiles Open(string dir)
    {
        string full = FullDirectory(dir);
        var config = HfConfigReader.Read(Path.Combine(full, ConfigFileName));
        return new HfModelFiles(full, config, LoadWeights(full, config));
    }

    /// <summary>Opens the weights of a model directory (sharded index first, else <c>model.safetensors</c>) without checking them.</summary>
    public static ITensorReader LoadWeights(string dir)
    {
        string full = FullDirectory(dir);
        string index = Path.Combine(full, ShardedSafetensors.IndexFileName);
        if (File.Exists(index)) return ShardedSafetensors.Open(index);
        string single = Path.Combine(full, ShardedSafetensors.SingleFileName);
        if (File.Exists(single)) return SafetensorsFile.Open(single);
        string others = string.Join(", ", Directory.EnumerateFiles(full).Select(Path.GetFileName).Order().Take(20));
        throw new FileNotFoundException(
            $"{full}: no model weights: neither {ShardedSafetensors.IndexFileName} nor {ShardedSafetensors.SingleFileName} exists (found: {(others.Length == 0 ? "nothing" : others)})");
    }

    /// <summary>Opens the weights of a model directory and checks every expected parameter is present with its shape.</summary>
    public static ITensorReader LoadWeights(string dir, ModelConfig config)
    {
        var weights = LoadWeights(dir);
        try
        {
            CheckWeights(weights, config, FullDirectory(dir));
            return weights;
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Throws <see cref="InvalidDataException"/> listing missing parameters, unexpected names and wrong shapes when
    /// <paramref name="weights"/> do not hold exactly the parameters of <paramref name="config"/>.
    /// </summary>
    public static void CheckWeights(ITensorReader weights, ModelConfig config, string where)
    {
        var expected = HfParameterShapes.For(config);
        var expectedNames = expected.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(p => !weights.Contains(p.Name)).Select(p => p.Name).ToList();
        var wrong = expected.Where(p => weights.Contains(p.Name) && !weights.Shape(p.Name).SequenceEqual(p.Shape))
            .Select(p => $"{p.Name} {SafetensorsEntry.FormatShape(weights.Shape(p.Name))} (expected {SafetensorsEntry.FormatShape(p.Shape)})")
            .ToList();
        var unexpected = weights.Names.Where(n => !expectedNames.Contains(n) && !HfParameterShapes.IsIgnorable(config, n)).ToList();
        var nonFloat = expected.Where(p => weights.Contains(p.Name) && !IsFloat(weights.Entry(p.Name).ScalarType))
            .Select(p => $"{p.Name} ({weights.Entry(p.Name).Dtype})").ToList();
        if (missing.Count + wrong.Count + unexpected.Count + nonFloat.Count == 0) return;

        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"missing {missing.Count}: {Sample(missing)}");
        if (wrong.Count > 0) parts.Add($"wrong shape {wrong.Count}: {Sample(wrong)}");
        if (unexpected.Count > 0) parts.Add($"unexpected {unexpected.Count}: {Sample(unexpected)}");
        if (nonFloat.Count > 0) parts.Add($"not floating point {nonFloat.Count}: {Sample(nonFloat)}");
        throw new InvalidDataException(
            $"{where}: weights do not match the config ({config.HfArchitectureName}, {config.NumLayers} layers, hidden {config.HiddenSize}, " +
            $"tied embeddings {config.TieWordEmbeddings.ToString().ToLowerInvariant()}): {string.Join("; ", parts)}");
    }

    /// <summary>
    /// Saves a model directory: config.json, model.safetensors (or shards and an index above
    /// <see cref="HfSaveOptions.MaxShardBytes"/>), generation_config.json, then the extra files. Everything is written
    /// into a temporary sibling directory that replaces <paramref name="dir"/> only once complete. The weights must be
    /// exactly the parameters of <paramref name="config"/>; a tied <c>lm_head.weight</c> is dropped.
    /// </summary>
    public static void Save(string dir, ModelConfig config, IEnumerable<(string Name, torch.Tensor T)> weights, HfSaveOptions? options = null)
    {
        options ??= new HfSaveOptions();
        var list = weights.Where(p => !HfParameterShapes.IsIgnorable(config, p.Name)).ToList();
        CheckSaved(list, config);
        foreach (string extra in options.ExtraFiles)
        {
            if (!File.Exists(extra)) throw new FileNotFoundException($"extra file to save with the model not found: {extra}", extra);
            if (IsReservedName(Path.GetFileName(extra)))
                throw new ArgumentException($"extra file '{extra}' would overwrite the checkpoint's own {Path.GetFileName(extra)}", nameof(options));
        }

        var embed = list.First(p => p.Name == "model.embed_tokens.weight").T;
        string torchDtype = TorchDtypeName(options.Dtype ?? embed.dtype);
        AtomicFile.WriteDirectory(dir, temp =>
        {
            HfConfigWriter.Write(config, Path.Combine(temp, ConfigFileName), torchDtype);
            ShardedSafetensors.Write(temp, list, options.MaxShardBytes, new Dictionary<string, string> { ["format"] = "pt" }, "model", options.Dtype);
            WriteGenerationConfig(Path.Combine(temp, GenerationConfigFileName), config, options.EosTokenIds);
            foreach (string extra in options.ExtraFiles) File.Copy(extra, Path.Combine(temp, Path.GetFileName(extra)), overwrite: true);
            options.WriteExtra?.Invoke(temp);
        });
    }

    /// <summary>The tokenizer files (<see cref="TokenizerFileNames"/>) present in a model directory, for <see cref="HfSaveOptions.ExtraFiles"/>.</summary>
    public static IReadOnlyList<string> TokenizerFiles(string modelDir) =>
        TokenizerFileNames.Select(n => Path.Combine(FullDirectory(modelDir), n)).Where(File.Exists).ToList();

    /// <summary>The transformers <c>torch_dtype</c> name of a TorchSharp floating-point type.</summary>
    public static string TorchDtypeName(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => "float32",
        torch.ScalarType.BFloat16 => "bfloat16",
        torch.ScalarType.Float16 => "float16",
        torch.ScalarType.Float64 => "float64",
        _ => throw new ArgumentException($"{type} is not a floating-point dtype a model can be saved in", nameof(type)),
    };

    private static void CheckSaved(List<(string Name, torch.Tensor T)> list, ModelConfig config)
    {
        var expected = HfParameterShapes.For(config).ToDictionary(p => p.Name, p => p.Shape, StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, t) in list)
        {
            if (!given.Add(name)) problems.Add($"'{name}' given twice");
            else if (!expected.TryGetValue(name, out var shape)) problems.Add($"unexpected '{name}'");
            else if (!t.shape.SequenceEqual(shape))
                problems.Add($"'{name}' has shape {SafetensorsEntry.FormatShape(t.shape)}, expected {SafetensorsEntry.FormatShape(shape)}");
            else if (!torch.is_floating_point(t)) problems.Add($"'{name}' is {t.dtype}, not floating point");
        }
        var missing = expected.Keys.Where(n => !given.Contains(n)).ToList();
        if (missing.Count > 0) problems.Add($"missing {missing.Count}: {Sample(missing)}");
        if (problems.Count > 0)
            throw new ArgumentException($"weights to save do not match the config ({config.HfArchitectureName}): {Sample(problems)}", nameof(list));
    }

    private static void WriteGenerationConfig(string path, ModelConfig config, IReadOnlyList<int>? eosIds)
    {
        JsonNode? eos = eosIds is { Count: > 1 } ? new JsonArray(eosIds.Select(i => (JsonNode?)i).ToArray())
            : eosIds is { Count: 1 } ? eosIds[0] : config.EosTokenId;
        var node = new JsonObject { ["bos_token_id"] = config.BosTokenId, ["eos_token_id"] = eos };
        AtomicFile.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static bool IsReservedName(string name) =>
        name is ConfigFileName or GenerationConfigFileName or ShardedSafetensors.IndexFileName || name.EndsWith(".safetensors", StringComparison.Ordinal);

    private static bool IsFloat(torch.ScalarType t) =>
        t is torch.ScalarType.Float32 or torch.ScalarType.BFloat16 or torch.ScalarType.Float16 or torch.ScalarType.Float64;

    private static string Sample(IReadOnlyList<string> items) =>
        string.Join(", ", items.Take(8)) + (items.Count > 8 ? $", ... ({items.Count - 8} more)" : "");

    private static string FullDirectory(string dir)
    {
        string full = Path.GetFullPath(dir);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"model directory not found: {full}");
        return full;
    }
}
